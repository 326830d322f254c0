import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { analyze, analyzeModel, validate } from '@cnnkit/shape-math';
import { afterAll, beforeAll, beforeEach, describe, expect, test, vi } from 'vitest';
import { QuizEngine } from '../src/engine';
import { GradingWorker } from '../src/grading-pool';
import { questionDefinition } from '../src/questions/bank';
import { answerInputSchema, answerRequestSchema, parseValidAnswerRequest } from '../src/schemas';
import { openStore } from '../src/store/open';
import type { QuizStore } from '../src/store/store';
import { measurementRequestSchema } from '../src/verify/requests';
import { MeasurementService } from '../src/verify/service';
import runMeasurement from '../src/verify/worker';
import { opt, snowflake } from './discord-emulator/emulator';
import { type Harness, startHarness } from './discord-emulator/harness';

// Issue 17: one `/answer` is one pass. The real functions run; these pass-through spies only count
// how often the answer path calls them (layers-gpu's buildModel imports the same two, so a
// re-validation or re-analysis there is counted too).
vi.mock('@cnnkit/shape-math', async (importOriginal) => {
  const real = await importOriginal<typeof import('@cnnkit/shape-math')>();
  return {
    ...real,
    analyze: vi.fn(real.analyze),
    analyzeModel: vi.fn(real.analyzeModel),
    validate: vi.fn(real.validate),
  };
});

// The answer request's hand-written check (zod's schema's checks, for a valid request: see
// schemas.ts) counts as a validation when it returns the request; anything else goes on to zod.
vi.mock('../src/schemas', async (importOriginal) => {
  const real = await importOriginal<typeof import('../src/schemas')>();
  return { ...real, parseValidAnswerRequest: vi.fn(real.parseValidAnswerRequest) };
});
/** Answer requests the hand-written check validated (it returned them; zod saw none of those). */
const fastValidations = () =>
  vi.mocked(parseValidAnswerRequest).mock.results.filter((r) => r.type === 'return' && r.value !== undefined)
    .length;

/** Analyses of a model from outside shape-math: `analyze` and `analyzeModel` (the same pass, with its spec). */
const analyses = () => vi.mocked(analyze).mock.calls.length + vi.mocked(analyzeModel).mock.calls.length;
const validateCalls = vi.mocked(validate);

let folder: string;
let store: QuizStore;
let service: MeasurementService;
let engine: QuizEngine;
beforeAll(async () => {
  folder = mkdtempSync(join(tmpdir(), 'cnnkit-passes-'));
  store = await openStore({ sqlitePath: join(folder, 'quiz.db') });
  // The worker's own entry, run in this thread so the spies see it (the pool runs the same function).
  service = new MeasurementService({
    runOnWorker: (_lane, request, _signal, run) => runMeasurement({ request, ...run }),
  });
  engine = new QuizEngine({ store, measurer: service });
});
afterAll(async () => {
  await store.close();
  await service.close();
  rmSync(folder, { recursive: true, force: true });
});

let people = 0;
const answer = (partId: string, text: string, variantSeed?: number) => {
  people++;
  return engine.answer({
    userId: `learner-${people}`,
    displayName: `Learner ${people}`,
    groupId: 'passes',
    questionId: 2,
    partId,
    answer: text,
    ...(variantSeed === undefined ? {} : { variantSeed }),
  });
};

beforeEach(() => {
  vi.clearAllMocks();
});

