import { describe, expect, test } from 'vitest';
import { asksForDifficulty } from '../src/grading/claims/points';
import { gradeRubric } from '../src/grading/rubric';
import { questionRubric } from './bank-rubric';

/*
 * Stop 34, questions 5-8: faults of the free-text grader, each mended as a general rule. Every
 * answer here was written for this file (no labelled set holds it); each expected score is the
 * point table worked by hand (claims/points.ts): question 8 needs 3 points (the loss or per-pixel,
 * then any two of upsampling, skip connections and dilated convolutions).
 */
const grade = (question: number, answer: string) => gradeRubric(questionRubric(question), answer);

describe('a part that asks for a difficulty says so in its point table, not in its prompt words', () => {
  test('question 8 declares it; the parts that ask for reasons or remedies do not', () => {
    expect(asksForDifficulty('difficulty')).toBe(true);
    for (const id of ['advantages', 'remedies', 'why', 'when', 'innovations', 'what-and-how'])
      expect(asksForDifficulty(id)).toBe(false);
  });

  test.each([
    // The task said to have no difficulty: the remedies it goes on to name are not its answer.
    'Honestly segmentation has no big challenge, you just upsample and add skip links from the early layers.',
    "It isn't very tricky: strided convs lose detail, transposed convs and dilated kernels fix it.",
  ])('%j earns nothing', (answer) => {
    const result = grade(8, answer);
    expect(result.score).toBe(0);
    expect(result.feedback.join(' ')).toMatch(/no difficulty/);
  });

  test('a supposition ("without pooling it would not be hard") is where the difficulty comes from', () => {
    // The loss, upsampling and skip connections: 3 of 3.
    expect(
      grade(
        8,
        'Without pooling there would be no problem, but pooling loses the resolution, so you upsample the coarse map and add skip connections from early layers.',
      ).score,
    ).toBe(1);
  });
});

describe('a pipe between spaces separates the items of a list, as " / " and ";" do', () => {
  test.each([
    // Before the rule each item ran into the next network's name ("dropout googlenet"), and the
    // innovation was read as said of the wrong network.
    'alexnet = relu & dropout | googlenet = inception blocks w/ 1x1 reductions | resnet = identity skips so 100+ layers train',
    'AlexNet -> GPUs + dropout | GoogLeNet -> inception modules, 1x1 bottlenecks | ResNet -> skip connections, 150 layers',
  ])('question 6: %j credits each item to its own network', (answer) => {
    const result = grade(6, answer);
    expect(result.covered).toEqual(
      expect.arrayContaining([
        'alexnet-regularisation',
        'googlenet-inception',
        'googlenet-1x1',
        'resnet-skip',
      ]),
    );
    expect(result.feedback.join(' ')).not.toMatch(/said of/);
  });

  test('question 8: "coarse maps | transposed convs | skips from early layers" is three items', () => {
    // The loss, upsampling and skip connections: 3 of 3.
    expect(
      grade(8, 'pooling leaves coarse maps | transposed convs upsample them | skips from early layers').score,
    ).toBe(1);
  });

  test("an innovation listed under the wrong network stays the wrong network's", () => {
    expect(grade(6, 'ResNet -> inception modules | GoogLeNet -> skip connections').score).toBe(0);
  });
});

describe('question 6: a network called by the acronym its name opens with ("SE:") is that network', () => {
  test.each([
    'SE: reweights each channel after a global pool and a sigmoid gate.',
    'SE: squeeze then excite, a learned weight per channel',
  ])('%j is said of SENet', (answer) => {
    const result = grade(6, answer);
    expect(result.covered).toContain('senet-block');
    expect(result.feedback.join(' ')).not.toMatch(/said of/);
  });

  test('two letters that open a name but are no acronym of it ("re:") name nothing', () => {
    // "re: resnet" is a reply heading; ResNet is named by its own name after it.
    expect(grade(6, 'Le: stacked convs, relu').covered).toEqual([]);
  });
});

describe('question 6: no concept is credited for a network the answer never names', () => {
  test.each([
    // Before the rule the learned reader added AlexNet's dropout, GoogLeNet's inception modules and
    // Xception's separate spatial/channel patterns to this answer (0.7), none of them named.
    [
      'SENet: reweights each channel after a global pool and a sigmoid gate. ResNet: identity shortcuts let 150-layer nets train.',
      ['resnet-skip', 'resnet-depth', 'senet-block', 'senet-recalibrate'],
    ],
    ['ResNet: identity shortcuts so 150 layers train. Xception: depthwise separable convs.', undefined],
  ] as const)('%j', (answer, expected) => {
    const covered = grade(6, answer).covered ?? [];
    if (expected !== undefined) expect(covered).toEqual(expected);
    expect(covered.every((id) => /^(resnet|senet|xception)-/.test(id))).toBe(true);
  });
});

