import { execFileSync } from 'child_process';
import { mkdirSync, writeFileSync } from 'fs';
import { join } from 'path';

/** What to change in a generated wheel, to make a variant a check must refuse (or accept). */
export interface WheelOptions {
  /** Replaces METADATA. */
  readonly metadata?: string;
  /** Replaces WHEEL. */
  readonly wheel?: string;
  /** More files: path in the archive → content. */
  readonly files?: Record<string, string>;
  /** Paths RECORD leaves out. */
  readonly unlisted?: string[];
  /** Paths whose RECORD hash is of other bytes. */
  readonly wrongHash?: string[];
}

/** The METADATA a maturin build writes for a small package (description from README.md). */
export function defaultMetadata(name: string, version: string): string {
  return `Metadata-Version: 2.4\nName: ${name}\nVersion: ${version}\nSummary: A test package\n` +
    `Requires-Python: >=3.9\nDescription-Content-Type: text/markdown; charset=UTF-8; variant=GFM\n\n# ${name}\n\nA test package.\n`;
}

// Written by Python's zipfile, with RECORD hashed the way the wheel spec says (urlsafe base64
// sha256 without padding, and sizes), so the checks are measured against an independent writer.
const WHEEL_WRITER = `
import base64, hashlib, json, sys, zipfile
spec = json.load(sys.stdin)
info = spec["distInfo"]
files = dict(spec["files"])
def digest(data):
    return "sha256=" + base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
rows = []
for name, content in files.items():
    if name in spec["unlisted"]:
        continue
    data = content.encode()
    if name in spec["wrongHash"]:
        data = data + b"tampered"
    rows.append(f"{name},{digest(data)},{len(content.encode())}")
rows.append(f"{info}/RECORD,,")
files[f"{info}/RECORD"] = "\\n".join(rows) + "\\n"
with zipfile.ZipFile(spec["path"], "w", zipfile.ZIP_DEFLATED) as z:
    for name, content in files.items():
        z.writestr(name, content)
`;

/**
 * Writes a wheel as a build tool would: the package, METADATA, WHEEL with every tag of the
 * file name's compressed tag set, and a RECORD with sha256 and size of every file.
 */
export function writeWheel(dir: string, file: string, moduleSource: string, options: WheelOptions = {}): string {
  mkdirSync(dir, { recursive: true });
  const parts = file.replace(/\.whl$/, '').split('-');
  const [name, version] = parts;
  const [python, abi, platform] = parts.slice(-3).map((set) => set.split('.'));
  const tags = python.flatMap((p) => abi.flatMap((a) => platform.map((t) => `Tag: ${p}-${a}-${t}\n`)));
  const distInfo = `${name}-${version}.dist-info`;
  const files: Record<string, string> = {
    [`${name}/__init__.py`]: moduleSource,
    ...options.files,
    [`${distInfo}/METADATA`]: options.metadata ?? defaultMetadata(name, version),
    [`${distInfo}/WHEEL`]: options.wheel ?? `Wheel-Version: 1.0\nGenerator: test\nRoot-Is-Purelib: false\n${tags.join('')}`,
  };
  const path = join(dir, file);
  const spec = { path, distInfo, files: Object.entries(files), unlisted: options.unlisted ?? [], wrongHash: options.wrongHash ?? [] };
  execFileSync('python3', ['-c', WHEEL_WRITER], { input: JSON.stringify(spec) });
  return path;
}

/** What to change in a generated sdist. */
export interface SdistOptions {
  /** Replaces PKG-INFO; null leaves it out. */
  readonly pkgInfo?: string | null;
  /** The top-level directory (default: the file name without .tar.gz). */
  readonly root?: string;
  /** More members: path (below the root) → content. */
  readonly files?: Record<string, string>;
}

const SDIST_WRITER = `
import io, json, sys, tarfile
spec = json.load(sys.stdin)
with tarfile.open(spec["path"], "w:gz", format=tarfile.PAX_FORMAT) as tar:
    for name, content in spec["files"]:
        data = content.encode()
        member = tarfile.TarInfo(name)
        member.size = len(data)
        tar.addfile(member, io.BytesIO(data))
`;

/** Writes an sdist as maturin does: `{name}-{version}/` with PKG-INFO, pyproject.toml and sources. */
export function writeSdist(dir: string, file: string, options: SdistOptions = {}): string {
  mkdirSync(dir, { recursive: true });
  const stem = file.replace(/\.tar\.gz$/, '');
  const at = stem.lastIndexOf('-');
  const root = options.root ?? stem;
  const files: Record<string, string> = {
    'pyproject.toml': `[project]\nname = "${stem.slice(0, at)}"\n`,
    'src/lib.rs': '',
    ...options.files,
  };
  const pkgInfo = options.pkgInfo === undefined ? defaultMetadata(stem.slice(0, at), stem.slice(at + 1)) : options.pkgInfo;
  if (pkgInfo !== null) files['PKG-INFO'] = pkgInfo;
  const path = join(dir, file);
  const members = Object.entries(files).map(([name, content]) => [`${root}/${name}`, content]);
  execFileSync('python3', ['-c', SDIST_WRITER], { input: JSON.stringify({ path, files: members }) });
  return path;
}

/** Writes a file with the given text (a stray file, bytes that are no archive). */
export function writeText(dir: string, file: string, text: string): void {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, file), text);
}
