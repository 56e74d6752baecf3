import { explain } from '@renovatebot/pep440';
import { ArchiveReaders, Problem, TarMember } from './archives';
import { coreMetadataProblems, declaresAtLeast, field, parseCoreMetadata } from './core-metadata';
import { normalizeDistributionName } from './distributions';
import { ReleaseExpectation, nameAndVersionProblems } from './wheel-inspection';

/*
 * What PyPI and twine require of a source distribution (.tar.gz). Sources:
 * - pypi/warehouse@6b62157 warehouse/forklift/legacy.py: `_is_valid_dist_file` (a gzip tar with
 *   one top-level directory holding PKG-INFO, no sparse members) and `file_upload` (PEP 625 file
 *   name `{normalized name}-{version}.tar.gz`, License-File present).
 * - pypa/twine@f536ac5 twine/sdist.py: PKG-INFO a regular file containing Metadata-Version.
 * - The source distribution format (packaging.python.org/specifications/source-distribution-format):
 *   the top-level directory is `{name}-{version}`, as in the file name.
 */

/** os.path.commonpath of member names: the path components they all share. */
function commonPath(names: readonly string[]): string {
  const split = names.map((n) => n.split('/').filter((part) => part !== '' && part !== '.'));
  if (split.length === 0) return '';
  const common: string[] = [];
  for (let i = 0; split.every((parts) => i < parts.length && parts[i] === split[0][i]); i++) common.push(split[0][i]);
  return common.join('/');
}

function isSparse(member: TarMember): boolean {
  return member.type === 'unknown' || member.paxKeys.some((key) => key.startsWith('GNU.sparse.'));
}

/** Every rule an sdist breaks; empty when PyPI and twine would take it. */
export async function sdistProblems(file: string, bytes: Buffer, release: ReleaseExpectation, readers: ArchiveReaders): Promise<Problem[]> {
  const problems: Problem[] = [];
  const add = (rule: string, detail: string) => problems.push({ rule, detail });
  const stem = file.replace(/\.tar\.gz$/, '');
  const dash = stem.lastIndexOf('-');
  const fileName = dash < 0 ? stem : stem.slice(0, dash);
  const fileVersion = dash < 0 ? '' : stem.slice(dash + 1);

  let members: TarMember[];
  try {
    members = await readers.tarGz(bytes, (name) => /^(\.\/)?[^/]+\/PKG-INFO$/.test(name));
  } catch (e) {
    add('sdist', `not a readable gzip-compressed tar archive (${(e as Error).message})`);
    return problems;
  }
  const sparse = members.filter(isSparse).map((m) => m.name);
  if (sparse.length > 0) add('sdist', `tar archive not accepted: Sparse members are not allowed (${sparse.join(', ')})`);
  const root = commonPath(members.map((m) => m.name));
  if (root === '') {
    add('sdist', `Incorrect number of top-level directories in sdist: everything must be inside ${stem}/`);
    return problems;
  }
  if (root !== stem) add('sdist', `the top-level directory is ${root}/, not ${stem}/ as the file name says`);
  if (root.includes('/')) return problems;

  const pkgInfo = members.find((m) => m.name.replace(/^\.\//, '') === `${root}/PKG-INFO`);
  if (!pkgInfo) {
    add('PKG-INFO', `PKG-INFO not found at ${root}/PKG-INFO`);
    return problems;
  }
  if (pkgInfo.type !== 'file') add('PKG-INFO', `PKG-INFO is not a regular file: ${root}/PKG-INFO`);
  const metadata = pkgInfo.data && parseCoreMetadata(pkgInfo.data);
  if (!metadata) {
    add('PKG-INFO', 'is not UTF-8 text');
    return problems;
  }
  if (!metadata.fields.has('metadata-version')) add('PKG-INFO', "PKG-INFO missing 'Metadata-Version'");
  problems.push(...coreMetadataProblems(metadata, 'PKG-INFO'));
  problems.push(...nameAndVersionProblems(metadata, 'PKG-INFO', fileName, fileVersion, release));

  // PEP 625 as PyPI applies it: the normalised project name and the metadata's normalised version.
  const version = field(metadata, 'version');
  const normalizedVersion = version ? explain(version)?.public : undefined;
  const expected = `${normalizeDistributionName(release.packageName)}-${normalizedVersion ?? release.version.pep440}.tar.gz`;
  if (file !== expected) add('file name', `Filename '${file}' is invalid, should be '${expected}'.`);

  if (declaresAtLeast(metadata, '2.4')) {
    const names = new Set(members.map((m) => m.name.replace(/^\.\//, '')));
    for (const license of metadata.fields.get('license-file') ?? []) {
      if (!names.has(`${root}/${license}`)) add('PKG-INFO', `License-File ${license} does not exist in distribution file ${file} at ${root}/${license}`);
    }
  }
  return problems;
}
