import { Project } from 'projen';
import { MaturinRelease } from '../../../src';
import { ProjenMaturinError } from '../../../src/core/errors';
import { resolveConfig } from '../../../src/synth/config';
import { MaturinReleaseOptions, WheelPlatform } from '../../../src/synth/options';
import {
  RUNNER_LABELS, addMonths, labelStatus, runnerLabel, runnerLifecycleFindings, runnerUses, synthesisClock,
} from '../../../src/synth/plan/runner-labels';
import { ALL_PLATFORMS, PLATFORMS } from '../../../src/synth/plan/targets';
import { newProject } from '../../helpers/synth';

const TODAY = '2026-11-26';
const findings = (options: Partial<MaturinReleaseOptions>, today: string) => {
  const full = { packageName: 'dioxide', ...options } as MaturinReleaseOptions;
  return runnerLifecycleFindings(runnerUses(resolveConfig(full), full), today);
};

describe('the runner label table', () => {
  test('labels are unique; dates are days; an end announced as a month is its first day', () => {
    const labels = RUNNER_LABELS.map((entry) => entry.label);
    expect(new Set(labels).size).toBe(labels.length);
    for (const entry of RUNNER_LABELS) {
      for (const date of [entry.deprecated, entry.retired, entry.privateSince].filter((d): d is string => d !== undefined)) {
        expect(date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
        expect(new Date(`${date}T00:00:00Z`).toISOString().slice(0, 10)).toBe(date);
      }
      if (entry.announcedEnd) expect(entry.retired).toMatch(/-01$/);
      if (entry.deprecated) expect(entry.deprecated < entry.retired!).toBe(true);
    }
  });

  test('every retired label names a replacement that is in the table and still runs after it', () => {
    for (const entry of RUNNER_LABELS.filter((e) => e.retired)) {
      const replacement = runnerLabel(entry.replacement!);
      expect([entry.label, replacement?.label]).toEqual([entry.label, entry.replacement]);
      expect([entry.label, labelStatus(replacement!, addMonths(entry.retired!, 1))]).toEqual([entry.label, 'current']);
      expect([entry.label, replacement!.arch]).toEqual([entry.label, entry.arch]);
    }
  });

  test('every default runner is in the table, and none is ending on 2026-11-26', () => {
    for (const platform of ALL_PLATFORMS) {
      const entry = runnerLabel(PLATFORMS[platform].defaultRunner);
      expect([platform, entry && labelStatus(entry, TODAY)]).toEqual([platform, 'current']);
    }
    const everyPlatform = [...ALL_PLATFORMS].filter((p) => p !== WheelPlatform.MACOS_UNIVERSAL2);
    expect(findings({ platforms: everyPlatform }, TODAY)).toEqual({ warnings: [], errors: [] });
    expect(findings({ platforms: [WheelPlatform.MACOS_UNIVERSAL2] }, TODAY)).toEqual({ warnings: [], errors: [] });
  });

  test('months are calendar months; a day past a short month\'s end is its last day', () => {
    expect(addMonths('2027-04-17', -6)).toBe('2026-10-17');
    expect(addMonths('2027-08-31', -6)).toBe('2027-02-28');
    expect(addMonths('2026-01-15', -1)).toBe('2025-12-15');
  });
});

describe('synthesis warns within six months of a label\'s end and stops after it', () => {
  const on22 = { platforms: [WheelPlatform.LINUX_X86_64], targets: { 'linux-x86_64': { runner: 'ubuntu-22.04' } } };

  test('ubuntu-22.04 (deprecated, retires 2027-04-17): quiet before 2026-10-17, a warning naming option, date and replacement after', () => {
    expect(findings(on22, '2026-10-16')).toEqual({ warnings: [], errors: [] });
    const { warnings, errors } = findings(on22, TODAY);
    expect(errors).toEqual([]);
    expect(warnings).toEqual([
      'targets["linux-x86_64"].runner is "ubuntu-22.04", which GitHub retires on 2027-04-17 (deprecated since 2026-09-17; brownouts (jobs fail for some hours) on 2027-03-23, 03-30, 04-06 and 04-13), ' +
        'https://github.com/actions/runner-images/issues/14254; set targets["linux-x86_64"].runner to "ubuntu-24.04" before then',
    ]);
    expect(findings(on22, '2027-04-16').errors).toEqual([]);
  });

  test('on and after its end: an error naming the option, the label, the date and the replacement', () => {
    const { warnings, errors } = findings(on22, '2027-04-17');
    expect(warnings).toEqual([]);
    expect(errors).toEqual([
      'targets["linux-x86_64"].runner is "ubuntu-22.04", which GitHub retired on 2027-04-17, so jobs on it no longer start (https://github.com/actions/runner-images/issues/14254); set targets["linux-x86_64"].runner to "ubuntu-24.04"',
    ]);
  });

  test('each way of setting a runner is named: runners.platforms, runners.utility, and a default', () => {
    expect(findings({ runners: { platforms: { 'macos-arm64': 'macos-14' } } }, TODAY).errors).toEqual([
      'runners.platforms["macos-arm64"] is "macos-14", which GitHub retired on 2026-11-02, so jobs on it no longer start (https://github.com/actions/runner-images/issues/13518); set runners.platforms["macos-arm64"] to "macos-15"',
    ]);
    expect(findings({ runners: { utility: 'ubuntu-20.04' } }, TODAY).errors).toEqual([
      'runners.utility is "ubuntu-20.04", which GitHub retired on 2025-04-15, so jobs on it no longer start (https://github.com/actions/runner-images/issues/11101); set runners.utility to "ubuntu-24.04"',
    ]);
    // The default macOS Intel runner ends in August 2027.
    expect(findings({}, '2027-01-31')).toEqual({ warnings: [], errors: [] });
    expect(findings({}, '2027-02-01').warnings).toEqual([expect.stringMatching(
      /^targets\["macos-x86_64"\].runner is "macos-15-intel" by default, which GitHub retires on 2027-08-01 \(announced as August 2027; .*\), https:\/\/github.com\/actions\/runner-images\/issues\/13045; set targets\["macos-x86_64"\].runner to "macos-26-intel" \(or upgrade projen-maturin\) before then$/)]);
    expect(findings({}, '2027-08-01').errors).toEqual([expect.stringMatching(
      /^targets\["macos-x86_64"\].runner is "macos-15-intel" by default, which GitHub retired on 2027-08-01 \(announced as August 2027\), so jobs on it no longer start .*; set targets\["macos-x86_64"\].runner to "macos-26-intel" \(or upgrade projen-maturin\)$/)]);
  });

  test('labels projen-maturin does not know (larger or self-hosted runners) are left alone', () => {
    const custom = { platforms: [WheelPlatform.LINUX_X86_64], targets: { 'linux-x86_64': { runner: 'my-org-runner' } }, runners: { utility: 'ubuntu-24.04-16core' } };
    expect(findings(custom, '2030-01-01')).toEqual({ warnings: [], errors: [] });
    // Negative control: a known retired label in the same place is named.
    expect(findings({ ...custom, runners: { utility: 'ubuntu-20.04' } }, '2030-01-01').errors).toHaveLength(1);
  });
});

describe('MaturinRelease applies the lifecycle at synthesis, with today\'s date', () => {
  afterEach(() => jest.restoreAllMocks());

  const construct = (project: Project, options: Partial<MaturinReleaseOptions>) => new MaturinRelease(project, { packageName: 'dioxide', ...options });

  test('a label within six months of its end: projen\'s logger warns, synthesis goes on', () => {
    jest.spyOn(synthesisClock, 'today').mockReturnValue(TODAY);
    const project = newProject();
    const warn = jest.spyOn(project.logger, 'warn').mockImplementation(() => undefined);
    construct(project, { targets: { 'linux-x86_64': { runner: 'ubuntu-22.04' } } });
    expect(warn).toHaveBeenCalledTimes(1);
    expect(warn.mock.calls[0][0]).toMatch(/^MaturinRelease: targets\["linux-x86_64"\].runner is "ubuntu-22.04", which GitHub retires on 2027-04-17/);
  });

  test('the defaults are quiet today (2026-11-26)', () => {
    jest.spyOn(synthesisClock, 'today').mockReturnValue(TODAY);
    const project = newProject();
    const warn = jest.spyOn(project.logger, 'warn').mockImplementation(() => undefined);
    construct(project, {});
    expect(warn).not.toHaveBeenCalled();
  });

  test('a retired label stops synthesis with an option error', () => {
    jest.spyOn(synthesisClock, 'today').mockReturnValue('2027-04-17');
    const error = (() => {
      try {
        construct(newProject(), { targets: { 'linux-x86_64': { runner: 'ubuntu-22.04' } } });
      } catch (e) {
        return e;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(ProjenMaturinError);
    expect((error as Error).message).toBe('MaturinRelease: runner labels GitHub no longer runs:\n- targets["linux-x86_64"].runner is "ubuntu-22.04", which GitHub retired on 2027-04-17, ' +
      'so jobs on it no longer start (https://github.com/actions/runner-images/issues/14254); set targets["linux-x86_64"].runner to "ubuntu-24.04"');
  });
});
