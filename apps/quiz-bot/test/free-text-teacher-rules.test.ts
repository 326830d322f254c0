import { describe, expect, test } from 'vitest';
import { analyseAnswer, foldCase } from '../src/grading/claims/analysis';
import { gradeRubric } from '../src/grading/rubric';
import { rubric } from './bank-rubric';

/*
 * Issue 18, stop 24: general reading rules a teacher names, one case per rule. Every answer was
 * written for this file from the questions' prompts (none is taken from an evaluation set); each
 * expectation is read off the sentence by hand in the comment beside it.
 */

const remedies = rubric(3, 'remedies');
const advantages = rubric(1, 'advantages');
const innovations = rubric(6, 'innovations');

/** The clauses of an answer: their words, sentence and whether a conjunction in running text opened them. */
const clausesOf = (answer: string) => {
  const analysis = analyseAnswer(answer);
  return analysis.clauses.map((c) => ({
    words: analysis.text.slice(c.start, c.end).trim(),
    sentence: c.sentence,
    soft: c.soft,
  }));
};

describe('a negation ends at the punctuation before a coordinated clause with its own verb', () => {
  test('", or distribute the CNN" opens a clause cut at the comma, not a soft one', () => {
    // The comma cuts; the "or" after it opens the next clause, which is therefore not soft.
    expect(clausesOf('Do not use 32 bit floats, or distribute the CNN.')).toEqual([
      { words: 'do not use 32 bit floats', sentence: 0, soft: false },
      { words: 'or distribute the cnn', sentence: 0, soft: false },
    ]);
  });

  test('without the comma the "or" opens a soft clause (the same stretch of running text)', () => {
    expect(clausesOf('Do not use 32 bit floats or distribute the CNN.')).toEqual([
      { words: 'do not use 32 bit floats', sentence: 0, soft: false },
      { words: 'or distribute the cnn', sentence: 0, soft: true },
    ]);
  });

  test('"Do not use 32-bit floats, or distribute the CNN" recommends distributing (not denied)', () => {
    // Two remedies: not 32-bit floats (16-bit, the opposite denied) and distributing the network.
    // The "not" of the first clause stops at the comma, so distributing is said, not denied.
    const grade = gradeRubric(remedies, 'Do not use 32 bit floats, or distribute the CNN.');
    expect(grade.covered).toEqual(['precision', 'distribute']);
    expect(grade.feedback.join(' ')).not.toMatch(/denies/);
  });

  test('"Do not use 32-bit floats or distribute the CNN" (no comma) denies both', () => {
    // "not … X or Y" denies each: distributing is denied, so it is not credited.
    const grade = gradeRubric(remedies, 'Do not use 32 bit floats or distribute the CNN.');
    expect(grade.covered).not.toContain('distribute');
    expect(grade.feedback.join(' ')).toMatch(/denies: distribute/);
  });
});

describe('an opposite is judged in the clause where it starts', () => {
  test('"doesn\'t flatten the image, so it keeps the 2D neighbourhoods" is the 2-D structure point', () => {
    // "doesn't flatten the image" denies the opposite of using the 2-D structure, and "keeps the
    // 2D neighbourhoods" says it: the point is credited (1 of question 1's 3 points), and the
    // longer reading "flatten the image so it keeps the 2d neighbourhoods" past the comma, where the
    // "doesn't" does not reach, is no contradiction.
    const grade = gradeRubric(
      advantages,
      "A CNN doesn't flatten the image, so it keeps the 2D neighbourhoods.",
    );
    expect(grade.covered).toEqual(['spatial-hierarchy']);
    expect(grade.feedback.join(' ')).not.toMatch(/contradicts/);
  });

  test('said without the negation, flattening the image contradicts the point', () => {
    // "A CNN flattens the image": the opposite asserted of a CNN.
    const grade = gradeRubric(advantages, 'A CNN flattens the image, so it keeps the 2D neighbourhoods.');
    expect(grade.covered).toEqual([]);
    expect(grade.feedback.join(' ')).toMatch(/contradicts: uses the 2-D structure/);
  });
});

