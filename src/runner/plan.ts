import { addSummary, cell, requireEnv, setOutput } from './io';
import { remoteTagCommit } from './tag';
import { RuntimeConfig } from '../core/contract';
import { decideRelease, planOutputs } from '../core/decision';
import { ProjenMaturinError } from '../core/errors';

/** `plan`: decide the release once and publish the decision as step outputs. */
export function planCommand(config: RuntimeConfig, root: string): number {
  const decision = decideRelease(config, root, {
    event: process.env.GITHUB_EVENT_NAME ?? '',
    refType: process.env.GITHUB_REF_TYPE ?? '',
    refName: process.env.GITHUB_REF_NAME ?? '',
    dryRun: process.env.DRY_RUN === 'true',
    versionInput: process.env.RELEASE_VERSION ?? '',
  });
  if (decision.ok && decision.publish && config.releaseTrigger === 'dispatch') {
    // The tag is made after publishing: an existing one means this version was released already.
    const existing = remoteTagCommit(requireEnv('GITHUB_REPOSITORY'), decision.tag);
    if (existing !== undefined) {
      decision.errors.push(`the tag ${decision.tag} already exists (on commit ${existing}): version ${decision.version} was released already. ` +
        'To finish a release that failed, re-run the failed jobs of its run; otherwise release a new version');
    }
  }
  if (!decision.ok || decision.errors.length > 0) {
    addSummary(['## Release stopped', '', ...decision.errors.map((e) => `- ${cell(e)}`)].join('\n'));
    throw new ProjenMaturinError(decision.errors.join('\n'));
  }
  for (const [name, value] of Object.entries(planOutputs(decision))) setOutput(name, value);
  const where = decision.publish ? (decision.channel === 'testpypi' ? 'TestPyPI' : 'PyPI') : 'nowhere (dry run)';
  addSummary([
    `## Release ${cell(decision.tag)}`,
    '',
    '| | |',
    '|---|---|',
    `| version | ${cell(decision.version)} (PEP 440: ${cell(decision.pep440)}) |`,
    `| pre-release | ${decision.prerelease} |`,
    `| publishes to | ${where} |`,
    ...(config.releaseTrigger === 'dispatch' ? [`| tag | ${decision.publish ? `created on ${cell(process.env.GITHUB_SHA ?? 'this commit')} after publishing` : 'none (dry run)'} |`] : []),
    `| release notes | ${cell(decision.notesSource)} |`,
    ...(decision.notes ? ['', '### Release notes', '', decision.notes] : []),
  ].join('\n'));
  process.stdout.write(`release ${decision.tag}: version ${decision.pep440}, channel ${decision.channel}, pre-release ${decision.prerelease}, publish ${decision.publish}\n`);
  return 0;
}
