import { ResolvedConfig } from '../config';
import { MaturinReleaseOptions, WheelPlatform } from '../options';

/**
 * A GitHub-hosted runner label and what GitHub has announced about its life.
 * Dates are days (YYYY-MM-DD, UTC).
 */
export interface RunnerLabel {
  readonly label: string;
  readonly arch: 'x64' | 'arm64';
  /** The day GitHub started deprecating it. */
  readonly deprecated?: string;
  /** The first day jobs no longer run on it. */
  readonly retired?: string;
  /** The end as GitHub announced it, when that was a month rather than a day. */
  readonly announcedEnd?: string;
  /** The label to move to. */
  readonly replacement?: string;
  /** Where GitHub said so. */
  readonly source: string;
  /** What else a user should know about it. */
  readonly note?: string;
  /** Since when private repositories have it, where they got it after public ones. */
  readonly privateSince?: string;
}

const issue = (n: number) => `https://github.com/actions/runner-images/issues/${n}`;
const README = 'https://github.com/actions/runner-images#available-images';
// GitHub changelog "arm64 standard runners are now available in private repositories" (2026-01-29).
const ARM_PRIVATE = 'https://github.blog/changelog/ (2026-01-29: arm64 standard runners are now available in private repositories)';
const ARM_PRIVATE_SINCE = '2026-01-29';

/**
 * The hosted runner labels projen-maturin emits or users commonly set, as GitHub announced
 * them up to 2026-11-26 (actions/runner-images README at 74951446 and its announcement
 * issues). Update it when GitHub announces a deprecation; a label missing here (larger or
 * self-hosted runners) is never warned about.
 */
export const RUNNER_LABELS: readonly RunnerLabel[] = [
  { label: 'ubuntu-20.04', arch: 'x64', retired: '2025-04-15', replacement: 'ubuntu-24.04', source: issue(11101) },
  {
    label: 'ubuntu-22.04',
    arch: 'x64',
    deprecated: '2026-09-17',
    retired: '2027-04-17',
    replacement: 'ubuntu-24.04',
    source: issue(14254),
    note: 'brownouts (jobs fail for some hours) on 2027-03-23, 03-30, 04-06 and 04-13',
  },
  {
    label: 'ubuntu-22.04-arm',
    arch: 'arm64',
    deprecated: '2026-09-17',
    retired: '2027-04-17',
    replacement: 'ubuntu-24.04-arm',
    source: issue(14254),
    privateSince: ARM_PRIVATE_SINCE,
  },
  { label: 'ubuntu-24.04', arch: 'x64', source: README },
  { label: 'ubuntu-24.04-arm', arch: 'arm64', source: ARM_PRIVATE, privateSince: ARM_PRIVATE_SINCE },
  { label: 'ubuntu-26.04', arch: 'x64', source: issue(14747), note: 'generally available since 2026-09-17; setup-python has no Python 3.8 or 3.9 for it' },
  { label: 'ubuntu-26.04-arm', arch: 'arm64', source: issue(14747), note: 'generally available since 2026-09-17; setup-python has no Python 3.8 or 3.9 for it' },
  { label: 'ubuntu-latest', arch: 'x64', source: issue(14748), note: 'moves to each new Ubuntu image: Ubuntu 26.04 since 2026-11-19' },
  { label: 'ubuntu-slim', arch: 'x64', source: README, note: 'one core, for light jobs' },
  { label: 'macos-13', arch: 'x64', retired: '2025-12-04', replacement: 'macos-15-intel', source: issue(13046) },
  { label: 'macos-13-large', arch: 'x64', retired: '2025-12-04', replacement: 'macos-15-large', source: issue(13046) },
  { label: 'macos-13-xlarge', arch: 'arm64', retired: '2025-12-04', replacement: 'macos-15-xlarge', source: issue(13046) },
  { label: 'macos-14', arch: 'arm64', deprecated: '2026-07-06', retired: '2026-11-02', replacement: 'macos-15', source: issue(13518) },
  { label: 'macos-14-large', arch: 'x64', deprecated: '2026-07-06', retired: '2026-11-02', replacement: 'macos-15-intel', source: issue(13518) },
  { label: 'macos-14-xlarge', arch: 'arm64', deprecated: '2026-07-06', retired: '2026-11-02', replacement: 'macos-15-xlarge', source: issue(13518) },
  { label: 'macos-15', arch: 'arm64', source: README },
  { label: 'macos-15-xlarge', arch: 'arm64', source: README },
  {
    label: 'macos-15-intel',
    arch: 'x64',
    retired: '2027-08-01',
    announcedEnd: 'August 2027',
    replacement: 'macos-26-intel',
    source: issue(13045),
    note: 'announced as the last Intel image, "after that date the x86_64 architecture will not be supported"; macos-26-intel came later, without an announced end',
  },
  { label: 'macos-15-large', arch: 'x64', retired: '2027-08-01', announcedEnd: 'August 2027', replacement: 'macos-26-large', source: issue(13045) },
  { label: 'macos-26', arch: 'arm64', source: issue(13739), note: 'generally available since 2026-02-26' },
  { label: 'macos-26-xlarge', arch: 'arm64', source: issue(13739) },
  {
    label: 'macos-26-intel',
    arch: 'x64',
    source: issue(13739),
    note: 'generally available since 2026-02-26, no end announced; macOS 26 is the last macOS for Intel Macs, and GitHub said in 2025 that x86_64 ends in August 2027',
  },
  { label: 'macos-26-large', arch: 'x64', source: issue(13739) },
  { label: 'macos-latest', arch: 'arm64', source: README, note: 'moves to each new macOS image: macOS 26 since mid-2026' },
  { label: 'windows-2019', arch: 'x64', retired: '2025-06-30', replacement: 'windows-2025', source: issue(12045) },
  { label: 'windows-2022', arch: 'x64', source: README },
  { label: 'windows-2025', arch: 'x64', source: issue(14017), note: 'the Visual Studio 2026 image since June 2026' },
  { label: 'windows-2025-vs2026', arch: 'x64', source: issue(14016) },
  { label: 'windows-latest', arch: 'x64', source: README, note: 'moves to each new Windows image: windows-2025' },
  { label: 'windows-11-arm', arch: 'arm64', source: ARM_PRIVATE, privateSince: ARM_PRIVATE_SINCE },
  { label: 'windows-11-vs2026-arm', arch: 'arm64', source: README },
];

