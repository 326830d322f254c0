import { showsSegmentationRun } from '../../questions/pictures';
import {
  committedVerdict,
  demonstrationJson,
  liveVerdict,
  readDemonstration,
  verdictText,
} from '../../verify/segmentation-demonstration';
import type { SegmentationPicture } from '../../verify/segmentation-picture';
import type { CliCommand } from '../command';
import { formatQuestion } from '../format';
import { UsageError } from '../options';

/**
 * `cnnkit-quiz explain -q N [--out DIR] [--live]`: the model answers and the pictures the question
 * lists (a question that shows the segmentation run: the committed run, and a live small run with
 * `--live`).
 */
export const explain: CliCommand = {
  name: 'explain',
  async run({ args, io, print, measurer, readOnlyEngine }) {
    if (args.question === undefined) throw new UsageError('explain needs --question N');
    // Explaining stores nothing: like `show`, it opens no database.
    const question = readOnlyEngine().question(args.question);
    const { writeExplanationPictures, copySegmentationPicture } = await import('../../views/explain-files');
    const folder = args.out ?? 'cnnkit-explain';
    const written = writeExplanationPictures(question, folder);
    let committed: ReturnType<typeof readDemonstration> | undefined;
    let live: SegmentationPicture | undefined;
    const segmentationRun = showsSegmentationRun(question);
    if (segmentationRun) {
      // The committed multi-seed run, at once; a live small run only when asked (--live).
      committed = readDemonstration();
      written.push(copySegmentationPicture(question.id, committed.png, folder, 'segmentation-comparison'));
    }
    if (segmentationRun && args.live) {
      // Progress goes to stderr, and never under --json: stdout stays one JSON document.
      const say = args.json ? () => {} : (text: string) => io.err.write(`${text}\n`);
      let announced = false;
      live = await measurer.segmentationPicture({
        onProgress: (progress) => {
          // Said only when it trains: a cached picture needs no words.
          if (!announced)
            say(
              '› live small run: training FCN-32s, FCN-8s and U-Net on small synthetic shapes (once: the picture is then cached)',
            );
          announced = true;
          say(`  ${progress.line}`);
        },
      });
      written.push(copySegmentationPicture(question.id, live.path, folder, 'segmentation-live'));
    }
    if (args.json) {
      print(
        JSON.stringify(
          {
            question: question.id,
            title: question.title,
            modelAnswers: question.parts.map((p) => ({ part: p.id, answer: p.modelAnswer })),
            correctionsToNotes: question.correctionsToNotes,
            pictures: written,
            ...(committed === undefined
              ? {}
              : {
                  segmentation: {
                    ...demonstrationJson(committed.run),
                    verdict: verdictText(committedVerdict(committed.run)),
                  },
                }),
            ...(live === undefined
              ? {}
              : {
                  liveSegmentation: {
                    source: 'live',
                    verdict: verdictText(liveVerdict(live)),
                    rows: live.rows,
                    backend: live.backend,
                    settings: live.settings,
                    cached: live.cached,
                  },
                }),
          },
          null,
          2,
        ),
      );
      return 0;
    }
    print(`${formatQuestion(question)}\n`);
    for (const part of question.parts) print(`[${part.id}] ${part.modelAnswer}`);
    for (const correction of question.correctionsToNotes) print(`Correction to the notes: ${correction}`);
    if (committed !== undefined) print(`\n${verdictText(committedVerdict(committed.run))}`);
    if (live !== undefined) print(`\n${verdictText(liveVerdict(live))}`);
    print(
      written.length === 0
        ? 'No picture for this question.'
        : `Pictures written:\n${written.map((p) => `  ${p}`).join('\n')}`,
    );
    return 0;
  },
};
