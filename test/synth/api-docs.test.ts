import { readFileSync } from 'fs';
import { join } from 'path';

/**
 * API.md shows each option's and enum value's jsii summary: the doc comment up to its
 * first ".", ";", "!" or "?" followed by a blank (jsii's summaryLine). A summary that
 * ends with ";" is a sentence cut in half, and a field without one has an empty cell.
 * Reads the compiled assembly (.jsii): run "npx projen compile" after changing docs.
 */
const assembly = JSON.parse(readFileSync(join(__dirname, '..', '..', '.jsii'), 'utf8')) as {
  types: Record<string, { members?: { name: string; docs?: { summary?: string } }[]; properties?: { name: string; docs?: { summary?: string } }[] }>;
};

const documented = Object.entries(assembly.types).flatMap(([fqn, type]) =>
  [...type.members ?? [], ...type.properties ?? []].map((m) => ({ name: `${fqn.replace(/^projen-maturin\./, '')}.${m.name}`, summary: m.docs?.summary })));

test('every option and enum value has a summary in API.md', () => {
  expect(documented.filter((d) => !d.summary).map((d) => d.name)).toEqual([]);
});

test('no summary is cut at a semicolon', () => {
  expect(documented.filter((d) => d.summary?.endsWith(';')).map((d) => `${d.name}: ${d.summary}`)).toEqual([]);
});

test('the summaries of WheelPlatform name the platform and how it is built and tested', () => {
  const i686 = documented.find((d) => d.name === 'WheelPlatform.LINUX_I686')!;
  expect(i686.summary).toBe('`"linux-i686"`: Linux 32-bit x86, glibc, built in a manylinux i686 container and tested in a 32-bit container.');
});
