import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { dirname, join } from 'path';
import { Project } from 'projen';
import { parse } from 'yaml';
import { MaturinRelease, MaturinReleaseOptions } from '../../src';

export interface FixtureRepo {
  readonly dir: string;
  readonly workflow: any;
  write(file: string, content: string): void;
}

export const CHANGELOG = `# Changelog

## [Unreleased]

## [1.0.0] - 2026-02-01

### Added
- Stable API

## [1.0.0-rc.1] - 2026-01-20

- Release candidate

## [0.1.0-beta.2] - 2025-12-01

- Beta

## [0.0.1-alpha] - 2025-01-26

### Added
- Initial alpha release

[Unreleased]: https://example.com/compare/v1.0.0...HEAD
`;

/** An existing maturin repository in a temp dir that adopts MaturinRelease (its own pyproject, Cargo.toml and CHANGELOG). */
export function fixtureRepo(options: Partial<MaturinReleaseOptions> = {}, cargoVersion = '1.0.0', files: Record<string, string> = {}): FixtureRepo {
  const dir = mkdtempSync(join(tmpdir(), 'maturin-repo-'));
  const write = (file: string, content: string) => {
    mkdirSync(dirname(join(dir, file)), { recursive: true });
    writeFileSync(join(dir, file), content);
  };
  write('Cargo.toml', `[package]\nname = "dioxide"\nversion = "${cargoVersion}"\nedition = "2021"\n\n[lib]\ncrate-type = ["cdylib"]\n\n[dependencies]\npyo3 = "0.27"\n`);
  write('pyproject.toml', '[build-system]\nrequires = ["maturin>=1.7,<2"]\nbuild-backend = "maturin"\n\n[project]\nname = "dioxide"\ndynamic = ["version"]\n');
  write('CHANGELOG.md', CHANGELOG);
  for (const [file, content] of Object.entries(files)) write(file, content);
  const project = new Project({ name: 'dioxide', outdir: dir });
  const release = new MaturinRelease(project, { packageName: 'dioxide', ...options });
  project.synth();
  return { dir, workflow: parse(readFileSync(join(dir, release.workflowPath), 'utf8')), write };
}
