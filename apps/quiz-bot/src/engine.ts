import { randomUUID } from 'node:crypto';
import { QuizError } from './errors';
import { type ConventionFigure, type Grade, gradeChoice, gradeNumeric, gradeRubric } from './grading/grade';
import { type ParsedQuantity, parseQuantity } from './grading/quantity';
import { QUESTION_IDS_TEXT, QUESTIONS, questionDefinition, VARIANT_QUESTION_IDS } from './questions/bank';
import type { Part, Question } from './questions/schemas';
import { DEFAULT_RATE_LIMIT, type RateLimitPolicy, rateLimitedError } from './rate-limit';
import type { RubricGrader } from './rubric-grading';
import {
  type AnswerInput,
  type AnswerRequestInput,
  answerInputSchema,
  answerRequestSchema,
  isIdentifier,
  parseValidAnswerRequest,
  type ValidAnswerInput,
  validate,
  visibleNameOf,
  withoutControlCharacters,
} from './schemas';
import type { LeaderboardRow, QuizStore, RecordedAttempt, RecordOptions } from './store/store';
import { cutGraphemes } from './text';
import type { Measurement, MeasurementRequestInput } from './verify/requests';

/** What the engine needs to measure a model: the worker-pool service, or anything with its shape. */
export interface Measurer {
  measure(request: MeasurementRequestInput): Promise<Measurement & { cached: boolean }>;
  /**
   * True when `measure(request)` would answer from a finished measurement, without a model run
   * (optional: a measurer without it is taken to run a model every time).
   */
  isMeasured?(request: MeasurementRequestInput): boolean;
}

export interface EngineDependencies {
  readonly store: QuizStore;
  readonly measurer: Measurer;
  readonly now?: () => number;
  /** The per-user answer rate limit; its buckets live in the store, shared by every process. */
  readonly rateLimit?: RateLimitPolicy;
  /**
   * Where rubric answers are graded (the Discord bot: a worker thread, grading-pool.ts); without it,
   * on the calling thread.
   */
  readonly rubricGrader?: RubricGrader;
}

export interface AnswerResult {
  readonly question: Question;
  readonly part: Part;
  readonly grade: Grade;
  readonly points: number;
  readonly streak: number;
  readonly duplicate: boolean;
  /** True when this part (or variant) was already scored in its review interval: no new points. */
  readonly repeat: boolean;
  /** When the question is next due for review (epoch ms), if known. */
  readonly nextReviewAt?: number;
  readonly measurement?: Measurement & { cached: boolean };
  readonly modelAnswer: string;
  readonly explanation: string;
  /** Where the model answer's figures and claims come from. */
  readonly sources: readonly string[];
  /** What the study notes got wrong or left out on this question, shown once it is answered. */
  readonly correctionsToNotes: readonly string[];
}

/** What an adapter adds to an answer, beyond the user's input (trusted: not parsed again). */
export interface AnswerOptions {
  /**
   * The hint penalty (the Discord adapter's /hint): the answer's interaction time and id, and how far
   * back a hint still counts; see RecordOptions.hint. The store decides it inside the answer's
   * transaction.
   */
  readonly hint?: RecordOptions['hint'];
  /**
   * The group the answer counts in, for an answer resolved without one (`resolveAnswer` of an
   * `AnswerRequestInput`: the Discord adapter looks the group up in the answer's turn, after the
   * answer was resolved). Built by the adapter, not typed by the user: its id must follow the id rule
   * and its name is cleaned as a typed one is (`visibleNameOf`). Ignored when the answer was resolved
   * with its group (`groupId`).
   */
  readonly group?: { readonly id: string; readonly name: string } | undefined;
}

/**
 * One answer request, resolved once by `QuizEngine.resolveAnswer`: validated, its question (or
 * variant) and part found, its text cleaned and read (a number parsed, an option graded). `answer`
 * takes it as it is, and `startGrading` starts its rubric grade: nothing is validated, resolved,
 * cleaned or parsed again on the way (issue 17). Only the engine makes one; an object of this shape
 * that it did not make is treated as raw input and resolved (so validated) like any other.
 */
export interface ResolvedAnswer {
  readonly question: Question;
  readonly part: Part;
  /** The answer as it is graded and stored (`cleanAnswer`). */
  readonly text: string;
  readonly variantSeed: number | undefined;
}

