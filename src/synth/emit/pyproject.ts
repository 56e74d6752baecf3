import { ResolvedConfig } from '../config';
import { SUPPORTED_PYTHON_VERSIONS } from '../plan/targets';

/** maturin versions the generated build-system accepts. */
export const MATURIN_REQUIREMENT = 'maturin>=1.7,<2.0';

/**
 * Managed pyproject.toml: build-system, `[project]` metadata derived from the same
 * Python versions that drive the build matrix, and `[tool.maturin]`.
 */
export function managedPyproject(config: ResolvedConfig, maturinSettings: Record<string, unknown> | undefined): Record<string, unknown> {
  const lowest = config.abi3MinimumPython ?? config.pythonVersions[0];
  // abi3 wheels install on every later CPython too.
  const supported = config.abi3MinimumPython
    ? SUPPORTED_PYTHON_VERSIONS.filter((v) => SUPPORTED_PYTHON_VERSIONS.indexOf(v) >= SUPPORTED_PYTHON_VERSIONS.indexOf(lowest))
    : config.pythonVersions;
  return {
    'build-system': { 'requires': [MATURIN_REQUIREMENT], 'build-backend': 'maturin' },
    'project': {
      'name': config.packageName,
      'requires-python': `>=${lowest}`,
      'classifiers': [
        'Programming Language :: Rust',
        'Programming Language :: Python :: Implementation :: CPython',
        'Programming Language :: Python :: 3',
        ...supported.map((v) => `Programming Language :: Python :: ${v}`),
      ],
      'dynamic': ['version'],
    },
    'tool': { maturin: maturinSettings ?? { features: ['pyo3/extension-module'] } },
  };
}
