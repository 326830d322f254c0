import { describe, expect, test } from 'vitest';
import { gradeRubric } from '../src/grading/rubric';
import { concept, rubricParts } from './rubric-parts';

/*
 * The rules of rubric.ts that judge one mention of a concept (directionNear, quote, negatedAt,
 * sharedPredicateNegated, judgeConcept) and the off-topic test (offTopic, isFieldWord), one case
 * each (issue 17, mutation testing: the 2026-12-06 afternoon run of lines 422–679 and 814–853, see
 * docs/mutation-testing.md). Parts are written for this file, as in rubric-rules.test.ts: ids no
 * table of claims/ knows, a fresh part object per grading. Every expectation is the reading a
 * teacher gives the sentence, worked out in the comment beside it, never the grader's output copied.
 */

/** Pooling's three advantages: fewer parameters (a direction), shift invariance (with its opposite), speed. */
const { pooling, resolution } = rubricParts('rules-verdicts');

describe('the comparative that governs a directed phrase (directionNear)', () => {
  test('a comparative three content words before the phrase governs it', () => {
    // "increases [the] total trainable model parameters": "the" is a filler; total, trainable,
    // model are three words, within reach. The answer says pooling has more parameters.
    const grade = gradeRubric(pooling(), 'Pooling increases the total trainable model parameters.');
    expect(grade.covered).toEqual([]);
    expect(grade.feedback[1]).toBe(
      'Not credited: "pooling increases the total trainable model parameters" contradicts: fewer parameters.',
    );
  });

  test('a comparative further away is about something else ("adding pooling layers … few parameters")', () => {
    // "Adding" is about the pooling layers; five content words (pooling, layers, gives, network,
    // few) stand between it and "parameters", and "few parameters" is what the answer says.
    expect(gradeRubric(pooling(), 'Adding pooling layers gives a network few parameters.').covered).toEqual([
      'params',
    ]);
  });

  test('a comparative in another clause governs nothing in this one', () => {
    // "Add pooling" is advice; after the semicolon, "it has few parameters" is the claim.
    expect(gradeRubric(pooling(), 'Add pooling; it has few parameters.').covered).toEqual(['params']);
  });
  test('a comparative after the phrase, further than three words, is about something else', () => {
    // "grow deeper" is said of the network stack; five words (let, whole, convolutional, network,
    // stack) stand between "parameters" and "grow": the answer says pooling has few parameters.
    expect(
      gradeRubric(pooling(), 'Few parameters let the whole convolutional network stack grow deeper.').covered,
    ).toEqual(['params']);
  });

  test('the nearest comparative wins: "fewer parameters make the network grow"', () => {
    // "fewer" stands right before "parameters" (no word between); "grow", two words after (make,
    // network), is what the network does. Fewer parameters is what the answer says.
    expect(gradeRubric(pooling(), 'Fewer parameters make the network grow.').covered).toEqual(['params']);
  });
});

