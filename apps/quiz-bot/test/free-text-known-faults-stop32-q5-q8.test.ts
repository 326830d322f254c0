import { describe, expect, test } from 'vitest';
import { tagWords } from '../src/grading/claims/nlp';
import { gradeRubric } from '../src/grading/rubric';
import { questionRubric } from './bank-rubric';

/*
 * Stop 32, questions 5-8: faults of the free-text grader found by the lead's probes (not from any
 * labelled row), each mended as a general rule. Every answer was written for this file; each
 * expected score is the point table worked by hand (claims/points.ts): question 8 needs 3 points
 * (the loss, then any two of upsampling, skip connections and dilated convolutions), question 5
 * three (inhibition, specialisation, generalisation, where, superseded: each a point).
 */
const grade = (question: number, answer: string) => gradeRubric(questionRubric(question), answer);
const covers = (question: number, answer: string) => grade(question, answer).covered ?? [];

describe('question 8: what comes back is said of the clause’s subject, not of a remedy a few words back', () => {
  test.each([
    // The remedy's name opens a long subject ("… from the early encoder layers"): six words back.
    'Pooling loses the resolution; skip connections from the early encoder layers restore the fine detail.',
    // "bring" ends in -ing but is no gerund: it is the clause's verb, after its subject.
    'Pooling loses the resolution; skip connections from the encoder bring the detail back.',
    // A pronoun subject stands for the subject before it.
    'Pooling loses the resolution; skip connections help because they restore the detail.',
    // A second verb with no subject of its own shares the skips'.
    'Pooling loses the resolution; skip connections carry the detail over and restore it.',
  ])('%j: the loss and skip connections, 2 of 3 points (no upsampling)', (answer) => {
    expect(covers(8, answer)).toEqual(['resolution-lost', 'skip']);
    expect(grade(8, answer).score).toBe(0.667);
  });

  test('two remedies joined as the subject: theirs, 3 of 3 without upsampling', () => {
    // (Both conjuncts of the subject name a remedy; the first one is eleven words back.)
    const answer =
      'Pooling loses the resolution; dilated convolutions from DeepLab and skip connections from the encoder bring the detail back.';
    expect(covers(8, answer)).toEqual(['resolution-lost', 'skip', 'dilated']);
  });

  test.each([
    // A subject with something besides a remedy: the decoder upsamples (loss + upsampling + skips).
    ['Pooling loses the resolution; skip connections and a decoder restore the full resolution.', 1],
    // The head of the subject is the decoder; the skips only qualify it.
    ['Pooling loses the resolution; the decoder with skip connections restores the resolution.', 1],
    // No remedy in the subject: restoring is upsampling (loss + upsampling).
    ['Pooling loses the resolution; a decoder restores the full resolution.', 0.667],
  ])('%j: upsampling stays (scores %d)', (answer, score) => {
    expect(covers(8, answer)).toContain('upsample');
    expect(grade(8, answer).score).toBe(score);
  });
});

describe('a past participle after "using"/"with", before its noun, modifies the noun', () => {
  test('wink reads "dilated" there as a verb; the tagging reads an adjective', () => {
    const pos = (text: string, word: string) => tagWords(text).find((t) => t.norm === word)?.pos;
    expect(pos('Models using dilated convolutions were tried.', 'dilated')).toBe('ADJ');
    expect(pos('Networks with stacked pooling layers lose detail.', 'stacked')).toBe('ADJ');
    // After a gerund that is the subject, the participle is the verb.
    expect(pos('striding halved feature maps', 'halved')).toBe('VERB');
  });

  test.each([
    'Pooling loses the resolution, and skip connections help. Models using dilated convolutions were tried, but they do not help.',
    'Pooling loses the resolution, and skip connections help. Networks with dilated convolutions were tried, but they do not help.',
  ])('%j: the pronoun denial takes back the dilated convolutions (loss + skips, 2 of 3)', (answer) => {
    expect(covers(8, answer)).toEqual(['resolution-lost', 'skip']);
    expect(grade(8, answer).feedback.join(' ')).toMatch(/takes back/);
  });

  test('with no denial after it, the model using dilated convolutions keeps its point (3 of 3)', () => {
    const answer =
      'Pooling loses the resolution; models using dilated convolutions keep the detail, and skip connections help.';
    expect(covers(8, answer)).toEqual(['resolution-lost', 'skip', 'dilated']);
  });
});

