import { ProjenMaturinError } from '../../core/errors';
import { GENERATED_FILES_DRIFT, PROJEN_MATURIN_VERSION, generatedFileProblems } from '../../core/generated-files';
import { RELEASE_TOOLS_PATH, runtimeConfigPath } from '../../core/paths';
import { CommandContext } from '../command';

/**
 * `projen-maturin check`: the generated release files of every package are what one
 * `npx projen` run produced, by the check the release's plan job makes (one implementation),
 * so a pull request that edits them (a dependency bot bumping an action pin) fails before a tag does.
 */
export function run({ selected, root, out }: CommandContext): number {
  const problems: string[] = [];
  const checked: string[] = [];
  for (const config of selected) {
    const workflowName = config.workflowPath.split('/').pop()!.replace(/\.yml$/, '');
    const configPath = runtimeConfigPath(workflowName);
    problems.push(...generatedFileProblems(root, config, config.workflowPath, PROJEN_MATURIN_VERSION, configPath));
    checked.push(`${config.workflowPath}, ${RELEASE_TOOLS_PATH} and ${configPath}`);
  }
  if (problems.length > 0) {
    throw new ProjenMaturinError([GENERATED_FILES_DRIFT, ...problems].join('\n'),
      'run "npx projen" in the repository root and commit the result. The generated files are never edited by hand or by a dependency bot: ' +
      'to get newer action pins, upgrade projen-maturin (npm install --save-dev projen-maturin@latest), run "npx projen" and commit');
  }
  out.write(`${checked.join('; ')} are what one "npx projen" run generated (projen-maturin ${PROJEN_MATURIN_VERSION})\n`);
  return 0;
}
