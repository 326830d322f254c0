import { CnnkitError } from '@cnnkit/shape-math';
import { QuizError, type QuizErrorCode } from '../errors';
import { clip } from './clip';

/** What can go wrong in the Discord adapter itself, beside the engine's codes. */
export type BotErrorCode =
  | 'missing_permission'
  | 'guild_only'
  | 'unknown_command'
  | 'unknown_component'
  | 'time_up'
  | 'unknown_group'
  | 'group_exists'
  | 'not_in_group'
  | 'invalid_option'
  /** The answer was stored, but Discord failed (5xx) to take the reply that shows it. */
  | 'answer_recorded'
  /**
   * The bot is stopping: this interaction came too late to be worked on, or to reach the store
   * (nothing of it was recorded).
   */
  | 'bot_restarting'
  | 'internal';

/** An error of the Discord adapter itself; one family with every cnnkit error (`isCnnkitError`). */
export class BotError extends CnnkitError<BotErrorCode, Readonly<Record<string, unknown>>> {
  override readonly name = 'BotError';
  constructor(code: BotErrorCode, message: string, context: Record<string, unknown> = {}) {
    super({ code, message, details: context }, 'cause' in context ? { cause: context.cause } : undefined);
  }

  /** What the log keeps beside the message: the same object as `details`. */
  get context(): Readonly<Record<string, unknown>> {
    return this.details;
  }
}

export type AnyErrorCode = BotErrorCode | QuizErrorCode;

/**
 * The sentence a Discord user sees, chosen by code. Engine errors already say what was wrong and
 * what is allowed, so their message follows the lead; errors with internals (storage, model runs,
 * bugs) get a fixed sentence, and the details go to the log only.
 */
const LEAD: Record<AnyErrorCode, string | null> = {
  invalid_input: 'That input is not valid:',
  invalid_answer: 'I could not read that answer:',
  answer_too_long: 'That answer is too long:',
  unknown_question: 'There is no such question:',
  unknown_part: 'That question has no such part:',
  invalid_variant: 'That variant cannot be built:',
  variant_too_large: 'That network is too big for the quiz:',
  measurement_failed: null,
  measurement_timeout: null,
  rate_limited: 'Slow down a little:',
  storage_failed: null,
  invalid_name: 'That name cannot be used:',
  idempotency_key_reused: 'That answer id was already used for another answer:',
  model_too_large: 'That model is too big to run here:',
  service_restarting: null,
  grading_timeout: null,
  storage_path_empty: null,
  storage_invalid_url: null,
  storage_folder_missing: null,
  storage_is_directory: null,
  storage_not_a_file: null,
  storage_not_a_database: null,
  storage_damaged: null,
  storage_read_only: null,
  storage_disk_full: null,
  storage_locked: null,
  storage_cannot_open: null,
  storage_connection_refused: null,
  storage_host_not_found: null,
  storage_auth_failed: null,
  storage_database_missing: null,
  storage_unreachable: null,
  storage_backup_failed: null,
  missing_permission: 'You cannot do that here:',
  guild_only: null,
  unknown_command: null,
  unknown_component: null,
  time_up: "Time's up:",
  unknown_group: 'No such group:',
  group_exists: 'That group exists already:',
  not_in_group: 'You are not in that group:',
  invalid_option: 'That option is not valid:',
  answer_recorded: 'Your answer was recorded:',
  bot_restarting: null,
  internal: null,
};

const STORAGE_UNAVAILABLE =
  'The quiz cannot reach its database right now. The bot operator has been told; please try again later.';

const FIXED: Partial<Record<AnyErrorCode, string>> = {
  measurement_failed: 'The model run behind this question failed. Please try again in a minute.',
  measurement_timeout:
    'Building and running the model took too long, so I stopped it. Please try again later.',
  storage_failed: 'I could not save that just now. Please try again in a moment; nothing was counted twice.',
  // Opening the database is the operator's problem (the log has the file or host); the user gets one sentence.
  storage_path_empty: STORAGE_UNAVAILABLE,
  storage_invalid_url: STORAGE_UNAVAILABLE,
  storage_folder_missing: STORAGE_UNAVAILABLE,
  storage_is_directory: STORAGE_UNAVAILABLE,
  storage_not_a_database: STORAGE_UNAVAILABLE,
  storage_damaged: STORAGE_UNAVAILABLE,
  storage_read_only: STORAGE_UNAVAILABLE,
  storage_cannot_open: STORAGE_UNAVAILABLE,
  storage_connection_refused: STORAGE_UNAVAILABLE,
  storage_host_not_found: STORAGE_UNAVAILABLE,
  storage_auth_failed: STORAGE_UNAVAILABLE,
  storage_database_missing: STORAGE_UNAVAILABLE,
  storage_unreachable: STORAGE_UNAVAILABLE,
  storage_backup_failed: STORAGE_UNAVAILABLE,
  guild_only: 'The quiz is played in a server, not in direct messages. Invite the bot to your study server.',
  unknown_command: 'I do not know that command. The bot may have been updated: try `/quiz`.',
  unknown_component: 'That button belongs to an older version of the quiz. Start a new round with `/quiz`.',
  internal: 'Something went wrong on my side. It has been logged; please try again.',
  service_restarting: 'The bot is restarting, so that model run was stopped. Please try again in a minute.',
  bot_restarting: 'The bot is restarting, so nothing was recorded. Please try again in a minute.',
  grading_timeout:
    'I could not grade that answer: reading it took too long, so I stopped and recorded nothing. Please rephrase it (shorter, plainer sentences) and send it again.',
};

export function errorCodeOf(error: unknown): AnyErrorCode {
  if (error instanceof QuizError || error instanceof BotError) return error.code;
  return 'internal';
}

/** What a read-only interaction (one that records nothing: /stats, /leaderboard…) is told while the bot stops. */
const RESTARTING_READ_ONLY = 'The bot is restarting. Please try again in a minute.';

/**
 * The sentence for `error`. `records`: whether the interaction would have recorded something (an
 * answer, a hint, a group or setting change; default true): only such an interaction is told that
 * nothing was recorded when the bot is restarting.
 */
export function friendlyMessage(error: unknown, options: { records?: boolean } = {}): string {
  const code = errorCodeOf(error);
  if (code === 'bot_restarting' && options.records === false) return RESTARTING_READ_ONLY;
  const fixed = FIXED[code];
  if (fixed !== undefined) return fixed;
  const lead = LEAD[code];
  const detail = error instanceof Error ? error.message : '';
  const sentence =
    lead === null && detail.length > 0 ? `${detail.charAt(0).toUpperCase()}${detail.slice(1)}` : detail;
  return clip(`${lead ?? ''} ${sentence}${/[.!?]$/.test(sentence) ? '' : '.'}`.trim(), 1900);
}