/** Synthesis warns about a label this many months before it is retired. */
export const WARNING_MONTHS = 6;

/** The synthesis date (UTC day); tests set another. */
export const synthesisClock = {
  today: (): string => new Date().toISOString().slice(0, 10),
};

/** The lifecycle entry of a label, if it is a GitHub-hosted label projen-maturin knows. */
export function runnerLabel(label: string): RunnerLabel | undefined {
  return RUNNER_LABELS.find((entry) => entry.label === label);
}

/** `date` (YYYY-MM-DD) moved by whole months; a day past the month's end becomes its last day. */
export function addMonths(date: string, months: number): string {
  const [year, month, day] = date.split('-').map(Number);
  const first = new Date(Date.UTC(year, month - 1 + months, 1));
  const last = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).getUTCDate();
  return new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth(), Math.min(day, last))).toISOString().slice(0, 10);
}

/** Where a label is in its life on `today` (YYYY-MM-DD). */
export function labelStatus(entry: RunnerLabel, today: string): 'current' | 'ending' | 'retired' {
  if (entry.retired === undefined) return 'current';
  if (today >= entry.retired) return 'retired';
  return today >= addMonths(entry.retired, -WARNING_MONTHS) ? 'ending' : 'current';
}

/** A runner label of the configuration, and the option that sets it (or would). */
export interface RunnerUse {
  readonly label: string;
  /** The option that sets it, or the one to set to change the default. */
  readonly option: string;
  /** The label is projen-maturin's default, not the user's choice. */
  readonly isDefault: boolean;
}

/** Each runner label the configuration uses, with the option that chose it. */
export function runnerUses(config: ResolvedConfig, options: MaturinReleaseOptions): RunnerUse[] {
  const targets = (options.targets ?? {}) as Record<string, { runner?: string }>;
  const legacy = options.runners?.platforms ?? {};
  const uses: RunnerUse[] = config.targets.map((target) => {
    const id = target.platform.id as WheelPlatform;
    const chosen = targets[id]?.runner !== undefined ? `targets["${id}"].runner` : legacy[id] !== undefined ? `runners.platforms["${id}"]` : undefined;
    return { label: target.runner, option: chosen ?? `targets["${id}"].runner`, isDefault: chosen === undefined };
  });
  uses.push({ label: config.runners.utility, option: 'runners.utility', isDefault: options.runners?.utility === undefined });
  return uses;
}

/** What synthesis says about the runner labels on `today`: warnings to log, and errors that stop it. */
export function runnerLifecycleFindings(uses: readonly RunnerUse[], today: string): { warnings: string[]; errors: string[] } {
  const warnings: string[] = [];
  const errors: string[] = [];
  for (const use of uses) {
    const entry = runnerLabel(use.label);
    if (!entry) continue;
    const status = labelStatus(entry, today);
    if (status === 'current') continue;
    const announced = entry.announcedEnd ? `announced as ${entry.announcedEnd}` : undefined;
    const subject = `${use.option} is "${use.label}"${use.isDefault ? ' by default' : ''}`;
    // Every retired label names its replacement (a test holds the table to it).
    const to = `"${entry.replacement!}"${use.isDefault ? ' (or upgrade projen-maturin)' : ''}`;
    if (status === 'retired') {
      errors.push(`${subject}, which GitHub retired on ${entry.retired}${announced ? ` (${announced})` : ''}, so jobs on it no longer start (${entry.source}); set ${use.option} to ${to}`);
    } else {
      const details = [announced, entry.deprecated ? `deprecated since ${entry.deprecated}` : undefined, entry.note].filter(Boolean).join('; ');
      warnings.push(`${subject}, which GitHub retires on ${entry.retired} (${details}), ${entry.source}; set ${use.option} to ${to} before then`);
    }
  }
  return { warnings: [...new Set(warnings)], errors: [...new Set(errors)] };
}
