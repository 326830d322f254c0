/**
 * Answers written with their tags by hand, for the rules of claims/analysis.ts that read parts of
 * speech: "word/TAG" or "word/TAG/lemma" (the lemma is the word itself when not given), "+word/TAG"
 * for a word written right after the one before ("GoogLeNet's"), a bare "." "," ";" ":" "?" "!" or
 * "/" is punctuation written after the word before, and a bare "|" is a line break. The grader's
 * tagger is swapped for that list while the answer is analysed, so a case holds whatever the model
 * does with the sentence (claims-analysis-rules and claims-analysis-lists-scenes).
 */
import { type Analysis, analyseAnswer } from '../src/grading/claims/analysis';
import { type Token, useTagger } from '../src/grading/claims/nlp';

/** An answer written with its tags: the answer's text and the tokens the tagger should return. */
export function handTagged(spec: string): { answer: string; tokens: Token[] } {
  let answer = '';
  const tokens: Token[] = [];
  for (const item of spec.trim().split(/\s+/)) {
    if (item === '|') {
      answer += '\n';
      continue;
    }
    const punctuation = /^[.,;:?!/]$/.test(item);
    const glued = punctuation || item.startsWith('+');
    const [word, pos, lemma] = punctuation ? [item, 'PUNCT'] : (glued ? item.slice(1) : item).split('/');
    if (word === undefined || word === '' || pos === undefined) throw new Error(`"${item}" is not word/TAG`);
    if (answer !== '' && !glued && !answer.endsWith('\n')) answer += ' ';
    const start = answer.length;
    answer += word;
    tokens.push({
      norm: word.toLowerCase(),
      lemma: (lemma ?? word).toLowerCase(),
      pos,
      start,
      end: answer.length,
    });
  }
  return { answer, tokens };
}

/** `analyseAnswer` of a hand-tagged answer, with the question's one-word names. */
export function analyseTagged(spec: string, names: readonly string[] = []): Analysis {
  const { answer, tokens } = handTagged(spec);
  const previous = useTagger((text) => {
    // The answers here are ASCII: folding leaves them as written, so the offsets are the spec's.
    if (text !== answer) throw new Error(`tagger asked for "${text}", not "${answer}"`);
    return tokens;
  });
  try {
    return analyseAnswer(answer, new Set(names));
  } finally {
    useTagger(previous);
  }
}

/** Why each clause asserts nothing (undefined: it asserts). */
export const reasons = (spec: string, names: readonly string[] = []) =>
  analyseTagged(spec, names).clauses.map((c) => c.reason);
