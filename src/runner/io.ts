import { appendFileSync } from 'fs';
import { ProjenMaturinError } from '../core/errors';

/** Appends to a file the runner named in `variable`; a path it cannot write is a message, not a stack trace. */
function appendTo(variable: string, file: string, text: string): void {
  try {
    appendFileSync(file, text);
  } catch (e) {
    throw new ProjenMaturinError(`could not write to ${variable} ("${file}"): ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`,
      `the runner sets ${variable} to a file for each step; on a self-hosted runner, check that its work directory is writable and has space, then re-run the failed job`);
  }
}

/** Writes a step output the way the runner reads `$GITHUB_OUTPUT`. */
export function setOutput(name: string, value: string): void {
  const file = process.env.GITHUB_OUTPUT;
  if (!file) return;
  if (/[\r\n]/.test(value)) throw new Error(`output ${name} must be one line`);
  appendTo('GITHUB_OUTPUT', file, `${name}=${value}\n`);
}

/** Appends Markdown to the job summary (`$GITHUB_STEP_SUMMARY`). */
export function addSummary(markdown: string): void {
  const file = process.env.GITHUB_STEP_SUMMARY;
  if (file) appendTo('GITHUB_STEP_SUMMARY', file, markdown.endsWith('\n') ? markdown : `${markdown}\n`);
}

/** An error annotation on the run, and a plain line for local use. */
export function reportError(message: string): void {
  // Workflow commands are parsed per line; keep the message on one.
  const oneLine = message.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
  process.stderr.write(process.env.GITHUB_ACTIONS === 'true' ? `::error::${oneLine}\n` : `error: ${message}\n`);
}

/** A warning annotation on the run (one line, with a title), and a plain line for local use. */
export function reportWarning(title: string, message: string): void {
  const oneLine = message.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
  process.stdout.write(process.env.GITHUB_ACTIONS === 'true' ? `::warning title=${title}::${oneLine}\n` : `warning: ${title}: ${message}\n`);
}

/** A required environment variable, set by the workflow step. */
export function requireEnv(name: string): string {
  const value = process.env[name];
  if (value === undefined || value === '') throw new ProjenMaturinError(`environment variable ${name} is not set`);
  return value;
}

/** Escapes text for a Markdown table cell. */
export function cell(text: string): string {
  return text.replace(/[|\\`*_<>[\]]/g, (c) => `\\${c}`);
}
