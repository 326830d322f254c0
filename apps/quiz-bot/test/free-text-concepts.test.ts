import { describe, expect, test } from 'vitest';
import { gradeRubric } from '../src/grading/rubric';
import { rubric } from './bank-rubric';

/*
 * Issue 18, stop 25: concepts said from data (a claim per concept, a point table), one case per
 * rule. Every answer is written for this file from the questions' prompts (none is taken from a
 * labelled set); each expected credit is the teacher's count by hand under the standard of
 * test/fixtures/grading-eval-fresh/README.md (q1 3 points, q3 5, q4 2, q5 3, q6 2 per network,
 * q8 3).
 */

const q3 = () => rubric(3, 'remedies');

describe('question 3: every remedy the standard lists is a point of its own', () => {
  test.each([
    // A GPU with more memory (fresh README, Q3): 1 of 5.
    ['Buy a graphics card with more memory', ['bigger-gpu']],
    // Freeing GPU memory held by other processes (fresh README, Q3): 1 of 5.
    ['Shut down the background jobs hogging the card', ['free-memory']],
    ['free the memory the other processes hold', ['free-memory']],
    // "larger stride / earlier pooling" (fresh README): pooling sooner is the stride point, 1 of 5.
    ['pool sooner', ['stride']],
  ])('%s → %j, 1 of 5', (answer, covered) => {
    const grade = gradeRubric(q3(), answer);
    expect(grade.covered).toEqual(covered);
    expect(grade.score).toBe(0.2);
  });

  test('a bigger GPU and freeing memory held by other processes are two remedies (2 of 5)', () => {
    const grade = gradeRubric(q3(), 'buy a bigger GPU and kill the other processes');
    expect(grade.covered).toEqual(['bigger-gpu', 'free-memory']);
    expect(grade.score).toBe(0.4);
  });

  test('saving model checkpoints is not gradient checkpointing', () => {
    // Epochs and saved checkpoints change no memory a training step needs: 0 of 5.
    expect(gradeRubric(q3(), 'Train for fewer epochs and save checkpoints more often.').score).toBe(0);
    // Checkpointing the activations (recomputed in the backward pass): 1 of 5.
    expect(gradeRubric(q3(), 'checkpoint the activations').covered).toEqual(['checkpointing']);
  });

  test('looking at nvidia-smi frees nothing: no point', () => {
    expect(gradeRubric(q3(), 'just check nvidia-smi').score).toBe(0);
  });

  test('a larger stride and smaller input images are two remedies (2 of 5)', () => {
    // grading-eval/README.md: "also accepted as distinct remedies: … smaller input images".
    const grade = gradeRubric(q3(), 'use stride 2 in the first layer and shrink the input images');
    expect(grade.covered).toEqual(['stride', 'smaller-input']);
    expect(grade.score).toBe(0.4);
  });

  test('removing layers and fewer filters are two remedies (2 of 5)', () => {
    // grading-eval/README.md: "also accepted as distinct remedies: fewer filters per layer".
    const grade = gradeRubric(q3(), 'drop two layers and halve the number of filters');
    expect(grade.covered).toEqual(['smaller-model', 'filters']);
    expect(grade.score).toBe(0.4);
  });
});

