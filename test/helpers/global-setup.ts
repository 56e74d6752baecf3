import { mkdtempSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';

/**
 * One directory for the real maturin builds of a test run (its cargo target
 * directory, CARGO_HOME and interpreter links: see toolchain.ts), so the cases
 * and test files compile pyo3 once per interpreter rather than once each. The
 * test workers inherit the variable; global-teardown.ts removes the directory.
 */
export default function globalSetup(): void {
  if (process.env.PROJEN_MATURIN_TEST_BUILD_DIR) return;
  const dir = mkdtempSync(join(tmpdir(), 'projen-maturin-real-builds-'));
  process.env.PROJEN_MATURIN_TEST_BUILD_DIR = dir;
  (globalThis as { createdBuildDir?: string }).createdBuildDir = dir;
}
