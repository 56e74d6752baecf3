import { resolveConfig } from '../../../src/synth/config';
import { releaseDiagram } from '../../../src/synth/emit/diagram';
import { MaturinReleaseOptions, WheelPlatform } from '../../../src/synth/options';
import { buildReleasePlan } from '../../../src/synth/plan/release-plan';
import { synthRelease } from '../../helpers/synth';

const plan = (options: Partial<MaturinReleaseOptions> = {}) => buildReleasePlan(resolveConfig({ packageName: 'dioxide', ...options }));
const arrows = (diagram: string) => diagram.split('\n').filter((l) => /-\.?->/.test(l)).map((l) => l.trim());
/** Job id → the box it is drawn in (its own, or its group's). */
const nodes = (diagram: string) => [...diagram.matchAll(/^\s*(j_\w+)\["([\w-]+): /gm)].map((m) => m[2]);

const THREE = [WheelPlatform.LINUX_X86_64, WheelPlatform.MACOS_ARM64, WheelPlatform.WINDOWS_X64];

describe('the job graph as a Mermaid diagram', () => {
  test('every job of the plan, once, with its title; arrows only where a job waits for the one before it', () => {
    const p = plan({ platforms: THREE });
    const diagram = releaseDiagram(p);
    expect(diagram.split('\n').slice(0, 2)).toEqual(['```mermaid', 'flowchart LR']);
    expect(diagram.endsWith('\n```')).toBe(true);
    expect(nodes(diagram)).toEqual(p.jobs.map((j) => j.id));
    expect(diagram).toContain('j_build_macos_arm64["build-macos-arm64: Build wheels (macOS arm64)"]');
    expect(arrows(diagram)).toEqual([
      'j_plan --> g_build_linux_x86_64',
      'j_plan --> j_build_sdist',
      'g_build_linux_x86_64 --> j_check_dist',
      'j_build_sdist --> j_check_dist',
      // Each test waits for its own platform's build, not for check-dist; publishing waits for both.
      'g_build_linux_x86_64 -->|each after its own build| g_test_linux_x86_64_3_11',
      'j_check_dist -.-> g_publish_testpypi',
      'g_test_linux_x86_64_3_11 -.-> g_publish_testpypi',
      'g_publish_testpypi -.-> j_verify',
      'j_verify -.-> j_github_release',
    ]);
    expect(diagram).toContain('subgraph g_build_linux_x86_64["3 build jobs"]\n    direction LR\n');
  });

  test('follows the configuration: one platform, no sdist, no TestPyPI, no GitHub Release', () => {
    const p = plan({ platforms: [WheelPlatform.LINUX_X86_64], pythonVersions: ['3.12'], sdist: false, publishing: { testPypi: false }, githubRelease: { enabled: false } });
    const diagram = releaseDiagram(p);
    expect(nodes(diagram)).toEqual(['plan', 'build-linux-x86_64', 'check-dist', 'test-linux-x86_64', 'publish-pypi', 'verify']);
    expect(diagram).not.toContain('subgraph');
    expect(arrows(diagram)).toEqual([
      'j_plan --> j_build_linux_x86_64',
      'j_build_linux_x86_64 --> j_check_dist',
      'j_build_linux_x86_64 -->|after its build| j_test_linux_x86_64',
      'j_check_dist -.-> j_publish_pypi',
      'j_test_linux_x86_64 -.-> j_publish_pypi',
      'j_publish_pypi -.-> j_verify',
    ]);
  });

  test('every platform: still a handful of arrows, every job drawn once', () => {
    const p = plan({ platforms: Object.values(WheelPlatform).filter((w) => w !== WheelPlatform.MACOS_UNIVERSAL2) });
    const diagram = releaseDiagram(p);
    expect(p.jobs.length).toBeGreaterThan(30);
    expect(nodes(diagram)).toEqual(p.jobs.map((j) => j.id));
    expect(arrows(diagram).length).toBeLessThanOrEqual(10);
  });

  test('RELEASING.md shows it for exactly this configuration', () => {
    const text = synthRelease({ packageName: 'dioxide', platforms: THREE }).files['RELEASING.md'] as string;
    expect(text).toContain(`## The jobs of a release\n\n${releaseDiagram(plan({ platforms: THREE }))}\n`);
    expect(text).not.toContain('build-linux-aarch64');
  });
});