describe('"e.g." and "i.e." end no sentence; a colon between digits ends no clause', () => {
  test('"e.g." cuts a clause inside the sentence, and its words are left out', () => {
    // One sentence, three clauses: the point, the example, and the soft "and" clause.
    expect(clausesOf('Save memory, e.g. a smaller batch and 16 bit floats.')).toEqual([
      { words: 'save memory', sentence: 0, soft: false },
      { words: 'a smaller batch', sentence: 0, soft: false },
      { words: 'and 16 bit floats', sentence: 0, soft: true },
    ]);
  });

  test('"(i.e. …)" in brackets: the gloss is a clause of the same sentence', () => {
    // "(i.e. after the first relus)" is a gloss of two words or more in brackets: its own clause,
    // in sentence 0; then the rest of the sentence.
    expect(clausesOf('Use it low (i.e. after the first ReLUs) to inhibit maps. Done.')).toEqual([
      { words: 'use it low', sentence: 0, soft: false },
      { words: 'after the first relus', sentence: 0, soft: false },
      { words: 'to inhibit maps', sentence: 0, soft: false },
      { words: 'done', sentence: 1, soft: false },
    ]);
  });

  test('"ie." inside a word ("movie.") still ends its sentence', () => {
    // Only "e.g"/"i.e" standing as a word are abbreviations: "movie." ends the first sentence.
    expect(clausesOf('A movie. Fewer parameters.').map((c) => c.sentence)).toEqual([0, 1]);
  });

  test('"3:1" is one ratio, and a colon after a word still cuts', () => {
    // The colon between 3 and 1 is no boundary; the one after "why" is.
    expect(clausesOf('A ratio of 3:1 is used. Why: no reason.')).toEqual([
      { words: 'a ratio of 3 1 is used', sentence: 0, soft: false },
      { words: 'why', sentence: 1, soft: false },
      { words: 'no reason', sentence: 1, soft: false },
    ]);
  });

  test('a colon before a number or after one (not between digits) still cuts', () => {
    // "batch:32" has a letter before the colon; "32: smaller" has a space after it.
    expect(clausesOf('batch:32, then 32: smaller').map((c) => c.words)).toEqual([
      'batch',
      '32',
      'then 32',
      'smaller',
    ]);
  });
});

describe('a passive\'s agent ("by ResNet", "in AlexNet") is what the clause is about', () => {
  test('"ReLU was used in AlexNet, and skip connections are introduced by ResNet"', () => {
    // Two points, each credited to the network named as the passive's agent: AlexNet's ReLU and
    // ResNet's skip connections (1 of 2 for two networks of five: (0.5 + 0.5) / 5 = 0.2).
    const grade = gradeRubric(
      innovations,
      'ReLU was used in AlexNet, and skip connections are introduced by ResNet.',
    );
    expect(grade.covered).toEqual(['alexnet-relu', 'resnet-skip']);
    expect(grade.score).toBeCloseTo(0.2, 10);
  });

  test('an adverb between "be" and the verb, or between the verb and "by", changes nothing', () => {
    // "were first introduced by ResNet": still a passive with its agent.
    const grade = gradeRubric(innovations, 'Skip connections were first introduced by ResNet.');
    expect(grade.covered).toEqual(['resnet-skip']);
  });

  test('an active verb before "in" leaves the network a complement ("… appears in AlexNet")', () => {
    // No form of "be" before the verb: "AlexNet" is where it appears, not what the clause is
    // about, so the claim has no network to be said of and earns nothing.
    const grade = gradeRubric(innovations, 'ReLU appears in AlexNet.');
    expect(grade.covered).toEqual([]);
  });

  test('"with" after a passive names no agent', () => {
    // "trained with GoogLeNet" is no agent preposition: GoogLeNet is a complement here.
    const grade = gradeRubric(innovations, 'Inception modules were trained with GoogLeNet.');
    expect(grade.covered).toEqual([]);
  });
});

const why = rubric(4, 'why');
const whatAndHow = rubric(7, 'what-and-how');
const difficulty = rubric(8, 'difficulty');

