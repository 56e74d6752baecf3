import { renderTargets } from './checklist-targets';
import { releaseDiagram } from './diagram';
import { EstimateReport, formatEstimate } from '../../core/estimate-report';
import { abi3Feature, cpythonTag } from '../../core/interpreters';
import { IndexPlan, PublishJob } from '../plan/jobs';
import { ReleasePlan, jobOf, jobsOf } from '../plan/release-plan';
import { WARNING_MONTHS, runnerLabel } from '../plan/runner-labels';
import { ReleaseHistory } from '../release-history';

/** What the checklist needs besides the plan. */
export interface ChecklistContext {
  /** "owner/name", when known. */
  readonly repository?: string;
  /** The workflow file name, as PyPI's trusted publisher form asks for it. */
  readonly workflowFile: string;
  readonly estimate: EstimateReport;
  /** Where the version is written, in words (e.g. "`Cargo.toml` `[workspace.package].version`, which `crates/x/Cargo.toml` inherits"). */
  readonly versionLocation?: string;
  /** The repository releases several packages: commands name this one with `--package`. */
  readonly several?: boolean;
  /** What the repository says about earlier releases; undefined: a new project releasing 0.1.0. */
  readonly history?: ReleaseHistory;
}

/** The version RELEASING.md's steps release. */
const releaseVersion = (ctx: ChecklistContext) => ctx.history?.next ?? '0.1.0';

const code = (text: string) => `\`${text}\``;

/**
 * Where rulesets exist (GitHub Docs, github/docs data/reusables/gated-features/repo-rules.md). Their
 * bypass list takes roles, teams, deploy keys and GitHub Apps, not a workflow's GITHUB_TOKEN
 * (data/reusables/repositories/rulesets-bypass-step.md at 2284ed2).
 */
const RULESETS = 'rulesets: public repositories on every plan, private ones on GitHub Pro, Team or Enterprise Cloud';

/**
 * Where to add the trusted publisher: a project that exists on the index adds it on its own
 * publishing page; a *pending* publisher is for a project the first upload creates (PyPI's
 * "Adding a trusted publisher to an existing PyPI project" and "Creating a PyPI project with a
 * trusted publisher"). PyPI cannot be asked at synthesis: the release history decides, and
 * when it cannot, or for TestPyPI, both ways are given.
 */
function publisherPlace(index: IndexPlan, plan: ReleasePlan, ctx: ChecklistContext): string[] {
  const name = plan.config.packageName;
  const site = index.channel === 'pypi' ? 'https://pypi.org' : 'https://test.pypi.org';
  const existing = `on ${site}/manage/project/${name}/settings/publishing/ (Your projects → ${code(name)} → Manage → Publishing) add a publisher (GitHub tab)`;
  const pending = `on ${site}/manage/account/publishing/ add a *pending publisher* (GitHub tab), with PyPI Project Name ${code(name)}`;
  const history = ctx.history;
  if (!history || history.released === false) {
    return [`- [ ] **${index.title} trusted publisher.** On ${site}/manage/account/publishing/ add a *pending publisher* (GitHub tab):`, `  - PyPI Project Name: ${code(name)}`];
  }
  const both = [`  - If ${code(name)} is on ${index.title} already: ${existing}.`, `  - If ${code(name)} is not on ${index.title} yet: ${pending}.`];
  if (history.released && index.channel === 'pypi') {
    return [
      `- [ ] **${index.title} trusted publisher.** projen-maturin takes ${code(name)} to be on PyPI already: ${history.evidence}. ` +
        `${existing.charAt(0).toUpperCase()}${existing.slice(1)}, not a pending publisher (those are for projects that do not exist yet):`,
    ];
  }
  const why = index.channel === 'testpypi'
    ? `projen-maturin cannot tell whether ${code(name)} is on TestPyPI, a separate site from PyPI:`
    : `projen-maturin cannot tell whether ${code(name)} is on PyPI: nothing says ${history.current} was released ` +
      `(no ${plan.config.changelogFile} section, no tag ${plan.config.tag.prefix}${history.current}).`;
  return [`- [ ] **${index.title} trusted publisher.** ${why}`, ...both, '  With:'];
}

