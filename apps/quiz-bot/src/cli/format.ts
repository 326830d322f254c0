import pc from 'picocolors';
import type { AnswerResult } from '../engine';
import { answerFormatHint } from '../questions/hints';
import type { Part, Question } from '../questions/schemas';
import type { LeaderboardRow } from '../store/store';
import { withoutInvisible } from '../text';
import type { Measurement } from '../verify/requests';
import { answerResultView } from '../views/results';

export { describeReview } from '../views/results';

/** Text renderings for the terminal; the Discord adapter has its own. */
export function formatQuestion(question: Question): string {
  return `${pc.bold(`Question ${question.id}: ${question.title}`)}\n${question.prompt}`;
}

export function formatPartPrompt(part: Part, index: number, count: number): string {
  const head = count > 1 ? `${pc.cyan(`(${index + 1}/${count})`)} ` : '';
  const options =
    part.kind === 'choice'
      ? `\n${part.options.map((o, i) => `  ${String.fromCharCode(97 + i)}) ${o}`).join('\n')}`
      : '';
  const hint = part.kind === 'numeric' ? pc.dim(answerFormatHint(part)?.text ?? '') : '';
  return `${head}${part.prompt}${hint}${options}`;
}

export function formatResult(result: AnswerResult, now = Date.now()): string {
  // The words and numbers come from the adapter-neutral view (Discord renders the same one).
  const view = answerResultView(result, now);
  const verdict =
    view.verdict === 'correct'
      ? pc.green(`✔ ${view.verdictText}`)
      : view.verdict === 'partial'
        ? pc.yellow(`◐ ${view.verdictText}`)
        : pc.red(`✘ ${view.verdictText}`);
  const lines = [
    `${verdict}  ${pc.bold(`+${view.points} points`)}${view.streak > 1 ? pc.magenta(`  streak ${view.streak}`) : ''}${view.scoringNote === undefined ? '' : pc.dim(`  (${view.scoringNote})`)}`,
    ...view.feedback.map((f) => `  ${f}`),
  ];
  if (view.modelAnswer !== undefined) lines.push(`${pc.bold('Model answer:')} ${view.modelAnswer}`);
  lines.push(pc.dim(view.explanation));
  lines.push(pc.dim(`Sources: ${view.sources.join('; ')}.`));
  if (view.correctionsToNotes.length > 0) {
    lines.push(pc.bold('What the study notes got wrong or left out:'));
    lines.push(...view.correctionsToNotes.map((c) => `  • ${c}`));
  }
  if (view.nextReview !== undefined) lines.push(pc.cyan(view.nextReview));
  return lines.join('\n');
}

export function formatLeaderboard(rows: readonly LeaderboardRow[], title: string): string {
  // The title and names may echo a user's input (a group name, old rows stored before names were
  // cleaned): printed without control characters.
  const safeTitle = withoutInvisible(title);
  if (rows.length === 0) return `${pc.bold(safeTitle)}\n  nobody has answered yet`;
  const header = ['#', 'name', 'points', 'answers', 'correct', 'best streak'];
  const body = rows.map((r) => [
    String(r.rank),
    withoutInvisible(r.displayName),
    String(r.points),
    String(r.attempts),
    String(r.correct),
    String(r.bestStreak),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((row) => row[i]!.length)));
  const line = (cells: string[]) =>
    cells.map((c, i) => (i === 1 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  return [pc.bold(safeTitle), pc.dim(line(header)), ...body.map(line)].join('\n');
}

export function formatMeasurement(m: Measurement & { cached?: boolean }): string {
  const value =
    m.unit === 'bytes' ? `${m.measured.toLocaleString('en-US')} bytes` : m.measured.toLocaleString('en-US');
  return [
    `${pc.bold(value)}  ${pc.dim(`measured on the real model (${m.backend}, ${m.elapsedMs.toFixed(0)} ms${m.cached ? ', cached' : ''}); shape-math says ${m.theory.toLocaleString('en-US')}`)}`,
    ...m.details.map((d) => `  ${d}`),
  ].join('\n');
}

/** A spinner on stderr while a model runs (only on a terminal); the event loop stays free. */
export function startSpinner(text: string, stream: NodeJS.WriteStream = process.stderr): () => void {
  if (!stream.isTTY) return () => {};
  const frames = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];
  let i = 0;
  const timer = setInterval(() => {
    stream.write(`\r${pc.cyan(frames[i++ % frames.length]!)} ${text}`);
  }, 80);
  return () => {
    clearInterval(timer);
    stream.write(`\r${' '.repeat(text.length + 2)}\r`);
  };
}