describe("paraphrases from the concepts' meaning (claims/paraphrases.ts), each with its opposite", () => {
  test.each([
    // Question 4's invariance (max pooling tolerates small shifts), said without "invariant".
    [why, 'No weights, and it shows robustness to small shifts of the input.', 'invariance'],
    [why, 'No weights, and it is less sensitive to the position of a feature.', 'invariance'],
    [why, 'No weights, and if a feature moves by a pixel the max is still the same.', 'invariance'],
    [why, 'No weights, and a feature shifted slightly gives the same maximum.', 'invariance'],
    // Question 7: only convolutional layers, said of every layer.
    [whatAndHow, 'Every layer is convolutional.', 'only-conv'],
    [whatAndHow, 'Everything is convolutional.', 'only-conv'],
    // Question 7: any input size, said as "the size doesn't matter".
    [whatAndHow, "The input size doesn't matter.", 'any-size'],
    // Question 7: the kernel as large as its input map.
    [whatAndHow, 'The kernel covers the whole input map.', 'kernel-size'],
    // Question 8: the resolution lost, said of the output's size; a full-size mask is per pixel.
    [difficulty, 'After the strides the output is tiny.', 'resolution-lost'],
    [difficulty, 'We need a full-size mask.', 'per-pixel'],
  ])('%#: %s → %s', (part, answer, concept) => {
    // Each sentence asserts the one concept named, and no other of its part.
    expect(gradeRubric(part, answer).covered).toEqual(
      concept === 'invariance' ? ['no-params', 'invariance'] : [concept],
    );
  });

  test.each([
    // The opposite of each: sensitive to the position, a different maximum after a shift, a layer
    // that is fully connected, an input size that matters, an output that is large.
    [why, 'No weights, but it is very sensitive to the position of a feature.', ['no-params']],
    [why, 'No weights. A shifted input gives a completely different maximum.', ['no-params']],
    [whatAndHow, 'Every layer is fully connected, so you convert nothing.', []],
    [whatAndHow, 'The input size matters.', []],
    [difficulty, 'After the strides the output is large.', []],
  ])('%#: %s → %j', (part, answer, covered) => {
    expect(gradeRubric(part, answer).covered).toEqual(covered);
  });
});

describe('what a network takes in ("images of …") is no other thing the phrase is said of', () => {
  test('"so images of different sizes work" asserts any input size', () => {
    // The subject "images of different sizes" is the network's own input: the point is said.
    expect(
      gradeRubric(whatAndHow, 'It is convolutional, so images of different sizes work.').covered,
    ).toEqual(['any-size']);
  });

  test('"so cats of different sizes work" says it of cats (no credit)', () => {
    // "of different sizes" describes cats, a thing outside the field.
    expect(gradeRubric(whatAndHow, 'It is convolutional, so cats of different sizes work.').covered).toEqual(
      [],
    );
  });
});

describe('what a verb of change turns into something else is no contradiction ("… become 1x1 convolutions")', () => {
  test('"the dense layers on top become 1x1 convolutions" leaves "no dense layers" standing', () => {
    // Two points: only convolutional layers ("no dense layers at all") and the dense layers above
    // becoming 1×1 convolutions; the dense layers named are what the conversion removes: 2 of 4.
    const grade = gradeRubric(
      whatAndHow,
      'No dense layers at all. The dense layers on top become 1x1 convolutions.',
    );
    expect(grade.covered).toEqual(['only-conv', 'one-by-one']);
    expect(grade.score).toBe(0.5);
  });

  test('"the dense layers on top stay" keeps them: a contradiction', () => {
    const grade = gradeRubric(whatAndHow, 'No dense layers at all. The dense layers on top stay.');
    expect(grade.covered).toEqual([]);
    expect(grade.feedback.join(' ')).toMatch(/contradicts: only convolutional/);
  });
});

describe("question 6: Xception's depthwise separable convolutions replacing inception modules are one point", () => {
  test('"depthwise separable convs instead of inception modules" earns Xception one point of two', () => {
    // Géron ch. 14 / Chollet 2017: the separable convolutions ARE what replaces the inception
    // modules, one innovation said with what it replaced: 1 of 2 for Xception, 0.5 / 5 networks.
    const grade = gradeRubric(
      innovations,
      'Xception uses depthwise separable convs instead of inception modules.',
    );
    expect(grade.covered).toEqual(['xception-separable', 'xception-merge']);
    expect(grade.score).toBe(0.1);
  });

  test('with the residual connections it keeps, Xception has its two points', () => {
    // Separable convolutions (1) and ResNet's skip connections kept (2): 2 of 2, 1 / 5 networks.
    const grade = gradeRubric(
      innovations,
      'Xception uses depthwise separable convolutions, plus residual connections.',
    );
    expect(grade.covered).toEqual(['xception-separable', 'xception-skip']);
    expect(grade.score).toBe(0.2);
  });

  test('two points of different networks each count for their own network', () => {
    // ResNet's skip connections and depth: 2 of 2 for ResNet; Xception's separable convs: 1 of 2.
    // (1 + 0.5) / 5 = 0.3.
    const grade = gradeRubric(
      innovations,
      'ResNet uses skip connections, so it can be 152 layers deep. Xception uses depthwise separable convolutions.',
    );
    expect(grade.covered).toEqual(['resnet-skip', 'resnet-depth', 'xception-separable']);
    expect(grade.score).toBe(0.3);
  });
});

