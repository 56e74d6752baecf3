import { ReleaseVersion } from './version';

/** The package index a release goes to. */
export type Channel = 'testpypi' | 'pypi';

export interface ChannelRules {
  /** Pre-releases and dev releases go to TestPyPI; otherwise they go to PyPI too. */
  readonly prereleasesToTestPypi: boolean;
}

/** The one place the channel is decided (the GitHub Release's pre-release flag is the version's own). */
export function chooseChannel(version: ReleaseVersion, rules: ChannelRules): Channel {
  return version.prerelease && rules.prereleasesToTestPypi ? 'testpypi' : 'pypi';
}
