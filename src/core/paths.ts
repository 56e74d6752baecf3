/** Where the generated release tooling lives in the user's repository. */
export const RELEASE_DIR = '.github/maturin-release';
/** The dependency-free release logic the workflow runs (`node <path> <command>`). */
export const RELEASE_TOOLS_PATH = `${RELEASE_DIR}/release-tools.cjs`;
/** The release settings the tools read, generated from the same config as the workflow (the default workflow's). */
export const RELEASE_CONFIG_PATH = `${RELEASE_DIR}/config.json`;
/** The workflow name whose settings are at `RELEASE_CONFIG_PATH`. */
export const DEFAULT_WORKFLOW_NAME = 'release';
/** The generated workflow's path for a `workflowName`. */
export const workflowPath = (workflowName: string) => `.github/workflows/${workflowName}.yml`;

/**
 * The release settings of one release workflow: `config.json` for the default
 * `release` workflow, `<workflowName>.config.json` for any other, so several
 * packages in one repository each have their own.
 */
export const runtimeConfigPath = (workflowName: string) =>
  (workflowName === DEFAULT_WORKFLOW_NAME ? RELEASE_CONFIG_PATH : `${RELEASE_DIR}/${workflowName}.config.json`);

/** Whether a file name in `RELEASE_DIR` holds release settings. */
export const isRuntimeConfigFile = (name: string) => name === 'config.json' || /^[A-Za-z0-9][A-Za-z0-9_-]*\.config\.json$/.test(name);