describe('a verbless subject that shares the predicate of the next clause (sharedPredicateNegated)', () => {
  test('"X and Y are not needed" denies both; "X and Y help" affirms both', () => {
    const sharing = () =>
      pooling({
        concepts: [
          concept('share', 'weight sharing', ['weight sharing']),
          concept('speed', 'faster training', ['faster']),
        ],
      });
    // The subject "weight sharing and faster training" shares "are not needed": neither is claimed.
    const denied = gradeRubric(sharing(), 'Weight sharing and faster training are not needed.');
    expect(denied.covered).toEqual([]);
    expect(denied.feedback[1]).toBe(
      'Not credited: "weight sharing" denies: weight sharing. "and faster training are not needed" denies: faster training.',
    );
    expect(gradeRubric(sharing(), 'Weight sharing and faster training help.').covered).toEqual([
      'share',
      'speed',
    ]);
  });

  test('a predicate that only judges: "are pointless", "are not really needed at all"', () => {
    for (const answer of [
      'Invariance and faster training are pointless.',
      'Invariance and faster training are not really needed at all.',
      'Invariance and faster training are really not useful either.',
    ]) {
      const grade = gradeRubric(pooling(), answer);
      expect(grade.covered, answer).toEqual([]);
      expect(grade.feedback[1], answer).toContain('"invariance" denies: shift invariance.');
    }
  });

  test('a subject with an auxiliary of its own is a claim ("pooling is invariant"); a next clause with none shares nothing', () => {
    // "Pooling is invariant" is a claim of its own: the "are not needed" after "and" is about
    // faster training only.
    expect(
      gradeRubric(pooling(), 'Pooling is invariant and faster training are not needed.').covered,
    ).toEqual(['shift']);
    // "… mean shifts never hurt": the "never" is said of shifts, in a clause with no auxiliary; both
    // advantages are named as what the network has.
    expect(gradeRubric(pooling(), 'Invariance and faster training mean shifts never hurt.').covered).toEqual([
      'shift',
      'speed',
    ]);
  });

  test('a negation that says something else of the subject does not deny it ("do not lose detail")', () => {
    // "Invariance and faster training do not lose detail": nothing in it says invariance is absent.
    expect(gradeRubric(pooling(), 'Invariance and faster training do not lose detail.').covered).toContain(
      'shift',
    );
  });

  test('only "and"/"or" join a shared subject, in one sentence, to a clause with no verb of its own', () => {
    // "but" sets the two apart: "Invariance but faster training are not needed" denies only speed.
    expect(gradeRubric(pooling(), 'Invariance but faster training are not needed.').covered).toEqual([
      'shift',
    ]);
    // A full stop ends the subject: "Invariance." is a point of its own.
    expect(gradeRubric(pooling(), 'Invariance. And faster training are not needed.').covered).toEqual([
      'shift',
    ]);
    // "Pooling gives invariance" has its own verb: a claim, not a subject waiting for a predicate.
    expect(
      gradeRubric(pooling(), 'Pooling gives invariance and faster training are not needed.').covered,
    ).toEqual(['shift']);
  });
});

describe('a story told around the answer (offTopic)', () => {
  test('four nouns from outside the field, in a story, make it off-topic; three do not', () => {
    // Others: grandmother, bread, cakes, pies (4); of the field: parameters (1); "my", "she" tell a story.
    const story = gradeRubric(
      pooling(),
      'My grandmother says pooling has fewer parameters. She eats bread, cakes and pies.',
    );
    expect(story.covered).toEqual([]);
    expect(story.feedback[1]).toBe(
      'Not credited: Most of the answer is about something else, so nothing in it is credited.',
    );
    // Grandmother, bread, cakes (3): not enough for a story; one sentence of two is about pooling (half).
    expect(
      gradeRubric(pooling(), 'My grandmother says pooling has fewer parameters. She eats bread and cakes.')
        .covered,
    ).toEqual(['params']);
  });
});

describe('the clause quoted back (quote)', () => {
  test('a clause of 70 characters is quoted whole; one of 71 is cut to its first 67 and an ellipsis', () => {
    // As normalised (lower case, no full stop), counted by hand: "pooling does not have fewer
    // parameters than " is 44 characters, "a dense layer of a network" 26 (70 in all), "dense layers
    // of the network" 27 (71).
    const seventy = 'pooling does not have fewer parameters than a dense layer of a network';
    expect(seventy).toHaveLength(70);
    expect(
      gradeRubric(pooling(), 'Pooling does not have fewer parameters than a dense layer of a network.')
        .feedback[1],
    ).toBe(`Not credited: "${seventy}" denies: fewer parameters.`);
    // 71: the first 67 characters end inside "network".
    const first67 = 'pooling does not have fewer parameters than dense layers of the net';
    expect(first67).toHaveLength(67);
    expect(
      gradeRubric(pooling(), 'Pooling does not have fewer parameters than dense layers of the network.')
        .feedback[1],
    ).toBe(`Not credited: "${first67}…" denies: fewer parameters.`);
  });
});