function trustedPublisher(index: IndexPlan, plan: ReleasePlan, ctx: ChecklistContext): string[] {
  const [owner, repo] = ctx.repository ? ctx.repository.split('/') : ['<owner>', '<repository>'];
  return [
    ...publisherPlace(index, plan, ctx),
    `  - Owner: ${code(owner)}`,
    `  - Repository name: ${code(repo)}`,
    `  - Workflow name: ${code(ctx.workflowFile)}`,
    index.environment === undefined
      ? '  - Environment name: leave it empty (publishing.environments is false: the publish job runs in no environment)'
      : `  - Environment name: ${code(index.environment)}`,
  ];
}

function tokenSecret(job: PublishJob, plan: ReleasePlan, ctx: ChecklistContext): string[] {
  const { index } = job;
  const site = index.channel === 'pypi' ? 'https://pypi.org' : 'https://test.pypi.org';
  return [
    `- [ ] **${index.title} API token.** Create one at ${site}/manage/account/token/ scoped to the project ${code(plan.config.packageName)}` +
      (ctx.history?.released && index.channel === 'pypi' ? '.' : ' (the very first upload needs an account-wide token: replace it with a project-scoped one right after).'),
    index.environment === undefined
      ? `- [ ] Store it as the repository secret ${code(index.tokenSecret!)} (Settings → Secrets and variables → Actions → New repository secret). ` +
        'publishing.environments is false, so every job of every workflow of the repository can read it, on any branch.'
      : `- [ ] Store it as the secret ${code(index.tokenSecret!)} of the environment ${code(index.environment)} ` +
        `(Settings → Environments → ${index.environment} → Environment secrets). Only the job ${code(job.id)} reads it.`,
  ];
}

/** Which version the steps release, and why, when the repository has a version of its own. */
function historyLines(plan: ReleasePlan, ctx: ChecklistContext): string[] {
  const history = ctx.history;
  if (!history || history.released === false) return [];
  return [
    '',
    history.released
      ? `${history.current} was released (${history.evidence}): these steps release the next version, ${history.next}; choose another that is newer if it fits better.`
      : `These steps release ${history.next}, the version after the one in ${plan.config.versionSource === 'cargo' ? 'Cargo.toml' : 'pyproject.toml'}. If ${history.current} itself was never released, use ${history.current} in these steps instead.`,
  ];
}

/** Where the notes of the GitHub Release come from, in words. */
function notesWords(plan: ReleasePlan): string {
  const { config } = plan;
  switch (config.releaseNotes) {
    case 'changelog': return `the version's ${code(config.changelogFile)} section as notes`;
    case 'github': return 'notes generated by GitHub (the pull requests merged since the previous release)';
    case 'file': return `the notes of ${code(config.releaseNotesFile ?? '')}`;
    default: return 'no notes';
  }
}

/** How the GitHub Release is made, and who publishes it when it is left as a draft. */
function githubReleaseLines(plan: ReleasePlan, exampleTag: string): string[] {
  const release = jobOf(plan, 'github-release');
  if (!release) return [];
  const files = release.attach ? 'with every distribution attached and checked against the build (sha256)' : `with ${notesWords(plan)}`;
  return [
    '',
    release.draft
      ? `The GitHub Release is left as a complete **draft**, ${files}, because \`githubRelease.draft\` is on. ` +
        `**A maintainer publishes it**: Releases → the draft → *Publish release*, or \`gh release edit ${exampleTag} --draft=false\`. ` +
        'With immutable releases on, its files and tag are locked from then on.'
      : `The GitHub Release is created as a draft ${files}, and published by the workflow once every file is there.`,
  ];
}