describe('question 5: neighbours excited less, the degree said before the object, is inhibition', () => {
  test.each([
    'Strong neurons excite less the adjacent maps.',
    'Strong neurons excite much less the adjacent maps.',
    // The order that already earned it.
    'Strong neurons excite the adjacent maps less.',
  ])('%j: the inhibition point (1 of 3)', (answer) => {
    expect(covers(5, answer)).toEqual(['inhibition']);
    expect(grade(5, answer).score).toBe(0.333);
  });

  test.each([
    'Strong neurons excite the adjacent maps.',
    'Strong neurons excite more the adjacent maps.',
    // Review 32, A10: a degree of two words, "not only … but also", "not just … but", a raise in
    // place of a fall: the neighbours raised all the same.
    'Strong neurons excite even more the adjacent maps.',
    'Strong neurons excite not only themselves but also the neighbouring maps.',
    'Strong neurons boost not just their own map but the adjacent maps too.',
    'Strong activations increase, not decrease, the neighbouring maps.',
  ])('%j: the neighbours raised, no point', (answer) => {
    expect(covers(5, answer)).toEqual([]);
  });
});

describe('a story holding the words: what belongs to a person’s thing from outside the field is no word of the field', () => {
  test.each([
    // "its resolution" is the camera's ("my camera"): five nouns of the trip (country, camera,
    // resolution, tunnel, station) against four of the field (train, skip, connection, class).
    'The train strided across the country, my camera lost its resolution in the tunnel, so I took a skip connection at the station and got upsampled to first class.',
    // city, tablet, resolution, station against train, skip, connection, class: four each.
    'Our train skipped the city, my tablet lost its resolution, so at the station we took a skip connection and got upsampled to first class.',
    // Known limit (review 32b, B4): the rule counts nouns, it does not read a story. The first
    // story without "in the tunnel" and "at the station" (three of the trip's nouns against four of
    // the field's) still earns full marks.
  ])('%j earns nothing', (answer) => {
    expect(grade(8, answer).score).toBe(0);
  });

  test('"my network loses its resolution": the network is a word of the field, so is its resolution', () => {
    // The loss, the skips and upsampling: 3 of 3.
    const answer =
      'My network loses its resolution through pooling and strides; I add skip connections from the encoder and upsample in the decoder.';
    expect(grade(8, answer).score).toBe(1);
  });
});

describe('question 8: dilated convolutions said to avoid the downsampling keep their point', () => {
  test.each([
    'Strides make the output coarse. Dilated convolutions avoid downsampling, and upsampling restores the size.',
    'Strides make the output coarse. Dilated convolutions mean no downsampling, and upsampling restores the size.',
    'Strides make the output coarse. Dilated convolutions help (no downsampling), plus upsampling at the end.',
  ])('%j: the loss, dilated convolutions and upsampling, 3 of 3', (answer) => {
    expect(covers(8, answer)).toEqual(['resolution-lost', 'upsample', 'dilated']);
    expect(grade(8, answer).score).toBe(1);
  });

  test.each([
    'Strides make the output coarse. Dilated convolutions shrink the maps too, and upsampling restores the size.',
    'Strides make the output coarse. Dilated convolutions also downsample, and upsampling restores the size.',
  ])('%j: dilated convolutions said to shrink the maps, no point (2 of 3)', (answer) => {
    expect(covers(8, answer)).toEqual(['resolution-lost', 'upsample']);
  });
});

describe('a story’s nouns: "the others", "the rest", "the ones" stand for things named elsewhere', () => {
  test.each([
    // spot, spot, job against activation, maps, map, ReLU ("the rest": neither).
    "The strongest activation at a spot silences the rest at that spot in neighbouring maps, so every map finds its own job. I'd put it right after the first ReLU.",
    // spot, spot, niche against layers, neuron, maps, map ("the ones": neither).
    "I'd add it in early layers: the biggest neuron at each spot inhibits the ones at that spot in the nearby maps, so each map learns its own niche.",
  ])('question 5: %j keeps its three points', (answer) => {
    expect(covers(5, answer)).toEqual(['specialise', 'inhibition', 'where']);
    expect(grade(5, answer).score).toBe(1);
  });

  test('a story told with "the others" still earns nothing', () => {
    // grandmother, bread, morning, dough, oven, pantry, cake, icing: outside the field.
    const answer =
      'My grandmother baked bread all morning with the others; the dough lost its resolution in the oven, so she used a skip connection to the pantry and upsampled the cake with dilated icing.';
    expect(grade(8, answer).score).toBe(0);
  });
});

