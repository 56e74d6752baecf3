import { execFileSync } from 'child_process';
import { join } from 'path';
import { ReleaseTrigger, VersionSource } from '../../../src/synth/options';
import { synthRelease } from '../../helpers/synth';
import { validateWorkflows } from '../../helpers/validators';

/** The concurrency group GitHub computes for a run, by its own expression engine (test/helpers/expression.mjs). */
function group(workflow: any, context: { github: Record<string, string>; inputs: Record<string, unknown> }): string {
  const input = JSON.stringify({ template: workflow.concurrency.group, context });
  return execFileSync(process.execPath, [join(__dirname, '..', '..', 'helpers', 'expression.mjs'), input], { encoding: 'utf8' });
}
const push = (tag: string) => ({ github: { event_name: 'push', ref: `refs/tags/${tag}`, ref_name: tag }, inputs: {} });
const dispatch = (inputs: Record<string, unknown>, branch = 'main') =>
  ({ github: { event_name: 'workflow_dispatch', ref: `refs/heads/${branch}`, ref_name: branch }, inputs });

const tagged = synthRelease({ packageName: 'dioxide' });
const byHand = synthRelease({ packageName: 'dioxide', releaseTrigger: ReleaseTrigger.DISPATCH, versionSource: VersionSource.CARGO });

describe('concurrency groups: a release and a dry run never share a queue, and each version has its own', () => {
  test('tag push: the tag; a dry run started by hand: its own group for the branch', () => {
    expect(group(tagged.workflow, push('v1.2.3'))).toBe('release-refs/tags/v1.2.3');
    expect(group(tagged.workflow, push('v1.2.4'))).toBe('release-refs/tags/v1.2.4');
    expect(group(tagged.workflow, dispatch({ 'dry-run': true }))).toBe('release-dry-run-refs/heads/main');
    expect(tagged.workflow.concurrency['cancel-in-progress']).toBe(false);
  });

  test('release started by hand: the version, and a dry run of it in a group of its own', () => {
    expect(group(byHand.workflow, dispatch({ 'version': '1.2.3', 'dry-run': false }))).toBe('release-1.2.3');
    expect(group(byHand.workflow, dispatch({ 'version': '1.2.3', 'dry-run': true }))).toBe('release-dry-run-1.2.3');
    // Releases of the same version from two branches queue behind each other: only one may publish it.
    expect(group(byHand.workflow, dispatch({ 'version': '1.2.3', 'dry-run': false }, 'hotfix'))).toBe('release-1.2.3');
    // A dry run of the current version (no version given) is keyed by its branch.
    expect(group(byHand.workflow, dispatch({ 'version': '', 'dry-run': true }))).toBe('release-dry-run-refs/heads/main');
    expect(byHand.workflow.concurrency['cancel-in-progress']).toBe(false);
  });

  test("GitHub's workflow parser and actionlint accept both groups; the negative control: a context not available there is flagged", () => {
    const broken = tagged.yaml.replace(/group: .*\n/, 'group: release-${{ needs.plan.outputs.version }}\n');
    expect(broken).not.toBe(tagged.yaml);
    const report = validateWorkflows({ tagged: tagged.yaml, byHand: byHand.yaml, broken });
    expect([report.parser.tagged, report.parser.byHand, report.actionlint.tagged, report.actionlint.byHand]).toEqual([[], [], [], []]);
    expect([report.security.tagged, report.security.byHand]).toEqual([[], []]);
    expect(JSON.stringify(report.parser.broken)).toContain('needs');
  });
});
