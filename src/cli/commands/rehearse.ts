import { CommandContext } from '../command';
import { rehearse } from '../rehearse';

/** `projen-maturin rehearse [<tag>]` */
export function run({ config, root, argument, out }: CommandContext): number {
  return rehearse(config, root, argument, out);
}
