// --grep, --tags, --feature, --only and --read-only as a Selection; its own module so `list` does not load the runner.
import { UsageError } from '../errors.js';
import type { Selection } from '../runner/plan.js';

export interface SelectionFlags {
  grep?: string | undefined;
  tags?: string | undefined;
  feature?: string | undefined;
  only?: string | undefined;
  readOnly?: boolean | undefined;
}

function list(text: string | undefined): string[] | undefined {
  if (text === undefined) return undefined;
  return text.split(',').map((s) => s.trim()).filter((s) => s !== '');
}

export function selectionOf(flags: SelectionFlags): Selection {
  let grep: RegExp | undefined;
  if (flags.grep !== undefined) {
    try {
      grep = new RegExp(flags.grep, 'i');
    } catch {
      throw new UsageError('usage.badGrep', 'Invalid --grep', `--grep ${flags.grep}: not a valid regular expression`);
    }
  }
  return { grep, tags: list(flags.tags), features: list(flags.feature), only: list(flags.only), readOnly: flags.readOnly === true };
}