/** What the engine keeps of a resolved answer: what it shows (as made, whatever is done to it), and more. */
interface Resolution {
  readonly question: Question;
  readonly part: Part;
  readonly text: string;
  readonly input: Omit<ValidAnswerInput, 'groupId' | 'groupName'> & {
    readonly groupId?: string | undefined;
    readonly groupName?: string | undefined;
  };
  readonly read: ReadAnswer;
  /** The rubric grade `startGrading` started for this answer. */
  readonly grading?: Promise<Grade>;
}

export const MAX_ANSWER_LENGTH = 2000;

export type LeaderboardPeriod = 'week' | 'all';
const WEEK_MS = 7 * 24 * 3600 * 1000;
/** Generated variants kept per engine (a variant is shown, then answered: built once for both). */
const VARIANT_CACHE_SIZE = 64;

/**
 * The quiz: questions, grading, scoring and storage, with no knowledge of Discord, terminals or
 * SQL. Adapters call it and turn its results and QuizErrors into words.
 */
export class QuizEngine {
  private readonly now: () => number;
  private readonly rateLimit: RateLimitPolicy;
  private readonly variants = new Map<string, Question>();
  /**
   * The resolutions of the answers this engine resolved, by the object it handed out: a weak map (an
   * answer dropped by its adapter is forgotten) that also proves this engine, not another, made it.
   */
  readonly #resolutions = new WeakMap<ResolvedAnswer, Resolution>();

  constructor(private readonly deps: EngineDependencies) {
    this.now = deps.now ?? Date.now;
    this.rateLimit = deps.rateLimit ?? DEFAULT_RATE_LIMIT;
  }

  questions(): readonly Question[] {
    return QUESTIONS;
  }

  /** The ids of the questions that have generated variants. */
  variantQuestionIds(): readonly number[] {
    return VARIANT_QUESTION_IDS;
  }

  /** A question, or a generated variant of one (by seed, for the questions that have variants). */
  question(id: number, variantSeed?: number): Question {
    const definition = questionDefinition(id);
    if (definition === undefined) {
      throw new QuizError(
        'unknown_question',
        `there is no question ${JSON.stringify(id)}: choose ${QUESTION_IDS_TEXT}`,
      );
    }
    if (variantSeed === undefined) return definition.base;
    if (!Number.isSafeInteger(variantSeed) || variantSeed < 0 || variantSeed > 2 ** 31) {
      throw new QuizError(
        'invalid_variant',
        `variant ${variantSeed}: must be a whole number from 0 to ${2 ** 31}`,
      );
    }
    if (definition.variant === undefined) {
      throw new QuizError(
        'invalid_variant',
        `question ${id} has no variants; questions ${VARIANT_QUESTION_IDS.join(', ')} do`,
      );
    }
    // Built once per seed: the adapter that shows a variant and the answer to it share it.
    const key = `${id}:${variantSeed}`;
    const cached = this.variants.get(key);
    if (cached !== undefined) return cached;
    const variant = definition.variant(variantSeed);
    this.variants.set(key, variant);
    if (this.variants.size > VARIANT_CACHE_SIZE) this.variants.delete(this.variants.keys().next().value!);
    return variant;
  }

  part(question: Question, partId?: string): Part {
    if (partId === undefined) return question.parts[0]!;
    const part = question.parts.find((p) => p.id === partId);
    if (part === undefined) {
      throw new QuizError(
        'unknown_part',
        `question ${question.id} has no part "${cutGraphemes(partId, 40)}": its parts are ${question.parts.map((p) => p.id).join(', ')}`,
      );
    }
    return part;
  }