describe('one answer is one pass (issue 17)', () => {
  test('question 2 variant 7: the variant is built once, the answer and the request are validated once, the network analysed once', async () => {
    const definition = questionDefinition(2)!;
    const builds = vi.spyOn(definition as { variant: (seed: number) => unknown }, 'variant');
    const answerParses = vi.spyOn(answerInputSchema, 'safeParse');
    const requestParses = vi.spyOn(measurementRequestSchema, 'safeParse');
    const requestStrictParses = vi.spyOn(measurementRequestSchema, 'parse');
    // What the Discord adapter does: show the variant, then answer it.
    const shown = engine.question(2, 7);
    const buildsBeforeAnswer = builds.mock.calls.length;
    vi.mocked(analyze).mockClear();
    vi.mocked(analyzeModel).mockClear();
    // The right figure, from the variant's own worked answer ("N parameters: …"): a wrong one would
    // also analyse the networks of the mistakes it names (other networks, so other analyses).
    const figure = shown.parts.find((p) => p.id === 'params')!.modelAnswer.split(' ')[0]!;
    const result = await answer('params', figure, 7);
    expect(result.grade.correct).toBe(true);
    expect(result.question).toBe(shown);
    // The variant the adapter showed is the one answered: not built again.
    expect(builds.mock.calls.length).toBe(buildsBeforeAnswer);
    expect(answerParses).toHaveBeenCalledTimes(1);
    // The service validates the request; the worker trusts it.
    expect(requestParses.mock.calls.length + requestStrictParses.mock.calls.length).toBe(1);
    // One analysis of the variant's network: the service's plan. The worker and buildModel reuse it.
    expect(analyses()).toBe(1);
    // No re-validation of the model spec outside that analysis (buildModel's own is skipped).
    expect(validateCalls).not.toHaveBeenCalled();
    expect(result.measurement!.measured).toBe(result.measurement!.theory);
  });

  // Each part on a variant of its own, so no measurement is cached: seeds 9, 10, 11 are float32
  // networks no other test analysed; 12, 13, 14 float16 and 19, 20, 21 bfloat16 (a variant's number
  // format is DTYPES[floor(seed / 6) % 4] in q02-parameters-and-ram.ts: 2 → float16, 3 → bfloat16).
  // ram-inference is graded against a second counting convention (Géron's "two consecutive layers"),
  // worked out on the same network at the variant's number format: from the plan's analysis, not a
  // new one. TensorFlow.js runs every variant in float32; a 2-byte format is still the one analysis
  // (its ledger charge is read as float32, tested in memory-admission.test.ts).
  test.each([
    ['params', 9, 'float32'],
    ['ram-inference', 10, 'float32'],
    ['ram-training', 11, 'float32'],
    ['params', 12, 'float16'],
    ['ram-inference', 13, 'float16'],
    ['ram-training', 14, 'float16'],
    ['params', 19, 'bfloat16'],
    ['ram-inference', 20, 'bfloat16'],
    ['ram-training', 21, 'bfloat16'],
  ] as const)(
    'question 2, part %s (variant %i, %s): one analysis of the network',
    async (partId, seed, dtype) => {
      const shown = engine.question(2, seed);
      const part = shown.parts.find((p) => p.id === partId)!;
      expect(part.kind === 'numeric' && part.measure.kind === 'exercise2' && part.measure.dtype).toBe(dtype);
      vi.clearAllMocks();
      // The exact figure from the variant's own worked answer: "N parameters: …", "About … (N bytes)".
      const figure = /\(([\d,]+) bytes\)/.exec(part.modelAnswer)?.[1] ?? part.modelAnswer.split(' ')[0]!;
      const result = await answer(partId, figure, seed);
      expect(result.grade.correct).toBe(true);
      expect(result.measurement!.cached).toBe(false);
      expect(result.measurement!.request).toMatchObject({ dtype });
      expect(analyses()).toBe(1);
      expect(validateCalls).not.toHaveBeenCalled();
    },
  );

  test('the base question: one analysis per answer, and a repeated one needs none', async () => {
    const first = await answer('params', '903,400');
    expect(first.grade.correct).toBe(true);
    expect(analyses()).toBe(1);
    vi.clearAllMocks();
    const again = await answer('params', '903,400');
    expect(again.measurement!.cached).toBe(true);
    // The plan still checks the budget, on the analysis it already made of this network; no worker runs.
    expect(analyses()).toBe(0);
    expect(validateCalls).not.toHaveBeenCalled();
  });
});

/**
 * The same walk from Discord: `/answer` through the emulator to the real bot (discord.js client,
 * deferral rule, answer lane, grading worker, SQLite store). The adapter resolves the answer once
 * (it needs the part to decide on deferring), starts a rubric grade before the answer waits for its
 * turn, and hands that one resolution to the engine: the question and part are found once, the
 * answer validated once, graded once.
 */
