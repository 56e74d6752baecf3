import { ActionPinning } from '../options';

/** A third-party action at one release, with the commit that release tag points to. */
export interface ActionRelease {
  readonly repo: string;
  readonly version: string;
  readonly sha: string;
}

/**
 * The actions the release workflow uses. Each SHA was read from the action's
 * repository (`git rev-parse <tag>^{commit}`); update version and SHA together.
 */
export const ACTIONS = {
  checkout: { repo: 'actions/checkout', version: 'v7.0.1', sha: '3d3c42e5aac5ba805825da76410c181273ba90b1' },
  setupPython: { repo: 'actions/setup-python', version: 'v7.0.0', sha: '5fda3b95a4ea91299a34e894583c3862153e4b97' },
  uploadArtifact: { repo: 'actions/upload-artifact', version: 'v7.0.0', sha: 'bbbca2ddaa5d8feaa63e36b76fdaad77386f024f' },
  downloadArtifact: { repo: 'actions/download-artifact', version: 'v8.0.1', sha: '3e5f45b2cfb9172054b4087a40e8e0b5a5461e7c' },
  maturin: { repo: 'PyO3/maturin-action', version: 'v1.51.0', sha: 'e83996d129638aa358a18fbd1dfb82f0b0fb5d3b' },
  // Always given a non-empty `subject-path`: from v4.2.0 on, no subject input at all means
  // "attest whatever the runner lists in $GITHUB_ARTIFACTS_LIST".
  attest: { repo: 'actions/attest', version: 'v4.2.2', sha: '1e69f48acb82d1966a394da916b4c1698aa569d6' },
  pypiPublish: { repo: 'pypa/gh-action-pypi-publish', version: 'v1.14.2', sha: 'dc37677b2e1c63e2034f94d8a5b11f265b73ba33' },
  setupQemu: { repo: 'docker/setup-qemu-action', version: 'v4.2.0', sha: '96fe6ef7f33517b61c61be40b68a1882f3264fb8' },
  // action.yml at this commit: inputs version, enable-cache (default "auto"), …; uv versions it knows are checksum-verified.
  setupUv: { repo: 'astral-sh/setup-uv', version: 'v10.0.1', sha: '20cfd1bf945f4377ade1205e4dbc17946fc9a30d' },
} as const satisfies Record<string, ActionRelease>;

/** The uv the tests use with `TestInstaller.UV`: a release setup-uv v10.0.1 has the checksum of (src/download/checksum/known-checksums.ts). */
export const UV_VERSION = '0.12.4';

/** The action releases a workflow uses, by repository ("owner/name"): ours, with the user's pins on top. */
export type ActionCatalog = Readonly<Record<string, ActionRelease>>;

/** The catalog of the actions above, before any user pin. */
export const DEFAULT_ACTION_CATALOG: ActionCatalog = Object.fromEntries(Object.values(ACTIONS).map((a) => [a.repo, a]));

/** The `uses:` value for an action under the chosen pinning, taking the user's pin when there is one. */
export function actionRef(action: ActionRelease, pinning: ActionPinning, catalog: ActionCatalog = DEFAULT_ACTION_CATALOG): string {
  const release = catalog[action.repo] ?? action;
  return `${release.repo}@${pinning === ActionPinning.SHA ? release.sha : release.version}`;
}

/** Release tag of a SHA-pinned `uses:` value, for the comment beside it. */
export function versionOfPinnedRef(uses: string, catalog: ActionCatalog = DEFAULT_ACTION_CATALOG): string | undefined {
  return Object.values(catalog).find((a) => uses === `${a.repo}@${a.sha}`)?.version;
}
