import { FactSource } from './types';

/**
 * maturin-action with `--zig` in `args`: on a target zig supports (every target but s390x) it
 * builds on the runner itself, without a container, unless `container: on` (`innerMain` in
 * src/index.ts); elsewhere it drops `--zig`. On the runner, maturin finds the runner's Pythons,
 * and cross-compiles (bundled configurations) for any target that is not the runner's own.
 */
export const MATURIN_ACTION_ZIG_SOURCE: FactSource = {
  repository: 'PyO3/maturin-action',
  commit: 'e83996d129638aa358a18fbd1dfb82f0b0fb5d3b',
  version: 'v1.51.0',
  path: 'src/index.ts',
  read: '2026-12-07',
};

/** Rust target prefixes `hasZigSupport` refuses. */
export const ZIG_UNSUPPORTED_TARGET_PREFIXES: readonly string[] = ['s390x'];
