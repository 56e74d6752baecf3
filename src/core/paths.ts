/** Where the generated release tooling lives in the user's repository. */
export const RELEASE_DIR = '.github/maturin-release';
/** The dependency-free release logic the workflow runs (`node <path> <command>`). */
export const RELEASE_TOOLS_PATH = `${RELEASE_DIR}/release-tools.cjs`;
/** The release settings the tools read, generated from the same config as the workflow. */
export const RELEASE_CONFIG_PATH = `${RELEASE_DIR}/config.json`;
/** The generated workflow's path for a `workflowName`. */
export const workflowPath = (workflowName: string) => `.github/workflows/${workflowName}.yml`;