  /**
   * Resolves one answer request once (issue 17): validates it (one zod parse, of the whole input,
   * or of an `AnswerRequestInput` without its group), finds its question (or variant) and part,
   * cleans its text and reads it (a number parsed, an option graded), or throws the QuizError that
   * says what is wrong. Nothing is recorded, and no model runs. `answer` and `startGrading` take the
   * result as it is.
   */
  resolveAnswer(raw: AnswerInput | AnswerRequestInput): ResolvedAnswer {
    const withGroup = typeof raw === 'object' && raw !== null && ('groupId' in raw || 'groupName' in raw);
    const input = withGroup
      ? validate(answerInputSchema, raw, 'invalid_input')
      : (parseValidAnswerRequest(raw) ?? validate(answerRequestSchema, raw, 'invalid_input'));
    const question = this.question(input.questionId, input.variantSeed);
    const part = this.part(question, input.partId);
    // Cleaned and read once; a malformed answer is refused here, before it costs a rate-limit
    // token (the learner retypes it).
    const text = cleanAnswer(input.answer);
    const read = readAnswer(part, text);
    const resolved: ResolvedAnswer = Object.freeze({ question, part, text, variantSeed: input.variantSeed });
    this.#resolutions.set(resolved, { question, part, text, input, read });
    return resolved;
  }

  /**
   * Starts grading a resolved rubric answer in the engine's `rubricGrader` (its worker) now, before
   * the answer is recorded: the Discord adapter calls it before the answer waits for its turn on the
   * bot's thread, so the grade is done by then (issue 20). Returns the answer to hand to `answer`,
   * which then awaits this grade instead of grading again; the same answer where there is nothing to
   * start (no grader, a part that is not a rubric part). Nothing is recorded here.
   */
  startGrading(resolved: ResolvedAnswer): ResolvedAnswer {
    const grader = this.deps.rubricGrader;
    const resolution = this.#resolutions.get(resolved);
    if (grader === undefined || resolution === undefined || resolution.grading !== undefined) return resolved;
    if (resolution.part.kind !== 'rubric') return resolved;
    const grading = grader.grade({
      questionId: resolution.question.id,
      variantSeed: resolution.input.variantSeed,
      partId: resolution.part.id,
      answer: resolution.text,
    });
    // Awaited by `answer`; one that is never used must not be an unhandled rejection.
    grading.catch(() => {});
    const started: ResolvedAnswer = Object.freeze({ ...resolved });
    this.#resolutions.set(started, { ...resolution, grading });
    return started;
  }

  /**
   * The rubric grade `startGrading` started for this answer (it settles when the grade is back,
   * either way), or undefined where none was started. The Discord adapter lets the answer take its
   * place in the lane only once it has settled (WorkLane.enter).
   */
  startedGrade(answer: ResolvedAnswer): Promise<Grade> | undefined {
    return this.#resolutions.get(answer)?.grading;
  }

  /**
   * True when grading an answer to `part` runs a model (a worker, possibly seconds): a numeric part
   * whose measurement, or one of its conventions' figures, the measurer has not finished before.
   * False for choice and rubric parts, and for a numeric part whose figures are all cached (then
   * grading it takes about a millisecond). The Discord adapter defers only for a real model run.
   */
  needsModelRun(part: Part): boolean {
    if (part.kind !== 'numeric') return false;
    const measured = this.deps.measurer.isMeasured?.bind(this.deps.measurer);
    if (measured === undefined) return true;
    return !measured(part.measure) || part.conventions.some((c) => !measured(c.measure));
  }

  /** Grades without recording: for previews and tests. Numeric parts run the real model. */
  async grade(
    part: Part,
    answer: string,
  ): Promise<{ grade: Grade; measurement?: Measurement & { cached: boolean } }> {
    const text = cleanAnswer(answer);
    return this.gradeRead(part, text, readAnswer(part, text));
  }

  /** Grades an answer already cleaned and read (`readAnswer`): nothing is cleaned or parsed twice. */
  private async gradeRead(
    part: Part,
    text: string,
    read: ReadAnswer,
    question?: { readonly questionId: number; readonly variantSeed?: number | undefined },
    early?: Promise<Grade>,
  ): Promise<{ grade: Grade; measurement?: Measurement & { cached: boolean } }> {
    switch (part.kind) {
      case 'numeric': {
        const measurement = await this.deps.measurer.measure(part.measure);
        // Other references' figures are measured too, never stored.
        const conventions: ConventionFigure[] = await Promise.all(
          part.conventions.map(async (c) => ({
            name: c.name,
            note: c.note,
            measured: (await this.deps.measurer.measure(c.measure)).measured,
          })),
        );
        return { grade: gradeNumeric(part, text, measurement, conventions, read.quantity), measurement };
      }
      case 'rubric': {
        // The grader finds the part again from the question's id (and variant): only plain data
        // crosses to its worker. A grade `startGrading` started is awaited, not run again.
        if (early !== undefined) return { grade: await early };
        const grader = this.deps.rubricGrader;
        if (grader === undefined || question === undefined) return { grade: gradeRubric(part, text) };
        return { grade: await grader.grade({ ...question, partId: part.id, answer: text }) };
      }
      case 'choice':
        return { grade: read.choice! };
    }
  }

