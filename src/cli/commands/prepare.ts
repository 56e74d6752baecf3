import { CommandContext } from '../command';
import { FileChange, prepareRelease } from '../prepare';
import { writeFilesAtomically } from '../write-files';

/** Changed lines of a rewrite, as a small diff. */
function diff(change: FileChange): string {
  const a = change.before.split(/\r?\n/);
  const b = change.after.split(/\r?\n/);
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head++;
  let tail = 0;
  while (tail < a.length - head && tail < b.length - head && a[a.length - 1 - tail] === b[b.length - 1 - tail]) tail++;
  return [`--- ${change.file}`, ...a.slice(head, a.length - tail).map((l) => `- ${l}`), ...b.slice(head, b.length - tail).map((l) => `+ ${l}`)].join('\n');
}

/** `projen-maturin prepare <version> [--dry-run]` */
export function run({ config, root, argument, flags, out, today, cwd, several }: CommandContext): number {
  const prepared = prepareRelease(config, root, argument!, today, cwd, several ? config.packageName : undefined);
  const dryRun = flags.has('--dry-run');
  if (!dryRun) writeFilesAtomically(root, prepared.changes);
  const { raw, pep440 } = prepared.version;
  // A shared tag is the repository's: the package's version is what is prepared.
  const what = config.sharedTag ? `${config.packageName} ${raw}` : prepared.tag;
  out.write(`${dryRun ? 'Would prepare' : 'Prepared'} ${what}${raw === pep440 ? '' : ` (PEP 440 ${pep440})`}:\n\n`);
  out.write(prepared.changes.map(diff).join('\n\n') + '\n\n');
  const steps = config.releaseTrigger === 'dispatch' ? 'check, push and start the release' : config.sharedTag ? 'and push' : 'check, tag and push';
  out.write(`${dryRun ? 'Then commit' : 'Now commit'}, ${steps}:\n${prepared.commands.map((c) => `  ${c}`).join('\n')}\n`);
  return 0;
}
