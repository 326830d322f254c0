import { describe, expect, test } from 'vitest';
import { analyseAnswer } from '../src/grading/claims/analysis';
import { MEANINGS, OPPOSITE_MEANINGS } from '../src/grading/claims/meanings';
import { PARAPHRASES } from '../src/grading/claims/paraphrases';
import { compileClaim, slotMayBeSaid, slotSaidSomewhere } from '../src/grading/claims/synonyms';
import { QUESTIONS } from '../src/questions/bank';

/*
 * findClaims skips a claim when one of its slots can say no word of the answer, read from the
 * answer's vocabulary (its words' lemmas, forms and letters, and the words a slot word's misspelling
 * could be) rather than word by word. The skip must never hide a claim: for every slot of every claim
 * of the question bank and its claim data, and answers written to hit the matcher's odd corners
 * (misspellings, hyphens, contractions, image sizes, prefixes), a slot said by some word word by
 * word is one the vocabulary says may be said.
 */
const sources = new Set<string>();
for (const question of QUESTIONS)
  for (const part of question.parts)
    if (part.kind === 'rubric')
      for (const concept of part.concepts)
        for (const claim of [...(concept.claims ?? []), ...(concept.counterclaims ?? [])]) sources.add(claim);
for (const list of [...Object.values(MEANINGS), ...Object.values(OPPOSITE_MEANINGS)])
  for (const claim of list) sources.add(claim);
for (const data of Object.values(PARAPHRASES))
  for (const claim of [...(data.claims ?? []), ...(data.counterclaims ?? [])]) sources.add(claim);
const slots = [...sources].flatMap((source) => compileClaim(source).slots);

const answers = [
  ...QUESTIONS.flatMap((q) => q.parts.map((p) => p.modelAnswer)),
  'A CNN has far fewer paramters and detects featurs anywhere; a dense net does not.',
  "It isn't sensitive to small shifts, and the max doesn't change.",
  'Use lower-res 224x224 inputs, fp16, a low-level to high-level hierarchy, and up-convolutions.',
  'Shrink the batch, downscale the imgs, distribute over 2 GPUs, recompute activations.',
  'Upsampling with transposed convs plus skip connections fixes the coarse, blurry maps.',
  'LRN: strong neurons inhibit neighbouring maps, so the maps specialise; batchnorm replaced it.',
  'pooling has no weights, is cheaper, and tolerates jitter of a pixel or two',
];

describe("the vocabulary filter of findClaims never hides a claim's slot", () => {
  test(`${slots.length} slots of ${sources.size} claims on ${answers.length} answers`, () => {
    const hidden: string[] = [];
    let skipped = 0;
    for (const answer of answers) {
      const analysis = analyseAnswer(answer);
      for (const slot of slots) {
        const may = slotMayBeSaid(analysis, slot);
        if (!may) skipped++;
        if (!may && slotSaidSomewhere(analysis, slot))
          hidden.push(`${slot.join('|')} in ${JSON.stringify(answer)}`);
      }
    }
    expect(hidden).toEqual([]);
    // And it does skip: most slots name no word of a given answer.
    expect(skipped).toBeGreaterThan(slots.length);
  });
});
