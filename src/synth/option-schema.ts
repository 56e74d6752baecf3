import { readFileSync } from 'fs';
import { dirname, join } from 'path';
import { ActionPinning, Bindings, BuildStrategy, PublishingMode, PyprojectMode, ReleaseNotes, ReleaseTrigger, TestInstaller, VersionSource, WheelPlatform } from './options';

/**
 * Strict options: every key and type checked against the option interfaces
 * themselves, as jsii recorded them in the package's `.jsii` assembly, so
 * `.projenrc.js` and `.projenrc.json` (which TypeScript never checks) get the
 * same errors as a typo in `.projenrc.ts` would.
 */

interface TypeRef {
  readonly primitive?: string;
  readonly fqn?: string;
  readonly collection?: { readonly kind: 'array' | 'map'; readonly elementtype: TypeRef };
  readonly union?: { readonly types: TypeRef[] };
}
interface Property { readonly name: string; readonly type: TypeRef; readonly optional?: boolean }
interface TypeInfo {
  readonly kind: 'interface' | 'enum' | 'class';
  readonly properties?: Property[];
  readonly interfaces?: string[];
}
interface Assembly { readonly name: string; readonly types: Record<string, TypeInfo> }

const ENUMS: Record<string, Record<string, string>> = {
  WheelPlatform, Bindings, PublishingMode, VersionSource, PyprojectMode, ActionPinning, ReleaseNotes, ReleaseTrigger, BuildStrategy, TestInstaller,
};

/** A problem with one option: its path, and what is wrong. */
export interface OptionProblem {
  readonly path: string;
  readonly message: string;
}

let ownAssembly: Assembly | undefined;
const projenKeys = new Map<string, ReadonlySet<string>>();

/** This package's `.jsii` (next to `lib/` or `src/`, two levels above this module). */
function assembly(): Assembly {
  ownAssembly ??= JSON.parse(readFileSync(join(__dirname, '..', '..', '.jsii'), 'utf8')) as Assembly;
  return ownAssembly;
}

/** Keys of an interface projen declares (e.g. `projen.ProjectOptions`), read once from projen's own assembly. */
function projenInterfaceKeys(fqn: string): ReadonlySet<string> {
  let keys = projenKeys.get(fqn);
  if (!keys) {
    const projen = JSON.parse(readFileSync(join(dirname(require.resolve('projen/package.json')), '.jsii'), 'utf8')) as Assembly;
    const collect = (name: string): string[] => {
      const type = projen.types[name];
      return [...(type?.properties ?? []).map((p) => p.name), ...(type?.interfaces ?? []).flatMap(collect)];
    };
    keys = new Set(collect(fqn));
    projenKeys.set(fqn, keys);
  }
  return keys;
}

function propertiesOf(fqn: string): { own: Map<string, Property>; foreign: string[] } {
  const types = assembly().types;
  const own = new Map<string, Property>();
  const foreign: string[] = [];
  const walk = (name: string) => {
    const type = types[name];
    if (!type) {
      foreign.push(name);
      return;
    }
    for (const p of type.properties ?? []) own.set(p.name, p);
    for (const base of type.interfaces ?? []) walk(base);
  };
  walk(fqn);
  return { own, foreign };
}

/** The closest of `candidates` to a mistyped `key`, when one is close enough to be what was meant. */
export function didYouMean(key: string, candidates: Iterable<string>): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    const d = candidate.toLowerCase() === key.toLowerCase() ? 0 : distance(key.toLowerCase(), candidate.toLowerCase());
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  return best !== undefined && bestDistance <= Math.max(2, Math.floor(key.length / 4)) ? best : undefined;
}

/** Levenshtein distance. */
function distance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length];
}

/** A value for a message: JSON (numbers as written, NaN included), cut short after 120 characters. */
export function showOption(value: unknown): string {
  const text = typeof value === 'number' ? String(value) : JSON.stringify(value) ?? String(value);
  return text.length > 120 ? `${text.slice(0, 120)}…` : text;
}
const show = showOption;
const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const shortName = (fqn: string) => fqn.split('.').pop()!;

