/** A Keep a Changelog 1.1.0 skeleton, written once when the project has no changelog. */
export function changelogSkeleton(packageName: string, githubRepository?: string, unreleased: string[] = []): string {
  return [
    '# Changelog',
    '',
    `All notable changes to ${packageName} will be documented in this file.`,
    '',
    'The format is based on [Keep a Changelog](https://keepachangelog.com/en/1.1.0/),',
    'and this project adheres to [Semantic Versioning](https://semver.org/spec/v2.0.0.html)',
    '(published to PyPI as the equivalent PEP 440 version, e.g. 1.0.0-rc.1 as 1.0.0rc1).',
    '',
    '## [Unreleased]',
    '',
    ...(unreleased.length > 0 ? [...unreleased, ''] : []),
    ...(githubRepository ? [`[Unreleased]: https://github.com/${githubRepository}/commits/HEAD`, ''] : []),
  ].join('\n');
}
