import { mkdtempSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';

/**
 * One cargo target directory for every real maturin build of a test run, so
 * the cases (and test files) compile pyo3 once rather than once each. The test
 * workers inherit the variable; global-teardown.ts removes the directory.
 */
export default function globalSetup(): void {
  if (process.env.PROJEN_MATURIN_TEST_CARGO_TARGET_DIR) return;
  const dir = mkdtempSync(join(tmpdir(), 'projen-maturin-cargo-target-'));
  process.env.PROJEN_MATURIN_TEST_CARGO_TARGET_DIR = dir;
  (globalThis as { createdCargoTargetDir?: string }).createdCargoTargetDir = dir;
}
