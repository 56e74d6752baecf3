import { createHash } from 'crypto';
import { appendFileSync, readFileSync } from 'fs';
import { ProjenMaturinError } from '../core/errors';

/** Writes a step output the way the runner reads `$GITHUB_OUTPUT`. */
export function setOutput(name: string, value: string): void {
  const file = process.env.GITHUB_OUTPUT;
  if (!file) return;
  if (/[\r\n]/.test(value)) throw new Error(`output ${name} must be one line`);
  appendFileSync(file, `${name}=${value}\n`);
}

/** Appends Markdown to the job summary (`$GITHUB_STEP_SUMMARY`). */
export function addSummary(markdown: string): void {
  const file = process.env.GITHUB_STEP_SUMMARY;
  if (file) appendFileSync(file, markdown.endsWith('\n') ? markdown : `${markdown}\n`);
}

/** An error annotation on the run, and a plain line for local use. */
export function reportError(message: string): void {
  // Workflow commands are parsed per line; keep the message on one.
  const oneLine = message.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
  process.stderr.write(process.env.GITHUB_ACTIONS === 'true' ? `::error::${oneLine}\n` : `error: ${message}\n`);
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

/** The sha256 of a file, as hex. */
export function sha256File(path: string): string {
  return createHash('sha256').update(readFileSync(path)).digest('hex');
}
