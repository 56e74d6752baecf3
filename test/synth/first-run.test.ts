import { mkdtempSync, readFileSync, unlinkSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { Project } from 'projen';
import { MaturinRelease, MaturinReleaseOptions, ReleaseNotes } from '../../src';

/** An existing maturin repository (nh3's shape), with its own .gitignore when one is given. */
function existing(gitignore?: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'first-run-'));
  writeFileSync(join(dir, 'Cargo.toml'), '[package]\nname = "nh3"\nversion = "0.3.6"\nedition = "2021"\n\n[lib]\ncrate-type = ["cdylib"]\n\n[dependencies]\npyo3 = "0.27"\n');
  writeFileSync(join(dir, 'pyproject.toml'), '[build-system]\nrequires = ["maturin>=1.7,<2"]\nbuild-backend = "maturin"\n\n[project]\nname = "nh3"\nreadme = "README.md"\ndynamic = ["version"]\n');
  writeFileSync(join(dir, 'CHANGELOG.md'), '# Changelog\n\n## [Unreleased]\n\n## [0.3.6] - 2026-06-30\n\n- Fixes\n');
  if (gitignore !== undefined) writeFileSync(join(dir, '.gitignore'), gitignore);
  return dir;
}

/** `npx projen` in `dir`: what it logged. */
type Logged = { info: string[]; warn: string[] };
function synth(dir: string, configure?: (project: Project) => void, options: Partial<MaturinReleaseOptions> = {}): Logged {
  const project = new Project({ name: 'nh3', outdir: dir });
  new MaturinRelease(project, { packageName: 'nh3', ...options });
  configure?.(project);
  const info = jest.spyOn(project.logger, 'info').mockImplementation(() => undefined);
  const warn = jest.spyOn(project.logger, 'warn').mockImplementation(() => undefined);
  project.synth();
  return { info: info.mock.calls.map((c) => String(c[0])), warn: warn.mock.calls.map((c) => String(c[0])) };
}

const gitignoreLines = (dir: string) => readFileSync(join(dir, '.gitignore'), 'utf8').split('\n');

describe("the repository's own .gitignore on the first synthesis", () => {
  const OWN = '/target\r\n\r\n# C extensions\r\n*.so\r\n__pycache__/\r\n!keep.so\r\n';

  test('its entries are carried over into the generated .gitignore, and the message says how to keep them', () => {
    const dir = existing(OWN);
    const { warn } = synth(dir);
    expect(gitignoreLines(dir)).toEqual(expect.arrayContaining(['/target', '*.so', '__pycache__/', '!keep.so', 'node_modules/']));
    expect(warn).toEqual(['MaturinRelease: .gitignore was the repository\'s own, and projen writes it from now on: its 4 entries are kept in it this time, ' +
      'but the next "npx projen" drops what .projenrc.ts does not add; ' +
      'fix: add them to .projenrc.ts: project.gitignore.addPatterns("/target", "*.so", "__pycache__/", "!keep.so");']);
  });

  test('the next synthesis names the entries it drops; once .projenrc.ts adds them, it is quiet', () => {
    const dir = existing(OWN);
    synth(dir);
    const dropped = synth(dir);
    expect(dropped.warn).toEqual(['MaturinRelease: .gitignore loses 4 entries of its last version that .projenrc.ts does not add; ' +
      'fix: if they are still wanted, add them to .projenrc.ts: project.gitignore.addPatterns("/target", "*.so", "__pycache__/", "!keep.so");']);
    expect(gitignoreLines(dir)).not.toContain('/target');
    const kept = existing(OWN);
    synth(kept);
    expect(synth(kept, (p) => p.gitignore.addPatterns('/target', '*.so', '__pycache__/', '!keep.so')).warn).toEqual([]);
    expect(gitignoreLines(kept)).toEqual(expect.arrayContaining(['/target', '*.so']));
  });

  test('a repository without a .gitignore: nothing to say about it', () => {
    expect(synth(existing()).warn).toEqual([]);
  });
});

describe('the first synthesis says what it wrote and what comes next', () => {
  test('the first run lists the files and the next steps; the second run is quiet', () => {
    const dir = existing();
    const first = synth(dir);
    expect(first.info).toEqual([[
      'MaturinRelease: wrote the release files:',
      '  .github/workflows/release.yml              the release workflow',
      '  .github/maturin-release/config.json        the release settings',
      '  .github/maturin-release/release-tools.cjs  the release tools',
      '  RELEASING.md                               the setup checklist',
      "  and projen's own .gitattributes, .gitignore, .projen/",
      'Next:',
      '  1. review them: git status; git diff',
      '  2. commit them: git add -- .github/workflows/release.yml .github/maturin-release/config.json .github/maturin-release/release-tools.cjs RELEASING.md ' +
        ".gitattributes .gitignore .projen/ && git commit -m 'Release with projen-maturin'",
      '  3. before the first release, work through RELEASING.md: the PyPI trusted publisher, the environments and the tag ruleset',
      '  4. release: npx projen release:prepare <version>, then npx projen release:preflight <tag> before pushing the tag',
    ].join('\n')]);
    expect(synth(dir).info).toEqual([]);
  });

  test('a changelog skeleton it creates is listed as the maintainers\' own', () => {
    const dir = existing();
    unlinkSync(join(dir, 'CHANGELOG.md'));
    expect(synth(dir, undefined, { releaseNotes: ReleaseNotes.CHANGELOG }).info[0]).toContain('\n  CHANGELOG.md                               the changelog skeleton (yours from now on)\n');
  });
});