describe('a participle with its object after a noun is a predicate, not a keyword', () => {
  test('"depthwise separable convs replacing inception modules" asserts what Xception does', () => {
    // "replacing inception modules" says what the convs do (a relative clause cut short): the
    // clause is no keyword string, and the point is credited (one point, 0.5 / 5 = 0.1).
    const grade = gradeRubric(
      innovations,
      'Xception: depthwise separable convs replacing inception modules.',
    );
    expect(grade.covered).toEqual(['xception-separable', 'xception-merge']);
    expect(grade.score).toBe(0.1);
  });

  test('a string of terms with a gerund that is only a term ("pooling") stays a keyword list', () => {
    // "pooling" is no verb of doing with an object: six terms, no predicate, nothing credited.
    expect(gradeRubric(why, 'max pooling parameters invariance computation memory').covered).toEqual([]);
  });

  test('"replacing" with no noun before it is still a term of the list', () => {
    // The participle opens the string: no noun for it to be said of.
    expect(
      gradeRubric(innovations, 'Xception: replacing inception depthwise separable convs everywhere.').covered,
    ).toEqual([]);
  });
});

describe('question 6: SENet learning how much each channel matters is its recalibration', () => {
  test.each([
    'SENet learns how important each channel is.',
    'SENet works out which feature maps matter most.',
  ])('%s → senet-recalibrate', (answer) => {
    // What the SE block does to the channels, said of SENet: its second point (0.5 / 5 = 0.1).
    const grade = gradeRubric(innovations, answer);
    expect(grade.covered).toEqual(['senet-recalibrate']);
    expect(grade.score).toBe(0.1);
  });
});

const when = rubric(5, 'when');

describe('practice-set rules (stop 24): negation reach, shorthand, judgements, slang', () => {
  test('"not because X" denies X: the conjunction after "not" opens no clause of its own', () => {
    // Both reasons named only to be denied ("not because …", "and not because … either"): 0.
    const grade = gradeRubric(
      why,
      "Not because it has no parameters, and not because of translation invariance either: it's just tradition.",
    );
    expect(grade.covered).toEqual([]);
    expect(grade.score).toBe(0);
    expect(clausesOf('Not because it has no parameters.').map((c) => c.words)).toEqual([
      'not because it has no parameters',
    ]);
  });

  test('"because it has no parameters" alone is the reason (the "not" was what denied it)', () => {
    // One reason of two: 0.5.
    expect(gradeRubric(why, 'Because it has no parameters.').score).toBe(0.5);
  });

  test('"didn\'t use tanh like LeNet-5 but ReLU": what "but" brings in is said, not denied', () => {
    // The "didn't" denies tanh; "but ReLU" is what AlexNet used: 1 of 2 for AlexNet, 0.5 / 5.
    const grade = gradeRubric(innovations, "AlexNet didn't use tanh like LeNet-5 but ReLU.");
    expect(grade.covered).toEqual(['alexnet-relu']);
    expect(grade.score).toBe(0.1);
    // Without the "but", ReLU itself is denied.
    expect(gradeRubric(innovations, "AlexNet didn't use ReLU.").covered).toEqual([]);
  });

  test('"upsampling or skip connections don\'t fix anything" judges both (shared predicate)', () => {
    // "don't fix anything" only judges its subjects, and both share it: nothing credited.
    expect(gradeRubric(difficulty, "Upsampling or skip connections don't fix anything.").covered).toEqual([]);
    // Said as a fix, the two remedies are two points of three.
    expect(gradeRubric(difficulty, 'Upsampling and skip connections fix it.').covered).toEqual([
      'upsample',
      'skip',
    ]);
  });

  test('"images of any size can then be processed": the input is no other subject', () => {
    // The phrase stands inside the subject "images of any size": the network's own input.
    expect(
      gradeRubric(whatAndHow, 'It has only conv layers, so images of any size can then be processed.')
        .covered,
    ).toEqual(['only-conv', 'any-size']);
    // Cats are another subject.
    expect(
      gradeRubric(whatAndHow, 'It has only conv layers, so cats of any size can then be processed.').covered,
    ).toEqual(['only-conv']);
  });

  test('"w/" is "with" and "w/o" "without" in notes; a "w/" inside a word is left alone', () => {
    expect(foldCase('micro-batches w/ gradient accumulation')).toBe(
      'micro-batches with gradient accumulation',
    );
    expect(foldCase('pooling w/o weights')).toBe('pooling without weights');
    expect(foldCase('W/ fp16')).toBe('with fp16');
    expect(foldCase('aw/b')).toBe('aw/b');
    expect(foldCase('w/x')).toBe('w/x');
  });

  test.each([
    // Slang for the invariance: "doesn't freak out if stuff moves over by a pixel" (2 of 2).
    [
      why,
      "No weights, and it doesn't freak out if stuff moves over by a pixel.",
      ['no-params', 'invariance'],
    ],
    // Non-native English: "have not any weight" is no weights (1 of 2).
    [why, 'Max pool have not any weight.', ['no-params']],
    // Slang for lateral inhibition: "the loud neurons shut up the ones … in the neighbouring maps".
    [when, 'The loud neurons shut up the ones at the same spot in the neighbouring maps.', ['inhibition']],
    // "don't keep all the layers": the opposite of removing layers, denied: the point.
    [remedies, "Don't keep all the layers.", ['smaller-model']],
  ])('%#: %s → %j', (part, answer, covered) => {
    expect(gradeRubric(part, answer).covered).toEqual(covered);
  });

  test('"keep all the layers" and "keep the batch size the same" contradict their remedies', () => {
    // The opposite asserted: no credit for it, the other remedy still counts.
    const layers = gradeRubric(remedies, 'Keep all the layers, use fp16.');
    expect(layers.covered).toEqual(['precision']);
    expect(layers.feedback.join(' ')).toMatch(/contradicts: remove layers/);
    const batch = gradeRubric(remedies, 'Use a smaller batch but keep the batch size the same.');
    expect(batch.covered).toEqual([]);
    expect(batch.feedback.join(' ')).toMatch(/contradicts: smaller mini-batch/);
  });
});

