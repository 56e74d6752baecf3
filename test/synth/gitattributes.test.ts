import { execFileSync } from 'child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { Project } from 'projen';
import { MaturinRelease } from '../../src';

const git = (dir: string, ...args: string[]) => execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', ...args], { cwd: dir, encoding: 'utf8' });

/** nh3's shape: a Sphinx docs/make.bat kept with CRLF line endings on purpose, committed before adopting. */
function repoWithCrlfFile(): string {
  const dir = mkdtempSync(join(tmpdir(), 'crlf-'));
  writeFileSync(join(dir, 'Cargo.toml'), '[package]\nname = "nh3"\nversion = "0.3.6"\nedition = "2021"\n\n[lib]\ncrate-type = ["cdylib"]\n\n[dependencies]\npyo3 = "0.27"\n');
  writeFileSync(join(dir, 'pyproject.toml'), '[build-system]\nrequires = ["maturin>=1.7,<2"]\nbuild-backend = "maturin"\n\n[project]\nname = "nh3"\ndynamic = ["version"]\n');
  writeFileSync(join(dir, 'CHANGELOG.md'), '# Changelog\n\n## [Unreleased]\n\n## [0.3.6] - 2026-06-30\n\n- Fixes\n');
  mkdirSync(join(dir, 'docs'));
  writeFileSync(join(dir, 'docs', 'make.bat'), '@ECHO OFF\r\npushd %~dp0\r\n');
  writeFileSync(join(dir, 'docs', 'conf.py'), 'project = "nh3"\n');
  git(dir, 'init', '-q');
  git(dir, 'add', '-A');
  git(dir, 'commit', '-qm', 'own files');
  return dir;
}

function adopt(dir: string): void {
  const project = new Project({ name: 'nh3', outdir: dir });
  new MaturinRelease(project, { packageName: 'nh3' });
  project.synth();
}

describe('.gitattributes and files a repository keeps with CRLF line endings', () => {
  test('a committed CRLF file is left as it is: git never converts it, not even on renormalize', () => {
    const dir = repoWithCrlfFile();
    adopt(dir);
    const attributes = readFileSync(join(dir, '.gitattributes'), 'utf8').split('\n');
    expect(attributes).toContain('/docs/make.bat -text');
    // The LF file is no exception.
    expect(attributes.filter((l) => l.includes('conf.py'))).toEqual([]);
    git(dir, 'add', '-A');
    git(dir, 'add', '--renormalize', '.');
    expect(git(dir, 'ls-files', '--eol', 'docs/make.bat')).toMatch(/^i\/crlf\s/);
    expect(execFileSync('git', ['show', ':docs/make.bat'], { cwd: dir }).toString()).toBe('@ECHO OFF\r\npushd %~dp0\r\n');
  });

  test('outside a git repository nothing is added', () => {
    const dir = mkdtempSync(join(tmpdir(), 'no-git-'));
    writeFileSync(join(dir, 'Cargo.toml'), '[package]\nname = "nh3"\nversion = "0.3.6"\nedition = "2021"\n\n[lib]\ncrate-type = ["cdylib"]\n\n[dependencies]\npyo3 = "0.27"\n');
    adopt(dir);
    expect(readFileSync(join(dir, '.gitattributes'), 'utf8')).not.toContain('-text');
  });
});