describe('one Discord answer is one pass (issues 17 and 20)', () => {
  let h: Harness;
  beforeAll(async () => {
    // Measurements run in this thread (the pool runs the same function), so the spies see them.
    const measurer = new MeasurementService({
      runOnWorker: (_lane, request, _signal, run) => runMeasurement({ request, ...run }),
    });
    h = await startHarness({ measurer });
  }, 60_000);
  afterAll(async () => {
    await h?.close();
  });

  /** What one answer costs on its way: resolutions, validations of the answer, grades, analyses. */
  function countPasses() {
    const spies = {
      question: vi.spyOn(QuizEngine.prototype, 'question'),
      part: vi.spyOn(QuizEngine.prototype, 'part'),
      answerParses: [vi.spyOn(answerInputSchema, 'safeParse'), vi.spyOn(answerRequestSchema, 'safeParse')],
      requestParses: [
        vi.spyOn(measurementRequestSchema, 'safeParse'),
        vi.spyOn(measurementRequestSchema, 'parse'),
      ],
      grades: vi.spyOn(GradingWorker.prototype, 'grade'),
      records: vi.spyOn(h.store, 'recordAttempt'),
    };
    vi.clearAllMocks();
    const total = (list: { mock: { calls: unknown[] } }[]) =>
      list.reduce((n, spy) => n + spy.mock.calls.length, 0);
    return () => ({
      questionLookups: spies.question.mock.calls.length,
      partLookups: spies.part.mock.calls.length,
      answerValidations: total(spies.answerParses) + fastValidations(),
      requestValidations: total(spies.requestParses),
      rubricGrades: spies.grades.mock.calls.length,
      records: spies.records.mock.calls.length,
      analyses: analyses(),
      specValidations: validateCalls.mock.calls.length,
    });
  }
  afterAll(() => {
    vi.restoreAllMocks();
  });

  test('a free-text answer with its early grade: one resolution, one validation, one grade, one record', async () => {
    const counts = countPasses();
    const reply = await h.emulator
      .slash({ user: { id: snowflake(), username: 'hedy' } }, 'answer', [
        opt.integer('question', 1),
        opt.string('answer', 'weight sharing means far fewer parameters'),
      ])
      .message(20_000);
    expect(reply.embeds[0].title).toMatch(/points|Correct|Partly|Not yet/);
    expect(counts()).toEqual({
      questionLookups: 1,
      partLookups: 1,
      answerValidations: 1,
      requestValidations: 0,
      // Started before the answer's turn, by the adapter; the answer awaits it, never grades again.
      rubricGrades: 1,
      records: 1,
      // No network in a free-text answer.
      analyses: 0,
      specValidations: 0,
    });
  }, 30_000);

  test('a numeric answer to question 2 variant 15: one resolution, one validation of each, one analysis', async () => {
    // Variant 15 (float16: DTYPES[floor(15 / 6) % 4]) is analysed by no other test of this file.
    // Shown first, as /quiz shows it (building a variant works out its worked answer); the right
    // figure is its own worked answer's.
    const shown = h.bot.context.engine.question(2, 15);
    const figure = shown.parts.find((p) => p.id === 'params')!.modelAnswer.split(' ')[0]!;
    const counts = countPasses();
    const reply = await h.emulator
      .slash({ user: { id: snowflake(), username: 'alan' } }, 'answer', [
        opt.integer('question', 2),
        opt.string('part', 'params'),
        opt.integer('variant', 15),
        opt.string('answer', figure),
      ])
      .message(60_000);
    expect(reply.embeds[0].title).toMatch(/^✅ Correct/);
    expect(counts()).toEqual({
      questionLookups: 1,
      partLookups: 1,
      answerValidations: 1,
      // The service validates the request; the worker trusts it.
      requestValidations: 1,
      rubricGrades: 0,
      records: 1,
      analyses: 1,
      specValidations: 0,
    });
  }, 90_000);
});
