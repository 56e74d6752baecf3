/**
 * Where a snapshot of facts was read: a file of a repository at a commit, or a
 * documentation page. Every snapshot in this folder carries one.
 */
export interface FactSource {
  /** "owner/name" of the repository the facts were read from. */
  readonly repository: string;
  /** The commit (40 hex digits) the file was read at. */
  readonly commit?: string;
  /** The release tag at that commit, when it has one. */
  readonly version?: string;
  /** The file inside the repository. */
  readonly path: string;
  /** The page that publishes the facts, for facts read from documentation. */
  readonly url?: string;
  /** The day the snapshot was taken (YYYY-MM-DD, UTC). */
  readonly read: string;
  /** How the snapshot was obtained, when it was not a fetched mirror of `repository`. */
  readonly note?: string;
}

/** A runner architecture as GitHub's runner images name it (and Node's `process.arch` on the runner). */
export type RunnerArch = 'x64' | 'arm64';

/** What the generated workflow relies on in maturin-action's src/index.ts. */
export interface MaturinActionTables {
  /** `DEFAULT_TARGET`: the Rust target when none is given, by runner architecture. */
  readonly defaultTarget: Readonly<Record<string, string>>;
  /**
   * `DEFAULT_CONTAINERS`: runner architecture (Node's `process.arch`) → Rust target →
   * `manylinux` input (without its "manylinux_" prefix) → build image. Where a pair has no
   * entry, the action takes the image of the runner's own default target at that level, or
   * builds on the runner when there is none.
   */
  readonly defaultContainers: Readonly<Record<string, Readonly<Record<string, Readonly<Record<string, string>>>>>>;
  /** `TARGET_ALIASES`: the `target` input's short names on Linux, glibc and musl. */
  readonly targetAliases: { readonly manylinux: Readonly<Record<string, string>>; readonly musllinux: Readonly<Record<string, string>> };
  /** `ALLOWED_ENV_PREFIXES`: variables whose names start with one of these are passed into the build container (`docker run -e`). */
  readonly dockerEnvPrefixes: readonly string[];
  /** `FORBIDDEN_ENVS`: never passed into the container, whatever their prefix. */
  readonly dockerEnvForbidden: readonly string[];
}

export interface MaturinActionFacts extends MaturinActionTables {
  readonly source: FactSource;
}

/** One label of the runner-images README's "Available Images" table. */
export interface RunnerImageLabel {
  readonly label: string;
  readonly os: 'linux' | 'macos' | 'windows';
  readonly arch: RunnerArch;
  /** The image's name in the table. */
  readonly image: string;
  /** The table's badge: a preview (beta) or deprecated image; GA otherwise. */
  readonly status: 'ga' | 'preview' | 'deprecated';
  /** A larger runner (macOS `-large`/`-xlarge`), billed in public repositories too. */
  readonly larger: boolean;
}

export interface RunnerImagesFacts {
  readonly source: FactSource;
  readonly labels: readonly RunnerImageLabel[];
}

/** A standard hosted runner's per-minute price. */
export interface RunnerPrice {
  readonly sku: string;
  readonly os: 'linux' | 'macos' | 'windows';
  /** The architecture the row names; none for a row of both (macOS: "M1 or Intel"). */
  readonly arch?: RunnerArch;
  /** The row's description, e.g. "Windows 2-core (arm64)". */
  readonly runner: string;
  readonly usdPerMinute: number;
}

export interface RunnerPricesFacts {
  readonly source: FactSource;
  readonly prices: readonly RunnerPrice[];
}
