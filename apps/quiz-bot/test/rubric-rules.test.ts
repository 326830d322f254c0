import { describe, expect, test } from 'vitest';
import { POINTS } from '../src/grading/claims/points';
import { gradeRubric, normaliseText } from '../src/grading/rubric';
import type { RubricPart } from '../src/questions/schemas';
import { concept, rubricParts } from './rubric-parts';

/*
 * The rules of rubric.ts (gradeRubric) on parts written for this file, not the question bank's: the
 * bank's concept data (patterns, paraphrases, synonym lists) is tuned as the grader improves, the
 * rules below are not. Each part's id is one no table of claims/ knows ("rules-…"), so its concepts
 * are read from their own patterns alone and each concept is its own point; the one test of the
 * points table builds its part from the table itself. A fresh part object per test: rubric.ts
 * compiles a part once per object, so a test that reuses one would not run the compiler.
 * Every expectation is the reading a teacher gives the sentence, worked out in the comment beside it.
 */

/** Pooling's three advantages: fewer parameters (a direction), shift invariance (with its opposite), speed. */
const { pooling, networks, resolution } = rubricParts('rules');

// Question 4's rule: the concepts speak of the first subject (pooling); said of the second (a conv
// layer), a comparative turns round (`contrast`).
const contrast = (): RubricPart =>
  pooling({
    id: 'rules-contrast',
    required: 2,
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

describe('the text a rubric reads (normaliseText)', () => {
  test('lower case, punctuation to single spaces, a space at each end; "/" kept', () => {
    expect(normaliseText('Max-Pooling,  2x2 / stride 2!')).toBe(' max pooling 2x2 / stride 2 ');
    expect(normaliseText('a/b')).toBe(' a/b ');
    expect(normaliseText('\tTabs\tand\nlines ')).toBe(' tabs and lines ');
  });

  test('outside ASCII: accents dropped, "×" read as "x", then lower case', () => {
    expect(normaliseText('Café: 3×3 kernels')).toBe(' cafe 3x3 kernels ');
    expect(normaliseText('ÉCOLE')).toBe(' ecole ');
    expect(normaliseText('naïve ×')).toBe(' naive x ');
  });
});

describe('credit arithmetic', () => {
  test('the share of `required` concepts said, at most 1; full credit needs no "Missing" line', () => {
    // One of two required: 1/2.
    const one = gradeRubric(pooling(), 'Pooling has fewer parameters.');
    expect(one.score).toBe(0.5);
    expect(one.correct).toBe(false);
    expect(one.covered).toEqual(['params']);
    expect(one.missed).toEqual(['shift', 'speed']);
    expect(one.feedback).toEqual([
      'You covered: fewer parameters.',
      'Missing (2 for full credit): shift invariance; faster training.',
    ]);
    // Three said of two required: min(1, 3/2) = 1.
    const all = gradeRubric(pooling(), 'Pooling has fewer parameters, gives invariance and trains faster.');
    expect(all.score).toBe(1);
    expect(all.correct).toBe(true);
    expect(all.covered).toEqual(['params', 'shift', 'speed']);
    expect(all.missed).toEqual([]);
    expect(all.feedback).toEqual(['You covered: fewer parameters; shift invariance; faster training.']);
  });

  test('scores are rounded to three decimals: 1/3 → 0.333, 2/3 → 0.667', () => {
    expect(gradeRubric(pooling({ required: 3 }), 'Pooling has fewer parameters.').score).toBe(0.333);
    const two = gradeRubric(pooling({ required: 3 }), 'Pooling has fewer parameters and trains faster.');
    expect(two.score).toBe(0.667);
    expect(two.feedback.at(-1)).toBe('Missing (3 for full credit): shift invariance.');
  });

  test('grouped parts: the mean over groups of min(1, said in the group / perGroup)', () => {
    // Groups a (params, shift) and b (speed), one concept each for full credit. Both of group a
    // said: min(1, 2/1) = 1 for a, 0 for b, mean (1 + 0) / 2 = 0.5 (not 2/2 = 1).
    const grouped = () =>
      pooling({
        perGroup: 1,
        concepts: [
          concept('params', 'fewer parameters', ['parameters?'], { direction: 'less', group: 'a' }),
          concept('shift', 'shift invariance', ['invarian\\w*'], { group: 'a' }),
          concept('speed', 'faster training', ['faster'], { group: 'b' }),
        ],
      });
    const a = gradeRubric(grouped(), 'Pooling has fewer parameters and gives invariance.');
    expect(a.score).toBe(0.5);
    expect(a.feedback.at(-1)).toBe('Missing (1 per network for full credit): faster training.');
    expect(gradeRubric(grouped(), 'Pooling trains faster.').score).toBe(0.5);
    expect(gradeRubric(grouped(), 'Pooling has fewer parameters and trains faster.').score).toBe(1);
    // A concept with no group is a group of its own (""): groups a and "" here, (0 + 1) / 2.
    const ungrouped = pooling({
      perGroup: 1,
      concepts: [
        concept('params', 'fewer parameters', ['parameters?'], { direction: 'less', group: 'a' }),
        concept('speed', 'faster training', ['faster']),
      ],
    });
    expect(gradeRubric(ungrouped, 'Pooling trains faster.').score).toBe(0.5);
  });

  test("a part's points table counts two concepts of one point once (claims/points.ts, keyed by part id)", () => {
    // Built from the table itself: the first part whose table has a point of two concepts or more,
    // with one concept per point of its table, each recognised by a word of its own.
    const [partId, table] = Object.entries(POINTS).find(([, t]) => t.points.some((p) => p.length >= 2))!;
    const shared = table.points.find((p) => p.length >= 2)!;
    const other = table.points.find((p) => p !== shared)!;
    const [first, second] = shared;
    const concepts = [first!, second!, other[0]!].map((id, i) => concept(id, `point ${id}`, [`zqword${i}`]));
    const part = () => pooling({ id: partId, required: 2, concepts });
    // Two concepts of one point: 1 point of 2 required.
    expect(gradeRubric(part(), 'It uses zqword0 and zqword1.').score).toBe(0.5);
    // Two points: full credit.
    expect(gradeRubric(part(), 'It uses zqword0 and zqword2.').score).toBe(1);
    // The same concepts under an id no table knows: each its own point, 2 of 2.
    expect(gradeRubric({ ...part(), id: 'rules-no-table' }, 'It uses zqword0 and zqword1.').score).toBe(1);
  });
});

describe('what is not credited: denials, turned directions, opposites', () => {
  test('a negation before the phrase denies it, and the clause is quoted back', () => {
    const grade = gradeRubric(pooling(), 'Pooling does not have fewer parameters.');
    expect(grade.covered).toEqual([]);
    expect(grade.feedback).toEqual([
      'None of the expected points was recognised.',
      'Not credited: "pooling does not have fewer parameters" denies: fewer parameters.',
      'Missing (2 for full credit): fewer parameters; shift invariance; faster training.',
    ]);
  });

  test('a negation after the phrase denies it ("… is not needed")', () => {
    const grade = gradeRubric(pooling(), 'Shift invariance is not needed here.');
    expect(grade.covered).toEqual([]);
    expect(grade.feedback[1]).toBe(
      'Not credited: "shift invariance is not needed here" denies: shift invariance.',
    );
  });

  test('two negations cancel ("never without"); a verb of losing after "not" turns it back', () => {
    expect(gradeRubric(pooling(), 'Pooling is never without invariance.').covered).toEqual(['shift']);
    // "does not lose the invariance": it keeps it.
    expect(gradeRubric(pooling(), 'Pooling does not lose the invariance.').covered).toEqual(['shift']);
  });

  test('"almost no" is little, not none: "almost no parameters" is fewer parameters', () => {
    expect(gradeRubric(pooling(), 'Pooling needs almost no parameters.').covered).toEqual(['params']);
  });

  test('a plain "not" reaches through an "or" into the next clause ("did not give X or Y")', () => {
    const grade = gradeRubric(pooling(), 'Pooling did not give invariance or faster training.');
    expect(grade.covered).toEqual([]);
    expect(grade.feedback[1]).toContain('denies: faster training.');
  });

  test('a comparative of the other direction contradicts a directed concept; one of its own direction affirms it', () => {
    const grade = gradeRubric(pooling(), 'Pooling increases the parameters.');
    expect(grade.covered).toEqual([]);
    expect(grade.feedback[1]).toBe(
      'Not credited: "pooling increases the parameters" contradicts: fewer parameters.',
    );
    // "reduces the number of parameters": "the number of" are filler words, "reduces" governs.
    expect(gradeRubric(pooling(), 'Pooling reduces the number of parameters.').covered).toEqual(['params']);
  });

  test('"one or more": a count, not "more"', () => {
    const depth = () =>
      pooling({ required: 1, concepts: [concept('deeper', 'more layers', ['more layers'])] });
    expect(gradeRubric(depth(), 'It has more layers.').covered).toEqual(['deeper']);
    expect(gradeRubric(depth(), 'It has one or more layers.').covered).toEqual([]);
    expect(gradeRubric(depth(), 'It has 2 or more layers.').covered).toEqual([]);
  });

  test('an opposite said plainly contradicts; denied, it affirms', () => {
    const said = gradeRubric(pooling(), 'It is sensitive to shifts.');
    expect(said.covered).toEqual([]);
    expect(said.feedback[1]).toBe('Not credited: "it is sensitive to shifts" contradicts: shift invariance.');
    expect(gradeRubric(pooling(), 'It is not sensitive to shifts.').covered).toEqual(['shift']);
  });

  test('the concept and its opposite both said: credited with neither', () => {
    const grade = gradeRubric(pooling(), 'Pooling gives invariance. Pooling is sensitive to shifts.');
    expect(grade.covered).toEqual([]);
    expect(grade.feedback[1]).toBe(
      'Not credited: "pooling is sensitive to shifts" contradicts: shift invariance.',
    );
    // Affirmed in one sentence, denied in another: the denial is the contradiction quoted.
    const denied = gradeRubric(
      pooling(),
      'Pooling gives invariance. Actually pooling does not give invariance.',
    );
    expect(denied.covered).toEqual([]);
    expect(denied.feedback[1]).toBe(
      'Not credited: "actually pooling does not give invariance" contradicts: shift invariance.',
    );
  });

  test('the opposite said of the network the question contrasts with ("a dense net …") is no contradiction', () => {
    expect(
      gradeRubric(pooling(), 'Pooling gives invariance. A dense net is sensitive to shifts.').covered,
    ).toEqual(['shift']);
    // Denying the concept of a dense layer is no denial of ours either.
    expect(
      gradeRubric(pooling(), 'Pooling gives invariance. A dense layer has no invariance.').covered,
    ).toEqual(['shift']);
  });

  test("the opposite given as the purpose of another point said in its clause is that point's effect", () => {
    const resolution = () =>
      pooling({
        required: 2,
        concepts: [
          concept('lost', 'resolution is lost', ['loses? (?:the )?resolution'], {
            opposites: ['keeps? the resolution'],
          }),
          concept('dilated', 'dilated convolutions', ['dilated convolutions?']),
        ],
      });
    // "uses dilated convolutions to keep the resolution": a remedy and what it is for.
    const remedy = gradeRubric(
      resolution(),
      'The network loses resolution. It uses dilated convolutions to keep the resolution.',
    );
    expect(remedy.covered).toEqual(['lost', 'dilated']);
    // Said as a plain claim, it contradicts.
    const plain = gradeRubric(resolution(), 'The network loses resolution. It keeps the resolution.');
    expect(plain.covered).toEqual([]);
    // As an aim, with no other point in its clause, it still contradicts.
    const aim = gradeRubric(
      resolution(),
      'The network loses resolution. It is built to keep the resolution.',
    );
    expect(aim.covered).toEqual([]);
  });

  test('a conclusion drawn from a contradicted claim is not credited, unless said on its own elsewhere', () => {
    const drawn = gradeRubric(pooling(), 'Pooling increases the parameters, which is why it trains faster.');
    expect(drawn.covered).toEqual([]);
    expect(drawn.feedback[1]).toBe(
      'Not credited: "pooling increases the parameters" contradicts: fewer parameters. a conclusion drawn from a contradicted claim is not credited: faster training.',
    );
    const also = gradeRubric(
      pooling(),
      'Pooling increases the parameters, which is why it trains faster. Pooling also trains faster.',
    );
    expect(also.covered).toEqual(['speed']);
  });

  test('a directed concept named as a bare term of a list, with no direction, is not asserted', () => {
    // "parameters, shift invariance, faster": the list says parameters matter, not that there are
    // fewer; invariance and speed need no direction.
    const list = gradeRubric(pooling(), 'Parameters, shift invariance, faster.');
    expect(list.covered).toEqual(['shift', 'speed']);
    // With two lone topic nouns of three ("Parameters", "invariance"; the first capitalised, which
    // the tagger reads as a name) the list only names topics, as in lower case: nothing.
    expect(gradeRubric(pooling(), 'Parameters, invariance, faster.').covered).toEqual([]);
    expect(gradeRubric(pooling(), 'parameters, invariance, faster.').covered).toEqual([]);
    expect(gradeRubric(pooling(), 'Fewer parameters, invariance, faster.').covered).toEqual([
      'params',
      'shift',
      'speed',
    ]);
  });

  test('an answer mostly about something else is credited nothing', () => {
    // One sentence of four about pooling: fewer than half are related.
    const drift = gradeRubric(
      pooling(),
      'Pooling has fewer parameters. The weather was nice. The sea was blue. The sun shone.',
    );
    expect(drift.covered).toEqual([]);
    expect(drift.score).toBe(0);
    expect(drift.feedback[1]).toBe(
      'Not credited: Most of the answer is about something else, so nothing in it is credited.',
    );
    // Two of four is half: on topic.
    expect(
      gradeRubric(
        pooling(),
        'Pooling has fewer parameters. It trains faster. The sea was blue. The sun shone.',
      ).covered,
    ).toEqual(['params', 'speed']);
    // A story (my, she) whose nouns are mostly not of the field (grandmother, bread, cakes, pies,
    // cookies, kitchen against pooling, parameters).
    const story = gradeRubric(
      pooling(),
      'My grandmother said pooling has fewer parameters. She bakes bread, cakes, pies and cookies in her kitchen.',
    );
    expect(story.covered).toEqual([]);
  });
});

describe('which subject a concept is said of', () => {
  test('owns: credited for the network it is said of; said of another, it is misattributed', () => {
    const both = gradeRubric(networks(), 'ResNet uses skip connections. AlexNet uses ReLU.');
    expect(both.covered).toEqual(['skip', 'relu']);
    expect(both.score).toBe(1);
    const wrong = gradeRubric(networks(), 'AlexNet uses skip connections.');
    expect(wrong.covered).toEqual([]);
    expect(wrong.feedback[1]).toBe(
      'Not credited: "alexnet uses skip connections" is said of alexnet, but it belongs to resnet: skip connections.',
    );
    const none = gradeRubric(networks(), 'It uses skip connections.');
    expect(none.feedback[1]).toBe(
      'Not credited: "it uses skip connections": say which network this is (skip connections).',
    );
  });

  test('the subject is the one named in the clause (before, else after), else the last one named', () => {
    expect(gradeRubric(networks(), 'Skip connections are what ResNet added.').covered).toEqual(['skip']);
    expect(gradeRubric(networks(), 'ResNet is very deep. It uses skip connections.').covered).toEqual([
      'skip',
    ]);
    // In its own clause the later network is the subject, not the one named in the sentence before.
    expect(gradeRubric(networks(), 'AlexNet is old. Skip connections made ResNet famous.').covered).toEqual([
      'skip',
    ]);
  });

  test('a network named as a comparison or as the object of a verb is not what the claim is about', () => {
    // "Compared to AlexNet, it …": AlexNet is the comparison, "it" names no network.
    const compared = gradeRubric(networks(), 'Compared to AlexNet, it uses skip connections.');
    expect(compared.covered).toEqual([]);
    expect(compared.feedback[1]).toContain('say which network this is');
    // "ResNet outperformed AlexNet with skip connections": AlexNet is the object of the verb.
    expect(gradeRubric(networks(), 'ResNet outperformed AlexNet with skip connections.').covered).toEqual([
      'skip',
    ]);
  });

  test('a network named right after another describes it ("AlexNet = LeNet but huge")', () => {
    expect(gradeRubric(networks(), 'AlexNet = LeNet but huge.').covered).toEqual(['huge']);
  });

  test('contrast: "a conv layer has more parameters" is pooling having fewer', () => {
    expect(gradeRubric(contrast(), 'A conv layer has more parameters.').covered).toEqual(['params']);
    const turned = gradeRubric(contrast(), 'A conv layer has fewer parameters.');
    expect(turned.covered).toEqual([]);
    expect(turned.feedback[1]).toBe(
      'Not credited: "a conv layer has fewer parameters" contradicts: fewer parameters.',
    );
    expect(gradeRubric(contrast(), 'Pooling has fewer parameters.').covered).toEqual(['params']);
  });

  test("contrast: a sentence that names neither speaks of the question's own subject", () => {
    // "So fewer parameters overall" follows a sentence about the conv layer, but names neither.
    expect(
      gradeRubric(
        contrast(),
        'A conv layer has many weights. So pooling is lighter: fewer parameters overall.',
      ).covered,
    ).toEqual(['params']);
    expect(
      gradeRubric(contrast(), 'A conv layer has many weights. So fewer parameters overall.').covered,
    ).toEqual(['params']);
  });

  test('contrast: an undirected concept denied of the other subject affirms ours; said of it, it is not ours', () => {
    expect(gradeRubric(contrast(), 'A conv layer is not a fixed operation.').covered).toEqual(['fixed']);
    expect(gradeRubric(contrast(), 'A conv layer is a fixed operation.').covered).toEqual([]);
    // The opposite said of the other subject: "a conv layer learns its kernels", so pooling does not.
    expect(gradeRubric(contrast(), 'A conv layer learns its kernels.').covered).toEqual(['fixed']);
    expect(gradeRubric(contrast(), 'Pooling learns its kernels.').covered).toEqual([]);
  });
});

describe('more of the rules, one case each', () => {
  test('a weak denial (no direction word) beside the affirmed concept is no contradiction', () => {
    // "does not need parameters" names parameters with no "fewer"/"more": it denies nothing
    // "fewer parameters" could be held to, so the first sentence stands.
    expect(
      gradeRubric(pooling(), 'Pooling has fewer parameters. Pooling does not need parameters.').covered,
    ).toEqual(['params']);
  });

  test('a sentence the learner takes back is denied ("No, that is wrong.")', () => {
    const grade = gradeRubric(pooling(), 'Pooling has fewer parameters. No, that is wrong.');
    expect(grade.covered).toEqual([]);
    expect(grade.feedback[1]).toBe('Not credited: "pooling has fewer parameters" denies: fewer parameters.');
  });

  test('the opposite denied of the network the question contrasts with is not ours; asked, it is not said', () => {
    // "A dense net is not sensitive to shifts" is about dense nets.
    expect(gradeRubric(pooling(), 'A dense net is not sensitive to shifts.').covered).toEqual([]);
    // A question asserts nothing.
    expect(gradeRubric(pooling(), 'Pooling gives invariance. Is it sensitive to shifts?').covered).toEqual([
      'shift',
    ]);
  });

  test('an opposite inside a longer phrase of the concept is part of it; "from" an opposite is moving away', () => {
    const gpus = () =>
      pooling({
        required: 1,
        concepts: [
          concept('split', 'split the layers', ['half the layers on one gpu'], { opposites: ['one gpu'] }),
          concept('precision', '16-bit floats', ['16 bit floats?'], { opposites: ['32 bit floats?'] }),
        ],
      });
    // "half the layers on one GPU" holds "one GPU": the concept, not its opposite.
    expect(gradeRubric(gpus(), 'Put half the layers on one GPU and the rest on another.').covered).toEqual([
      'split',
    ]);
    expect(gradeRubric(gpus(), 'Use one GPU.').feedback[1]).toBe(
      'Not credited: "use one gpu" contradicts: split the layers.',
    );
    // "switch from 32-bit floats": what the learner moves away from.
    expect(gradeRubric(gpus(), 'Switch from 32 bit floats to 16 bit floats.').covered).toEqual(['precision']);
    expect(gradeRubric(gpus(), 'Use 32 bit floats.').covered).toEqual([]);
  });

  test('owns: a denial said of another network is no misattribution; an opposite said of another network is no contradiction', () => {
    const nets = () => ({
      ...networks(),
      concepts: [
        concept('skip', 'skip connections', ['skip connections?'], { group: 'resnet' }),
        concept('huge', 'much larger', ['huge'], { group: 'alexnet', opposites: ['tiny'] }),
      ],
    });
    // "AlexNet does not use skip connections": true, and no claim that it does.
    expect(gradeRubric(nets(), 'AlexNet does not use skip connections.').feedback).toEqual([
      'None of the expected points was recognised.',
      'Missing (1 per network for full credit): skip connections; much larger.',
    ]);
    // "ResNet is tiny" says nothing of AlexNet's size.
    expect(gradeRubric(nets(), 'ResNet is tiny. AlexNet is huge.').covered).toEqual(['huge']);
    expect(gradeRubric(nets(), 'AlexNet is tiny.').feedback[1]).toBe(
      'Not credited: "alexnet is tiny" contradicts: much larger.',
    );
  });

  test('an answer that credits nothing is not called off-topic; off-topic comes first in what is not credited', () => {
    expect(gradeRubric(pooling(), 'The weather was nice. The sea was blue.').feedback).toEqual([
      'None of the expected points was recognised.',
      'Missing (2 for full credit): fewer parameters; shift invariance; faster training.',
    ]);
    // Two sentences of five about pooling: off-topic, and the contradiction is still named after it.
    const drift = gradeRubric(
      pooling(),
      'Pooling increases the parameters. Pooling trains faster. The sea was blue. The sun shone. The sky was grey.',
    );
    expect(drift.covered).toEqual([]);
    expect(drift.feedback[1]).toBe(
      'Not credited: Most of the answer is about something else, so nothing in it is credited. "pooling increases the parameters" contradicts: fewer parameters.',
    );
  });

  test('a word of the field counts in its plural; neutral nouns count for nothing', () => {
    // "Dropouts" is "dropout" (a word of the field) in the plural: two sentences of four are related.
    expect(
      gradeRubric(
        pooling(),
        'Pooling has fewer parameters. Dropouts matter. The sea was blue. The sun shone.',
      ).covered,
    ).toEqual(['params']);
    // "Stuff" is of no field: one sentence of four.
    expect(
      gradeRubric(pooling(), 'Pooling has fewer parameters. Stuff matters. The sea was blue. The sun shone.')
        .covered,
    ).toEqual([]);
    // A story needs nouns from outside the field: point, reason, advantage, benefit are neutral.
    expect(
      gradeRubric(
        pooling(),
        'My idea: pooling has fewer parameters, and that is the point, the reason, the advantage and the benefit.',
      ).covered,
    ).toEqual(['params']);
    expect(
      gradeRubric(
        pooling(),
        'My idea: pooling has fewer parameters, and that is the cat, the dog, the horse and the cow.',
      ).covered,
    ).toEqual([]);
  });
});

describe('directions, questions, counts, claims', () => {
  test('an undirected phrase of a directed concept takes no direction; an undirected concept none either', () => {
    const sharing = () =>
      pooling({
        required: 1,
        concepts: [
          concept('params', 'fewer parameters', ['parameters?'], {
            direction: 'less',
            undirected: ['weight sharing'],
          }),
        ],
      });
    // "more weight sharing" is still weight sharing (fewer parameters); "more parameters" is not.
    expect(gradeRubric(sharing(), 'It uses more weight sharing.').covered).toEqual(['params']);
    expect(gradeRubric(sharing(), 'It has more parameters.').covered).toEqual([]);
    // Invariance has no direction: "more invariance" is invariance.
    expect(gradeRubric(pooling(), 'Pooling gives more invariance.').covered).toEqual(['shift']);
  });

  test('a question asserts nothing and denies nothing', () => {
    expect(gradeRubric(pooling(), 'Does pooling train faster?').feedback).toEqual([
      'None of the expected points was recognised.',
      'Missing (2 for full credit): fewer parameters; shift invariance; faster training.',
    ]);
  });

  test('a sentence that names a concept is about the question even with no word of the field', () => {
    // "It is faster." names faster training: two sentences of four are related, so the answer is on topic.
    expect(
      gradeRubric(pooling(), 'Pooling has fewer parameters. It is faster. The sea was blue. The sun shone.')
        .covered,
    ).toEqual(['params', 'speed']);
  });

  test('"12 or more" is a count; "one or so more" is not "one or more"', () => {
    const deep = () =>
      pooling({ required: 1, concepts: [concept('deeper', 'more layers', ['more layers'])] });
    expect(gradeRubric(deep(), 'It has 12 or more layers.').covered).toEqual([]);
    expect(gradeRubric(deep(), 'It has one or so more layers.').covered).toEqual(['deeper']);
  });

  test('owns: a concept with no group counts whatever network it is said of', () => {
    const nets = () => ({
      ...networks(),
      concepts: [
        concept('skip', 'skip connections', ['skip connections?'], { group: 'resnet' }),
        concept('dropout', 'dropout', ['dropout']),
      ],
    });
    expect(gradeRubric(nets(), 'ResNet uses dropout.').covered).toEqual(['dropout']);
    expect(gradeRubric(nets(), 'It uses dropout.').covered).toEqual(['dropout']);
  });

  test("contrast: the opposite said of no subject speaks of the question's own", () => {
    // "It learns its kernels": "it" is pooling, which has nothing to learn: a contradiction.
    expect(gradeRubric(contrast(), 'It learns its kernels.').covered).toEqual([]);
  });

  test("a concept's claims and counterclaims (word slots on lemmas) are judged like its patterns", () => {
    const shared = () =>
      pooling({
        required: 1,
        concepts: [
          concept('share', 'shared weights', ['zzqq'], {
            claims: ['share weight'],
            counterclaims: ['learn kernel'],
          }),
        ],
      });
    expect(gradeRubric(shared(), 'Pooling layers share their weights.').covered).toEqual(['share']);
    expect(gradeRubric(shared(), 'Pooling does not share weights.').feedback[1]).toBe(
      'Not credited: "pooling does not share weights" denies: shared weights.',
    );
    expect(gradeRubric(shared(), 'Pooling learns a kernel.').feedback[1]).toBe(
      'Not credited: "pooling learns a kernel" contradicts: shared weights.',
    );
  });
});

describe('purposes and conclusions: only in their own clause and sentence (survivors of the gradeRubric run)', () => {
  const resolution = () =>
    pooling({
      concepts: [
        concept('lost', 'resolution is lost', ['loses? (?:the )?resolution'], {
          opposites: ['keeps? the resolution'],
        }),
        concept('dilated', 'dilated convolutions', ['dilated convolutions?']),
      ],
    });

  test('an aim is the effect of another point only when that point is affirmed in the same clause', () => {
    // Dilated convolutions said in the sentence before or after: "built to keep the resolution" is
    // then a plain aim of the network, which contradicts "loses resolution".
    for (const answer of [
      'The network loses resolution. It uses dilated convolutions. It is built to keep the resolution.',
      'The network loses resolution. It is built to keep the resolution. It uses dilated convolutions.',
    ]) {
      const grade = gradeRubric(resolution(), answer);
      expect(grade.covered).toEqual(['dilated']);
      expect(grade.feedback[1]).toBe(
        'Not credited: "it is built to keep the resolution" contradicts: resolution is lost.',
      );
    }
  });

  test('owns: a misattribution is named even after a denial of the same concept', () => {
    const grade = gradeRubric(
      networks(),
      'ResNet does not use skip connections. AlexNet uses skip connections.',
    );
    expect(grade.covered).toEqual([]);
    expect(grade.feedback[1]).toBe(
      'Not credited: "alexnet uses skip connections" is said of alexnet, but it belongs to resnet: skip connections.',
    );
  });

  test('a conclusion is a clause that draws one ("which is why", "so"), after the contradicted claim', () => {
    // "and it trains faster" is a second claim, not a conclusion: credited.
    expect(gradeRubric(pooling(), 'Pooling increases the parameters, and it trains faster.').covered).toEqual(
      ['speed'],
    );
    // "So it trains faster" before the contradicted claim draws nothing from it. (A concession
    // after it, "though …", is no reason given for it; a wrong reason, "since …", would take the
    // claim down with it: test/free-text-clause-reader-stop27.test.ts.)
    expect(
      gradeRubric(pooling(), 'So it trains faster, though pooling increases the parameters.').covered,
    ).toEqual(['speed']);
    // Two contradictions, one in another sentence: the conclusion after the one in its sentence falls.
    const two = gradeRubric(
      pooling(),
      'Pooling is sensitive to shifts. Pooling increases the parameters, which is why it trains faster.',
    );
    expect(two.covered).toEqual([]);
    expect(two.feedback[1]).toContain(
      'a conclusion drawn from a contradicted claim is not credited: faster training.',
    );
  });
});

describe("which verdicts an aim, a conclusion and another point's clause excuse (survivors of the 2026-12-06 gradeRubric run)", () => {
  test('only an aim is excused beside another point: an opposite said plainly in its clause still contradicts', () => {
    // "Faster pooling is sensitive to shifts" says of pooling, plainly, the opposite of shift
    // invariance; that "faster" (another point) stands in the same clause makes it no aim of that
    // point. With "Pooling gives invariance" before it, the answer holds both: no credit for shift
    // invariance, the clause quoted back; "faster" is credited (1 of 2 required: 0.5).
    const grade = gradeRubric(pooling(), 'Pooling gives invariance. Faster pooling is sensitive to shifts.');
    expect(grade.covered).toEqual(['speed']);
    expect(grade.score).toBe(0.5);
    expect(grade.feedback[1]).toBe(
      'Not credited: "faster pooling is sensitive to shifts" contradicts: shift invariance.',
    );
  });

  test('a denial in a "without" adjunct of another point is how that point works, not a denial of the concept', () => {
    // "Dilated convolutions enlarge the receptive field without reducing the resolution": the
    // "without" says how dilated convolutions help, not that the network keeps its resolution; with
    // "The network loses resolution" the answer says both points and contradicts neither: 2 of 2.
    const grade = gradeRubric(
      resolution(),
      'The network loses resolution. Dilated convolutions enlarge the receptive field without reducing the resolution.',
    );
    expect(grade.covered).toEqual(['lost', 'dilated']);
    expect(grade.score).toBe(1);
  });

  test('a conclusion is discounted when every clause that affirms it is shaky; a weak denial elsewhere does not hold it up', () => {
    // "…, which is why it trains faster" rests on the contradicted "pooling increases the
    // parameters". "A dense layer is not faster" denies speed of the other network only (a weak
    // denial): it says nothing for pooling, so "faster training" still stands on nothing.
    const grade = gradeRubric(
      pooling(),
      'Pooling increases the parameters, which is why it trains faster. A dense layer is not faster.',
    );
    expect(grade.covered).toEqual([]);
    expect(grade.feedback[1]).toBe(
      'Not credited: "pooling increases the parameters" contradicts: fewer parameters. a conclusion drawn from a contradicted claim is not credited: faster training.',
    );
    // Said plainly in a sentence of its own, the speed is credited (the affirmed clause is no conclusion).
    expect(
      gradeRubric(
        pooling(),
        'Pooling increases the parameters, which is why it trains faster. Pooling is faster.',
      ).covered,
    ).toEqual(['speed']);
  });

  test('an aim is excused beside another point only: beside a concept of its own point it still contradicts (points table)', () => {
    // Built from the table as above: two concepts of one point (the loss of resolution, and a label
    // for every pixel: one difficulty) and a concept of another point (dilated convolutions). "To
    // keep the resolution" beside dilated convolutions is the remedy's aim (both credited); beside
    // "every pixel", a part of the same difficulty, it is no remedy's aim: the answer says the
    // resolution is lost and kept, so the loss is not credited (the pixel concept is).
    const [partId, table] = Object.entries(POINTS).find(([, t]) => t.points.some((p) => p.length >= 2))!;
    const shared = table.points.find((p) => p.length >= 2)!;
    const other = table.points.find((p) => p !== shared)!;
    const part = () =>
      pooling({
        id: partId,
        // Its verbs carry its claims (claims/lexicon.ts): "labels every pixel" is said.
        modelAnswer: 'The network loses resolution, yet it must label every pixel.',
        required: 2,
        concepts: [
          concept(shared[0]!, 'resolution is lost', ['loses? (?:the )?resolution'], {
            opposites: ['keeps? the resolution'],
          }),
          concept(shared[1]!, 'a label for every pixel', ['every pixel']),
          concept(other[0]!, 'dilated convolutions', ['dilated convolutions?']),
        ],
      });
    expect(
      gradeRubric(
        part(),
        'The network loses resolution. It uses dilated convolutions to keep the resolution.',
      ).covered,
    ).toEqual([shared[0], other[0]]);
    const same = gradeRubric(
      part(),
      'The network loses resolution. It labels every pixel to keep the resolution.',
    );
    expect(same.covered).toEqual([shared[1]]);
    expect(same.feedback[1]).toBe(
      'Not credited: "it labels every pixel to keep the resolution" contradicts: resolution is lost.',
    );
  });

  test('an aim beside a denied remedy is no claim; beside a remedy said the wrong way round it still contradicts', () => {
    // "It does not use dilated convolutions to keep the resolution": the denial's scope is the
    // remedy, and its aim says nothing of the resolution. With "The network loses resolution"
    // before it, the loss is credited and the remedy is denied: 1 of 2 required, 0.5.
    const denied = gradeRubric(
      resolution(),
      'The network loses resolution. It does not use dilated convolutions to keep the resolution.',
    );
    expect(denied.covered).toEqual(['lost']);
    expect(denied.score).toBe(0.5);
    expect(denied.feedback[1]).toBe(
      'Not credited: "it does not use dilated convolutions to keep the resolution" denies: dilated convolutions.',
    );
    // With plain convolutions as the opposite of dilated ones, "It uses plain convolutions to keep
    // the resolution" asserts no remedy (it says the opposite of one), so its aim is a claim of its
    // own: the resolution is kept, against "loses resolution". Neither concept is credited.
    const base = resolution();
    const plain: RubricPart = {
      ...base,
      concepts: [base.concepts[0]!, { ...base.concepts[1]!, opposites: ['plain convolutions?'] }],
    };
    const wrong = gradeRubric(
      plain,
      'The network loses resolution. It uses plain convolutions to keep the resolution.',
    );
    expect(wrong.covered).toEqual([]);
    expect(wrong.feedback[1]).toBe(
      'Not credited: "it uses plain convolutions to keep the resolution" contradicts: resolution is lost. "it uses plain convolutions to keep the resolution" contradicts: dilated convolutions.',
    );
  });
});