describe('paraphrases by what the concept does', () => {
  test('question 5: a strong unit weakening the units of the nearby channels is lateral inhibition', () => {
    // Inhibition only: 1 of 3.
    const grade = gradeRubric(
      rubric(5, 'when'),
      'a strongly firing unit weakens the units at that position in the nearby channels',
    );
    expect(grade.covered).toEqual(['inhibition']);
    expect(grade.score).toBe(0.333);
  });

  test('question 5: weakening "the next layer" names no neighbouring map', () => {
    expect(gradeRubric(rubric(5, 'when'), 'it weakens the next layer').covered).toEqual([]);
  });

  test('question 5: "early in the network" is where it goes', () => {
    // Where only: 1 of 3.
    expect(gradeRubric(rubric(5, 'when'), 'use it early in the network').covered).toEqual(['where']);
  });

  test('question 1: detected at one place and then at another is translation invariance', () => {
    // Translation only: 1 of 3.
    const grade = gradeRubric(
      rubric(1, 'advantages'),
      'what the kernel learns to detect in one region it can detect in another',
    );
    expect(grade.covered).toEqual(['translation']);
    expect(grade.score).toBe(0.333);
  });

  test('question 1: "the main thing is" says no "position matters" (a light word is no synonym)', () => {
    // WordNet puts "thing" in the class of "matter"; the sentence says shared weights at every
    // position: fewer parameters + translation = 2 of 3, nothing contradicted.
    const grade = gradeRubric(
      rubric(1, 'advantages'),
      'The main thing is that a CNN reuses the same small filter at every position.',
    );
    expect(grade.covered).toEqual(['fewer-parameters', 'translation']);
    expect(grade.score).toBe(0.667);
  });

  test('question 6: "spatial/channel split" is Xception handling them separately', () => {
    // Xception: separable convs + the split = 2 of 2 for one network of five: 0.2.
    const grade = gradeRubric(
      rubric(6, 'innovations'),
      'Xception: depthwise separable convs, spatial/channel split.',
    );
    expect(grade.covered).toEqual(['xception-separable', 'xception-separately']);
    expect(grade.score).toBe(0.2);
  });
});

describe('slang and plain-word paraphrases from the synonym data', () => {
  test.each([
    // Smaller input images ("imgs" is in the picture list): 1 of 5.
    [3, 'remedies', 'downscale the imgs', ['smaller-input'], 0.2],
    // Invariance: not caring when the input wiggles: 1 of 2.
    [4, 'why', 'it does not care if the input wiggles a little', ['invariance'], 0.5],
    // Translation: moved and still found: 1 of 3.
    [1, 'advantages', 'move the cat a little and it still spots the cat', ['translation'], 0.333],
    // Translation: the same response to a moved object: 1 of 3.
    [1, 'advantages', 'it reacts the same to a moved object', ['translation'], 0.333],
    // Skip connections, abbreviated: 1 of 3.
    [8, 'difficulty', 'skip conns from the encoder', ['skip'], 0.333],
    // Any input size, said as the size no longer being fixed: 1 of 4.
    [7, 'what-and-how', "the input size isn't fixed anymore", ['any-size'], 0.25],
    // GoogLeNet's inception module by what it is: 1 of 2 for one network of five = 0.1.
    [
      6,
      'innovations',
      'GoogLeNet: each block tries several kernel sizes side by side.',
      ['googlenet-inception'],
      0.1,
    ],
    // SENet's block by where it goes (a small network on each unit): 0.1.
    [6, 'innovations', 'SENet adds a small network on each residual unit.', ['senet-block'], 0.1],
    // Xception's depthwise separable convolution by its two steps: 0.1.
    [
      6,
      'innovations',
      'Xception: a per-channel spatial filter followed by a 1x1 conv.',
      ['xception-separable'],
      0.1,
    ],
  ])('question %i (%s): %s → %j', (question, part, answer, covered, score) => {
    const grade = gradeRubric(rubric(question, part), answer);
    expect(grade.covered).toEqual(covered);
    expect(grade.score).toBe(score);
  });
});