/** Troubleshooting rows for the plan job's refusals, for this trigger and notes source. */
function troubleshootingPlanRows(plan: ReleasePlan, ctx: ChecklistContext): string[] {
  const { config } = plan;
  const pattern = config.tag.pattern;
  const example = `${config.tag.prefix}${releaseVersion(ctx)}`;
  const source = config.versionSource === 'cargo' ? 'Cargo.toml' : 'pyproject.toml';
  const again = config.releaseTrigger === 'dispatch' ? 'run the workflow again' : 'delete and re-push the tag';
  return [
    `| plan: "The generated release files do not belong together" | \`${ctx.workflowFile}\`, \`${config.configPath}\` or \`release-tools.cjs\` was edited by hand, ` +
      `or they come from different \`npx projen\` runs or projen-maturin versions | \`npx projen\`, commit, then ${again} (nothing was built); ` +
      'change the workflow in .projenrc (`MaturinRelease.workflow`), never in the generated file |',
    ...(config.releaseTrigger === 'dispatch'
      ? [
        `| plan: "the version to release is X, but ${source} says Y" | the version input and the version source disagree | \`npx projen release:prepare X\`, commit, push, and run the workflow again |`,
        '| plan: "the tag … already exists" | the version was released already (its tag is made after publishing) | finish a failed release with *Re-run failed jobs* of its run; otherwise release a new version |',
      ]
      : [
        `| plan: "tag … is version X, but ${source} says Y" | the tag and the version source disagree | \`npx projen release:prepare X\`, commit, then delete and re-push the tag (only if nothing was published) |`,
        `| plan: "does not match the release tag pattern" | the tag is not \`${pattern}\` with a PEP 440/SemVer version | tag e.g. \`${example}\`, \`${config.tag.prefix}1.0.0-rc.1\` |`,
      ]),
    ...(config.changelogRequired ? [`| plan: "${config.changelogFile} has no section for version X" | no \`## [X]\` heading, or it is empty | add the section (or run \`release:prepare\`) |`] : []),
    ...(config.releaseNotes === 'file'
      ? [`| plan: "… does not exist: the release notes of X come from it" | no notes file for the version (\`${config.releaseNotesFile}\`) | write it, commit, and release again |`]
      : []),
  ];
}

/** The runner labels of the release jobs with the dates GitHub announced for them. */
function runnerLines(plan: ReleasePlan): string[] {
  const byLabel = new Map<string, string[]>();
  for (const job of plan.jobs) byLabel.set(job.runner, [...(byLabel.get(job.runner) ?? []), job.id]);
  const rows = [...byLabel].map(([label, jobs]) => {
    const entry = runnerLabel(label);
    if (!entry) return `| ${code(label)} | ${jobs.join(', ')} | not a GitHub-hosted label projen-maturin knows (a larger or self-hosted runner?) | | |`;
    const end = entry.retired ? `${entry.announcedEnd ? `${entry.announcedEnd} (taken as ${entry.retired})` : entry.retired}${entry.replacement ? `; then ${code(entry.replacement)}` : ''}` : 'none announced';
    const notes = [entry.deprecated ? `deprecated since ${entry.deprecated}` : undefined, entry.note].filter(Boolean).join('; ');
    return `| ${code(label)} | ${jobs.join(', ')} | ${end} | ${notes} | ${entry.source} |`;
  });
  const arm = [...byLabel.keys()].map(runnerLabel).filter((entry) => entry?.privateSince !== undefined);
  return [
    '## Runner images',
    '',
    `GitHub retires hosted runner images on announced dates. \`npx projen\` warns about a label from ${WARNING_MONTHS} months before its end, and stops with the label to move to once it has ended. This configuration uses:`,
    '',
    '| label | jobs | end | notes | source |',
    '| --- | --- | --- | --- | --- |',
    ...rows,
    ...(arm.length > 0 ? [
      '',
      `Arm runners (${arm.map((entry) => code(entry!.label)).join(', ')}) are standard runners for public repositories, and for private repositories since ${arm[0]!.privateSince} ` +
        '(before that a private repository could not use them). A private repository pays for hosted runner minutes beyond its plan\'s included minutes; ' +
        'GitHub Enterprise Server has no GitHub-hosted runners.',
    ] : []),
    '',
  ];
}

const attestsProvenance = (plan: ReleasePlan) => jobsOf(plan, 'publish').some((job) => job.attest);

/** Where GitHub stores the build provenance attestations, and what a private repository needs. */
function provenanceLines(plan: ReleasePlan, repoName: string): string[] {
  if (!attestsProvenance(plan)) return [];
  return [
    '',
    '### Build provenance',
    '',
    '- [ ] The publish job attests SLSA build provenance for every file with `actions/attest` (`publishing.attestations`). ' +
      'GitHub stores attestations for **public repositories** on every plan; a **private or internal** repository needs **GitHub Enterprise Cloud**, ' +
      'and GitHub Enterprise Server has none. On any other plan, set `publishing.attestations: false` before releasing from a private repository: ' +
      'otherwise the plan job stops a user-owned private repository\'s release before anything is built, and in an organisation\'s private repository the publish job fails (nothing is published) and says why.',
    `  Check a file after a release: ${code(`gh attestation verify <file> --repo ${repoName}`)}.`,
  ];
}

