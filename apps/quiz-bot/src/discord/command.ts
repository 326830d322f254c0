import type {
  ButtonInteraction,
  ChatInputCommandInteraction,
  ModalSubmitInteraction,
  RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord.js';
import type { BotContext } from './context';

/** One slash command: its registration data and its handler (one file each, listed in commands/index.ts). */
export interface SlashCommand {
  readonly data: RESTPostAPIChatInputApplicationCommandsJSONBody;
  execute(interaction: ChatInputCommandInteraction, ctx: BotContext): Promise<void>;
  /**
   * Whether this use of the command records something (an answer, a hint, a group or setting
   * change): what a user is told when it is refused while the bot restarts. Absent: read-only.
   */
  records?(interaction: ChatInputCommandInteraction): boolean;
}

/** Buttons and modals whose custom id starts with `prefix:`. */
export interface ComponentHandler {
  readonly prefix: string;
  button?(interaction: ButtonInteraction, args: readonly string[], ctx: BotContext): Promise<void>;
  modal?(interaction: ModalSubmitInteraction, args: readonly string[], ctx: BotContext): Promise<void>;
  /** As SlashCommand.records, for a button or modal of this prefix (`args`: its custom id after the prefix). */
  records?(interaction: ButtonInteraction | ModalSubmitInteraction, args: readonly string[]): boolean;
}