describe('question 5: the inhibition turned round (the weak ones inhibit, or the strong ones are inhibited) is no point', () => {
  test.each([
    'Weak neurons inhibit the strong ones in the neighbouring maps.',
    'The weakest activations suppress the strongest ones in adjacent feature maps.',
    'Weakly activated neurons dampen the neurons in nearby maps.',
  ])('%j: nothing', (answer) => {
    expect(covers(5, answer)).toEqual([]);
  });

  test.each([
    'Strong neurons inhibit the weak ones in neighbouring maps.',
    // Passives: the weak ones are what is inhibited.
    'The weaker neurons get inhibited by the strong ones in neighbouring maps.',
    'Weak neurons in neighbouring maps are suppressed by the strongest one.',
    'Weak neurons inhibited by the strong ones in the adjacent maps fire less.',
  ])('%j: the inhibition point (1 of 3)', (answer) => {
    expect(covers(5, answer)).toEqual(['inhibition']);
    expect(grade(5, answer).score).toBe(0.333);
  });
});

describe('question 8: what comes back, said of pooling or strides, is no upsampling', () => {
  test.each([
    'Pooling layers lose the resolution; then pooling restores it.',
    'Strides lose the resolution, and max pooling brings it back.',
  ])('%j: the loss alone (1 of 3)', (answer) => {
    expect(covers(8, answer)).toEqual(['resolution-lost']);
  });

  test.each([
    'Pooling loses the resolution; unpooling restores it.',
    'Pooling loses the resolution, and the decoder upsamples it again.',
  ])('%j: upsampling (2 of 3)', (answer) => {
    expect(covers(8, answer)).toEqual(['resolution-lost', 'upsample']);
  });
});

describe('question 8: a passive’s subject is what comes back, not what brings it back', () => {
  test.each([
    'Strides lose the resolution, and it gets recovered later.',
    'Pooling loses the detail; it is restored at the end.',
  ])('%j: upsampling (2 of 3)', (answer) => {
    expect(covers(8, answer)).toEqual(['resolution-lost', 'upsample']);
  });
});

describe('a denial in a condition ("when the maps are not specialised enough") says when, and denies nothing', () => {
  test.each([
    'When the feature maps are not diverse enough, add LRN: it pushes them to explore different features.',
    "If the maps aren't specialised, LRN makes them specialise.",
  ])('question 5: %j earns the specialisation point (1 of 3)', (answer) => {
    expect(covers(5, answer)).toEqual(['specialise']);
  });

  test.each([
    // The condition alone asserts nothing of what LRN does.
    'LRN is useful when the maps are not specialised enough.',
    // Said outright, the opposite.
    'LRN makes the maps less specialised.',
  ])('question 5: %j earns nothing', (answer) => {
    expect(covers(5, answer)).toEqual([]);
  });
});

describe('question 5: the maps made "more alike" or "more similar" is the opposite of specialising', () => {
  test.each([
    // Specialising said, then taken the other way: the point is contradicted.
    'It pushes the feature maps to specialise; actually, it makes them more alike.',
    'The maps specialise, or rather they become more similar to each other.',
  ])('%j: nothing', (answer) => {
    expect(covers(5, answer)).toEqual([]);
  });

  test.each([
    // What happens without LRN, then with it.
    'Without LRN the maps become more similar; with it they specialise.',
    'It makes the maps less alike, so they specialise.',
  ])('%j: the specialisation point (1 of 3)', (answer) => {
    expect(covers(5, answer)).toEqual(['specialise']);
  });
});

describe('question 8: what comes back, said of a layer that keeps the size (batch norm), is no upsampling', () => {
  test('"batch normalization restores it": the loss alone (1 of 3)', () => {
    expect(covers(8, 'Pooling loses the resolution; batch normalization restores it.')).toEqual([
      'resolution-lost',
    ]);
  });

  test.each([
    'Pooling loses the resolution; the decoder restores it after the ReLU.',
    'Pooling loses the resolution, so the network has to recover it.',
  ])('%j: upsampling (2 of 3)', (answer) => {
    expect(covers(8, answer)).toEqual(['resolution-lost', 'upsample']);
  });
});

