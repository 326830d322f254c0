import { z } from 'zod';
import { QuizError, type QuizErrorCode } from './errors';
import { QUESTION_IDS_TEXT } from './questions/bank';
import { strictObject } from './strict';
import { cutGraphemes, PRINTABLE_ASCII, withoutInvisible } from './text';

/** Letters, marks and digits of every script (keys from identity.ts), and . _ : @ - */
const ID_PATTERN = /^[\p{L}\p{M}\p{N}_.:@-]{1,100}$/u;

const identifier = (field: string) =>
  z.string({ error: `${field} must be text` }).regex(ID_PATTERN, {
    error: (issue) =>
      `${field} ${JSON.stringify(String(issue.input).slice(0, 40))}: use 1 to 100 letters, digits, or . _ : @ -`,
  });

/** C0/C1 control characters, zero-width and bidirectional overrides: invisible, or able to disguise text. */
function isInvisibleControl(code: number, keepNewlines: boolean): boolean {
  if (keepNewlines && (code === 0x0a || code === 0x09)) return false;
  return (
    code <= 0x1f ||
    (code >= 0x7f && code <= 0x9f) ||
    (code >= 0x200b && code <= 0x200f) ||
    (code >= 0x202a && code <= 0x202e) ||
    (code >= 0x2066 && code <= 0x2069)
  );
}

/** Printable ASCII (space to tilde, `PRINTABLE_ASCII`), and with it newlines and tabs. */
const PRINTABLE_ASCII_LINES = /^[\x20-\x7e\n\t]*$/;

export function withoutControlCharacters(text: string, options: { keepNewlines: boolean }): string {
  // None of these is a control (issue 20: most answers; the walk below allocated ~1 KB per answer
  // on the Discord bot's thread): the text as it is.
  if ((options.keepNewlines ? PRINTABLE_ASCII_LINES : PRINTABLE_ASCII).test(text)) return text;
  let result = '';
  for (const character of text) {
    if (!isInvisibleControl(character.codePointAt(0)!, options.keepNewlines)) result += character;
  }
  return result;
}

/**
 * A name as it is stored: invisible characters removed (as in keys), trimmed, and cut between
 * graphemes to 64 (never half an emoji); empty when nothing visible is left.
 */
export const visibleNameOf = (name: string): string => cutGraphemes(withoutInvisible(name).trim(), 64);

const visibleName = (field: string) =>
  z
    .string({ error: `${field} must be text` })
    .transform(visibleNameOf)
    .refine((name) => name.length > 0, { error: `${field} is empty: give 1 to 64 visible characters` });

/** The rule of a user, group or key id (what `identifier` checks), for ids an adapter builds itself. */
export const isIdentifier = (id: string): boolean => ID_PATTERN.test(id);

/** The limits of an answer request's fields: zod's schema and its hand-written fast path both use them. */
const PART_ID_MAX = 40;
const VARIANT_SEED_MAX = 2 ** 31;
const IDEMPOTENCY_KEY_MAX = 200;

/**
 * The fields of one answer that the user's request carries: who answers (and the key that makes a
 * retry count once), and what. The group is not among them: the Discord adapter looks it up later,
 * in the answer's turn (see `answerInputSchema` for the whole input).
 */
const answerRequestFields = {
  userId: identifier('user id'),
  displayName: visibleName('the name'),
  questionId: z
    .number({ error: `the question must be a number from ${QUESTION_IDS_TEXT}` })
    .int(`the question must be a whole number from ${QUESTION_IDS_TEXT}`),
  partId: z.string().max(PART_ID_MAX, `the part id is at most ${PART_ID_MAX} characters`).optional(),
  /** Length and control characters are checked by cleanAnswer, with messages of their own. */
  answer: z.string({ error: 'the answer must be text' }),
  variantSeed: z
    .number()
    .int('the variant must be a whole number')
    .min(0, 'the variant must be at least 0')
    .max(VARIANT_SEED_MAX, `the variant must be at most ${VARIANT_SEED_MAX}`)
    .optional(),
  /** The same key submitted twice is scored once (a Discord interaction id, a retry token). */
  idempotencyKey: z
    .string()
    .min(1)
    .max(IDEMPOTENCY_KEY_MAX, `the idempotency key is at most ${IDEMPOTENCY_KEY_MAX} characters`)
    .optional(),
};