describe('question 5: the maps pushed apart, or covering more kinds of features, is their specialising', () => {
  test.each([
    'LRN forces the feature maps apart',
    'the feature maps end up spanning a wider variety of features',
    'the maps cover more kinds of features',
  ])('%j earns the specialisation point', (answer) => {
    expect(grade(5, answer).covered).toEqual(['specialise']);
  });

  test('kept from drifting apart is not pushed apart', () => {
    expect(grade(5, 'it keeps the maps from drifting apart').covered).toEqual([]);
  });
});

describe('question 6: global average pooling written short ("avg", "mean")', () => {
  test.each([
    'GoogLeNet: global avg pooling instead of the big dense head',
    'GoogLeNet uses a global mean pool at the top',
  ])('%j earns it', (answer) => {
    expect(grade(6, answer).covered).toContain('googlenet-gap');
  });

  test("said of another network it is not GoogLeNet's", () => {
    expect(grade(6, 'ResNet: global avg pool at the end').covered).toEqual([]);
  });
});

describe('question 6: the input jumping, hopping or leaping past layers is a skip connection', () => {
  test.each([
    'ResNet: the signal hops over two conv layers and is summed with their output',
    'ResNet: the input leaps over each block',
  ])("%j earns ResNet's skip connections", (answer) => {
    expect(grade(6, answer).covered).toContain('resnet-skip');
  });

  test.each([
    // Said of another network, or denied: no skip connection of ResNet's.
    'GoogLeNet lets the input jump past a couple of layers',
    "ResNet: the gradient can't jump past any layer",
  ])('%j does not', (answer) => {
    expect(grade(6, answer).covered).not.toContain('resnet-skip');
  });
});

describe('question 6: a denial said of another network draws a contrast, it takes nothing back', () => {
  test.each([
    // Before the rule "LeNet never did that" took back every AlexNet point before it (0).
    ['AlexNet: ReLU, dropout, convs stacked without pooling in between (LeNet never did that).', 0.2],
    ['AlexNet stacked conv layers with no pooling between them; LeNet never did that.', 0.1],
  ] as const)('%j keeps its AlexNet points (%d)', (answer, score) => {
    expect(grade(6, answer).score).toBe(score);
  });

  test.each([
    // The owner denied too, in the same sentence, or by a pronoun: taken back as before.
    "AlexNet: ReLU, stacked convs; LeNet never did that, and AlexNet didn't either.",
    'AlexNet: ReLU, stacked convs. It never did that.',
  ])('%j is still taken back', (answer) => {
    expect(grade(6, answer).score).toBe(0);
  });
});

describe('an order not to do a thing "alone" denies that it is enough, not the thing', () => {
  test.each([
    // Before the rule "don't upsample … alone" was read as a denial of upsampling, and the
    // transposed convolutions after it as its contradiction (2 of 3).
    "strides shrink the maps. Don't upsample the final map alone: bring in skip connections from the encoder",
    'pooling kills the resolution, so do not lean on transposed convs on their own: add skip connections from early layers too',
  ])('%j earns the loss, upsampling and skip connections', (answer) => {
    expect(grade(8, answer).covered).toEqual(['resolution-lost', 'upsample', 'skip']);
  });

  test('an order not to do it at all is still a denial', () => {
    expect(
      grade(
        8,
        'pooling kills the resolution, so do not upsample the output; use skip connections from the encoder',
      ).covered,
    ).toEqual(['resolution-lost', 'skip']);
  });
});

describe('"wreck" and "ruin" are ways of losing the resolution', () => {
  test.each([
    'strides wreck the resolution, so use skip connections from the encoder and dilated convs',
    'all that pooling ruins the spatial detail, so add skip connections and transposed convs',
  ])('%j earns the loss (3 of 3)', (answer) => {
    expect(grade(8, answer).score).toBe(1);
  });

  test('denied, it is no loss', () => {
    expect(grade(8, "pooling doesn't ruin the resolution").covered).toEqual([]);
  });
});
