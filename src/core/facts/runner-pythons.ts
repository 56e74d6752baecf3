import { FactSource } from './types';

/**
 * The CPython versions GitHub's runner images preinstall: the `toolcache` entries of each image's
 * toolset file, and the system Python of the Ubuntu images (their README's "Language and Runtime"
 * list; Ubuntu's tool cache is not on PATH). maturin finds the macOS and Windows ones: they are
 * installed by actions/python-versions (7ecd5646f5754416c84a566afefc50324526a3d9, read 2026-12-07)
 * with python.org's installers, on macOS the .pkg with its default choices
 * (`installers/macos-pkg-setup-template.sh`, `config/macos-pkg-choices-default.xml` changes none;
 * its command-line tools put `python3.X` in /usr/local/bin), on Windows with `InstallAllUsers=1`
 * (`installers/win-setup-template.ps1`; registered, so `py --list-paths` lists them).
 */
export const RUNNER_PYTHONS_SOURCE: FactSource = {
  repository: 'actions/runner-images',
  commit: '749514466b4f51b7dc8d9f1cda62257dcf13d183',
  path: 'images/macos/toolsets/toolset-{14,15,26}.json, images/windows/toolsets/toolset-{2022,2025,win-11-arm64}.json, images/ubuntu/Ubuntu{2204,2404}-Readme.md',
  read: '2026-12-07',
};

/** Per runner image (the runner-images README's image name, facts/runner-images.ts) and architecture: CPython minors. */
export const RUNNER_IMAGE_PYTHONS: Readonly<Record<string, Readonly<Partial<Record<'x64' | 'x86' | 'arm64', readonly number[]>>>>> = {
  'macOS 14': { x64: [10, 11, 12, 13, 14] },
  'macOS 14 Arm64': { arm64: [11, 12, 13, 14] },
  'macOS 15': { x64: [10, 11, 12, 13, 14] },
  'macOS 15 Arm64': { arm64: [11, 12, 13, 14] },
  'macOS 26': { x64: [11, 12, 13, 14] },
  'macOS 26 Arm64': { arm64: [11, 12, 13, 14] },
  'Windows Server 2025': { x64: [10, 11, 12, 13, 14] },
  'Windows Server 2022': { x64: [10, 11, 12, 13, 14], x86: [10, 11, 12, 13] },
  'Windows 11 Arm64': { arm64: [12, 13, 14] },
  // System Python: "Python 3.10.12" (Ubuntu 22.04), "Python 3.12.3" (Ubuntu 24.04).
  'Ubuntu 22.04': { x64: [10] },
  'Ubuntu 24.04': { x64: [12] },
};
