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
}

/** Buttons and modals whose custom id starts with `prefix:`. */
export interface ComponentHandler {
  readonly prefix: string;
  button?(interaction: ButtonInteraction, args: readonly string[], ctx: BotContext): Promise<void>;
  modal?(interaction: ModalSubmitInteraction, args: readonly string[], ctx: BotContext): Promise<void>;
}
