import { checkOptionsObject } from '@cnnkit/shape-math';
import { SegmentationError } from './errors';

/**
 * Every option object a public function takes rejects keys it does not know: a misspelt option
 * (`baseFilter`, Keras' `batch_norm`) silently ignored would train or score something other than
 * what was asked, without an error. The rule for "did you mean" is shape-math's, shared by all
 * packages.
 */

/**
 * The keys of an options type, written out once: the compiler refuses the list when a key of `T`
 * is missing from it (so a new option cannot be forgotten here) or when it names one `T` lacks.
 */
export function optionKeys<T>() {
  return <const K extends readonly (keyof T & string)[]>(
    ...keys: K & (Exclude<keyof T, K[number]> extends never ? unknown : never)
  ): K => keys;
}

/**
 * Throws `unknown_option` when `options` has a key outside `allowed` (the message names it and
 * suggests the close one), and `invalid_options` when it is not an object at all: shape-math's one
 * rule (`checkOptionsObject`), as every cnnkit package. `where` names the function (or the nested
 * option) for the message.
 */
export function rejectUnknownOptions(where: string, options: unknown, allowed: readonly string[]): void {
  const issue = checkOptionsObject(options, allowed, where);
  if (issue === undefined) return;
  throw new SegmentationError(issue.code, issue.message, {
    where,
    ...issue.details,
    ...(issue.details.check === 'unrecognized_keys' ? { unknownKeys: issue.details.keys, allowed } : {}),
  });
}
