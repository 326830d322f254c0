import { unknownKeysMessage } from '@cnnkit/shape-math';
import type { RESTPostAPIChatInputApplicationCommandsJSONBody } from 'discord.js';
import { BotError } from './errors';

/** An option as registered (the command's JSON) or as received (an interaction's `options.data`). */
interface OptionNode {
  readonly name: string;
  readonly options?: readonly OptionNode[] | undefined;
}

/**
 * Refuses options the command does not define, at every level (subcommands included), before the
 * handler runs: Discord sends what was registered, so an unknown option means a command registered
 * by another version of the bot (or a forged payload). Silently ignoring it would answer a question
 * the user did not ask; the message names the option and the close one (shape-math's rule).
 */
export function checkKnownOptions(
  command: RESTPostAPIChatInputApplicationCommandsJSONBody,
  received: readonly OptionNode[],
): void {
  const defined = (command.options ?? []) as readonly OptionNode[];
  // Every interaction comes here and nearly every one is known: checked without building the
  // message's lists, paths and closures (issue 20: allocation on the bot's thread per interaction).
  if (allKnown(defined, received)) return;
  const walk = (path: string, defined: readonly OptionNode[], given: readonly OptionNode[]) => {
    const allowed = defined.map((o) => o.name);
    const unknown = given.map((o) => o.name).filter((name) => !allowed.includes(name));
    if (unknown.length > 0)
      throw new BotError('invalid_option', `${path}: ${unknownKeysMessage(unknown, allowed)}`, {
        unknown,
      });
    for (const option of given) {
      const definition = defined.find((o) => o.name === option.name)!;
      if (option.options !== undefined && option.options.length > 0)
        walk(`${path} ${option.name}`, definition.options ?? [], option.options);
    }
  };
  walk(`/${command.name}`, defined, received);
}

const NO_OPTIONS: readonly OptionNode[] = [];

/** Whether every option given (at every level) is one `defined` has: `checkKnownOptions`' rule, allocating nothing. */
function allKnown(defined: readonly OptionNode[], given: readonly OptionNode[]): boolean {
  for (let i = 0; i < given.length; i++) {
    const option = given[i]!;
    let definition: OptionNode | undefined;
    for (let j = 0; j < defined.length && definition === undefined; j++)
      if (defined[j]!.name === option.name) definition = defined[j];
    if (definition === undefined) return false;
    const nested = option.options;
    if (nested !== undefined && nested.length > 0 && !allKnown(definition.options ?? NO_OPTIONS, nested))
      return false;
  }
  return true;
}