/**
 * One answer without its group (the Discord adapter: the group is looked up in the answer's turn
 * and handed to `QuizEngine.answer` as `AnswerOptions.group`); validated once, at the boundary.
 */
export const answerRequestSchema = strictObject(answerRequestFields);
/** An answer as an adapter hands it over before its group is known (see `answerRequestSchema`). */
export type AnswerRequestInput = z.input<typeof answerRequestSchema>;

const ANSWER_REQUEST_KEYS: ReadonlySet<string> = new Set(Object.keys(answerRequestFields));

/**
 * `answerRequestSchema`'s parse of a request that passes every one of its checks, done by hand: the
 * same checks and the same output (the display name made visible, every other field as given; a
 * key given as undefined kept so). Undefined for anything else, whose parse (and error sentence)
 * is left to zod. Issue 20: zod's parse was ~30 µs of the bot's thread per Discord answer.
 */
export function parseValidAnswerRequest(raw: unknown): z.output<typeof answerRequestSchema> | undefined {
  if (typeof raw !== 'object' || raw === null || Object.getPrototypeOf(raw) !== Object.prototype)
    return undefined;
  const input = raw as Record<string, unknown>;
  for (const key in input) if (!Object.hasOwn(input, key) || !ANSWER_REQUEST_KEYS.has(key)) return undefined;
  const { userId, displayName, questionId, partId, answer, variantSeed, idempotencyKey } = input;
  if (typeof userId !== 'string' || !ID_PATTERN.test(userId)) return undefined;
  if (typeof displayName !== 'string') return undefined;
  const name = visibleNameOf(displayName);
  if (name.length === 0) return undefined;
  if (typeof questionId !== 'number' || !Number.isSafeInteger(questionId)) return undefined;
  if (partId !== undefined && (typeof partId !== 'string' || partId.length > PART_ID_MAX)) return undefined;
  if (typeof answer !== 'string') return undefined;
  if (
    variantSeed !== undefined &&
    (typeof variantSeed !== 'number' ||
      !Number.isSafeInteger(variantSeed) ||
      variantSeed < 0 ||
      variantSeed > VARIANT_SEED_MAX)
  )
    return undefined;
  if (
    idempotencyKey !== undefined &&
    (typeof idempotencyKey !== 'string' ||
      idempotencyKey.length < 1 ||
      idempotencyKey.length > IDEMPOTENCY_KEY_MAX)
  )
    return undefined;
  const parsed: Record<string, unknown> = { userId, displayName: name, questionId };
  if ('partId' in input) parsed.partId = partId;
  parsed.answer = answer;
  if ('variantSeed' in input) parsed.variantSeed = variantSeed;
  if ('idempotencyKey' in input) parsed.idempotencyKey = idempotencyKey;
  return parsed as z.output<typeof answerRequestSchema>;
}

/** What an adapter hands the engine for one answer; validated once, at the boundary. */
export const answerInputSchema = strictObject({
  ...answerRequestFields,
  groupId: identifier('group id'),
  groupName: visibleName('the group name').optional(),
});
export type AnswerInput = z.input<typeof answerInputSchema>;
export type ValidAnswerInput = z.output<typeof answerInputSchema>;

/** Parses with a schema, turning its issues into a QuizError that says what is allowed. */
export function validate<T extends z.ZodType>(schema: T, input: unknown, code: QuizErrorCode): z.output<T> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const issue = mainIssue(result.error);
  throw new QuizError(code, issueSentence(result.error), {
    cause: result.error,
    context: { path: issue.path.join('.') },
  });
}

/** The issue to point at: a misspelt key first (it usually explains the rest), else the first. */
function mainIssue(error: z.ZodError): z.core.$ZodIssue {
  return error.issues.find((i) => i.code === 'unrecognized_keys') ?? error.issues[0]!;
}

/**
 * One sentence for a failed parse: every unknown key (a typo such as `question_id` also makes the
 * real field look missing, so the suggestion must not hide behind that), then the first other issue.
 */
export function issueSentence(
  error: z.ZodError,
  where: (issue: z.core.$ZodIssue) => string = () => '',
): string {
  const unknown = error.issues.filter((i) => i.code === 'unrecognized_keys');
  const other = error.issues.find((i) => i.code !== 'unrecognized_keys');
  return [...unknown, ...(other === undefined ? [] : [other])]
    .map((i) => `${where(i)}${i.message}`)
    .join('; ');
}
