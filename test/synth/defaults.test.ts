import { readFileSync } from 'fs';
import { join } from 'path';
import { resolveConfig } from '../../src/synth/config';
import { DEFAULTS, PROJECT_DEFAULTS } from '../../src/synth/defaults';
import * as options from '../../src/synth/options';
import { DEFAULT_COST_ASSUMPTIONS } from '../../src/synth/plan/cost-model';

interface JsiiProperty { name: string; docs: { default?: string } }
interface JsiiType { kind: string; properties?: JsiiProperty[] }
const assembly: { types: Record<string, JsiiType> } = JSON.parse(readFileSync(join(__dirname, '..', '..', '.jsii'), 'utf8'));

/** Where each option interface's defaults are declared. */
const DECLARED: Record<string, Record<string, unknown>> = {
  MaturinReleaseCommonOptions: DEFAULTS,
  PublishingOptions: DEFAULTS.publishing,
  GitHubReleaseOptions: DEFAULTS.githubRelease,
  RunnerOptions: DEFAULTS.runners,
  TimeoutOptions: DEFAULTS.timeouts,
  TargetOptions: DEFAULTS.target,
  CostAssumptions: DEFAULT_COST_ASSUMPTIONS as unknown as Record<string, unknown>,
  MaturinProjectOptions: PROJECT_DEFAULTS,
};

const enums = options as unknown as Record<string, Record<string, string>>;

/** A documented `@default` as a value: JSON, `Enum.MEMBER`, or a list of `WheelPlatform` members. `undefined` for prose ("- …"). */
function documented(text: string): unknown {
  if (text.startsWith('-')) return undefined;
  const member = /^([A-Z]\w*)\.([A-Z_0-9]+)$/.exec(text);
  if (member) return enums[member[1]][member[2]];
  const platforms = /^\[((?:[A-Z0-9_]+(?:, )?)+)\]$/.exec(text);
  if (platforms) return platforms[1].split(', ').map((m) => options.WheelPlatform[m as keyof typeof options.WheelPlatform]);
  return JSON.parse(text);
}

/** Mismatches between what the docs say and what the code declares, for one interface. */
function mismatches(type: JsiiType, declared: Record<string, unknown>): string[] {
  const problems: string[] = [];
  for (const property of type.properties ?? []) {
    if (property.docs.default === undefined) continue;
    const value = documented(property.docs.default);
    if (value === undefined) continue;
    if (JSON.stringify(value) !== JSON.stringify(declared[property.name])) {
      problems.push(`${property.name}: documented ${property.docs.default}, declared ${JSON.stringify(declared[property.name])}`);
    }
  }
  return problems;
}

describe('every documented @default is the default the code applies', () => {
  test.each(Object.keys(DECLARED))('%s', (name) => {
    const type = assembly.types[`projen-maturin.${name}`];
    expect(type).toBeDefined();
    expect(mismatches(type, DECLARED[name])).toEqual([]);
  });

  test('every literal default declared in code is documented', () => {
    const documentedNames = (name: string) => new Set((assembly.types[`projen-maturin.${name}`].properties ?? [])
      .filter((p) => p.docs.default !== undefined && !p.docs.default.startsWith('-')).map((p) => p.name));
    for (const [name, declared] of Object.entries(DECLARED)) {
      const objects = new Set(['publishing', 'githubRelease', 'runners', 'timeouts', 'target']);
      const keys = Object.keys(declared).filter((k) => !(name === 'MaturinReleaseCommonOptions' && objects.has(k)));
      expect([name, keys.filter((k) => !documentedNames(name).has(k))]).toEqual([name, []]);
    }
  });

  test('the check can fail: a wrong documented default is reported', () => {
    const type: JsiiType = { kind: 'interface', properties: [{ name: 'sdist', docs: { default: 'false' } }, { name: 'manylinux', docs: { default: '"2_28"' } }] };
    expect(mismatches(type, DEFAULTS)).toEqual(['sdist: documented false, declared true', 'manylinux: documented "2_28", declared "auto"']);
  });

  test('resolving no options applies the declared defaults', () => {
    const config = resolveConfig({ packageName: 'dioxide' });
    expect(config.pythonVersions).toEqual(DEFAULTS.pythonVersions);
    expect(config.platforms).toEqual(DEFAULTS.platforms);
    expect(config.timeouts).toEqual(DEFAULTS.timeouts);
    expect(config.publishing).toEqual(DEFAULTS.publishing);
    expect(config.githubRelease).toEqual(DEFAULTS.githubRelease);
    expect(config.costAssumptions).toEqual(DEFAULT_COST_ASSUMPTIONS);
    expect(config.maturinVersion).toBe(DEFAULTS.maturinVersion);
    expect(config.runners.utility).toBe(DEFAULTS.runners.utility);
  });
});
