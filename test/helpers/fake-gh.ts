import { spawnSync } from 'child_process';
import { chmodSync, mkdtempSync, readFileSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';

export interface FakeAsset {
  readonly id: number;
  readonly name: string;
  readonly size: number;
  readonly digest: string | null;
  readonly state: string;
}

export interface FakeRelease {
  readonly id: number;
  readonly tagName: string;
  readonly name: string;
  readonly body: string;
  readonly isDraft: boolean;
  readonly isPrerelease: boolean;
  readonly isImmutable: boolean;
  readonly isLatest: boolean;
  readonly assets: FakeAsset[];
}

export interface FakeState {
  readonly repo: string;
  /** The repository's "immutable releases" setting. */
  immutable: boolean;
  /** Tags on GitHub. */
  tags: string[];
  /** Tags of deleted immutable releases. */
  burnedTags: string[];
  releases: FakeRelease[];
  nextId: number;
  /** Upload calls so far (one per file). */
  uploads: number;
  /** Upload numbers (1-based, over all runs) that fail with HTTP 502. */
  failUploads: number[];
  /** Serve assets without digests, as older uploads and servers without digests do. */
  noDigests: boolean;
  /** Publish a draft when a file is uploaded to it (someone publishing by hand meanwhile). */
  publishBeforeUpload?: boolean;
  /** The commit each tag points to (for `gh api`); tags without one point to 000…0. */
  tagCommits?: Record<string, string>;
  /** Annotated tag objects by SHA, as `gh api` created them. */
  tagObjects?: Record<string, { tag: string; commit: string; message?: string; ref?: boolean }>;
}

export interface FakeGitHub {
  /** A directory holding `gh`, to put first on PATH. */
  readonly bin: string;
  state(): FakeState;
  update(change: (state: FakeState) => void): void;
  /** Every gh call so far, as argument lists. */
  calls(): string[][];
  /** Runs the fake gh directly (for tests of the fake itself). */
  gh(...args: string[]): { status: number | null; stdout: string; stderr: string };
}

/** A fake `gh` (test/helpers/gh-stand-in.cjs) with its own state, as GitHub with immutable releases on or off. */
export function fakeGitHub(
  options: Partial<Pick<FakeState, 'immutable' | 'tags' | 'failUploads' | 'noDigests' | 'publishBeforeUpload' | 'tagCommits'>> = {},
): FakeGitHub {
  const bin = mkdtempSync(join(tmpdir(), 'fake-gh-'));
  const stateFile = join(bin, 'state.json');
  const initial: FakeState = {
    repo: 'octo/dioxide',
    immutable: options.immutable ?? true,
    tags: options.tags ?? [],
    burnedTags: [],
    releases: [],
    nextId: 1,
    uploads: 0,
    failUploads: options.failUploads ?? [],
    noDigests: options.noDigests ?? false,
    publishBeforeUpload: options.publishBeforeUpload ?? false,
    tagCommits: options.tagCommits ?? {},
    tagObjects: {},
  };
  writeFileSync(stateFile, JSON.stringify(initial, null, 2));
  writeFileSync(join(bin, 'calls.jsonl'), '');
  writeFileSync(join(bin, 'gh'), `#!/usr/bin/env bash\nFAKE_GH_STATE=${JSON.stringify(bin)} exec ${JSON.stringify(process.execPath)} ${JSON.stringify(join(__dirname, 'gh-stand-in.cjs'))} "$@"\n`);
  chmodSync(join(bin, 'gh'), 0o755);
  const state = (): FakeState => JSON.parse(readFileSync(stateFile, 'utf8'));
  return {
    bin,
    state,
    update(change) {
      const s = state();
      change(s);
      writeFileSync(stateFile, JSON.stringify(s, null, 2));
    },
    calls: () => readFileSync(join(bin, 'calls.jsonl'), 'utf8').split('\n').filter(Boolean).map((line) => JSON.parse(line)),
    gh: (...args) => {
      const result = spawnSync(join(bin, 'gh'), args, { encoding: 'utf8', env: { ...process.env, GH_TOKEN: 'ghs_x' } });
      return { status: result.status, stdout: result.stdout, stderr: result.stderr };
    },
  };
}
