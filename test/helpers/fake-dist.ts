import { execFileSync } from 'child_process';
import { mkdirSync, writeFileSync } from 'fs';
import { join } from 'path';

/**
 * Writes a minimal, installable wheel (pure Python inside, platform tags in the
 * name) so tests can install "built" wheels without maturin.
 */
export function writeWheel(dir: string, file: string, moduleSource: string): void {
  mkdirSync(dir, { recursive: true });
  const [name, version, python, abi, platform] = file.replace(/\.whl$/, '').split('-');
  const script = `
import sys, zipfile
path, name, version, tag, source = sys.argv[1:]
info = f"{name}-{version}.dist-info"
files = {
  f"{name}/__init__.py": source,
  f"{info}/METADATA": f"Metadata-Version: 2.1\\nName: {name}\\nVersion: {version}\\n",
  f"{info}/WHEEL": f"Wheel-Version: 1.0\\nGenerator: test\\nRoot-Is-Purelib: false\\nTag: {tag}\\n",
}
with zipfile.ZipFile(path, "w") as z:
  for n, c in files.items(): z.writestr(n, c)
  z.writestr(f"{info}/RECORD", "".join(f"{n},,\\n" for n in files) + f"{info}/RECORD,,\\n")
`;
  execFileSync('python3', ['-c', script, join(dir, file), name, version, `${python}-${abi}-${platform}`, moduleSource]);
}

/** Writes a file with the given text (an sdist stand-in, a stray file). */
export function writeText(dir: string, file: string, text: string): void {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, file), text);
}
