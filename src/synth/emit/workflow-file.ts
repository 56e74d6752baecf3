import { IResolver, ObjectFile, Project, YamlFile, github } from 'projen';
import { ActionCatalog } from './actions';
import { Job, WorkflowSettings } from './workflow';
import { annotatePinnedActions } from './yaml';
import { optionError } from '../config';
import { SecurityRuleOptions, checkWorkflowSecurity } from '../security/workflow-rules';

/** A generated workflow: its settings, its jobs, and the note written under projen's marker. */
export interface GeneratedWorkflowOptions {
  /** File name in `.github/workflows/`, e.g. `release.yml`. */
  readonly fileName: string;
  readonly settings: WorkflowSettings;
  readonly jobs: Record<string, Job>;
  readonly note: string;
  /** The security rules every job must pass, including jobs and steps users add. */
  readonly rules: SecurityRuleOptions;
  /** The action releases, for the tag written beside each SHA pin. */
  readonly actions: ActionCatalog;
}

/**
 * A projen `GithubWorkflow` (so users can add jobs, insert and patch steps, and
 * projen's `github.actions` overrides apply) whose file also carries the
 * workflow-level permissions and defaults, a note, the release tag beside each
 * SHA-pinned action, and passes our security rules at synthesis.
 */
export class GeneratedWorkflow extends github.GithubWorkflow {
  constructor(gh: github.GitHub, options: GeneratedWorkflowOptions) {
    super(gh, options.settings.name, { fileName: options.fileName, force: true });
    const path = `.github/workflows/${options.fileName}`;
    // Replace projen's plain file with ours (same path, same workflow object).
    this.project.tryRemoveFile(path);
    const render = () => this.renderAll(options.settings);
    (this as { file: YamlFile | undefined }).file = new WorkflowYamlFile(this.project, path, render, options);
    this.addJobs(options.jobs);
  }

  /**
   * The file's text exactly as projen writes it, for the digest config.json records.
   * @internal
   */
  public _renderText(resolver: IResolver): string | undefined {
    return (this.file as WorkflowYamlFile)._renderText(resolver);
  }

  private renderAll(settings: WorkflowSettings): Record<string, unknown> {
    // Jobs as projen renders them (typed keys to GitHub's, github.actions overrides applied);
    // the rest is ours, because projen's renderer would rewrite input names such as `dry-run`.
    const { jobs } = (this as unknown as { renderWorkflow(): { jobs: Record<string, unknown> } }).renderWorkflow();
    return { ...settings, jobs };
  }
}

class WorkflowYamlFile extends YamlFile {
  /** This synthesis's text: config.json's digest and the file itself render it once. */
  private rendered?: { readonly text: string | undefined };

  constructor(project: Project, path: string, render: () => Record<string, unknown>, private readonly options: GeneratedWorkflowOptions) {
    super(project, path, { obj: render, readonly: true, marker: true, committed: true });
  }

  /** @internal */
  public _renderText(resolver: IResolver): string | undefined {
    return this.synthesizeContent(resolver);
  }

  public preSynthesize(): void {
    super.preSynthesize();
    this.rendered = undefined;
  }

  protected synthesizeContent(resolver: IResolver): string | undefined {
    this.rendered ??= { text: this.render(resolver) };
    return this.rendered.text;
  }

  private render(resolver: IResolver): string | undefined {
    const yaml = super.synthesizeContent(resolver);
    if (yaml === undefined) return undefined;
    const [marker, ...rest] = yaml.split('\n');
    const text = annotatePinnedActions([marker, `# ${this.options.note}`, ...rest].join('\n'), this.options.actions);
    // The rules read the object projen wrote as this YAML (every override and patch applied), from its
    // JSON form: parsing the YAML back would cost more than all the rest of the synthesis.
    const json = (ObjectFile.prototype as unknown as { synthesizeContent(r: IResolver): string | undefined }).synthesizeContent.call(this, resolver);
    const findings = checkWorkflowSecurity(JSON.parse(json ?? '{}'), text, this.options.rules);
    if (findings.length > 0) {
      throw optionError(
        `${this.path} breaks the release workflow's security rules:\n${findings.map((f) => `- ${f.where}: ${f.message} (${f.rule})`).join('\n')}`,
        'values from options reach scripts only through env:, actions are pinned, and permissions stay per job; change the option or the added step named above',
      );
    }
    return text;
  }
}
