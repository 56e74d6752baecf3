/**
 * How long the release tools wait at most, declared once: the tools follow these
 * schedules on the runner, and the plan sizes the jobs' time limits from them.
 */

/** Seconds verify-install waits before each new attempt while the index catches up (as pip's own retries do). */
export const VERIFY_RETRY_SECONDS: readonly number[] = [15, 30, 60, 60, 90, 120, 120];
/** Seconds one request to the index's JSON API may take, body included. */
export const VERIFY_REQUEST_SECONDS = 30;
/** Seconds one `pip install` of the release from the index may take before it is stopped and tried again. */
export const VERIFY_INSTALL_ATTEMPT_SECONDS = 120;
/** Minutes a job spends besides its tool's schedule: starting, check-out, downloads, setup-python, the dependencies' install. */
const JOB_SETUP_MINUTES = 5;

/**
 * verify-install at its worst: every install attempt runs to its limit and all but the
 * last fail, then every request to the JSON API does the same, each with the schedule's waits.
 */
export function verifyWorstCaseSeconds(): number {
  const attempts = VERIFY_RETRY_SECONDS.length + 1;
  const waits = VERIFY_RETRY_SECONDS.reduce((sum, s) => sum + s, 0);
  return attempts * VERIFY_INSTALL_ATTEMPT_SECONDS + waits + attempts * VERIFY_REQUEST_SECONDS + waits;
}

/** The verify job's time limit: its worst case, and the job around it. */
export function verifyTimeoutMinutes(): number {
  return Math.ceil(verifyWorstCaseSeconds() / 60) + JOB_SETUP_MINUTES;
}

/** The GitHub Release job's minutes besides uploads: the draft, its notes, the checks and publishing it. */
const GITHUB_RELEASE_BASE_MINUTES = 10;
/** Minutes per file the GitHub Release uploads one after another (and checks): a 100 MB wheel at under 2 MB/s. */
const GITHUB_RELEASE_MINUTES_PER_FILE = 1;

/** The GitHub Release job's time limit for `files` attached distributions. */
export function githubReleaseTimeoutMinutes(files: number): number {
  return GITHUB_RELEASE_BASE_MINUTES + files * GITHUB_RELEASE_MINUTES_PER_FILE;
}