describe("question 6: a phrase naming another network's concept while describing this one's", () => {
  const q6 = () => rubric(6, 'innovations');
  test('ResNet\'s own skip connections are not "Xception\'s"', () => {
    const grade = gradeRubric(q6(), 'ResNet: residual connections.');
    expect(grade.covered).toEqual(['resnet-skip']);
    expect(grade.feedback.join(' ')).not.toContain('belongs to');
  });

  test('where SENet puts its block (a residual unit) is no point given to ResNet', () => {
    const grade = gradeRubric(q6(), 'SENet: SE blocks placed in each residual unit.');
    expect(grade.covered).toContain('senet-block');
    expect(grade.feedback.join(' ')).not.toContain('belongs to ResNet');
  });

  test("a point of another network named before this network's own is still misattributed", () => {
    const grade = gradeRubric(q6(), 'ResNet: inception modules and skip connections.');
    expect(grade.covered).toEqual(['resnet-skip']);
    expect(grade.feedback.join(' ')).toContain(
      '"inception modules" is said of ResNet, but it belongs to GoogLeNet',
    );
  });
  test("a network's own point in an earlier sentence describes nothing said in a later one", () => {
    const grade = gradeRubric(q6(), 'ResNet: skip connections. ResNet also has inception modules.');
    expect(grade.feedback.join(' ')).toContain('is said of ResNet, but it belongs to GoogLeNet');
  });
});

describe('question 8: answers to another question, near-words and stories', () => {
  const q8 = () => rubric(8, 'difficulty');
  test('"skip" only as the first word of its compound: "skip cables" is no skip connection', () => {
    expect(gradeRubric(q8(), 'skip cables').covered).toEqual([]);
    expect(gradeRubric(q8(), 'skip-links from the encoder').covered).toEqual(['skip']);
  });

  test('skip connections blamed for the lost resolution: no resolution point', () => {
    // The loss is the downsampling's; blamed on the fix it is a wrong claim (skip still named: 1 of 3).
    const grade = gradeRubric(q8(), 'The skip connections lose the spatial resolution.');
    expect(grade.covered).not.toContain('resolution-lost');
  });

  test('saying what the task is answers "what is it", not "what is hard": nothing credited', () => {
    const grade = gradeRubric(q8(), 'Semantic segmentation classifies every pixel of the image.');
    expect(grade.score).toBe(0);
    expect(grade.feedback.join(' ')).toContain('It says what the task is, not what the question asks');
  });

  test('the same fact said as the difficulty earns its point (1 of 3)', () => {
    const grade = gradeRubric(q8(), 'The difficulty: every pixel needs a class.');
    expect(grade.covered).toEqual(['per-pixel']);
    expect(grade.score).toBe(0.333);
  });

  test('a person\'s own things ("my connection") are no words of the field: the story is off-topic', () => {
    // Nouns outside the field: photo, trip, station, and "my connection" (4); of the field:
    // resolution (1); "I", "my" tell a story.
    const story =
      'I upsampled the photo of my trip, it lost resolution, and I missed my connection at the station.';
    expect(gradeRubric(q8(), story).score).toBe(0);
    // "the connection" (of the field): 3 outside nouns, under the story rule's 4.
    expect(gradeRubric(q8(), story.replace('my connection', 'the connection')).score).toBeGreaterThan(0);
  });
});

describe('a list of topics, most items one bare word or a figure', () => {
  test('question 7: "convolutional, arbitrary size, 1x1, valid, 7x7" says nothing of them: 0', () => {
    const grade = gradeRubric(rubric(7, 'what-and-how'), 'convolutional, arbitrary size, 1x1, valid, 7x7');
    expect(grade.score).toBe(0);
    expect(grade.feedback.join(' ')).toContain('A list of bare terms says nothing about them');
  });

  test('question 3: terse items that each say a direction are remedies, not topics', () => {
    // "fp16" is the only lone item (1 of 5), so no list: batch, precision, smaller-model, stride
    // and distribute ("2 GPUs": a figure says how many devices) = 5 of 5.
    const grade = gradeRubric(q3(), 'smaller batch, fp16, fewer layers, bigger stride, 2 GPUs');
    expect(grade.covered).toEqual(['batch', 'stride', 'smaller-model', 'precision', 'distribute']);
    expect(grade.score).toBe(1);
  });
});

