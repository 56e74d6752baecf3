import { checkWorkflowSecurity } from '../../../src/synth/security/workflow-rules';

const SHA = 'a'.repeat(40);
const good = () => ({
  on: { push: { tags: ['v*'] } },
  permissions: { contents: 'read' },
  concurrency: { 'group': '${{ github.workflow }}-${{ github.ref }}', 'cancel-in-progress': false },
  jobs: {
    build: {
      'timeout-minutes': 10,
      'steps': [
        { uses: `actions/checkout@${SHA}`, with: { 'persist-credentials': false } },
        { uses: `PyO3/maturin-action@${SHA}`, with: { sccache: 'false' } },
      ],
    },
    publish: {
      'timeout-minutes': 10,
      'if': "needs.plan.outputs.publish == 'true'",
      'environment': 'pypi',
      'permissions': { 'id-token': 'write' },
      'steps': [{ uses: `pypa/gh-action-pypi-publish@${SHA}`, with: { 'skip-existing': true, 'password': '${{ secrets.PYPI_TOKEN }}' } }],
    },
    release: {
      'timeout-minutes': 10,
      'permissions': { contents: 'write' },
      'steps': [{ uses: `actions/checkout@${SHA}`, with: { 'persist-credentials': false } }, { run: 'node .github/maturin-release/release-tools.cjs github-release' }],
    },
  },
});
const text = (w: any) => JSON.stringify(w).replace(/"uses":"([^"]+)"/g, (_, ref) => `\nuses: ${ref} # v1.0.0\n`);
const rules = (w: any, yaml = text(w)) => checkWorkflowSecurity(w, yaml).map((f) => f.rule);

test('a sound workflow has no findings', () => expect(rules(good())).toEqual([]));

test.each<[string, (w: any) => void, string]>([
  ['pull_request_target trigger', (w) => { w.on.pull_request_target = {}; }, 'dangerous-trigger'],
  ['broad top-level permissions', (w) => { w.permissions = 'write-all'; }, 'top-level-permissions'],
  ['cancel-in-progress', (w) => { w.concurrency['cancel-in-progress'] = true; }, 'concurrency'],
  ['one group for every release', (w) => { w.concurrency.group = '${{ github.workflow }}'; }, 'concurrency'],
  ['no timeout', (w) => { delete w.jobs.build['timeout-minutes']; }, 'timeout'],
  ['expression in run', (w) => { w.jobs.release.steps[1].run = 'echo ${{ github.ref_name }}'; }, 'expression-in-run'],
  ['unpinned action', (w) => { w.jobs.build.steps[1].uses = 'PyO3/maturin-action@v1'; }, 'pinned-action'],
  ['persisted credentials', (w) => { w.jobs.build.steps[0].with = {}; }, 'checkout-credentials'],
  ['a cache', (w) => { w.jobs.build.steps.push({ uses: `actions/cache@${SHA}` }); }, 'no-cache'],
  ['sccache on', (w) => { w.jobs.build.steps[1].with.sccache = 'true'; }, 'no-cache'],
  ['setup-python cache', (w) => { w.jobs.build.steps.push({ uses: `actions/setup-python@${SHA}`, with: { cache: 'pip' } }); }, 'no-cache'],
  ['publish without skip-existing', (w) => { w.jobs.publish.steps[0].with['skip-existing'] = false; }, 'idempotent-publish'],
  ['id-token where nothing needs it', (w) => { w.jobs.build.permissions = { 'id-token': 'write' }; }, 'job-permissions'],
  ['contents: write on a build job', (w) => { w.jobs.build.permissions = { contents: 'write' }; }, 'job-permissions'],
  ['secrets outside an environment', (w) => { delete w.jobs.publish.environment; }, 'secrets-in-environment'],
  ['publish without the plan gate', (w) => { delete w.jobs.publish.if; }, 'publish-gated'],
])('flags %s', (_, mutate, rule) => {
  const w = good();
  mutate(w);
  expect(rules(w)).toContain(rule);
});

test('a release started by hand may be grouped by its version input instead of the ref', () => {
  const w = good();
  w.concurrency.group = "release-${{ inputs.dry-run && 'dry-run-' || '' }}${{ inputs.version || github.ref }}";
  expect(rules(w)).toEqual([]);
  w.concurrency.group = "release-${{ inputs.dry-run && 'dry-run-' || '' }}${{ inputs.version }}";
  expect(rules(w)).toEqual([]);
});

test('a SHA pin without its version comment is flagged', () => {
  const w = good();
  expect(rules(w, text(w).replace(/ # v1\.0\.0/g, ''))).toContain('pinned-action');
});

describe('a job with contents: write runs the release tools and nothing else', () => {
  const withRun = (run: string) => {
    const w = good();
    w.jobs.release.steps[1].run = run;
    return rules(w);
  };
  test.each([
    'node .github/maturin-release/release-tools.cjs create-tag',
    'node .github/maturin-release/release-tools.cjs --config=.github/maturin-release/release-cli.config.json github-release',
  ])('%s is allowed', (run) => expect(withRun(run)).toEqual([]));
  test.each([
    'node .github/maturin-release/release-tools.cjs --config=../other.json github-release',
    'node .github/maturin-release/release-tools.cjs --config=.github/maturin-release/x.config.json github-release && curl evil',
    'node .github/maturin-release/release-tools.cjs create-tag; git push --force origin v1',
  ])('%s is flagged', (run) => expect(withRun(run)).toContain('job-permissions'));
});

test('publishing.environments false lets the publish job alone go without an environment', () => {
  const w = good();
  delete (w.jobs.publish as any).environment;
  const ungated = (x: any) => checkWorkflowSecurity(x, text(x), { environments: false }).map((f) => f.rule);
  expect(ungated(w)).toEqual([]);
  // Another job reading a secret outside an environment is still flagged, and the default still wants one.
  (w.jobs.build as any).env = { TOKEN: '${{ secrets.OTHER }}' };
  expect(ungated(w)).toEqual(['secrets-in-environment']);
  expect(rules(w)).toEqual(expect.arrayContaining(['secrets-in-environment', 'publish-gated']));
});
