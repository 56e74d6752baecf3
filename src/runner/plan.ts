import { addSummary, cell, setOutput } from './io';
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
  });
  if (!decision.ok) {
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
    '',
    '### Release notes',
    '',
    decision.notes,
  ].join('\n'));
  process.stdout.write(`release ${decision.tag}: version ${decision.pep440}, channel ${decision.channel}, pre-release ${decision.prerelease}, publish ${decision.publish}\n`);
  return 0;
}
