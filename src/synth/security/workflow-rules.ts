/**
 * Security rules for a release workflow, as code: each finding names the rule,
 * where it was found and what is wrong. Used by the tests on every generated
 * workflow; a release workflow must report none.
 */
export interface SecurityFinding {
  readonly rule: string;
  readonly where: string;
  readonly message: string;
}

export interface SecurityRuleOptions {
  /** How actions must be pinned. @default 'sha' */
  readonly pinning?: 'sha' | 'tag';
  /** A release workflow must never be cancelled half-way; a CI workflow may be. @default true */
  readonly release?: boolean;
  /** Publish jobs run in GitHub environments; false when the configuration chose none (`publishing.environments`). @default true */
  readonly environments?: boolean;
}

type Map = Record<string, unknown>;
const asMap = (v: unknown): Map => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Map) : {});
const asList = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

const EXPRESSION = /\$\{\{/;
const SHA_REF = /^[^@\s]+@[0-9a-f]{40}$/;
const TAG_REF = /^[^@\s]+@v\d+(\.\d+){0,2}$/;
const actionOf = (uses: unknown) => (typeof uses === 'string' ? uses.split('@')[0] : '');

/** Write permissions and the actions that justify each. */
const WRITE_PERMISSION_USERS: Record<string, string[]> = {
  'id-token': ['pypa/gh-action-pypi-publish', 'actions/attest', 'actions/attest-build-provenance'],
  // attest-build-provenance is a wrapper of actions/attest that users' own jobs may still use.
  'attestations': ['actions/attest', 'actions/attest-build-provenance'],
};
/** A job with `contents: write` may only check out, download and run the release tools. */
const CONTENTS_WRITE_ACTIONS = ['actions/checkout', 'actions/download-artifact'];
const RELEASE_TOOLS_RUN = /^node \.github\/maturin-release\/release-tools\.cjs( --config=\.github\/maturin-release\/[A-Za-z0-9_-]+\.config\.json)? [a-z-]+$/;

/** Checks a workflow (parsed object plus its YAML text, for pin comments). */
export function checkWorkflowSecurity(workflow: Map, yamlText: string, options: SecurityRuleOptions = {}): SecurityFinding[] {
  const findings: SecurityFinding[] = [];
  const add = (rule: string, where: string, message: string) => findings.push({ rule, where, message });
  const pinning = options.pinning ?? 'sha';

  const on = asMap(workflow.on);
  for (const trigger of ['pull_request_target', 'workflow_run']) {
    if (trigger in on) add('dangerous-trigger', 'on', `${trigger} runs with secrets on untrusted code`);
  }
  const top = asMap(workflow.permissions);
  if (Object.keys(top).length !== 1 || top.contents !== 'read') {
    add('top-level-permissions', 'permissions', `must be exactly { contents: read }, got ${JSON.stringify(workflow.permissions)}`);
  }
  const concurrency = asMap(workflow.concurrency);
  if ((options.release ?? true) && (concurrency['cancel-in-progress'] !== false || !/github\.ref|inputs\.version/.test(String(concurrency.group ?? '')))) {
    add('concurrency', 'concurrency', 'needs a group per release (its tag, or the version it was started with) and cancel-in-progress: false, so a release is never cancelled half-published');
  }

  for (const [jobId, jobValue] of Object.entries(asMap(workflow.jobs))) {
    const job = asMap(jobValue);
    const where = `jobs.${jobId}`;
    if (typeof job['timeout-minutes'] !== 'number') add('timeout', where, 'has no timeout-minutes');
    const steps = asList(job.steps).map(asMap);
    const actions = steps.map((s) => actionOf(s.uses)).filter(Boolean);

    steps.forEach((step, i) => {
      const at = `${where}.steps[${i}]`;
      if (typeof step.run === 'string' && EXPRESSION.test(step.run)) {
        add('expression-in-run', at, 'interpolates ${{ }} into a run script; pass the value through env:');
      }
      if (typeof step.uses === 'string' && !step.uses.startsWith('./') && !step.uses.startsWith('docker://')) {
        const ref = step.uses;
        if (pinning === 'sha') {
          if (!SHA_REF.test(ref)) {add('pinned-action', at, `${ref} is not pinned to a full commit SHA`);} else if (!new RegExp(`uses: ${ref.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')} # v\\d`).test(yamlText)) {
            add('pinned-action', at, `${ref} has no "# vX.Y.Z" comment naming its release (pin it with the actionPins option, which takes the version and the SHA)`);
          }
        } else if (!TAG_REF.test(ref)) {
          add('pinned-action', at, `${ref} is not pinned to a release tag`);
        }
      }
      const uses = actionOf(step.uses);
      const withs = asMap(step.with);
      if (uses === 'actions/checkout' && withs['persist-credentials'] !== false) {
        add('checkout-credentials', at, 'actions/checkout must set persist-credentials: false');
      }
      if (uses === 'actions/cache' || uses.startsWith('actions/cache/')) add('no-cache', at, 'a tag-triggered release must not restore caches');
      if (uses === 'actions/setup-python' && 'cache' in withs) add('no-cache', at, 'setup-python must not cache in a release');
      if (uses === 'PyO3/maturin-action' && withs.sccache !== 'false') add('no-cache', at, 'maturin-action must set sccache: "false"');
      if (uses === 'pypa/gh-action-pypi-publish' && withs['skip-existing'] !== true) {
        add('idempotent-publish', at, 'gh-action-pypi-publish needs skip-existing: true so a re-run after a partial upload succeeds');
      }
    });

    const permissions = asMap(job.permissions);
    for (const [scope, level] of Object.entries(permissions)) {
      if (level !== 'write') continue;
      if (scope === 'contents') {
        const onlyTools = steps.every((s) => (s.uses ? CONTENTS_WRITE_ACTIONS.includes(actionOf(s.uses)) : RELEASE_TOOLS_RUN.test(String(s.run ?? ''))));
        if (!onlyTools) add('job-permissions', where, 'contents: write is only for a job that runs no build or test code');
      } else if (!(WRITE_PERMISSION_USERS[scope] ?? []).some((a) => actions.includes(a))) {
        add('job-permissions', where, `${scope}: write is granted but no step needs it`);
      }
    }
    const usesSecrets = JSON.stringify(job).includes('secrets.');
    // Without environments (the configuration's choice), only a publish job may read its token outside one.
    const ungated = options.environments === false && actions.includes('pypa/gh-action-pypi-publish');
    if (usesSecrets && !job.environment && !ungated) add('secrets-in-environment', where, 'reads secrets outside a GitHub environment');
    if (actions.includes('pypa/gh-action-pypi-publish')) {
      if (!job.environment && !ungated) add('publish-gated', where, 'publishes without a GitHub environment');
      if (!String(job.if ?? '').includes('needs.plan.outputs.publish')) add('publish-gated', where, "publishes without checking the plan's publish decision");
    }
  }
  return findings;
}
