import { readFileSync } from 'fs';
import { join } from 'path';
import { minVersion, satisfies } from 'semver';
import { parse } from 'yaml';
import { validateWorkflows } from '../helpers/validators';

/**
 * The package's own workflows, which projen generates from .projenrc.ts: release.yml bumps,
 * builds and publishes projen-maturin to npm; build.yml checks pull requests.
 */
const ROOT = join(__dirname, '..', '..');
const text = (name: string) => readFileSync(join(ROOT, '.github', 'workflows', `${name}.yml`), 'utf8');
const release = parse(text('release'));
const engines = (name: string): string => JSON.parse(readFileSync(join(ROOT, 'node_modules', name, 'package.json'), 'utf8')).engines.node;

describe('the package\'s own release workflow', () => {
  test('GitHub\'s workflow parser and actionlint find nothing in release.yml and build.yml', () => {
    const report = validateWorkflows({ release: text('release'), build: text('build') }, { release: 'tag', build: 'tag' }, ['build']);
    expect({ parser: report.parser, actionlint: report.actionlint })
      .toEqual({ parser: { release: [], build: [] }, actionlint: { release: [], build: [] } });
  });

  test.each(['jsii', 'jsii-pacmak', 'projen', 'commit-and-tag-version', 'eslint', 'jest'])('every job sets up a Node that %s supports', (tool) => {
    const setupNode = (job: any) => job.steps.filter((step: any) => String(step.uses).startsWith('actions/setup-node@'));
    const versions = ['release', 'build'].flatMap((name) => Object.values<any>(parse(text(name)).jobs)
      .flatMap((job) => setupNode(job).map((step: any) => String(step.with['node-version']))));
    expect(versions.length).toBeGreaterThan(3);
    for (const version of versions) {
      expect({ version, supported: satisfies(minVersion(version)!, engines(tool)) }).toEqual({ version, supported: true });
    }
  });

  test('negative control: Node 20.0.0, the package\'s minimum, cannot run jsii 5.9 or projen\'s bump tool', () => {
    expect(satisfies('20.0.0', engines('jsii'))).toBe(false);
    expect(satisfies('20.0.0', engines('commit-and-tag-version'))).toBe(false);
  });

  test('the npm job publishes with provenance, authenticated by the NPM_TOKEN secret on the first release', () => {
    const job = release.jobs.release_npm;
    // Provenance needs the job's OIDC token; npm links it to the repository package.json names.
    expect(job.permissions).toEqual({ 'id-token': 'write', 'contents': 'read' });
    const publish = job.steps.find((step: any) => step.name === 'Release');
    expect(publish.env).toMatchObject({ NPM_CONFIG_PROVENANCE: 'true', NPM_REGISTRY: 'registry.npmjs.org', NPM_TOKEN: '${{ secrets.NPM_TOKEN }}' });
    // npm's trusted publishing can only be configured for a package that already exists: the first publish needs a token.
    expect(publish.env.NPM_TRUSTED_PUBLISHER).toBeUndefined();
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
    expect(pkg.repository.url).toMatch(/^https:\/\/github\.com\/[^/]+\/[^/]+\.git$/);
    expect(pkg.publishConfig).toEqual({ access: 'public' });
  });
});
