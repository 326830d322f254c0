import type { CliCommand } from '../command';

/** `cnnkit-quiz questions`: the question list (ids, titles, difficulty, part ids). */
export const questions: CliCommand = {
  name: 'questions',
  async run({ args, print, readOnlyEngine }) {
    const questions = readOnlyEngine().questions();
    if (args.json)
      print(
        JSON.stringify(
          questions.map((q) => ({
            id: q.id,
            title: q.title,
            difficulty: q.difficulty,
            parts: q.parts.map((p) => ({ id: p.id, kind: p.kind })),
          })),
          null,
          2,
        ),
      );
    else
      for (const q of questions)
        print(`${q.id}. ${q.title} ${'★'.repeat(q.difficulty)}  (${q.parts.map((p) => p.id).join(', ')})`);
    return 0;
  },
};
