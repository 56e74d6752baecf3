import { dirname } from 'path';

/**
 * The YAML library projen writes files with: a bundled dependency of projen,
 * already loaded during synthesis, so reading a generated workflow back costs
 * nothing and parses exactly what projen wrote.
 */
// eslint-disable-next-line @typescript-eslint/no-require-imports
export const projenYaml = require(require.resolve('yaml', { paths: [dirname(require.resolve('projen/package.json'))] })) as typeof import('yaml');
