import { CommandContext } from '../command';
import { rehearse } from '../rehearse';

/** `projen-maturin rehearse [<tag>] [--with-before-script]` */
export function run({ config, root, argument, flags, out }: CommandContext): number {
  return rehearse(config, root, argument, out, { withBeforeScript: flags.has('--with-before-script') });
}
