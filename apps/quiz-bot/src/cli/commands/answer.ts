import { nameKey } from '../../identity';
import type { CliCommand } from '../command';
import { formatResult, startSpinner } from '../format';
import { UsageError } from '../options';

/** How long a measurement waited in its lane (the MeasurementService reports it; other measurers may not). */
const queuedMsOf = (measurement: unknown): number | undefined => {
  const value = (measurement as { queuedMs?: unknown } | undefined)?.queuedMs;
  return typeof value === 'number' ? value : undefined;
};

/** `cnnkit-quiz answer -q N [--part P] [--variant V] --answer "…"`: grade and record one answer. */
export const answer: CliCommand = {
  name: 'answer',
  async run({ args, print, engine, userName, groupName }) {
    if (args.question === undefined || args.answer === undefined)
      throw new UsageError('answer needs --question N and --answer "…"');
    const userId = nameKey(userName, 'the user name');
    const groupId = nameKey(groupName, 'the group name');
    const quiz = await engine();
    const stop = args.json ? () => {} : startSpinner('checking on the real model…');
    const result = await quiz
      .answer({
        userId,
        displayName: userName,
        groupId,
        groupName,
        questionId: args.question,
        answer: args.answer,
        ...(args.part === undefined ? {} : { partId: args.part }),
        ...(args.variant === undefined ? {} : { variantSeed: args.variant }),
        ...(args.key === undefined ? {} : { idempotencyKey: args.key }),
      })
      .finally(stop);
    if (args.json) {
      print(
        JSON.stringify(
          {
            question: result.question.id,
            part: result.part.id,
            score: result.grade.score,
            correct: result.grade.correct,
            points: result.points,
            streak: result.streak,
            duplicate: result.duplicate,
            repeat: result.repeat,
            nextReviewAt:
              result.nextReviewAt === undefined ? undefined : new Date(result.nextReviewAt).toISOString(),
            feedback: result.grade.feedback,
            covered: result.grade.covered,
            missed: result.grade.missed,
            measured: result.measurement?.measured,
            theory: result.measurement?.theory,
            backend: result.measurement?.backend,
            engine: result.measurement?.engine,
            correctionsToNotes: result.correctionsToNotes,
            sources: result.sources,
            queuedMs: queuedMsOf(result.measurement),
          },
          null,
          2,
        ),
      );
    } else {
      print(formatResult(result));
      const queuedMs = queuedMsOf(result.measurement) ?? 0;
      if (queuedMs >= 1000)
        print(`(the check waited ${Math.round(queuedMs / 1000)} s in the queue behind other models)`);
    }
    return 0;
  },
};