describe('question 5: "inhibition" names the mechanism, and the weak ones left suppressed keep the inhibition point', () => {
  // Review 32b, B1: each answer says where (after ReLU, early layers), the inhibition and the
  // specialisation: 3 of the 3 points question 5 needs, so full marks (claims/points.ts).
  test.each([
    // "inhibition" is a noun: it does not make the strong neurons after it inhibited.
    'After ReLU in early layers (AlexNet). Lateral inhibition: strong neurons inhibit their neighbours in adjacent maps, which makes maps specialize.',
    'After ReLU in early layers (AlexNet). It implements lateral inhibition, strong activations suppress the neighbouring maps, so maps specialize.',
    'After ReLU in early layers (AlexNet). A form of lateral inhibition - strong activations dampen nearby maps. Specialization.',
    'After ReLU in early layers (AlexNet). Inhibition: strongest activations suppress their neighbours in other maps. Specialization.',
    // A bare participle after the weak noun: the weak ones are what is suppressed.
    'After ReLU in early layers (AlexNet). Strong neurons inhibit neighbouring maps, so weak neurons end up suppressed; this gives specialization.',
    'After ReLU in early layers (AlexNet). Strong activations inhibit the neighbouring maps; weak ones suppressed. Feature maps specialize.',
    'After ReLU in early layers (AlexNet). Strong neurons inhibit neighbouring maps so weak neurons become inhibited and the maps specialize.',
    'After ReLU in early layers (AlexNet). Strongly activated neurons inhibit neurons in adjacent maps; weak responses stay suppressed; maps specialize.',
    'After ReLU in early layers (AlexNet). Strong neurons inhibit neighbouring maps, weak neurons nearby effectively silenced. Specialization.',
    'After ReLU in early layers (AlexNet). Competition: strong neurons inhibit neighbouring maps and weak neurons, suppressed, drop out. Specialization.',
  ])('%j: full marks', (answer) => {
    expect(covers(5, answer)).toContain('inhibition');
    expect(grade(5, answer).score).toBe(1);
  });

  test.each([
    // The active verb after the weak noun, and the strong ones inhibited in any tense, stay the opposite.
    'Weak neurons suppress the strong ones in the neighbouring maps.',
    'The neighbouring maps end up silencing the strongest neurons.',
  ])('%j: still nothing', (answer) => {
    expect(covers(5, answer)).toEqual([]);
  });
});

describe('question 8: a denial of a shrinking thing between the name and the verb is an aside, not a turn', () => {
  // Review 32b, B3: the loss (pooling and strides), skip connections, and dilated convolutions said
  // to shrink the maps: the loss and skips, 2 of the 3 points question 8 needs.
  test.each([
    'Pooling and strides shrink the maps, so detail is lost. Dilated convolutions, not pooling, reduce the resolution. Skip connections carry detail over.',
    'Pooling and strides shrink the maps, so detail is lost. Atrous convolutions, not strides, lower the resolution. Skip connections carry detail over.',
  ])('%j: no dilated point (2 of 3)', (answer) => {
    expect(covers(8, answer)).toEqual(['resolution-lost', 'skip']);
    expect(grade(8, answer).score).toBe(0.667);
  });

  test('a later denial still turns it round: the dilated point (3 of 3)', () => {
    const answer =
      'Pooling and strides shrink the maps, so detail is lost. Dilated convolutions, with no pooling, never shrink the maps. Skip connections carry detail over.';
    expect(covers(8, answer)).toEqual(['resolution-lost', 'skip', 'dilated']);
    expect(grade(8, answer).score).toBe(1);
  });
});

describe('question 8: a remedy named as the means before "restore" is the doer, not upsampling', () => {
  // Review 32b, B2: the loss and skip connections, and the detail restored by the skips: 2 of the 3
  // points question 8 needs (upsampling is never named).
  test.each([
    'With skip connections we restore the detail.',
    'Using skip connections to restore the fine detail.',
    'Via skip connections, the network restores the detail.',
    'The encoder features passed over skip connections restore the detail.',
  ])('%j: the loss and skip connections, 2 of 3 (no upsampling)', (answer) => {
    const said = `Pooling and strides shrink the maps, so the fine detail is lost. ${answer}`;
    expect(covers(8, said)).toEqual(['resolution-lost', 'skip']);
    expect(grade(8, said).score).toBe(0.667);
  });

  test.each([
    // An upsampler before the effect, or as its subject: upsampling is said (the loss, upsampling, skips).
    [
      'With a decoder and skip connections we restore the detail.',
      ['resolution-lost', 'upsample', 'skip'],
      1,
    ],
    ['Fractionally strided convolutions restore the resolution.', ['resolution-lost', 'upsample'], 0.667],
  ] as const)('%j: upsampling kept', (answer, points, score) => {
    const said = `Pooling and strides shrink the maps, so the fine detail is lost. ${answer}`;
    expect(covers(8, said)).toEqual(points);
    expect(grade(8, said).score).toBe(score);
  });
});
