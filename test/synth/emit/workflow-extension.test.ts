import { Testing } from 'projen';
import { GitHub, workflows } from 'projen/lib/github';
import { parse } from 'yaml';
import { MaturinRelease, MaturinReleaseOptions } from '../../../src';
import { newProject } from '../../helpers/synth';
import { validateWorkflows } from '../../helpers/validators';

const CHECKOUT = 'actions/checkout@3d3c42e5aac5ba805825da76410c181273ba90b1';

function setUp(options: Partial<MaturinReleaseOptions> = {}) {
  const project = newProject();
  const release = new MaturinRelease(project, { packageName: 'dioxide', ...options });
  const synth = () => {
    const yaml = Testing.synth(project)['.github/workflows/release.yml'] as string;
    return { yaml, workflow: parse(yaml) };
  };
  return { project, release, synth };
}

describe('users extend the generated workflow through projen', () => {
  test('a job added after the GitHub Release is rendered, validated, and passes the rules', () => {
    const { release, synth } = setUp();
    release.workflow.addJob('publish-crate', {
      name: 'Publish the crate to crates.io',
      needs: ['plan', 'github-release'],
      if: "needs.plan.outputs.publish == 'true'",
      runsOn: ['ubuntu-24.04'],
      timeoutMinutes: 15,
      environment: 'crates-io',
      permissions: { contents: workflows.JobPermission.READ },
      steps: [
        { id: 'checkout', uses: CHECKOUT, with: { 'persist-credentials': false } },
        { id: 'publish', run: 'cargo publish --locked', env: { CARGO_REGISTRY_TOKEN: '${{ secrets.CARGO_REGISTRY_TOKEN }}' } },
      ],
    });
    const { yaml, workflow } = synth();
    expect(workflow.jobs['publish-crate'].needs).toEqual(['plan', 'github-release']);
    const report = validateWorkflows({ release: yaml });
    for (const byFile of Object.values(report)) expect(byFile).toEqual({ release: [] });
    expect(Object.keys(report)).toEqual(['parser', 'actionlint', 'shellcheck', 'security', 'inputs', 'semantic']);
  });

  test('a setup step inserted before a build, and a patched build step', () => {
    const { release, synth } = setUp();
    release.workflow.insertStepBefore('build-linux-x86_64', 'build', { id: 'protoc', name: 'Install protoc', run: 'sudo apt-get install -y protobuf-compiler' });
    const build = release.workflow.getStep('build-linux-x86_64', 'build');
    release.workflow.patchStep('build-linux-x86_64', 'build', { with: { ...build.with, 'before-script-linux': 'yum install -y protobuf-compiler' } });
    const steps = synth().workflow.jobs['build-linux-x86_64'].steps;
    expect(steps.map((s: any) => s.id)).toEqual(['checkout', 'protoc', 'build', 'upload']);
    expect(steps[2].with['before-script-linux']).toBe('yum install -y protobuf-compiler');
  });

  test('actionPins replaces a pin everywhere, with its tag beside the SHA', () => {
    const sha = 'a'.repeat(40);
    const { synth } = setUp({ actionPins: { 'actions/checkout': { version: 'v7.0.9', sha } } });
    const { yaml, workflow } = synth();
    const checkouts = Object.values<any>(workflow.jobs).flatMap((j) => j.steps).filter((s) => String(s.uses).startsWith('actions/checkout@'));
    expect(checkouts.length).toBeGreaterThan(5);
    expect(new Set(checkouts.map((s) => s.uses))).toEqual(new Set([`actions/checkout@${sha}`]));
    expect(yaml).toContain(`uses: actions/checkout@${sha} # v7.0.9`);
    expect(yaml).not.toContain('3d3c42e5aac5ba805825da76410c181273ba90b1');
  });

  test("projen's github.actions overrides apply, and a SHA without a named release is refused with the fix", () => {
    const { project, synth } = setUp();
    GitHub.of(project)!.actions.set('actions/checkout', `actions/checkout@${'b'.repeat(40)}`);
    expect(() => synth()).toThrow(/jobs\.plan\.steps\[0\]: actions\/checkout@b{40} has no "# vX\.Y\.Z" comment naming its release \(pin it with the actionPins option/);
  });

  test('a bad pin is an option error', () => {
    expect(() => setUp({ actionPins: { 'actions/checkout': { version: 'v7', sha: 'abc' } } }))
      .toThrow('MaturinRelease: actionPins["actions/checkout"].sha is "abc"; it must be the full 40-character commit SHA of v7');
    expect(() => setUp({ actionPins: { checkout: { version: 'v7', sha: 'a'.repeat(40) } } }))
      .toThrow('MaturinRelease: actionPins has key "checkout"; keys are action repositories such as "PyO3/maturin-action"');
  });

  test('an added step that breaks a security rule fails synthesis with the rule and where', () => {
    const { release, synth } = setUp();
    release.workflow.insertStepBefore('test-macos-arm64', 'download', { id: 'echo-ref', run: 'echo "${{ github.head_ref }}"' });
    expect(() => synth()).toThrow(/jobs\.test-macos-arm64\.steps\[1\]: interpolates \$\{\{ \}\} into a run script; pass the value through env: \(expression-in-run\)/);
  });

  test('an override to an unpinned tag fails synthesis under SHA pinning', () => {
    const { project, synth } = setUp();
    GitHub.of(project)!.actions.set('actions/checkout', 'actions/checkout@v4');
    expect(() => synth()).toThrow(/actions\/checkout@v4 is not pinned to a full commit SHA \(pinned-action\)/);
  });
});
