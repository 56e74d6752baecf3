import { spawnSync } from 'child_process';
import { existsSync } from 'fs';
import { join, posix } from 'path';
import { gt } from '@renovatebot/pep440';
import { PackageFacts, choosePackageDirectory, findChangelog, maturinPackages, readPackage } from './repository';
import {
  Miss, PLATFORM_ORDER, WheelSet, compareTags, WheelSetDifference, addWheel, buildInterpreters, difference, isPrerelease, placeBuild, runtimeArgs,
  wheelTag,
  whyNotBuildable,
} from './wheel-set';
import { BuildSite, PublishSite, WORKFLOW_DIR, readWorkflows } from './workflows';
import { hasSection } from '../../core/changelog';
import { ProjenMaturinError } from '../../core/errors';
import { readTextFile } from '../../core/files';
import { ABI3_MINORS } from '../../core/interpreters';
import { MANYLINUX_VALUES, MUSLLINUX_VALUES } from '../../core/linux-levels';
import { normalizePackageDirectory } from '../../core/package-layout';
import { parseTagPattern, versionFromTag } from '../../core/tag-pattern';
import { parseReleaseVersion, sameVersion } from '../../core/version';
import { readSourceVersion } from '../../core/version-source';

/**
 * The defaults of the options adopt writes, to leave out what equals them. A test
 * compares each with src/synth/defaults.ts (the CLI cannot import synthesis code).
 */
export const ADOPT_DEFAULTS = {
  pythonVersions: ['3.11', '3.12', '3.13'],
  platforms: ['linux-x86_64', 'linux-aarch64', 'macos-arm64', 'macos-x86_64', 'windows-x64'],
  manylinux: 'auto',
  musllinux: '1_2',
  tagPattern: 'v*.*.*',
  workflowName: 'release',
  changelogFile: 'CHANGELOG.md',
  pypiEnvironment: 'pypi',
  testPypiEnvironment: 'testpypi',
  pypiTokenSecret: 'PYPI_TOKEN',
  testPypiTokenSecret: 'TEST_PYPI_TOKEN',
  maturinVersion: '1.15.0',
  testSources: ['tests'],
} as const;

/** The manylinux and musllinux levels the options take. */
export const ADOPT_LEVELS = { manylinux: MANYLINUX_VALUES, musllinux: MUSLLINUX_VALUES } as const;

/** A value in the generated options: TypeScript code or an object of fields, with where it came from. */
type Value = { readonly code: string } | { readonly fields: Field[] };
interface Field {
  readonly name: string;
  readonly value: Value;
  readonly from?: string;
}

/** A string as TypeScript code: single-quoted, or JSON-quoted when it spans lines. */
const quoteTs = (s: string) => (/[\n\r]/.test(s) ? JSON.stringify(s) : `'${s.replace(/\\/g, '\\\\').replace(/'/g, '\\\'')}'`);
const code = (value: unknown): Value => ({ code: typeof value === 'string' ? quoteTs(value) : Array.isArray(value) ? `[${value.map((v) => code(v) as { code: string }).map((c) => c.code).join(', ')}]` : String(value) });
const enumValue = (type: string, value: string): Value => ({ code: `${type}.${value.toUpperCase().replace(/-/g, '_')}` });
const sameList = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((v, i) => v === b[i]);

/** maturin arguments the generated workflow sets itself (or publishing options): switches, and options with a value. */
const HANDLED_SWITCHES = ['--release', '-r', '--find-interpreter', '--sdist', '--universal2', '--skip-existing', '--non-interactive', '--no-sdist'];
const HANDLED_WITH_VALUE = ['--out', '-o', '--target', '-m', '--manifest-path', '-u', '--username', '-p', '--password', '--repository', '--repository-url'];

/** One word bash reads back unchanged: what synthesis takes in `maturinArgs` (src/synth/config.ts). */
const MATURIN_ARG = /^[A-Za-z0-9_./:@%+,-][A-Za-z0-9_./=:@%+,-]*$/;

/** The arguments of a build adopt carries into `maturinArgs`: what the generated workflow does not set itself. */
export function carriedArgs(argv: readonly string[]): string[] {
  const rest: string[] = [];
  // Values computed in the run are unknown here: neither they nor their option are carried (adopt names them).
  const computed = runtimeArgs(argv).values.map(([, value]) => value);
  for (let i = 1; i < argv.length; i++) {
    const arg = argv[i];
    if (arg.includes('${{')) continue;
    if (computed.includes(argv[i + 1]) && !arg.includes('=')) {
      i++;
      continue;
    }
    const name = arg.includes('=') && arg.startsWith('--') ? arg.slice(0, arg.indexOf('=')) : arg;
    if (arg === '-i' || arg === '--interpreter') {
      while (i + 1 < argv.length && !argv[i + 1].startsWith('-')) i++;
    } else if (/^(-i|--interpreter)=|^-i\S/.test(arg)) {
      // An interpreter list: the wheel set, not an argument.
    } else if ((name === '--compatibility' || name === '--manylinux') && !/pypi/.test(arg.includes('=') ? arg : argv[i + 1] ?? '')) {
      // Levels (the release sets them): `--compatibility manylinux2014 musllinux_1_1` takes several.
      if (!arg.includes('=')) while (i + 1 < argv.length && !argv[i + 1].startsWith('-')) i++;
    } else if (HANDLED_WITH_VALUE.includes(name)) {
      if (!arg.includes('=')) i++;
    } else if (!HANDLED_SWITCHES.includes(name)) {
      rest.push(arg);
    }
  }
  return rest;
}

/**
 * Arguments as units: an option with its value (`--features jemalloc`) is one, joined by a
 * NUL that no argument holds; `splitUnit` takes a unit apart again.
 */