describe('one mention judged (judgeConcept, negatedAt)', () => {
  test('"one or more" at the start of the answer is a count, for the concept and for its opposite', () => {
    // "One or more layers are used" says how many layers there may be: neither "more layers" nor,
    // against "fewer layers", its opposite.
    const deeper = () =>
      pooling({ required: 1, concepts: [concept('deeper', 'more layers', ['more layers'])] });
    expect(gradeRubric(deeper(), 'One or more layers are used.').covered).toEqual([]);
    expect(gradeRubric(deeper(), 'More layers are used.').covered).toEqual(['deeper']);
    const shallower = () =>
      pooling({
        required: 1,
        concepts: [concept('shallow', 'fewer layers', ['fewer layers'], { opposites: ['more layers'] })],
      });
    const count = gradeRubric(shallower(), 'One or more layers are used.');
    expect(count.feedback).toEqual([
      'None of the expected points was recognised.',
      'Missing (1 for full credit): fewer layers.',
    ]);
    expect(gradeRubric(shallower(), 'Two or more layers help.').feedback).toEqual(count.feedback);
    // Said plainly, "more layers" is the opposite: a contradiction.
    expect(gradeRubric(shallower(), 'More layers help.').feedback[1]).toBe(
      'Not credited: "more layers help" contradicts: fewer layers.',
    );
  });

  test('a negation belongs to the longest phrase it governs: "not sensitive to small shifts" is invariance', () => {
    // "small shifts" is a phrase of the concept and sits inside the opposite "sensitive to small
    // shifts"; the "not" denies the opposite, so the answer says pooling is shift invariant.
    const shifts = () =>
      pooling({
        required: 1,
        concepts: [
          concept('shift', 'shift invariance', ['invarian\\w*', 'small shifts?'], {
            opposites: ['sensitive to small shifts?'],
          }),
        ],
      });
    expect(gradeRubric(shifts(), 'Pooling is not sensitive to small shifts.').covered).toEqual(['shift']);
  });

  test('a plain negation reaches a phrase cut off at "using"; "instead of" does not reach past "or"', () => {
    const memory = () =>
      pooling({
        required: 2,
        concepts: [
          concept('precision', '16-bit floats', ['16 bit floats?'], { opposites: ['32 bit floats?'] }),
          concept('distribute', 'split the network', ['distribut\\w*']),
        ],
      });
    // "Never train the model using 32-bit floats": the "never" covers "using 32-bit floats", so the
    // opposite is denied, which says to use the smaller floats.
    expect(gradeRubric(memory(), 'Never train the model using 32 bit floats.').covered).toEqual([
      'precision',
    ]);
    // "16-bit instead of 32-bit or distribute the CNN": two remedies; "instead of" takes away the
    // 32-bit floats only, not the distribution after "or".
    expect(
      gradeRubric(memory(), 'Use 16 bit floats instead of 32 bit floats or distribute the CNN.').covered,
    ).toEqual(['precision', 'distribute']);
  });
});

describe('a contrast turns a comparative of either direction round (judgeConcept)', () => {
  test('a concept that asks for more: "a conv layer has lower speed" is pooling having more', () => {
    // Contrast rule: the concepts speak of pooling (the first subject); said of the conv layer, the
    // comparative turns round. "lower speed" for the conv layer is more speed for pooling, and
    // "higher speed" for it is less for pooling: a contradiction.
    const speed = () =>
      pooling({
        id: 'rules-contrast-more',
        required: 1,
        subjects: {
          rule: 'contrast',
          list: [
            { id: 'pooling', patterns: ['pooling(?: layers?)?'] },
            { id: 'conv', patterns: ['conv(?:olutional)? layers?'] },
          ],
        },
        concepts: [concept('speed', 'more speed', ['speed'], { direction: 'more' })],
      });
    expect(gradeRubric(speed(), 'A conv layer has lower speed.').covered).toEqual(['speed']);
    expect(gradeRubric(speed(), 'A conv layer has higher speed.').feedback[1]).toBe(
      'Not credited: "a conv layer has higher speed" contradicts: more speed.',
    );
    expect(gradeRubric(speed(), 'Pooling has higher speed.').covered).toEqual(['speed']);
  });
});

describe('an opposite inside a longer phrase of the concept (judgeConcept, within)', () => {
  test('at the start of the phrase: "one GPU for each half" is the split, not "one GPU"', () => {
    // The concept's phrase "one gpu for each half" begins with its opposite "one gpu"; the answer
    // says to split the network, one GPU per half. Said alone, "use one GPU" contradicts it.
    const halves = () =>
      pooling({
        required: 1,
        concepts: [
          concept('split', 'split the layers', ['one gpu for each half'], { opposites: ['one gpu'] }),
        ],
      });
    expect(gradeRubric(halves(), 'Use one GPU for each half.').covered).toEqual(['split']);
    expect(gradeRubric(halves(), 'Use one GPU.').feedback[1]).toBe(
      'Not credited: "use one gpu" contradicts: split the layers.',
    );
  });
});