  /**
   * The raw input of an answer this engine did not resolve; a `ResolvedAnswer` another engine made
   * is refused by name (its resolution, and any grade started for it, belong to that engine).
   */
  private rawInput(request: AnswerInput | ResolvedAnswer): AnswerInput {
    if (Object.isFrozen(request) && 'part' in request && 'question' in request) {
      throw new QuizError(
        'invalid_input',
        'this answer was resolved by another QuizEngine: resolve it with the engine that answers it (resolveAnswer)',
      );
    }
    return request as AnswerInput;
  }

  /**
   * Grades, scores and records one answer: a `ResolvedAnswer` (from `resolveAnswer`, or
   * `startGrading`) as it is, or raw input, resolved first by the same `resolveAnswer`. An answer
   * resolved without its group takes `options.group`.
   */
  async answer(request: AnswerInput | ResolvedAnswer, options: AnswerOptions = {}): Promise<AnswerResult> {
    const resolution =
      this.#resolutions.get(request as ResolvedAnswer) ??
      this.#resolutions.get(this.resolveAnswer(this.rawInput(request)))!;
    const { question, part, text: answerText, input, read } = resolution;
    const displayName = input.displayName;
    const group = answerGroup(input, options.group);
    const at = this.now();
    const groupId = group.id;
    const idempotencyKey = input.idempotencyKey ?? randomUUID();
    const variantSeed = input.variantSeed ?? null;
    // Built once the grade is known, not built and then copied with it (issue 20: the bot thread's
    // allocations per answer).
    const attemptWith = (graded: Grade) => ({
      idempotencyKey,
      user: { id: input.userId, displayName },
      group: { id: groupId, name: group.name },
      questionId: question.id,
      partId: part.id,
      variantSeed,
      answer: answerText,
      at,
      // The store applies the scoring rules (scoring.ts: once per review interval, streak, FSRS card)
      // to what it reads inside its transaction; the engine only says what was decided here.
      difficulty: question.difficulty,
      score: graded.score,
      correct: graded.correct,
    });
    let result: RecordedAttempt;
    let grade: Grade;
    let measurement: (Measurement & { cached: boolean }) | undefined;
    if (part.kind === 'numeric') {
      const hint = options.hint === undefined ? {} : { hint: options.hint };
      // A model run is costly: a retry of an answer already recorded gets the recorded result back
      // and uses no token, and a rate-limited answer is refused before the model runs.
      const recorded =
        input.idempotencyKey === undefined
          ? undefined
          : await this.deps.store.findRecordedAttempt({
              idempotencyKey,
              userId: input.userId,
              groupId,
              questionId: question.id,
              partId: part.id,
              variantSeed,
              answer: answerText,
            });
      if (recorded === undefined) {
        const wait = await this.deps.store.takeRateToken(input.userId, at, this.rateLimit);
        if (wait > 0) throw rateLimitedError(wait);
      }
      // Everything is validated and graded before the attempt is written.
      ({ grade, measurement } = await this.gradeRead(part, answerText, read));
      result = recorded ?? (await this.deps.store.recordAttempt(attemptWith(grade), hint));
    } else {
      // Graded with no model (a choice here, a rubric answer in about a millisecond, in the grader's
      // worker where there is one): the duplicate check, the rate token and
      // the attempt are then one transaction, one commit (issue 20). A retry of an answer already
      // recorded gets the recorded result back and uses no token; a refused answer records nothing.
      ({ grade } = await this.gradeRead(
        part,
        answerText,
        read,
        { questionId: question.id, variantSeed: input.variantSeed },
        resolution.grading,
      ));
      result = await this.deps.store.recordAttempt(
        attemptWith(grade),
        options.hint === undefined
          ? { rateLimit: this.rateLimit }
          : { rateLimit: this.rateLimit, hint: options.hint },
      );
    }
    return {
      question,
      part,
      grade,
      points: result.points,
      streak: result.streak,
      duplicate: result.duplicate,
      repeat: result.repeat ?? false,
      ...(result.nextReviewAt === undefined ? {} : { nextReviewAt: result.nextReviewAt }),
      ...(measurement === undefined ? {} : { measurement }),
      modelAnswer: part.modelAnswer,
      explanation: part.explanation,
      sources: part.sources,
      correctionsToNotes: question.correctionsToNotes,
    };
  }