test('question 3: half the items lone ("accumulation", "distribution": 2 of 4) is no list of topics', () => {
  // smaller-model, accumulation, smaller-input, distribute = 4 of 5.
  const grade = gradeRubric(q3(), 'fewer layers, accumulation, smaller images, distribution');
  expect(grade.score).toBe(0.8);
});

describe('what makes a list of topics (rubric.ts topicList), one condition each', () => {
  const q7 = () => rubric(7, 'what-and-how');
  const LIST = 'A list of bare terms says nothing about them';
  const listed = (answer: string) => gradeRubric(q7(), answer).feedback.join(' ').includes(LIST);
  test.each([
    // Four items, three of them lone (convolutional, valid, 1x1): a list.
    ['convolutional, arbitrary size, valid, 1x1', true],
    // An item of three words ("any input size") is still short: a list.
    ['convolutional, any input size, valid, 1x1', true],
    // Three items only: too few to be a list, whatever their words.
    ['convolutional, arbitrary size, 1x1', false],
    // Two sentences: each says its own items, no one string of topics.
    ['convolutional, arbitrary size. valid, 1x1', false],
    // An item of four words is a phrase, not a topic (three lone items of five besides).
    ['fully convolutional layers only, arbitrary size, valid, 1x1, grid', false],
    // An item with a verb says something ("any size works"), with one with "is".
    ['convolutional, any size works, valid, 1x1, grid', false],
    ['convolutional, size is arbitrary, valid, 1x1, grid', false],
  ])('%s → a list of topics: %s', (answer, list) => {
    expect(listed(answer)).toBe(list);
  });

  test('a lone name of a format ("fp16", tagged a proper noun) is no bare topic word', () => {
    // fp16, bf16, float16 are three lone items of five, but names, not topic words: no list;
    // batch, smaller-model, precision = 3 of 5.
    const grade = gradeRubric(q3(), 'smaller batch, fp16, bf16, float16, fewer layers');
    expect(grade.score).toBe(0.6);
  });

  test('a list that would earn nothing anyway is not told it is a list', () => {
    // Nothing of the rubric in "banana, 7x7, valid, red": the feedback says only what is missing.
    expect(listed('banana, 7x7, valid, red')).toBe(false);
    expect(gradeRubric(q7(), 'banana, 7x7, valid, red').score).toBe(0);
  });
});

describe('question 6 and question 8: the conditions of the feedback and definition rules', () => {
  test("another network's point earlier in the sentence excuses nothing said of ResNet", () => {
    // GoogLeNet's inception (its own) comes first; dropout said of ResNet is still AlexNet's.
    const grade = gradeRubric(
      rubric(6, 'innovations'),
      'GoogLeNet uses inception modules while ResNet uses dropout.',
    );
    expect(grade.feedback.join(' ')).toContain('is said of ResNet, but it belongs to AlexNet');
  });

  test('the definition rule clears an answer only when every point is the definition', () => {
    // Per-pixel (the definition) and upsampling (a remedy), no word of difficulty: both count,
    // one point each = 2 of 3.
    const grade = gradeRubric(
      rubric(8, 'difficulty'),
      'Semantic segmentation classifies every pixel, and upsampling restores the resolution.',
    );
    expect(grade.covered).toEqual(['per-pixel', 'upsample']);
    expect(grade.score).toBe(0.667);
  });

  test('a WordNet synonym that is no light word still says its slot word', () => {
    // "photographs" is in WordNet's class of "picture": smaller input images, 1 of 5.
    expect(gradeRubric(q3(), 'use smaller photographs').covered).toEqual(['smaller-input']);
  });
});

describe('question 4: what max pooling is, not why to prefer it', () => {
  test('"picks the largest value in each window" is the definition: no reason', () => {
    expect(gradeRubric(rubric(4, 'why'), 'Max pooling picks the largest value in each window.').score).toBe(
      0,
    );
  });
});