describe('a passive with an adverb after its verb ("was used heavily in AlexNet")', () => {
  test('the adverb between the verb and "in" is skipped: AlexNet is the agent', () => {
    // Dropout, AlexNet's regularisation: 1 of 2 for AlexNet, 0.5 / 5.
    expect(gradeRubric(innovations, 'Dropout was used heavily in AlexNet.').covered).toEqual([
      'alexnet-regularisation',
    ]);
  });
});

describe('where a state holds ("are common in ResNet") and what a "but" clause leaves standing', () => {
  test('"skip connections are common in ResNet": "be", an adjective and "in" name the network', () => {
    // ResNet's skip connections: 1 of 2 for ResNet, 0.5 / 5. (The "on" inside "common" is no "on".)
    expect(gradeRubric(innovations, 'Skip connections are common in ResNet.').covered).toEqual([
      'resnet-skip',
    ]);
  });

  test('"didn\'t use ReLU, but it used dropout": the "but" after the comma leaves the denial of ReLU', () => {
    // The "but" stands outside the stretch from "didn't" to "ReLU": ReLU is denied, dropout said.
    const grade = gradeRubric(innovations, "AlexNet didn't use ReLU, but it used dropout.");
    expect(grade.covered).toEqual(['alexnet-regularisation']);
    expect(grade.feedback.join(' ')).toMatch(/denies: AlexNet: ReLU/);
  });

  test('a verb of change that ends the clause ("… are converted.") still converts', () => {
    // "the dense layers on top are converted": what is converted away is no contradiction.
    const grade = gradeRubric(whatAndHow, 'No dense layers at all. The dense layers on top are converted.');
    expect(grade.covered).toEqual(['only-conv']);
    expect(grade.feedback.join(' ')).not.toMatch(/contradicts/);
  });

  test('"&" between words is "and", however many spaces stand around it', () => {
    expect(foldCase('weight sharing  &  local connections')).toBe('weight sharing and local connections');
  });
});

describe('the agent after "by" needs no "be"; adverbs before an adjective are skipped', () => {
  test('"skip connections are very common in ResNet": the adverb before "common" is skipped', () => {
    // "are (very) common in ResNet": still "be", an adjective and "in": ResNet's point (0.5 / 5).
    expect(gradeRubric(innovations, 'Skip connections are very common in ResNet.').covered).toEqual([
      'resnet-skip',
    ]);
  });

  test('"skip connections introduced by ResNet": a participle and "by" name the agent without "be"', () => {
    // A reduced passive: ResNet introduced them (0.5 / 5).
    expect(gradeRubric(innovations, 'It uses skip connections introduced by ResNet.').covered).toEqual([
      'resnet-skip',
    ]);
  });

  test('a clause that opens with the participle ("used in AlexNet") is read without error', () => {
    // Nothing stands before "used" to be a form of "be": the reading stops there, no crash.
    expect(() => gradeRubric(innovations, 'ReLU: used in AlexNet.')).not.toThrow();
  });
});