function describe(type: TypeRef): string {
  if (type.primitive) return type.primitive === 'any' || type.primitive === 'json' ? 'any value' : `a ${type.primitive}`;
  if (type.collection) return type.collection.kind === 'array' ? `a list of ${describe(type.collection.elementtype).replace(/^an? /, '')}s` : 'an object';
  if (type.fqn && ENUMS[shortName(type.fqn)]) return `one of ${Object.values(ENUMS[shortName(type.fqn)]).map((v) => `"${v}"`).join(', ')}`;
  return 'an object';
}

function check(value: unknown, type: TypeRef, path: string, problems: OptionProblem[]): void {
  if (value === undefined) return;
  const add = (message: string): void => {
    problems.push({ path, message });
  };
  if (type.primitive) {
    const want = type.primitive;
    if (want === 'any' || want === 'json') return;
    if (typeof value !== want) {
      // A JSON number where a string is wanted: 3.10 arrives as 3.1.
      const hint = want !== 'string' || typeof value !== 'number' ? ''
        : `; write it as a string in quotes${Number.isInteger(value) ? '' : ' (a JSON number loses digits: 3.10 is 3.1)'}`;
      const kind = Array.isArray(value) ? ' (a list)' : value === null ? '' : typeof value === 'object' ? ' (an object)' : ` (a ${typeof value})`;
      add(`is ${show(value)}${kind}; it must be ${describe(type)}${hint}`);
    }
    return;
  }
  if (type.collection) {
    if (type.collection.kind === 'array') {
      if (!Array.isArray(value)) return add(`is ${show(value)}; it must be ${describe(type)}`);
      value.forEach((item, i) => check(item, type.collection!.elementtype, `${path}[${i}]`, problems));
    } else {
      if (!isPlainObject(value)) return add(`is ${show(value)}; it must be an object`);
      for (const [key, item] of Object.entries(value)) check(item, type.collection.elementtype, `${path}["${key}"]`, problems);
    }
    return;
  }
  if (type.union) {
    const attempts = type.union.types.map((t) => {
      const found: OptionProblem[] = [];
      check(value, t, path, found);
      return found;
    });
    if (!attempts.some((a) => a.length === 0)) add(`is ${show(value)}; it must be ${type.union.types.map(describe).join(' or ')}`);
    return;
  }
  if (type.fqn) {
    const enumValues = ENUMS[shortName(type.fqn)];
    if (enumValues) {
      if (!Object.values(enumValues).includes(value as string)) add(`is ${show(value)}; allowed values: ${Object.values(enumValues).map((v) => `"${v}"`).join(', ')}`);
      return;
    }
    if (!isPlainObject(value)) return add(`is ${show(value)}; it must be an object (${shortName(type.fqn)})`);
    checkObject(value, type.fqn, path, problems);
  }
}

function checkObject(value: Record<string, unknown>, fqn: string, path: string, problems: OptionProblem[]): void {
  const { own, foreign } = propertiesOf(fqn);
  const foreignKeys = foreign.map(projenInterfaceKeys);
  for (const [key, item] of Object.entries(value)) {
    const property = own.get(key);
    const at = path ? `${path}.${key}` : key;
    if (property) {
      check(item, property.type, at, problems);
    } else if (!foreignKeys.some((keys) => keys.has(key)) && !(foreign.length > 0 && key.startsWith('__'))) {
      // (projen passes its own bookkeeping, e.g. `__new__`, to project types.)
      const suggestion = didYouMean(key, [...own.keys(), ...foreignKeys.flatMap((k) => [...k])]);
      const known = foreign.length === 0 ? `; the options here are ${[...own.keys()].map((k) => `"${k}"`).join(', ')}` : '';
      problems.push({ path: at, message: `is not an option${suggestion ? `; did you mean "${suggestion}"?` : known}` });
    }
  }
}

/** The keys of `options` that the interface `fqn` declares (e.g. a project's release options). */
export function pickOptions<T>(options: Record<string, unknown>, fqn: string): T {
  const { own } = propertiesOf(fqn);
  return Object.fromEntries(Object.entries(options).filter(([key]) => own.has(key))) as T;
}

/**
 * Every unknown key and wrong type in `options`, checked against the interface
 * `fqn` (e.g. "projen-maturin.MaturinReleaseOptions"); empty when they fit.
 */
export function checkOptionTypes(options: unknown, fqn: string): OptionProblem[] {
  const problems: OptionProblem[] = [];
  if (!isPlainObject(options)) return [{ path: '', message: `options are ${show(options)}; they must be an object` }];
  checkObject(options, fqn, '', problems);
  return problems;
}
