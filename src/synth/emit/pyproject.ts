import { CPYTHON_MINORS, PRERELEASE_MINORS } from '../../core/interpreters';
import { ResolvedConfig } from '../config';

/**
 * maturin versions the generated build-system accepts: 1.9.4 and later build a pyo3
 * extension module without pyo3's deprecated `extension-module` feature.
 */
export const MATURIN_REQUIREMENT = 'maturin>=1.9.4,<2.0';

/**
 * Managed pyproject.toml: build-system, `[project]` metadata derived from the same
 * Python versions that drive the build matrix, and `[tool.maturin]`.
 */
export function managedPyproject(config: ResolvedConfig, maturinSettings: Record<string, unknown> | undefined): Record<string, unknown> {
  const minors = new Set(config.interpreters.map((i) => i.minor));
  const floor = config.abi3MinimumPython ? Number(config.abi3MinimumPython.split('.')[1]) : undefined;
  // abi3 wheels install on every later CPython too (pre-releases only when configured).
  if (floor !== undefined) for (const m of CPYTHON_MINORS) if (m >= floor && (!PRERELEASE_MINORS.includes(m) || minors.has(m))) minors.add(m);
  const supported = [...minors].sort((a, b) => a - b).map((m) => `3.${m}`);
  const lowest = supported[0];
  const implementations = [
    ...(config.interpreters.some((i) => i.kind === 'cpython' || i.kind === 'free-threaded') ? ['CPython'] : []),
    ...(config.interpreters.some((i) => i.kind === 'pypy') ? ['PyPy'] : []),
  ];
  return {
    'build-system': { 'requires': [MATURIN_REQUIREMENT], 'build-backend': 'maturin' },
    'project': {
      'name': config.packageName,
      'requires-python': `>=${lowest}`,
      'classifiers': [
        'Programming Language :: Rust',
        ...implementations.map((name) => `Programming Language :: Python :: Implementation :: ${name}`),
        'Programming Language :: Python :: 3',
        ...supported.map((v) => `Programming Language :: Python :: ${v}`),
      ],
      'dynamic': ['version'],
    },
    'tool': { maturin: maturinSettings ?? { features: ['pyo3/extension-module'] } },
  };
}
