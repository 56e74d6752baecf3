import { IResolver, Project, YamlFile } from 'projen';
import { annotatePinnedActions } from './yaml';

/** A generated workflow, rendered by projen's YamlFile, with a note under the marker and pin comments. */
export class WorkflowFile extends YamlFile {
  constructor(project: Project, path: string, workflow: Record<string, unknown>, private readonly note: string) {
    super(project, path, { obj: workflow, readonly: true, marker: true });
  }

  protected synthesizeContent(resolver: IResolver): string | undefined {
    const yaml = super.synthesizeContent(resolver);
    if (yaml === undefined) return undefined;
    const [marker, ...rest] = yaml.split('\n');
    return annotatePinnedActions([marker, `# ${this.note}`, ...rest].join('\n'));
  }
}