function argUnits(args: readonly string[]): string[] {
  const units: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const takesValue = /^-/.test(args[i]) && !args[i].includes('=') && i + 1 < args.length && !/^-/.test(args[i + 1]);
    units.push(takesValue ? `${args[i]}\0${args[++i]}` : args[i]);
  }
  return units;
}
const splitUnit = (unit: string) => unit.split('\0');

/** What `projen-maturin adopt` found and decided. */
export interface Adoption {
  /** The `.projenrc.ts` to write. */
  readonly projenrc: string;
  readonly packageName: string;
  readonly packageDirectory: string;
  readonly workflowName: string;
  /** Wheels per target the existing workflows publish. */
  readonly existing: WheelSet;
  /** Wheels per target the generated release publishes. */
  readonly adopted: WheelSet;
  readonly difference: WheelSetDifference;
  /** Why each missing wheel is missing. */
  readonly misses: Miss[];
  /** What was not carried over, and why (also the closing comment). */
  readonly leftOut: string[];
  /** Warnings for the maintainer (also in the closing comment). */
  readonly warnings: string[];
  /** How `--find-interpreter` was resolved, per target. */
  readonly resolutions: string[];
  readonly workflows: readonly string[];
}

/** The `git` tags of the repository (newest first), for the tag prefix releases use. */
function gitTags(root: string): string[] {
  const run = spawnSync('git', ['tag', '--list', '--sort=-creatordate'], { cwd: root, encoding: 'utf8' });
  return run.status === 0 ? run.stdout.split('\n').filter(Boolean) : [];
}

/**
 * The tag pattern for a workflow's `tags:` filters (`v*`, `v[0-9]+.[0-9]+.[0-9]+`), or why
 * none fits. `*` alone takes any tag: the repository's own tags tell the prefix it uses.
 */
function tagPatternFor(filters: readonly string[], tags: readonly string[]): { pattern?: string; why?: string } {
  for (const filter of filters) {
    let pattern = filter.replace(/\[0-9\]\+?|\\d\+?/g, '*').replace(/\*+/g, '*');
    if (pattern === '*') pattern = tags.length === 0 || tags.some((t) => /^v\d/.test(t)) ? ADOPT_DEFAULTS.tagPattern : '*';
    try {
      parseTagPattern(pattern);
      return { pattern };
    } catch {
      continue;
    }
  }
  return { why: `the tag filter ${filters.map((f) => `"${f}"`).join(', ')} is not a prefix followed by a version glob ("v*.*.*")` };
}

/** The package's version as its version source says, undefined when it cannot be read. */
function currentVersion(root: string, pkg: PackageFacts): string | undefined {
  try {
    return readSourceVersion(root, pkg.staticVersion ? 'pyproject' : 'cargo', pkg.directory);
  } catch {
    return undefined;
  }
}

/**
 * Why the release tags are the repository's rather than this package's, or undefined: the
 * newest tag of the pattern is a newer version than the package's own, which has no tag (a
 * multi-language repository such as apache/opendal, whose v0.58.2 releases Python 0.47.6).
 * A package is bumped before it is tagged, so its own tags are never ahead of it.
 */
function sharedTagEvidence(pattern: string, tags: readonly string[], version: string | undefined, versionFile: string): string | undefined {
  if (version === undefined) return undefined;
  const parsed = parseTagPattern(pattern);
  const own = (() => {
    try {
      return parseReleaseVersion(version);
    } catch {
      return undefined;
    }
  })();
  if (own === undefined) return undefined;
  const versions = tags.flatMap((tag) => {
    const raw = versionFromTag(parsed, tag);
    try {
      return raw === undefined ? [] : [{ tag, version: parseReleaseVersion(raw) }];
    } catch {
      return [];
    }
  });
  if (versions.length === 0 || versions.some((v) => sameVersion(v.version, own))) return undefined;
  const newest = versions[0];
  return gt(newest.version.pep440, own.pep440) ? `the tag ${newest.tag} is ahead of the package's version ${version} (${versionFile})` : undefined;
}

/** The tag pattern of the newest tag that is a prefix and a version (`v1.2.3`, `1.0.9`, `py-v0.4.0`). */
function patternOfTags(tags: readonly string[]): string | undefined {
  for (const tag of tags) {
    const prefix = /^(.*?)\d+\.\d+\.\d+/.exec(tag)?.[1];
    if (prefix === undefined) continue;
    try {
      parseTagPattern(`${prefix}*.*.*`);
      return `${prefix}*.*.*`;
    } catch {
      continue;
    }
  }
  return undefined;
}

