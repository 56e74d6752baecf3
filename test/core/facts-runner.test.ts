import { RUNNER_IMAGES } from '../../src/core/facts/runner-images';
import { RUNNER_PRICES } from '../../src/core/facts/runner-prices';
import { DEFAULT_COST_ASSUMPTIONS, isStandardRunner } from '../../src/synth/plan/cost-model';
import { RUNNER_LABELS } from '../../src/synth/plan/runner-labels';
import { PLATFORMS } from '../../src/synth/plan/targets';

describe('runner labels: architectures from the runner-images README', () => {
  test('every label of the lifecycle table the README lists has the README\'s architecture', () => {
    const listed = RUNNER_LABELS.filter((entry) => RUNNER_IMAGES.labels.some((l) => l.label === entry.label));
    expect(listed.length).toBeGreaterThan(15);
    for (const entry of listed) {
      expect([entry.label, entry.arch]).toEqual([entry.label, RUNNER_IMAGES.labels.find((l) => l.label === entry.label)!.arch]);
    }
  });
  test('every default runner is a label the README lists, not deprecated', () => {
    for (const platform of Object.values(PLATFORMS)) {
      expect([platform.id, RUNNER_IMAGES.labels.find((l) => l.label === platform.defaultRunner)?.status]).toEqual([platform.id, 'ga']);
    }
  });
});

describe('prices: the standard runners\' table of GitHub\'s docs', () => {
  test('Windows arm64 standard runners cost $0.010 a minute, like Windows x64 (the $0.008 SKU is a larger runner)', () => {
    expect(DEFAULT_COST_ASSUMPTIONS.priceWindowsArm64).toBe(0.01);
    expect(DEFAULT_COST_ASSUMPTIONS).toMatchObject({ priceLinux: 0.006, priceLinuxArm64: 0.005, priceWindows: 0.01, priceMacos: 0.062 });
  });
  test('the windows-*-vs2026 labels are standard runners; macOS -large and -xlarge are larger ones', () => {
    expect(['windows-2025-vs2026', 'windows-11-vs2026-arm', 'windows-11-arm', 'ubuntu-24.04-arm', 'macos-15-intel', 'macos-26'].map(isStandardRunner)).toEqual([true, true, true, true, true, true]);
    expect(['macos-15-large', 'macos-26-xlarge', 'macos-latest-large', 'ubuntu-24.04-16core'].map(isStandardRunner)).toEqual([false, false, false, false]);
  });
  test('each snapshot names its source and the day it was read', () => {
    for (const source of [RUNNER_IMAGES.source, RUNNER_PRICES.source]) {
      expect(source).toMatchObject({ repository: expect.stringMatching(/^[\w.-]+\/[\w.-]+$/), path: expect.any(String), read: expect.stringMatching(/^\d{4}-\d\d-\d\d$/) });
    }
  });
});