  async leaderboard(
    groupId: string,
    period: LeaderboardPeriod = 'all',
    limit = 10,
  ): Promise<LeaderboardRow[]> {
    const since = period === 'week' ? this.now() - WEEK_MS : 0;
    return this.deps.store.leaderboard(groupId, { since, limit });
  }

  /** The questions a user should revisit now (FSRS), then those never answered. */
  async due(userId: string): Promise<Question[]> {
    const ids = await this.deps.store.dueQuestions(
      userId,
      this.now(),
      QUESTIONS.map((q) => q.id),
    );
    return ids.map((id) => this.question(id));
  }

  /** Measures any supported quantity on a real model (the `compute` command). */
  async compute(request: MeasurementRequestInput): Promise<Measurement & { cached: boolean }> {
    return this.deps.measurer.measure(request);
  }
}

/**
 * The group an answer counts in: the one it was resolved with (validated then), else the adapter's
 * (`AnswerOptions.group`), held to the same rules without a second parse of the whole answer.
 */
function answerGroup(
  input: Resolution['input'],
  adapterGroup: AnswerOptions['group'],
): { readonly id: string; readonly name: string } {
  if (input.groupId !== undefined) return { id: input.groupId, name: input.groupName ?? input.groupId };
  if (adapterGroup === undefined)
    throw new QuizError('invalid_input', 'the group id is missing: every answer counts in a group');
  if (!isIdentifier(adapterGroup.id))
    throw new QuizError(
      'invalid_input',
      `group id ${JSON.stringify(adapterGroup.id.slice(0, 40))}: use 1 to 100 letters, digits, or . _ : @ -`,
    );
  const name = visibleNameOf(adapterGroup.name);
  return { id: adapterGroup.id, name: name.length > 0 ? name : adapterGroup.id };
}

/** An answer read once: the number of a numeric part, the graded option of a choice. */
interface ReadAnswer {
  readonly quantity?: ParsedQuantity;
  readonly choice?: Grade;
}

/** Reads a cleaned answer, or throws the QuizError for one that cannot be read; runs no model. */
function readAnswer(part: Part, text: string): ReadAnswer {
  if (part.kind === 'numeric') return { quantity: parseQuantity(text, part.unit) };
  if (part.kind === 'choice') {
    const result = gradeChoice(part, text);
    if ('invalid' in result)
      throw new QuizError(
        'invalid_answer',
        `"${cutGraphemes(text, 40)}" is not an option: ${result.invalid}`,
      );
    return { choice: result };
  }
  return {};
}

/** Rejects empty and oversized answers; strips control characters (they never reach the database). */
export function cleanAnswer(answer: string): string {
  if (typeof answer !== 'string') throw new QuizError('invalid_answer', 'the answer must be text');
  if (answer.length > MAX_ANSWER_LENGTH) {
    throw new QuizError(
      'answer_too_long',
      `the answer is ${answer.length.toLocaleString('en-US')} characters long: at most ${MAX_ANSWER_LENGTH.toLocaleString('en-US')} are allowed`,
    );
  }
  const cleaned = withoutControlCharacters(answer, { keepNewlines: true }).trim();
  if (cleaned.length === 0)
    throw new QuizError('invalid_answer', 'the answer is empty: type your answer after the question');
  // Bytes that are not UTF-8 arrive as U+FFFD: an answer of nothing else cannot be read, so it is
  // neither graded (it would be wrong, and break the streak) nor stored.
  if (/^[\uFFFD\s]+$/u.test(cleaned))
    throw new QuizError(
      'invalid_answer',
      "the answer could not be read (it is not UTF-8 text): check your terminal's encoding, then type it again",
    );
  return cleaned;
}