/**
 * RELEASING.md: what to configure before the first release, how to release,
 * re-run and yank, and what a release costs. Generated from the plan, so it
 * always matches the workflow.
 */
export function renderChecklist(plan: ReleasePlan, ctx: ChecklistContext): string {
  const { config } = plan;
  const trusted = config.publishing.mode === 'trusted';
  const repoName = ctx.repository ?? '<owner>/<repository>';
  const pattern = config.tag.pattern;
  const version = releaseVersion(ctx);
  const example = `${config.tag.prefix}${version}`;
  const dispatch = config.releaseTrigger === 'dispatch';
  const workflowName = config.workflowName === 'release' ? 'Release' : `Release ${config.packageName}`;
  const pkg = ctx.several ? ` --package ${config.packageName}` : '';
  const start = dispatch
    ? `Running ${code(`.github/workflows/${ctx.workflowFile}`)} of ${repoName} by hand (Actions → ${workflowName} → Run workflow) with a version and dry-run off runs: `
    : `Pushing a tag that matches ${code(pattern)} to ${repoName} runs ${code(`.github/workflows/${ctx.workflowFile}`)}: `;
  const where = config.packageDirectory === '.' ? ''
    : ` The package is in ${code(config.packageDirectory)}: maturin runs there${jobsOf(plan, 'test').length > 0 ? `, and the tests copy ${config.testSourcePaths.map(code).join(', ')}` : ''}.`;
  const attests = attestsProvenance(plan);
  const lines: string[] = [
    `# Releasing ${config.packageName}`,
    '',
    start +
      `wheels for Python ${config.pythonVersions.join(', ')}${config.abi3MinimumPython ? ` (one abi3 wheel per platform, ${cpythonTag(config.abi3MinimumPython)}-abi3)` : ''} ` +
      `on ${jobsOf(plan, 'build').map((b) => b.platform.title).join(', ')}${jobOf(plan, 'sdist') ? ', and an sdist' : ''}; ` +
      `tests on ${[...new Set(jobsOf(plan, 'test').map((t) => t.platform.title))].join(', ') || 'no platform'}; ` +
      `${plan.indexes.length > 1 ? 'pre-releases to TestPyPI and stable releases to PyPI' : 'every release to PyPI'}` +
      `${dispatch ? `; then the tag ${code(`${config.tag.prefix}<version>`)} on the commit it ran on` : ''}` +
      `${jobOf(plan, 'github-release') ? `; a GitHub Release with ${notesWords(plan)}` : ''}.${where}`,
    '',
    '## The jobs of a release',
    '',
    releaseDiagram(plan),
    '',
    'Each arrow leads to a job that waits for the one before it. A dotted arrow leads to a job that runs only when its condition holds: ' +
      'publishing and what follows it run for tag pushes only, to the index the plan job chose for the version. ' +
      `${code(`npx projen release:preflight ${example}`)} lists the jobs a tag would run.`,
    '',
    ...renderTargets(plan),
    '## Before the first release',
    '',
    `### ${trusted ? 'Trusted publishing (no secrets)' : 'API tokens'}`,
    '',
  ];
  for (const job of jobsOf(plan, 'publish')) lines.push(...(trusted ? trustedPublisher(job.index, plan, ctx) : tokenSecret(job, plan, ctx)));

  lines.push(...provenanceLines(plan, repoName));

  // GitHub Docs, "Managing environments for deployment" (github/docs data/reusables/gated-features/environments.md at 602c917).
  lines.push('', '### GitHub environments', '',
    'What GitHub offers depends on the repository\'s visibility and plan (GitHub Docs, "Managing environments for deployment"): ' +
      'a **public** repository has environments, deployment branches and required reviewers on every current plan. ' +
      'A **private** or internal repository has environments and deployment branches on GitHub Pro, Team or Enterprise, and required reviewers only on GitHub Enterprise; ' +
      'on GitHub Free it has no environments.' +
      (trusted ? '' : ' A private repository on GitHub Free has no environment secrets: store the token as a repository secret (Settings → Secrets and variables → Actions) instead.'),
    '');
  if (!config.publishing.environments) {
    lines.push('The publish jobs run in no environment (publishing.environments is false): nothing but the release tag gates an upload. ' +
      'An environment would add deployment branch and tag rules (only release tags publish), required reviewers (a maintainer approves each upload)' +
      `${trusted ? '' : ' and secrets only the publish job can read'}: set publishing.environments to true, run "npx projen", and follow the steps it then lists here.`);
  }
  for (const index of plan.indexes.filter((i) => i.environment !== undefined)) {
    lines.push(
      `- [ ] Create the environment ${code(index.environment!)} (Settings → Environments → New environment).`,
      dispatch
        ? '  - [ ] Deployment branches and tags: *Selected branches and tags*, add the branch you release from (e.g. `main`): a release started by hand publishes from that branch, before its tag exists.'
        : `  - [ ] Deployment branches and tags: *Selected branches and tags*, add the tag rule ${code(pattern)}, so only release tags can publish.`,
      `  - [ ] Required reviewers (public repositories; private ones on GitHub Enterprise): ${index.channel === 'pypi' ? 'at least one maintainer, so a human approves every PyPI upload.' : 'optional for TestPyPI.'}`,
    );
  }
  const notesFile = config.releaseNotesFile ?? '';
  const notesItem = {
    changelog: [],
    github: ['- [ ] Optional: `.github/release.yml` groups the generated notes by pull-request label (GitHub\'s automatically generated release notes).'],
    file: [`- [ ] Each release's notes are in ${code(notesFile)} (e.g. ${code(notesFile.split('{version}').join(version))}), committed before the release.`],
    none: [],
  }[config.releaseNotes];
  lines.push(
    '',
    '### Repository',
    '',
    dispatch
      ? `- [ ] A tag ruleset (Settings → Rules → Rulesets → New tag ruleset; ${RULESETS}) targeting ${code(pattern)}: block updates, deletions and force pushes — a release tag is never moved. ` +
        'Do not restrict creations: the workflow creates the tag through the API with its `GITHUB_TOKEN`, which cannot be in a ruleset\'s bypass list ' +
        '(GitHub takes roles, teams, deploy keys and GitHub Apps there), so the tag job would fail after publishing. ' +
        'Who may start a release is decided instead by who may run the workflow (write access) and by the environments above.'
      : `- [ ] A tag ruleset (Settings → Rules → Rulesets → New tag ruleset; ${RULESETS}) targeting ${code(pattern)}: restrict creations, updates and deletions, ` +
        'with the maintainers (e.g. the Maintain role or a team) in its bypass list, and block force pushes — a release tag is never moved.',
    '- [ ] Settings → Actions → General → Workflow permissions: *Read repository contents* (the workflow raises permissions per job where it needs them).',
    ...(config.changelogRequired
      ? [`- [ ] ${code(config.changelogFile)} has a ${code('## [Unreleased]')} section (Keep a Changelog); ` +
        `${config.releaseNotes === 'changelog' ? 'the release notes are the version\'s section' : 'every release needs a section for its version'}.`]
      : []),
    ...notesItem,
    config.versionSource === 'cargo'
      ? `- [ ] The version lives in ${ctx.versionLocation ?? `Cargo.toml ${code('[package].version')}`}; pyproject.toml declares ${code('dynamic = ["version"]')}.`
      : `- [ ] The version lives in ${ctx.versionLocation ?? `pyproject.toml ${code('[project].version')}`}.`,
    ...(config.bindings !== 'pyo3' ? [] : [config.abi3Features.length > 0
      ? `- [ ] Cargo.toml does not enable a pyo3 \`abi3\` feature: the workflow passes ${code(`--features ${config.abi3Features.join(',')}`)} to the abi3 build only, ` +
        'so the wheels of the versions below the floor are built without it.'
      : config.abi3MinimumPython
        ? `- [ ] Cargo.toml enables pyo3's ${code(abi3Feature(config.abi3MinimumPython))} feature.`
        : '- [ ] Cargo.toml does not enable a pyo3 `abi3` feature (this configuration builds one wheel per Python version).']),
    `- [ ] Rehearse once: Actions → ${workflowName} → Run workflow (dry run). It plans, builds and tests the current version and publishes nothing.`,
    '',
    '## Releasing',
    '',
    `1. ${code(`npx projen release:prepare ${version}${pkg}`)} — writes the version${config.changelogRequired ? `, promotes ${code('## [Unreleased]')} in ${code(config.changelogFile)}` : ''}, ` +
      `and prints the commands below (${code('--dry-run')} to preview).`,
    `2. ${code(`git add … && git commit -m "chore(release): ${version}"`)}`,
    `3. ${code(`npx projen release:preflight ${dispatch ? version : example}${pkg}`)} — the version, PEP 440 form, channel, pre-release flag, the jobs and publish steps that will run, and the release notes, from the same code and workflow that run in CI.`,
    dispatch
      ? `4. ${code('git push origin HEAD')}, then Actions → ${workflowName} → Run workflow on that branch with version ${code(version)} and dry-run unchecked ` +
        `(or ${code(`gh workflow run ${ctx.workflowFile} -f version=${version} -f dry-run=false`)}); after publishing it tags the commit ${code(example)}.`
      : config.sharedTag
        ? `4. ${code('git push origin HEAD')}; the repository's next release tag (${code(pattern)}, made by its own release process) releases ${code(version)}. ` +
          'The tag is shared (sharedTag): it only starts the release, the version is the package\'s own, the CHANGELOG section is that version\'s, ' +
          'a pre-release of it goes to TestPyPI, the plan job stops when that version is on the index already (a tag that did not bump this package), ' +
          'and the tag\'s GitHub Release is left to the repository.'
        : `4. ${code(`git tag -a ${example} -m "Release ${version}"`)} and ${code(`git push origin HEAD ${example}`)}.`,
    ...historyLines(plan, ctx),
    '',
    'Pre-releases (`1.0.0-rc.1`, `1.0.0rc1`, `.dev` versions) ' +
      (plan.indexes.length > 1 ? 'go to TestPyPI and are marked as pre-releases on GitHub; stable versions go to PyPI.' : 'are published to PyPI (pip ignores them unless asked) and marked as pre-releases on GitHub.'),
    ...githubReleaseLines(plan, example),
    '',
    '## Generated files and dependency-update bots',
    '',
    `The release workflow, \`release-tools.cjs\` and the settings file are generated together; the plan job stops a release when one of them was changed by hand. Run ${code('npx projen-maturin check')} (or ${code('npx projen release:check')}) on every pull request, in any CI: it fails when they are not what ${code('npx projen')} produces.`,
    '',
    'Dependabot and Renovate would bump the action pins inside the generated workflow. Keep them away from it, and **upgrade projen-maturin instead** (its releases carry newer pins): `npm install --save-dev projen-maturin@latest`, `npx projen`, commit.',
    '',
    `- Dependabot (\`.github/dependabot.yml\`, in the \`github-actions\` update entry): \`exclude-paths: [".github/workflows/${ctx.workflowFile}"]\``,
    `- Renovate (\`renovate.json\`): \`"ignorePaths": [".github/workflows/${ctx.workflowFile}"]\``,
    '',
    '## When a release fails',
    '',
    '- **Re-run failed jobs**, not all jobs: the failed jobs reuse the checked `dist` artifact, publishing skips files already uploaded (`skip-existing`), and the GitHub Release step completes the draft a failed run left (it uploads what is missing, replaces what differs, and publishes only when every file matches the checked build). *Re-run all jobs* would rebuild the wheels, whose bytes (and hashes) differ from what may already be on the index; the install check compares the index\'s files with the checked build and stops the release if they differ.',
    '- A version that reached an index can never be uploaded again with different files: fix forward with the next version (e.g. `1.0.0-rc.2`).',
    '- **Immutable releases** (Settings → General → Releases, or an organisation policy): once a GitHub Release is published, its files and its tag are locked — uploads fail with HTTP 422, and the tag of a deleted immutable release can never be used again. The workflow works with the setting on: it attaches every file to a draft, checks each file\'s sha256 against the checked build, and publishes last. A re-run accepts a published release only if its files are the checked build; otherwise it stops and says to release a new version. **Never delete a release or its tag to retry**: fix forward with the next version.',
    '- To withdraw a release: on PyPI, Manage → Releases → Options → *Yank* (pip stops choosing it; pinned installs keep working), then note it in the CHANGELOG and edit the GitHub Release\'s notes. Delete only releases nobody can have installed, and never to reuse their version.',
    '',
    '## Troubleshooting',
    '',
    '| symptom | cause | fix |',
    '| --- | --- | --- |',
    ...troubleshootingPlanRows(plan, ctx),
    '| check-dist: "missing: cp3XX wheel for …" | a build produced fewer wheels than promised (an interpreter or platform failed, or abi3 does not match Cargo.toml) | read that build job; re-run failed jobs |',
    '| check-dist: "unexpected: …" | a build produced a wheel nobody asked for (e.g. an abi3 wheel while abi3 is off) | align `abi3`/`pythonVersions` with Cargo.toml |',
    '| check-dist: "PyPI\'s ZIP rules: …" (e.g. `Trailing data`, `ZIP contains a data descriptor`) | the wheel was changed after the build (a signing or re-zipping tool, bytes appended) or written by another ZIP writer; PyPI refuses archives that two ZIP readers could read differently | publish only what maturin built: remove the step that touches `dist/`, re-run failed jobs |',
    '| check-dist: "WHEEL: has no Tag line …" or "file name: has a platform tag PyPI does not accept" | a wheel was renamed or retagged after the build, or built without manylinux/musllinux (`linux_x86_64`) | let the generated build jobs name the wheels; never rename a wheel |',
    '| check-dist: "METADATA: …" or "PKG-INFO: …" | `[project]` metadata PyPI or `twine check` refuses: a version other than the release, a direct URL dependency, an unknown field | fix pyproject.toml, then release a new version |',
    '| check-dist warns "twine check --strict: … `long_description` missing" (the release goes on) | `[project]` has no `readme`: PyPI takes the files but shows no description | add `readme = "README.md"` to `[project]` for the next release |',
    '| check-dist: "RECORD: …" | a file in the wheel was added or changed after the build | rebuild; never edit a built wheel |',
    '| check-dist: "sdist: …" | the sdist is not a gzip tar of `{name}-{version}/` with PKG-INFO | let `maturin sdist` (the generated sdist job) build it |',
    '| check-dist: "size limit: File too large" | a file is over PyPI\'s 100 MB limit (or the project\'s own limit) | make the extension smaller (`strip = true` in `[profile.release]`), or ask PyPI for a higher limit and set `publishing.maxFileSizeMb` to it |',
    `| publish: \`invalid-publisher\` | the trusted publisher's owner, repository, workflow (${code(ctx.workflowFile)}) or environment does not match | fix the publisher on (Test)PyPI as listed above |`,
    ...(attests ? [
      '| plan: "publishing.attestations is on, but … is a private repository owned by a user account"; publish: "Build provenance attestation failed" after "Feature not available for …" | GitHub stores attestations only for public repositories, and for private or internal ones on GitHub Enterprise Cloud | make the repository public, or set `publishing.attestations: false`, `npx projen`, commit, then ' +
        `${dispatch ? 'run the workflow again' : 'delete and re-push the tag'} (nothing was published) |`,
      '| publish: "Build provenance attestation failed" after a Sigstore or network error | a temporary outage | re-run the failed jobs |',
    ] : []),
    '| publish: "File already exists" | the version was uploaded before | `skip-existing` covers re-runs; for a changed build, release a new version |',
    '| verify: "could not be installed" | the index had not caught up, or the wheel does not install | re-run the failed job; check the wheel tags in the check-dist summary |',
    '| verify: "… on the index … is not the checked build" | the version was uploaded before from another build (e.g. *Re-run all jobs*) | release a new version; yank the mismatched one if it was announced |',
    '| verify: "… is on the index but not in the checked build" | an earlier upload of this version added a file this build did not make | release a new version; yank this one if it was announced |',
    '| verify: "… answered 404 Not Found", "could not be reached", "did not answer within" | the index had not caught up, or was unreachable from the runner | re-run the failed job; the message names the URL |',
    ...(dispatch ? [
      '| tag: "already exists on GitHub, on commit …" | the version was tagged on another commit | release a new version; never move a release tag |',
      '| tag: "could not create the tag" with HTTP 403 or a rule violation | a tag ruleset restricts creations of release tags, and the workflow\'s `GITHUB_TOKEN` cannot bypass it | ' +
        `remove *Restrict creations* from the ruleset that targets ${code(config.tag.pattern)} (keep blocking updates, deletions and force pushes), then re-run the failed job |`,
    ] : []),
    '| github-release: "… is already published, and its files are not the checked build" | the release was published from another build, or before all files were attached | release a new version; do not delete the release |',
    '| github-release: "Cannot upload assets to an immutable release" | someone published the draft while files were still being attached | release a new version; the published release stays as it is |',
    '| github-release: "tag_name was used by an immutable release" | a published immutable release for this tag was deleted: its tag name is gone for good | release a new version |',
    '',
    ...runnerLines(plan),
    '## Time and cost of one release',
    '',
    formatEstimate(ctx.estimate),
    '',
  );
  return lines.join('\n');
}
