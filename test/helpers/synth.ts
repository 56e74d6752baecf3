import { mkdtempSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { Project, Testing, python, typescript } from 'projen';
import { parse } from 'yaml';
import { MaturinRelease, MaturinReleaseOptions } from '../../src';

export type ProjectKind = 'bare' | 'python' | 'typescript';

export interface Synthesized {
  readonly files: Record<string, any>;
  /** The release workflow as written. */
  readonly yaml: string;
  /** The release workflow, parsed. */
  readonly workflow: any;
}

/** A projen project of the given kind in a fresh temp dir. */
export function newProject(kind: ProjectKind = 'bare'): Project {
  const outdir = mkdtempSync(join(tmpdir(), 'projen-maturin-'));
  switch (kind) {
    case 'python':
      return new python.PythonProject({
        name: 'dioxide', moduleName: 'dioxide', authorName: 'A', authorEmail: 'a@example.com', version: '0.1.0', outdir,
      });
    case 'typescript':
      return new typescript.TypeScriptProject({ name: 'ts-host', defaultReleaseBranch: 'main', outdir, release: false });
    default:
      return new Project({ name: 'dioxide', outdir });
  }
}

/** Synthesizes a project with `MaturinRelease(options)` and returns its files. */
export function synthRelease(options: MaturinReleaseOptions, kind: ProjectKind = 'bare'): Synthesized {
  const project = newProject(kind);
  const component = new MaturinRelease(project, options);
  const files = Testing.synth(project);
  const yaml = files[component.workflowPath] as string;
  return { files, yaml, workflow: parse(yaml) };
}