/** Reads the repository at `root` and decides its configuration. */
export function adopt(root: string, packageOption?: string): Adoption {
  const wf = readWorkflows(root);
  const publishing = new Set(wf.publishes.map((p) => p.file));
  // Workflows that publish are the release; builds elsewhere (CI) publish nothing.
  const allBuilds = wf.builds.filter((b) => publishing.size === 0 || publishing.has(b.file) || !wf.files.some((f) => publishing.has(f)));
  const leftOut: string[] = [...wf.notes];
  // Distributions another tool builds in the release (pendulum's pure-Python wheel, a Pyodide wheel): named, not counted.
  for (const other of wf.otherBuilds.filter((o) => publishing.has(o.file))) {
    leftOut.push(`${other.where}: "${other.command}" builds distributions without maturin; the generated release does not build them (not in the wheel set below)`);
  }
  const warnings: string[] = [];
  const resolutions = new Set<string>();

  // The package each build builds: its `-m`/`--manifest-path` in its working directory, else the working directory.
  const packageOf = (b: BuildSite) => {
    const i = b.argv.findIndex((a) => a === '-m' || a === '--manifest-path');
    const manifest = i >= 0 ? b.argv[i + 1] : b.argv.find((a) => /^--manifest-path=/.test(a))?.slice('--manifest-path='.length);
    const base = b.workingDirectory ?? '.';
    const dir = manifest ? posix.join(base, posix.dirname(manifest)) : base;
    try {
      return normalizePackageDirectory(dir);
    } catch {
      return dir; // outside the repository (`${{ … }}`, an absolute path): no package of it
    }
  };
  const directory = choosePackageDirectory(root, packageOption, allBuilds.map(packageOf));
  // Builds of the repository's other maturin packages publish those, not this one.
  const others = maturinPackages(root).filter((d) => d !== directory);
  const builds = allBuilds.filter((b) => !others.includes(packageOf(b)));
  const skipped = allBuilds.filter((b) => !builds.includes(b));
  if (skipped.length > 0) {
    const chosen = packageOption === undefined ? ` (adopt chose ${directory}; name another with --package DIR)` : '';
    leftOut.push(`${skipped[0].where}: the builds of ${[...new Set(skipped.map(packageOf))].join(', ')} are other packages of this repository, not adopted here${chosen}: `
      + 'print each one\'s configuration with "projen-maturin adopt --package DIR --dry-run" and add its MaturinRelease to .projenrc.ts, with a tag prefix of its own');
  }
  const featuresOf = (b: BuildSite) => b.argv.flatMap((a, i) => (a === '--features' || a === '-F' ? (b.argv[i + 1] ?? '').split(/[\s,]+/) : /^(--features|-F)=/.test(a) ? a.split('=')[1].split(/[\s,]+/) : [])).filter(Boolean);
  const pkg = readPackage(root, directory, builds.flatMap(featuresOf));
  if (wf.builds.length === 0 && (wf.otherBuilders.length > 0 || pkg.otherBackend)) {
    // Nothing to carry over: the release these options describe would be a new one, not the existing one.
    throw new ProjenMaturinError(`no workflow builds wheels with maturin, so there is no maturin release to adopt: ${[
      ...wf.otherBuilders.map((w) => `${w} builds them`),
      ...(pkg.otherBackend ? [`${posix.join(pkg.directory, 'pyproject.toml')} builds with "${pkg.otherBackend}"`] : []),
    ].join('; ')}`, 'to release with projen-maturin, first move the build to maturin (build-backend = "maturin" in pyproject.toml, '
      + 'see https://www.maturin.rs/tutorial), then run adopt again: it writes the release for the package\'s crate');
  }
  // Each build's own abi3 floor: a build may pass `--features abi3-py311` beside builds of version-specific wheels.
  const siteAbi3 = (b: BuildSite) => pkg.abi3With(featuresOf(b));
  const cpythonSpecs = (specs: string[]) => specs.filter((s) => /^3\.\d+$/.test(s)).sort((a, b) => Number(a.split('.')[1]) - Number(b.split('.')[1]));
  const interpretersOf = (b: BuildSite) => {
    const place = placeBuild(b);
    return buildInterpreters(b, place.platform ?? 'unknown', place.triple, { ...pkg, abi3: siteAbi3(b) }).specs;
  };
  // Some builds enable abi3 with a feature, others build CPython wheels without it: abi3MinimumPython says so.
  const abi3Build = pkg.abi3With([]) === undefined ? builds.find((b) => siteAbi3(b) !== undefined) : undefined;
  const versionSpecific = (b: BuildSite) => (siteAbi3(b) === undefined ? cpythonSpecs(interpretersOf(b)) : []);
  const abi3FloorOf = abi3Build && builds.some((b) => versionSpecific(b).length > 0)
    ? siteAbi3(abi3Build) || cpythonSpecs(interpretersOf(abi3Build))[0] : undefined;
  // abi3MinimumPython builds one kind of wheel per CPython version: from the floor on the abi3 wheel replaces the
  // version-specific ones. Where those are several (pyxirr builds both for 3.7 on), the version-specific wheels are kept.
  const minorOf = (spec: string) => Number(spec.split('.')[1]);
  const replaced = abi3FloorOf === undefined ? [] : [...new Set(builds.flatMap(versionSpecific))].filter((s) => minorOf(s) >= minorOf(abi3FloorOf));
  const floorTaken = abi3FloorOf !== undefined && ABI3_MINORS.includes(minorOf(abi3FloorOf));
  const splitAbi3 = abi3FloorOf !== undefined && replaced.length <= 1 && floorTaken ? abi3FloorOf : undefined;
  const abi3Dropped = abi3FloorOf === undefined || splitAbi3 !== undefined ? undefined : !floorTaken
    ? `the abi3 floor ${abi3FloorOf} (${abi3Build!.argsWhere}) is not one abi3MinimumPython takes (${ABI3_MINORS.map((m) => `3.${m}`).join(', ')}): the generated release keeps the version-specific wheels`
    : `the existing workflows publish this abi3 wheel (${abi3Build!.argsWhere}) beside version-specific wheels of CPython ${replaced.join(', ')}; `
      + `the generated release builds one kind per CPython version, and abi3MinimumPython ${abi3FloorOf} would replace those ${replaced.length} wheels with this one: it keeps the version-specific wheels`;
  const versionSpecificTargets = new Set(builds.filter((b) => versionSpecific(b).length > 0).map((b) => placeBuild(b).platform));
  /** The arguments without the features that turn abi3 on: the generated workflow enables abi3 for its abi3 build itself. */
  const withoutAbi3 = (args: string[]) => {
    if (splitAbi3 === undefined) return args;
    const kept = (list: string) => list.split(/[\s,]+/).filter((f) => f !== '' && pkg.abi3With([f]) === undefined).join(',');
    const out: string[] = [];
    for (let i = 0; i < args.length; i++) {
      const [flag, list] = args[i].startsWith('--features=') || args[i].startsWith('-F=') ? args[i].split(/=(.*)/s) : [args[i], undefined];
      if (flag !== '--features' && flag !== '-F') out.push(args[i]);
      else if (list !== undefined) out.push(...(kept(list) ? [`${flag}=${kept(list)}`] : []));
      else out.push(...(kept(args[++i] ?? '') ? [flag, kept(args[i])] : []));
    }
    return out;
  };

  // The existing wheel set, and per target the interpreters and settings of its builds.
  const existing: WheelSet = new Map();
  const misses: Miss[] = [];
  const perTarget = new Map<string, { sites: BuildSite[]; specs: Set<string>; levels: Set<string> }>();
  // CPython pre-releases the existing builds publish (3.15 before its release) are kept with allowPythonPrereleases.
  const prereleaseSite = builds.find((site) => {
    const place = placeBuild(site);
    return place.platform !== undefined && buildInterpreters(site, place.platform, place.triple, pkg).specs.some(isPrerelease);
  });
  for (const site of builds) {
    const place = placeBuild(site);
    const own = siteAbi3(site);
    const interpreters = buildInterpreters(site, place.platform ?? 'unknown', place.triple, { ...pkg, abi3: own });
    if (interpreters.facts) resolutions.add(`${place.platform ?? place.triple}: ${interpreters.facts} (${site.argsWhere})`);
    const target = place.platform ?? place.triple;
    const floor = own !== undefined ? own || cpythonSpecs(interpreters.specs)[0] : undefined;
    const tags = pkg.bindings !== 'pyo3' ? ['py3-none'] : interpreters.unknown ? ['*'] : interpreters.specs.map((s) => wheelTag(s, { ...pkg, abi3: own }, floor));
    if (place.platform === undefined) {
      for (const tag of tags) addWheel(existing, target, tag, site.where);
      misses.push({ target, tags, reason: `${place.reason} (${site.where})` });
      continue;
    }
    for (const tag of tags) addWheel(existing, target, tag, site.where);
    if (abi3Dropped !== undefined && own !== undefined && !interpreters.unknown && versionSpecificTargets.has(place.platform)) {
      misses.push({ target, tags, reason: abi3Dropped });
      continue;
    }
    if (interpreters.unknown) {
      misses.push({ target, tags, reason: interpreters.unknown });
      continue;
    }
    const entry = perTarget.get(place.platform) ?? { sites: [], specs: new Set<string>(), levels: new Set<string>() };
    entry.sites.push(site);
    if (place.level) {
      const musl = place.platform.startsWith('musllinux-');
      const allowed: readonly string[] = ADOPT_LEVELS[musl ? 'musllinux' : 'manylinux'];
      const note = `${site.where}: ${musl ? 'musllinux' : 'manylinux'} "${place.level}" is not a level the generated release builds (${allowed.join(', ')}): ${place.platform} builds at the level of the manylinux/musllinux option instead`;
      if (allowed.includes(place.level)) entry.levels.add(place.level);
      // A musl target without a level (maturin-action's "auto") builds at the default musllinux level.
      else if (!(musl && place.level === 'auto') && !leftOut.includes(note)) leftOut.push(note);
    }
    perTarget.set(place.platform, entry);
    for (const spec of interpreters.specs) {
      const why = pkg.bindings === 'pyo3' ? whyNotBuildable(spec, place.platform, prereleaseSite !== undefined, pkg.pyo3) : undefined;
      if (why === undefined) entry.specs.add(spec);
      else misses.push({ target: place.platform, tags: [wheelTag(spec, { ...pkg, abi3: own }, floor)], reason: `${why} (${site.argsWhere})` });
    }
  }

  const fields: Field[] = [{ name: 'packageName', value: code(pkg.name), from: pkg.nameSource }];
  if (pkg.directory !== '.') fields.push({ name: 'packageDirectory', value: code(pkg.directory), from: 'the package\'s pyproject.toml' });
  if (pkg.staticVersion) fields.push({ name: 'versionSource', value: enumValue('VersionSource', 'pyproject'), from: `${posix.join(pkg.directory, 'pyproject.toml')} [project] version` });

  // Targets and interpreters: the interpreters most targets build are pythonVersions; the others their own.
  const platforms = PLATFORM_ORDER.filter((p) => perTarget.has(p) && (pkg.bindings !== 'pyo3' || perTarget.get(p)!.specs.size > 0));
  // universal2 beside thin macOS wheels: kept as published (synthesis warns that installers pick either).
  const thinMacos = platforms.filter((p) => p === 'macos-arm64' || p === 'macos-x86_64');
  if (platforms.includes('macos-universal2') && thinMacos.length > 0) {
    warnings.push(`the existing workflows publish macos-universal2 wheels beside ${thinMacos.join(' and ')} ones (${[...thinMacos, 'macos-universal2'].map((p) => perTarget.get(p)!.sites[0].where).join(', ')}); `
      + 'the generated release keeps both, as they do: pip and uv install either kind on those Macs (synthesis warns about it too); drop one from platforms to publish one kind');
  }
  const sortSpecs = (specs: Iterable<string>) => [...specs].sort((a, b) => {
    const rank = (s: string) => [/^pypy/.test(s) ? 2 : /^graalpy/.test(s) ? 3 : /t$/.test(s) ? 1 : 0, Number(/3\.(\d+)/.exec(s)![1])];
    const [x, y] = [rank(a), rank(b)];
    return x[0] - y[0] || x[1] - y[1];
  });
  const specsOf = (p: string) => sortSpecs(perTarget.get(p)!.specs);
  const counts = new Map<string, number>();
  for (const p of platforms) counts.set(specsOf(p).join(' '), (counts.get(specsOf(p).join(' ')) ?? 0) + 1);
  const common = pkg.bindings === 'pyo3' && platforms.length > 0 ? [...counts.entries()].sort((a, b) => b[1] - a[1] || b[0].length - a[0].length)[0][0].split(' ') : [];
  const firstSite = (p: string) => perTarget.get(p)!.sites[0];
  if (splitAbi3 !== undefined) {
    fields.push({ name: 'abi3', value: code(true), from: abi3Build!.argsWhere });
    fields.push({ name: 'abi3MinimumPython', value: code(splitAbi3), from: abi3Build!.argsWhere });
  }
  if (prereleaseSite) fields.push({ name: 'allowPythonPrereleases', value: code(true), from: prereleaseSite.argsWhere });
  if (pkg.bindings === 'pyo3' && common.length > 0 && !sameList(common, ADOPT_DEFAULTS.pythonVersions)) {
    const from = platforms.find((p) => sameList(specsOf(p), common))!;
    fields.push({ name: 'pythonVersions', value: code(common), from: firstSite(from).argsWhere });
  }
  if (platforms.length > 0 && !sameList(platforms, ADOPT_DEFAULTS.platforms)) {
    fields.push({ name: 'platforms', value: { code: `[\n${platforms.map((p) => `    ${(enumValue('WheelPlatform', p) as { code: string }).code}, // ${firstSite(p).where}`).join('\n')}\n  ]` } });
  }
  // manylinux and musllinux levels: the one most glibc (musl) targets use.
  const levelOf = (p: string) => [...perTarget.get(p)!.levels][0] ?? (p.startsWith('musllinux-') ? ADOPT_DEFAULTS.musllinux : ADOPT_DEFAULTS.manylinux);
  const commonLevel = (musl: boolean) => {
    const levels = platforms.filter((p) => p.startsWith(musl ? 'musllinux-' : 'linux-')).map(levelOf);
    const tally = new Map<string, number>();
    for (const l of levels) tally.set(l, (tally.get(l) ?? 0) + 1);
    return [...tally.entries()].sort((a, b) => b[1] - a[1])[0]?.[0];
  };
  const glibcLevel = commonLevel(false) ?? ADOPT_DEFAULTS.manylinux;
  const muslLevel = commonLevel(true) ?? ADOPT_DEFAULTS.musllinux;
  if (glibcLevel !== ADOPT_DEFAULTS.manylinux) {
    fields.push({ name: 'manylinux', value: code(glibcLevel), from: firstSite(platforms.find((p) => p.startsWith('linux-') && levelOf(p) === glibcLevel)!).where });
  }
  if (muslLevel !== ADOPT_DEFAULTS.musllinux) {
    fields.push({ name: 'musllinux', value: code(muslLevel), from: firstSite(platforms.find((p) => p.startsWith('musllinux-') && levelOf(p) === muslLevel)!).where });
  }

  // maturin arguments: those every build passes go to maturinArgs, the rest to their target.
  // A flag and its value stay together (`--features jemalloc`): arguments are compared as such units.
  const argsOf = (p: string) => argUnits(withoutAbi3(carriedArgs(firstSite(p).argv))).filter((unit) => {
    // The generated workflow passes each argument unquoted to bash (maturin-action does): words with quotes, `$`, spaces… are left out.
    if (splitUnit(unit).every((a) => MATURIN_ARG.test(a))) return true;
    const note = `${firstSite(p).argsWhere}: the maturin argument "${splitUnit(unit).join(' ')}" is not one word bash leaves as it is: not carried over`;
    if (!leftOut.includes(note)) leftOut.push(note);
    return false;
  });
  const globalUnits = platforms.length > 0 ? argsOf(platforms[0]).filter((u) => platforms.every((p) => argsOf(p).includes(u))) : [];
  const globalArgs = globalUnits.flatMap(splitUnit);
  if (globalArgs.length > 0) fields.push({ name: 'maturinArgs', value: code(globalArgs), from: firstSite(platforms[0]).argsWhere });
  // The toolchain of the builds the generated release takes over (an Emscripten build's nightly is not one).
  const adoptedBuilds = platforms.flatMap((p) => perTarget.get(p)!.sites);
  // The toolchain the builds name (unset, maturin-action builds with the repository's rust-toolchain.toml).
  const toolchains = new Set(adoptedBuilds.map((b) => b.rustToolchain).filter((t): t is string => !!t));
  if (toolchains.size === 1) {
    fields.push({ name: 'rustToolchain', value: code([...toolchains][0]), from: adoptedBuilds.find((b) => b.rustToolchain)!.where });
  } else if (toolchains.size > 1) {
    leftOut.push(`rust-toolchain differs between builds (${[...toolchains].join(', ')}): the generated release uses one; set rustToolchain`);
  }

  const targetFields: Field[] = [];
  for (const p of platforms) {
    const site = firstSite(p);
    const own: Field[] = [];
    if (pkg.bindings === 'pyo3' && !sameList(specsOf(p), common)) own.push({ name: 'pythonVersions', value: code(specsOf(p)), from: site.argsWhere });
    const level = levelOf(p);
    if (p.startsWith('linux-') && level !== glibcLevel) own.push({ name: 'manylinux', value: code(level), from: site.where });
    if (p.startsWith('musllinux-') && level !== muslLevel) own.push({ name: 'manylinux', value: code(level), from: site.where });
    // A value with `${{ … }}` is known only in the run (and synthesis refuses it): named instead of carried.
    const linuxInput = (name: string, value: string | undefined) => {
      if (!value || site.os !== 'linux') return;
      if (value.includes('${{')) leftOut.push(`${site.where}: ${name} of ${p} reads ${value.match(/\$\{\{[\s\S]*?\}\}/)![0]}, known only in the run: not carried over; set targets["${p}"].${name} without it`);
      else own.push({ name, value: code(value), from: site.where });
    };
    if (site.action) linuxInput('container', site.container);
    linuxInput('dockerOptions', site.dockerOptions);
    linuxInput('beforeScriptLinux', site.beforeScriptLinux);
    const extra = argsOf(p).filter((u) => !globalUnits.includes(u)).flatMap(splitUnit);
    const variants = [...new Set(perTarget.get(p)!.sites.map((s) => withoutAbi3(carriedArgs(s.argv)).join(' ')))];
    if (variants.length > 1) {
      leftOut.push(`${site.argsWhere}: the builds of ${p} pass different maturin arguments (${variants.map((v) => (v ? `"${v}"` : 'none')).join(', ')}): the generated release builds every ${p} wheel with "${variants[0]}"`);
    }
    if (extra.length > 0) own.push({ name: 'maturinArgs', value: code(extra), from: site.argsWhere });
    // Variables every build of the target sets alike; one that differs per interpreter (a path) is named instead.
    const sites = perTarget.get(p)!.sites;
    const env = Object.entries(site.env).filter(([k, v]) => sites.every((o) => o.env[k] === v));
    const varying = Object.keys(site.env).filter((k) => !sites.every((o) => o.env[k] === site.env[k]));
    if (varying.length > 0) leftOut.push(`${site.where}: ${varying.join(', ')} differ${varying.length > 1 ? '' : 's'} between the builds of ${p}: not carried over`);
    if (env.length > 0) own.push({ name: 'env', value: { fields: env.map(([k, v]) => ({ name: /^[A-Za-z_][A-Za-z0-9_]*$/.test(k) ? k : `'${k}'`, value: code(v) })) }, from: site.where });
    if (own.length > 0) targetFields.push({ name: `'${p}'`, value: { fields: own } });
    const runners = [...new Set(perTarget.get(p)!.sites.map((s) => s.runsOn))];
    if (runners.some((r) => /self-hosted|large|cores|\d+-core/.test(r))) leftOut.push(`${site.where}: ${p} builds on "${runners.join('", "')}"; the generated release uses the standard GitHub-hosted runner: set runners.platforms["${p}"] if you need that one`);
  }
  if (targetFields.length > 0) fields.push({ name: 'targets', value: { fields: targetFields } });
  for (const site of adoptedBuilds.filter((b) => b === adoptedBuilds.find((o) => o.argsWhere === b.argsWhere))) {
    const values = runtimeArgs(site.argv).values.map(([option, value]) => (value.startsWith(option) ? value : `${option} ${value}`));
    if (values.length > 0) leftOut.push(`${site.argsWhere}: ${values.join(', ')} ${values.length > 1 ? 'are' : 'is'} computed in the run: not carried over; set maturinArgs if the build needs ${values.length > 1 ? 'them' : 'it'}`);
  }
  for (const site of adoptedBuilds.filter((b) => b.runtimeEnv.length > 0 && b === adoptedBuilds.find((o) => o.where === b.where))) {
    leftOut.push(`${site.where}: ${site.runtimeEnv.join(', ')} ${site.runtimeEnv.length > 1 ? 'are' : 'is'} computed in the run (\${{ }}): not carried over; set targets[…].env if the build needs ${site.runtimeEnv.length > 1 ? 'them' : 'it'}`);
  }

  // The adopted wheel set: what these options ask for, target by target.
  const adopted: WheelSet = new Map();
  // No target carried over (every build unreadable): the options leave platforms out, so the release builds the defaults.
  const releasePlatforms = platforms.length > 0 ? platforms : ADOPT_DEFAULTS.platforms;
  for (const p of releasePlatforms) {
    const specs = pkg.bindings !== 'pyo3' ? [''] : perTarget.has(p) ? specsOf(p) : [...ADOPT_DEFAULTS.pythonVersions];
    // With abi3, CPython from the floor on shares one abi3 wheel; older CPython gets its own.
    const floor = splitAbi3 ?? (pkg.abi3 !== undefined && abi3Dropped === undefined ? pkg.abi3 || cpythonSpecs(specs)[0] : undefined);
    const minor = (spec: string) => Number(spec.split('.')[1]);
    const abi3Of = (spec: string) => (floor !== undefined && /^3\.\d+$/.test(spec) && minor(spec) >= minor(floor) ? floor : undefined);
    // The abi3 wheel first, as the release lists it.
    for (const spec of [...specs.filter(abi3Of), ...specs.filter((s) => !abi3Of(s))]) {
      addWheel(adopted, p, pkg.bindings === 'pyo3' ? wheelTag(spec, { ...pkg, abi3: abi3Of(spec) }, abi3Of(spec)) : 'py3-none', 'projenrc');
    }
  }

  // Triggers: the workflow that publishes to PyPI.
  const pypi = wf.publishes.filter((p) => p.index === 'pypi');
  const testpypi = wf.publishes.filter((p) => p.index === 'testpypi');
  // A workflow that publishes on a tag or a GitHub Release is the release; one that only calls it (prql's
  // nightly.yaml calls release.yaml, whose publish job runs for releases only) or runs on dispatch is not.
  const releasing = (file: string) => wf.triggers.some((t) => t.file === file && (t.tags.length > 0 || t.releasePublished));
  const releaseFile = pypi.find((p) => releasing(p.file))?.file ?? pypi[0]?.file ?? builds[0]?.file;
  const trigger = wf.triggers.find((t) => t.file === releaseFile);
  let sharedTag: string | undefined;
  if (trigger) {
    if (trigger.tags.length > 0) {
      const { pattern, why } = tagPatternFor(trigger.tags, gitTags(root));
      if (pattern && pattern !== ADOPT_DEFAULTS.tagPattern) fields.push({ name: 'tagPattern', value: code(pattern), from: trigger.tagsWhere });
      const versionFile = posix.join(pkg.directory, pkg.staticVersion ? 'pyproject.toml' : 'Cargo.toml');
      sharedTag = pattern ? sharedTagEvidence(pattern, gitTags(root), currentVersion(root, pkg), versionFile) : undefined;
      if (sharedTag) fields.push({ name: 'sharedTag', value: code(true), from: sharedTag });
      if (why) leftOut.push(`${trigger.tagsWhere}: ${why}; the generated release takes tags "${ADOPT_DEFAULTS.tagPattern}"`);
      if (trigger.tags.some((t) => /^\*+$/.test(t)) && pattern !== '*') leftOut.push(`${trigger.tagsWhere}: the existing workflow runs for any tag; the generated release only for tags matching "${pattern}"`);
    } else {
      // No tag filter (a release typed in GitHub's UI, a dispatch that creates the tag): the repository's own tags tell the prefix.
      const pattern = patternOfTags(gitTags(root));
      if (pattern && pattern !== ADOPT_DEFAULTS.tagPattern) fields.push({ name: 'tagPattern', value: code(pattern), from: 'the repository\'s tags' });
    }
    if (trigger.tags.length > 0) {
      // Read above.
    } else if (trigger.releasePublished) {
      leftOut.push(`${trigger.where}: releases start from a published GitHub Release; the generated workflow starts from the tag push (publishing a release in GitHub's UI pushes its tag first), then creates the GitHub Release itself`);
    } else if (trigger.dispatch) {
      fields.push({ name: 'releaseTrigger', value: enumValue('ReleaseTrigger', 'dispatch'), from: trigger.where });
    }
  }

  // Publishing: token or trusted, environments, TestPyPI, attestations.
  const publishFields: Field[] = [];
  const token = pypi.find((p) => p.tokenSecret);
  if (token) {
    publishFields.push({ name: 'mode', value: enumValue('PublishingMode', 'token'), from: token.where });
    if (token.tokenSecret !== ADOPT_DEFAULTS.pypiTokenSecret) publishFields.push({ name: 'pypiTokenSecret', value: code(token.tokenSecret), from: token.where });
    const testToken = testpypi.find((p) => p.tokenSecret);
    if (testToken && testToken.tokenSecret !== ADOPT_DEFAULTS.testPypiTokenSecret) publishFields.push({ name: 'testPypiTokenSecret', value: code(testToken.tokenSecret), from: testToken.where });
    if (!token.environment) {
      // Kept as the existing workflow has it; synthesis says what an environment would add.
      publishFields.push({ name: 'environments', value: code(false), from: `${token.where} publishes with a token and no GitHub environment` });
    }
  }
  const env = (sites: PublishSite[], name: string, fallback: string) => {
    const site = sites.find((s) => s.environment);
    if (token && !token.environment) return;
    if (site && site.environment !== fallback) publishFields.push({ name, value: code(site.environment!), from: site.environmentWhere });
  };
  env(pypi, 'pypiEnvironment', ADOPT_DEFAULTS.pypiEnvironment);
  env(testpypi, 'testPypiEnvironment', ADOPT_DEFAULTS.testPypiEnvironment);
  if (pypi.length > 0 && testpypi.length === 0) publishFields.push({ name: 'testPypi', value: code(false), from: `${pypi[0].where} publishes every release to PyPI` });
  if (wf.attestations.length === 0 && pypi.length > 0) publishFields.push({ name: 'attestations', value: code(false), from: 'no attestation step in the existing workflows' });
  if (publishFields.length > 0) fields.push({ name: 'publishing', value: { fields: publishFields } });
  if (pypi.length === 0) leftOut.push('no workflow publishes to PyPI: the generated release publishes (pre-releases to TestPyPI, releases to PyPI)');
  for (const p of wf.publishes.filter((s) => s.tool !== 'pypa/gh-action-pypi-publish')) {
    leftOut.push(`${p.where}: publishing with ${p.tool} becomes pypa/gh-action-pypi-publish in the generated release`);
  }

  // Release notes and the GitHub Release.
  const release = wf.releases[0];
  const changelog = findChangelog(root, pkg.directory);
  const releaseFields: Field[] = [];
  let notes: 'github' | 'changelog' | undefined;
  if (release?.generateNotes) {
    notes = 'github';
  } else if (changelog && /\.md$/.test(changelog)) {
    const text = readTextFile(root, changelog) ?? '';
    const current = currentVersion(root, pkg);
    const section = current !== undefined && (() => {
      try {
        return hasSection(text, parseReleaseVersion(current));
      } catch {
        return false;
      }
    })();
    if (section) {
      notes = 'changelog';
      if (changelog !== ADOPT_DEFAULTS.changelogFile) fields.push({ name: 'changelogFile', value: code(changelog), from: changelog });
    } else {
      notes = 'github';
      leftOut.push(`${changelog} has no section for the current version${current ? ` ${current}` : ''}: the release notes come from GitHub (set releaseNotes: ReleaseNotes.CHANGELOG once it has "## [x.y.z]" sections)`);
    }
  }
  if (notes === 'github' && (changelog !== undefined || release?.generateNotes)) {
    fields.push({ name: 'releaseNotes', value: enumValue('ReleaseNotes', 'github'), from: release?.generateNotes ? release.where : changelog });
  }
  if (sharedTag) {
    releaseFields.push({ name: 'enabled', value: code(false), from: 'a shared tag\'s GitHub Release is the repository\'s' });
  } else if (release && !release.attachFiles) {
    releaseFields.push({ name: 'attachDistributions', value: code(false), from: release.where });
  }
  if (releaseFields.length > 0) fields.push({ name: 'githubRelease', value: { fields: releaseFields } });

  if (builds.length > 0 && wf.sdists.length === 0) fields.push({ name: 'sdist', value: code(false), from: 'no sdist build in the existing workflows' });
  if (!existsSync(join(root, pkg.directory, 'tests'))) {
    fields.push({ name: 'runTests', value: code(false), from: `no ${posix.join(pkg.directory, 'tests')} directory` });
  }

  // The generated workflow's file must not replace one of the repository's own.
  let workflowName: string = ADOPT_DEFAULTS.workflowName;
  for (const candidate of ['release', 'python-release', 'maturin-release', 'release-python']) {
    if (!existsSync(join(root, WORKFLOW_DIR, `${candidate}.yml`))) {
      workflowName = candidate;
      break;
    }
  }
  if (workflowName !== ADOPT_DEFAULTS.workflowName) fields.push({ name: 'workflowName', value: code(workflowName), from: `${WORKFLOW_DIR}/release.yml exists` });

  if (wf.unpinnedMaturin.length > 0) {
    warnings.push(`maturin is not pinned (${wf.unpinnedMaturin.map((u) => u.split(': ')[0]).join(', ')}): each run installs the newest; the generated release pins maturin ${ADOPT_DEFAULTS.maturinVersion} (maturinVersion)`);
  }
  if (pkg.versionUndeclared) {
    // maturin 1 only warns (src/metadata.rs, merge_version) and takes Cargo.toml's version; maturin 2 refuses it.
    warnings.push(`${posix.join(pkg.directory, 'pyproject.toml')} [project] has neither version nor dynamic = ["version"]: maturin 1 takes Cargo.toml's version with a warning, `
      + 'and maturin 2 refuses it: add dynamic = ["version"] to [project]');
  }
  if (pkg.otherBackend) {
    fields.push({ name: 'otherBuildBackend', value: code(true), from: `${posix.join(pkg.directory, 'pyproject.toml')} builds with "${pkg.otherBackend}"; maturin builds the wheels` });
  }
  const pinned = [...new Set(builds.map((b) => b.maturinVersion).filter((v): v is string => v !== undefined))];
  if (pinned.length > 0 && !pinned.some((v) => v.replace(/^v/, '') === ADOPT_DEFAULTS.maturinVersion)) {
    warnings.push(`the existing workflows pin maturin ${pinned.join(', ')}; the generated release pins ${ADOPT_DEFAULTS.maturinVersion} (set maturinVersion to keep yours)`);
  }
  // One line per target and reason: the wheels it misses, and every place they came from.
  const merged: { target: string; tags: string[]; reason: string; locations: string[] }[] = [];
  for (const miss of misses) {
    const location = /\(([^()]*:\d+(?:, [^()]*:\d+)*)\)$/.exec(miss.reason)?.[1];
    const reason = location ? miss.reason.slice(0, miss.reason.length - location.length - 3) : miss.reason;
    const same = merged.find((m) => m.target === miss.target && m.reason === reason);
    if (same) {
      same.tags.push(...miss.tags.filter((t) => !same.tags.includes(t)));
      if (location && !same.locations.includes(location)) same.locations.push(location);
    } else {
      merged.push({ target: miss.target, tags: [...miss.tags], reason, locations: location ? [location] : [] });
    }
  }
  misses.splice(0, misses.length, ...merged.map((m) => ({ target: m.target, tags: m.tags.sort(compareTags), reason: m.locations.length > 0 ? `${m.reason} (${m.locations.join(', ')})` : m.reason })));
  const diff = difference(existing, adopted);
  for (const row of diff.rows) {
    const explained = new Set(misses.filter((m) => m.target === row.target).flatMap((m) => m.tags));
    const unexplained = row.missing.filter((t) => !explained.has(t));
    if (unexplained.length > 0) misses.push({ target: row.target, tags: unexplained, reason: 'not in the adopted configuration' });
  }
  return {
    projenrc: renderProjenrc(pkg, fields, leftOut, warnings, [...resolutions]),
    packageName: pkg.name,
    packageDirectory: pkg.directory,
    workflowName,
    existing,
    adopted,
    difference: diff,
    misses,
    leftOut,
    warnings,
    resolutions: [...resolutions],
    workflows: wf.files,
  };
}

function renderValue(value: Value, indent: string): string {
  if ('code' in value) return value.code;
  const inner = `${indent}  `;
  return `{\n${value.fields.map((f) => `${inner}${f.name}: ${renderValue(f.value, inner)},${f.from ? ` // ${/^[\w./-]+:\d+$|^[\w./-]+\.(toml|md)\b/.test(f.from) ? 'from ' : ''}${f.from}` : ''}`).join('\n')}\n${indent}}`;
}

/** The `.projenrc.ts` text: one MaturinRelease with the adopted options, and what was not carried over. */
function renderProjenrc(pkg: PackageFacts, fields: Field[], leftOut: string[], warnings: string[], resolutions: string[]): string {
  const body = renderValue({ fields }, '');
  const types = ['MaturinRelease', ...['PublishingMode', 'ReleaseNotes', 'ReleaseTrigger', 'VersionSource', 'WheelPlatform'].filter((t) => body.includes(`${t}.`))];
  const comment = (title: string, lines: string[]) => (lines.length === 0 ? [] : ['', `// ${title}`, ...lines.map((l) => `// - ${l}`)]);
  return [
    '// Written by `projen-maturin adopt` from the repository\'s workflows, Cargo.toml and pyproject.toml.',
    '// Run it once with: npx ts-node -O \'{"module":"commonjs"}\' .projenrc.ts — then `npx projen` after every change.',
    'import { Project } from \'projen\';',
    'import { ProjenrcTs } from \'projen/lib/typescript\';',
    `import { ${types.join(', ')} } from 'projen-maturin';`,
    '',
    `const project = new Project({ name: '${pkg.name.replace(/'/g, '')}' });`,
    'new ProjenrcTs(project);',
    '',
    `new MaturinRelease(project, ${body});`,
    ...comment('Not carried over from the existing workflows:', leftOut),
    ...comment('Warnings:', warnings),
    ...comment('What --find-interpreter builds, from the platform facts:', resolutions),
    '',
    'project.synth();',
    '',
  ].join('\n');
}
