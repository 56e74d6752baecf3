import { readFileSync } from 'fs';
import { join } from 'path';
import {
  EXCERPTS_DIR, FACTS_DIR, README, parseMaturinAction, parseRunnerImages, parseRunnerPrices,
  renderSnapshot, renderSupportTable, renderValue, withSupportTable,
} from '../../scripts/facts-refresh';
import { MATURIN_ACTION } from '../../src/core/facts/maturin-action';
import { RUNNER_IMAGES } from '../../src/core/facts/runner-images';
import { RUNNER_PRICES } from '../../src/core/facts/runner-prices';

const excerpt = (name: string) => readFileSync(join(EXCERPTS_DIR, name), 'utf8');

describe('npm run facts:refresh reads the sources as vendored', () => {
  test('maturin-action src/index.ts: the snapshot is what the excerpt says', () => {
    const { source, ...tables } = MATURIN_ACTION;
    expect(parseMaturinAction(excerpt('maturin-action-index.ts.txt'))).toEqual(tables);
    expect(source).toMatchObject({ repository: 'PyO3/maturin-action', commit: 'e83996d129638aa358a18fbd1dfb82f0b0fb5d3b', version: 'v1.51.0', path: 'src/index.ts' });
  });
  test('maturin-action: no image for armv7 at 2_34 or x86_64 at 2_31 on x64; riscv64 from 2_31', () => {
    const x64 = MATURIN_ACTION.defaultContainers.x64;
    expect(x64['armv7-unknown-linux-gnueabihf']['2_34']).toBeUndefined();
    expect(x64['x86_64-unknown-linux-gnu']['2_31']).toBeUndefined();
    expect(Object.keys(x64['riscv64gc-unknown-linux-gnu'])).toEqual(['auto', '2_31', '2_39']);
  });
  test('runner-images README: labels with their architecture', () => {
    const labels = parseRunnerImages(excerpt('runner-images-readme.md'));
    expect(labels).toEqual(RUNNER_IMAGES.labels);
    expect(labels.find((l) => l.label === 'windows-11-vs2026-arm')).toEqual({
      label: 'windows-11-vs2026-arm', os: 'windows', arch: 'arm64', image: 'Windows 11 Arm64 with Visual Studio 2026', status: 'ga', larger: false,
    });
    expect(labels.find((l) => l.label === 'macos-14')?.status).toBe('deprecated');
  });
  test('standard runner prices', () => {
    expect(parseRunnerPrices(excerpt('actions-standard-runner-prices.md'))).toEqual(RUNNER_PRICES.prices);
  });
  test('a changed table is refused, not misread', () => {
    expect(() => parseRunnerImages('## Available Images\n| Image | Arch | Label |\n| --- | --- | --- |\n### Label scheme')).toThrow('runner-images README table columns changed');
    expect(() => parseMaturinAction('const DEFAULT_TARGET = {}')).toThrow(/^maturin-action's src\/index.ts has no const \w+: update scripts\/facts-refresh.ts$/);
    expect(() => parseRunnerPrices('| a | b | c |\n| - | - | - |\n| Linux | actions_linux | 6 cents |')).toThrow('runner prices: unexpected row');
  });
  test('the snapshot files are exactly what the script writes', () => {
    const written = readFileSync(join(FACTS_DIR, 'runner-prices.ts'), 'utf8');
    expect(written).toBe(renderSnapshot(
      'Per-minute prices of GitHub\'s standard hosted runners (private repositories; public ones use them free).',
      'RUNNER_PRICES', 'RunnerPricesFacts', 'import { RunnerPricesFacts } from \'./types\';', RUNNER_PRICES));
    expect(renderValue({ 'a': 1, 'b-c': ['x', 'y'] })).toBe('{\n  \'a\': 1,\n  \'b-c\': [\'x\', \'y\'],\n}');
    expect(renderValue({ a: 'it\'s', b: 2 })).toBe('{ a: \'it\\\'s\', b: 2 }');
  });
});

describe('the README\'s support table is the facts\'', () => {
  test('README.md has the table the snapshots give (run "npm run facts:refresh" after changing them)', () => {
    const readme = readFileSync(README, 'utf8');
    expect(withSupportTable(readme, renderSupportTable())).toBe(readme);
  });
  test('a README that disagrees is caught: riscv64 said to build at 2_34', () => {
    const readme = readFileSync(README, 'utf8');
    const wrong = readme.replace('| `linux-riscv64` | `ubuntu-24.04` (x64) | `auto`, `2_31` |', '| `linux-riscv64` | `ubuntu-24.04` (x64) | `auto`, `2_31`, `2_34` |');
    expect(wrong).not.toBe(readme);
    expect(withSupportTable(wrong, renderSupportTable())).not.toBe(wrong);
  });
});
