import { rmSync } from 'fs';

/** Removes the cargo target directory global-setup.ts created (never one given from outside). */
export default function globalTeardown(): void {
  const dir = (globalThis as { createdCargoTargetDir?: string }).createdCargoTargetDir;
  if (dir) rmSync(dir, { recursive: true, force: true });
}
