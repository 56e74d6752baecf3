import { rmSync } from 'fs';

/** Removes the build directory global-setup.ts created (never one given from outside). */
export default function globalTeardown(): void {
  const dir = (globalThis as { createdBuildDir?: string }).createdBuildDir;
  if (dir) rmSync(dir, { recursive: true, force: true });
}