describe('survivors of the 2026-12-06 15:04 run, one case each', () => {
  const memory = () =>
    pooling({
      required: 2,
      concepts: [
        concept('precision', '16-bit floats', ['16 bit floats?'], { opposites: ['32 bit floats?'] }),
        concept('distribute', 'split the network', ['distribut\\w*']),
      ],
    });
  const contrast = () =>
    pooling({
      id: 'rules-contrast',
      subjects: {
        rule: 'contrast',
        list: [
          { id: 'pooling', patterns: ['pooling(?: layers?)?'] },
          { id: 'conv', patterns: ['conv(?:olutional)? layers?'] },
        ],
      },
      concepts: [
        concept('params', 'fewer parameters', ['parameters?'], { direction: 'less' }),
        concept('fixed', 'nothing to learn', ['nothing to learn', 'fixed operation'], {
          opposites: ['learns? (?:its )?kernels'],
        }),
      ],
    });
  const shallower = () =>
    pooling({
      required: 1,
      concepts: [concept('shallow', 'fewer layers', ['fewer layers'], { opposites: ['more layers'] })],
    });

  test('comparatives: only in the clause, measured from the phrase, the nearest of either direction', () => {
    // "adds depth" is a second clause (after "and"): it says nothing of the parameters.
    expect(gradeRubric(pooling(), 'Pooling keeps few parameters and adds depth.').covered).toEqual([
      'params',
    ]);
    // "increase" straight after "parameters" (no word between) governs it: more parameters.
    expect(gradeRubric(pooling(), 'With pooling the parameters increase.').feedback[1]).toBe(
      'Not credited: "with pooling the parameters increase" contradicts: fewer parameters.',
    );
    // "more" stands right before "parameters"; "fewer" (two words away) is said of the layers.
    expect(gradeRubric(pooling(), 'Fewer layers mean more parameters.').feedback[1]).toBe(
      'Not credited: "fewer layers mean more parameters" contradicts: fewer parameters.',
    );
  });

  test('a negation reaches only a clause cut off at "or"/"with"…, after a plain negation in the clause before', () => {
    // "and gives invariance" is a claim of its own: the "not" of "does not need weights" stays there.
    expect(gradeRubric(pooling(), 'Pooling does not need weights and gives invariance.').covered).toEqual([
      'shift',
    ]);
    // The "not" of another sentence does not make "instead of" a plain negation.
    expect(
      gradeRubric(
        memory(),
        'Use 16 bit floats instead of 32 bit floats or distribute the CNN. Do not use dropout.',
      ).covered,
    ).toEqual(['precision', 'distribute']);
  });

  test('a shared predicate: its own negation, not one of another sentence, after no other verb', () => {
    // Both sentences deny: invariance and speed are not needed (the second sentence is about dropout).
    const two = gradeRubric(
      pooling(),
      'Invariance and faster training are not needed. Dropout is not needed.',
    );
    expect(two.covered).toEqual([]);
    expect(two.feedback[1]).toContain('"invariance" denies: shift invariance.');
    // "are what makes dropout not needed": the negation is said of dropout, after "makes".
    expect(
      gradeRubric(pooling(), 'Invariance and faster training are what makes dropout not needed.').covered,
    ).toEqual(['shift', 'speed']);
  });

  test('a "without" adjunct is read in its own clause, wherever the answer goes on', () => {
    // As in rubric-rules, with the loss said after the adjunct: both points, 2 of 2.
    expect(
      gradeRubric(
        resolution(),
        'Dilated convolutions enlarge the receptive field without reducing the resolution. The network loses resolution.',
      ).covered,
    ).toEqual(['lost', 'dilated']);
  });

  test("a concept's claims carry no direction of their own: sharing more weights is sharing weights", () => {
    const share = () =>
      pooling({
        required: 1,
        concepts: [
          concept('share', 'shared weights', ['zzqq'], {
            claims: ['share weight'],
            counterclaims: ['learn kernel'],
          }),
        ],
      });
    expect(gradeRubric(share(), 'Pooling layers share more weights.').covered).toEqual(['share']);
  });

  test('a phrase inside a longer phrase of the concept is judged with it: "without losing accuracy"', () => {
    // "accuracy" alone sits after "without"; the whole phrase says accuracy is kept.
    const accuracy = () =>
      pooling({
        required: 1,
        concepts: [concept('keep', 'keeps accuracy', ['without losing accuracy', 'accuracy'])],
      });
    expect(gradeRubric(accuracy(), 'Pooling works without losing accuracy.').covered).toEqual(['keep']);
  });

  test('denials and weak denials, as quoted back', () => {
    // An opposite denied of a dense net says nothing of pooling: the invariance said before stands.
    expect(
      gradeRubric(pooling(), 'Pooling gives invariance. A dense net is not sensitive to shifts.').covered,
    ).toEqual(['shift']);
    // Affirmed, then denied with its direction: the answer holds both, no credit.
    expect(
      gradeRubric(pooling(), 'Pooling has fewer parameters. Pooling does not have fewer parameters.').covered,
    ).toEqual([]);
    // A weak denial is still quoted as what the answer denies.
    expect(gradeRubric(pooling(), 'Pooling does not need parameters.').feedback[1]).toBe(
      'Not credited: "pooling does not need parameters" denies: fewer parameters.',
    );
    expect(gradeRubric(pooling(), 'A dense layer has no invariance.').feedback[1]).toBe(
      'Not credited: "a dense layer has no invariance" denies: shift invariance.',
    );
    // Contrast: "a conv layer is a fixed operation" is said of the other subject (weak): quoted,
    // and no denial of pooling's own "fixed operation".
    expect(gradeRubric(contrast(), 'A conv layer is a fixed operation.').feedback[1]).toBe(
      'Not credited: "a conv layer is a fixed operation" denies: nothing to learn.',
    );
    expect(
      gradeRubric(contrast(), 'Pooling is a fixed operation. A conv layer is a fixed operation.').covered,
    ).toEqual(['fixed']);
  });

  test('counts before an opposite: "12 or more" is a count, "one or two more" is more', () => {
    expect(gradeRubric(shallower(), 'It has 12 or more layers.').feedback).toEqual([
      'None of the expected points was recognised.',
      'Missing (1 for full credit): fewer layers.',
    ]);
    expect(gradeRubric(shallower(), 'Use one or two more layers.').feedback[1]).toBe(
      'Not credited: "use one or two more layers" contradicts: fewer layers.',
    );
  });

  test('what the learner moves away from is read just before the opposite, not anywhere in the answer', () => {
    // "than convolution" is in the first sentence; "use 32 bit floats" is said plainly.
    const gpus = () =>
      pooling({
        required: 1,
        concepts: [
          concept('precision', '16-bit floats', ['16 bit floats?'], { opposites: ['32 bit floats?'] }),
        ],
      });
    expect(gradeRubric(gpus(), 'Pooling is faster than convolution. Use 32 bit floats.').feedback[1]).toBe(
      'Not credited: "use 32 bit floats" contradicts: 16-bit floats.',
    );
  });

  test('an opposite is set aside for another network only under the owns rule, for a concept of a group', () => {
    // No subjects: a concept's group is only a scoring group. "sensitive to shifts" contradicts.
    const grouped = () =>
      pooling({
        perGroup: 1,
        concepts: [
          concept('shift', 'shift invariance', ['invarian\\w*'], {
            opposites: ['sensitive to shifts?'],
            group: 'a',
          }),
          concept('speed', 'faster training', ['faster'], { group: 'b' }),
        ],
      });
    expect(gradeRubric(grouped(), 'Pooling is sensitive to shifts.').feedback[1]).toBe(
      'Not credited: "pooling is sensitive to shifts" contradicts: shift invariance.',
    );
    // Owns, a concept of no network: "ResNet overfits" contradicts dropout whoever says it.
    const nets = () =>
      pooling({
        id: 'rules-networks',
        perGroup: 1,
        subjects: {
          rule: 'owns',
          list: [
            { id: 'resnet', patterns: ['resnet'] },
            { id: 'alexnet', patterns: ['alexnet'] },
          ],
        },
        concepts: [
          concept('skip', 'skip connections', ['skip connections?'], { group: 'resnet' }),
          concept('dropout', 'dropout', ['dropout'], { opposites: ['overfits'] }),
        ],
      });
    expect(gradeRubric(nets(), 'ResNet overfits.').feedback[1]).toBe(
      'Not credited: "resnet overfits" contradicts: dropout.',
    );
  });

  test('a story whose nouns are mostly of the field is on topic', () => {
    // Of the field: layers, parameters, weights, kernels, filters (5); others: bread, cakes, pies,
    // cookies (4): "my" tells a story, but most of its nouns are about the question.
    expect(
      gradeRubric(
        pooling(),
        'My pooling layers have fewer parameters, fewer weights, small kernels and filters, unlike bread, cakes, pies or cookies.',
      ).covered,
    ).toEqual(['params']);
  });
});
