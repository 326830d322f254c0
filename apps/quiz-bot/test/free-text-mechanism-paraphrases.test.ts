import { describe, expect, test } from 'vitest';
import { gradeRubric } from '../src/grading/rubric';
import { rubric } from './bank-rubric';

/*
 * A concept said by its mechanism or its consequence rather than its name (issue 18: paraphrase is
 * the weakest category). Each case is written for this file from the questions' prompts alone (none
 * is taken from an evaluation set) and checks one rule of the concept data (./src/grading/claims:
 * meanings.ts, paraphrases.ts, synonyms.ts): the expected concept is the one a teacher would
 * name for the sentence, worked out by reading it.
 */

describe('a concept said by its mechanism', () => {
  test('question 1: stacked layers whose receptive fields grow is the spatial hierarchy', () => {
    // Growing receptive fields: each layer sees a wider part of the image than the one below.
    const grade = gradeRubric(
      rubric(1, 'advantages'),
      'In a CNN the receptive fields grow from layer to layer.',
    );
    expect(grade.covered).toContain('spatial-hierarchy');
  });

  test('question 4: a shifted feature that falls in the same pooling bin is the invariance', () => {
    // Both positions of the blob fall in one pooling window, so the pooled output is the same.
    const grade = gradeRubric(
      rubric(4, 'why'),
      'A blob one pixel to the left still falls in the same bin of the pool.',
    );
    expect(grade.covered).toContain('invariance');
  });

  test('question 6: global average pooling that summarises each channel is the SE block (its squeeze)', () => {
    // The squeeze step of the SE block (Hu et al. 2018), said of SENet: one point for SENet.
    const grade = gradeRubric(
      rubric(6, 'innovations'),
      'SENet: global average pooling summarises each channel into one number.',
    );
    expect(grade.covered).toContain('senet-block');
  });
});

describe('question 1: translation said by what the network does at another place', () => {
  test.each([
    // Works "wherever": said of every place.
    ['A CNN works wherever the object is.'],
    // Found, then moved, and still found.
    ['A CNN recognises a cat even if it moves around in the picture.'],
    // Moved elsewhere, the same filter finds it.
    ['If the cat is moved to a new place, the same filter finds it.'],
    // Learnt at one corner, working at the opposite one.
    ['the thing it learnt top-left works bottom-right for free'],
  ])('%s → translation', (answer) => {
    expect(gradeRubric(rubric(1, 'advantages'), answer).covered).toContain('translation');
  });
});

describe('question 1: the spatial structure said by its mechanism', () => {
  test('"uses local pixel neighbourhoods"', () => {
    const grade = gradeRubric(rubric(1, 'advantages'), 'A CNN uses local pixel neighbourhoods.');
    expect(grade.covered).toEqual(['spatial-hierarchy']);
  });

  test('"builds pictures out of local pieces"', () => {
    const grade = gradeRubric(rubric(1, 'advantages'), 'The net builds pictures out of local pieces.');
    expect(grade.covered).toEqual(['spatial-hierarchy']);
  });
});

describe('question 5: the maps specialising, said by what they then do', () => {
  test.each([
    // Each map learns something else: they specialise.
    ['LRN makes the maps learn different things.'],
    // The maps differ from one another.
    ['With LRN the feature maps differ from each other.'],
  ])('%s → specialise', (answer) => {
    expect(gradeRubric(rubric(5, 'when'), answer).covered).toEqual(['specialise']);
  });
});

describe('question 3: remedies said in other words', () => {
  test.each([
    // "a couple of" measures the layers: it is no object of its own (remove layers, 1/5).
    ['trim a couple of layers', 'smaller-model'],
    // "take away" is removing (remove layers, 1/5).
    ['take away some conv layers', 'smaller-model'],
    // "fmaps": feature maps, the filters of a layer (fewer filters, 1/5).
    ['fewer fmaps', 'filters'],
    // "bs": the batch size as code writes it; "↓" reads "less" (smaller mini-batch, 1/5).
    ['bs↓', 'batch'],
    // "res": resolution (smaller input images, 1/5).
    ['img res↓', 'smaller-input'],
  ])('%s → %s', (answer, concept) => {
    const grade = gradeRubric(rubric(3, 'remedies'), answer);
    expect(grade.covered).toEqual([concept]);
    expect(grade.score).toBe(0.2);
  });
});

describe('question 4: the reasons said in other words', () => {
  test.each([
    // "param-free": no parameters (1 of 2).
    ['it is param-free', 'no-params'],
    // "has not parameters" (non-native): no parameters (1 of 2).
    ['max pooling has not parameters', 'no-params'],
    // Robust to where the feature is: some invariance to small shifts (1 of 2).
    ['it gives some robustness to the exact position of a feature', 'invariance'],
  ])('%s → %s', (answer, concept) => {
    const grade = gradeRubric(rubric(4, 'why'), answer);
    expect(grade.covered).toContain(concept);
    expect(grade.score).toBe(0.5);
  });
});

describe('a concept said by its consequence', () => {
  test('question 4: the pooled output that stays the same when the object moves is the invariance', () => {
    // The consequence named first, the shift after it: "result … stay same when object move".
    const grade = gradeRubric(
      rubric(4, 'why'),
      'the result of the pooling stays the same when the object moves a bit',
    );
    expect(grade.covered).toContain('invariance');
  });

  test('question 4: the parameters it saves are the point "no parameters to learn"', () => {
    const grade = gradeRubric(rubric(4, 'why'), 'Max pooling saves parameters.');
    expect(grade.covered).toEqual(['no-params']);
  });
});

describe('a concept said by denying its opposite (the opposite written as data)', () => {
  test('question 1: "does not depend on where" is translation invariance', () => {
    const grade = gradeRubric(
      rubric(1, 'advantages'),
      'What a CNN detects does not depend on where the feature sits.',
    );
    expect(grade.covered).toContain('translation');
  });

  test('question 1: "depends on where" said of the CNN itself is no invariance', () => {
    // The opposite asserted of the question's own subject: no credit for translation.
    const grade = gradeRubric(
      rubric(1, 'advantages'),
      'What a CNN detects depends on where the feature sits.',
    );
    expect(grade.covered).not.toContain('translation');
  });

  test('question 1: "doesn\'t waste weights" is fewer parameters', () => {
    const grade = gradeRubric(rubric(1, 'advantages'), "A CNN doesn't waste weights.");
    expect(grade.covered).toContain('fewer-parameters');
  });

  test('question 1: "doesn\'t ignore which pixels are next to each other" is the spatial structure', () => {
    const grade = gradeRubric(
      rubric(1, 'advantages'),
      "A CNN doesn't ignore which pixels are next to each other.",
    );
    expect(grade.covered).toContain('spatial-hierarchy');
  });
});

describe('chat spellings', () => {
  test('question 3: "ur" before the object is a possessive, not another object ("shrink ur pics")', () => {
    // Smaller input images: one of the five remedies, 1/5.
    const grade = gradeRubric(rubric(3, 'remedies'), 'downscale ur pics');
    expect(grade.covered).toEqual(['smaller-input']);
    expect(grade.score).toBe(0.2);
  });
});

describe('more ways of saying a concept (practice set e and h phrasings, new sentences)', () => {
  test('question 1: a filter "copy-pasted" over the image is one shared kernel: fewer parameters', () => {
    const grade = gradeRubric(
      rubric(1, 'advantages'),
      'the same lil filter is copy-pasted across the whole img',
    );
    expect(grade.covered).toEqual(['fewer-parameters']);
  });

  test('question 1: a filter that "slides" is not read as fewer parameters', () => {
    // Sliding is how a feature is found anywhere; a teacher reads no parameter count in it.
    const grade = gradeRubric(rubric(1, 'advantages'), "A CNN's filters slide over the image.");
    expect(grade.covered).not.toContain('fewer-parameters');
  });

  test('question 3: "half the number of filters" is fewer filters (1 of 5)', () => {
    const grade = gradeRubric(rubric(3, 'remedies'), 'half the number of filters');
    expect(grade.covered).toEqual(['filters']);
    expect(grade.score).toBe(0.2);
  });

  test('question 5: "early convs" is where LRN goes (1 of 3)', () => {
    const grade = gradeRubric(rubric(5, 'when'), 'early convs.');
    expect(grade.covered).toEqual(['where']);
  });

  test('question 5: maps that do not all learn the same thing specialise (its opposite denied)', () => {
    const grade = gradeRubric(rubric(5, 'when'), "LRN means the maps don't all learn the same thing.");
    expect(grade.covered).toEqual(['specialise']);
  });

  test('question 5: the strongest map that "drowns out" its neighbours is lateral inhibition', () => {
    const grade = gradeRubric(
      rubric(5, 'when'),
      'The map that fires strongest drowns out its neighbouring maps.',
    );
    expect(grade.covered).toEqual(['inhibition']);
  });

  test('question 6: "separates the spatial patterns and the patterns between channels" (Xception, 1 of 10)', () => {
    const grade = gradeRubric(
      rubric(6, 'innovations'),
      'Xception: it separates the spatial patterns and the patterns between channels.',
    );
    expect(grade.covered).toEqual(['xception-separately']);
  });

  test('question 6: "a per-channel spatial filter, then a 1×1" is the two steps kept apart (Xception)', () => {
    const grade = gradeRubric(
      rubric(6, 'innovations'),
      'Xception: a per-channel spatial filter, then a 1×1 across channels.',
    );
    // The two steps in order are also the depthwise separable convolution itself (Chollet 2017),
    // its other point: practice sets e and i's teachers credit both for such a sentence.
    expect(grade.covered).toEqual(['xception-separable', 'xception-separately']);
  });

  test('question 7: "zero dense layers" is only convolutional layers (1 of 4)', () => {
    const grade = gradeRubric(rubric(7, 'what-and-how'), 'a cnn w/ zero dense layers');
    expect(grade.covered).toEqual(['only-conv']);
    expect(grade.score).toBe(0.25);
  });
});

describe('question 3: memory held by other processes, said by checking or by denying its opposite', () => {
  test('"make sure no other process is holding GPU memory" frees it (1 of 5)', () => {
    const grade = gradeRubric(rubric(3, 'remedies'), 'make sure no other process is holding GPU memory');
    expect(grade.covered).toEqual(['free-memory']);
    expect(grade.score).toBe(0.2);
  });

  test('"don\'t leave other programs running on the GPU" frees it (its opposite denied)', () => {
    const grade = gradeRubric(rubric(3, 'remedies'), "don't leave other programs running on the GPU");
    expect(grade.covered).toEqual(['free-memory']);
  });

  test('"leave the other programs running on the GPU" is no remedy (its opposite asserted)', () => {
    const grade = gradeRubric(rubric(3, 'remedies'), 'leave the other programs running on the GPU');
    expect(grade.covered).toEqual([]);
  });
});

describe("question 6: ResNet's skip connection said by what it does", () => {
  test('"adds a block\'s input to its output"', () => {
    const grade = gradeRubric(rubric(6, 'innovations'), "ResNet adds each block's input to its output.");
    expect(grade.covered).toEqual(['resnet-skip']);
  });

  test('"a highway around each block"', () => {
    const grade = gradeRubric(rubric(6, 'innovations'), 'ResNet: every block gets a highway around it.');
    expect(grade.covered).toEqual(['resnet-skip']);
  });
});

describe("wrong answers that use a concept's words for something else (its opposite, as data)", () => {
  test('question 4: pooling and a strided conv "equally invariant" gives no reason to prefer pooling', () => {
    const grade = gradeRubric(
      rubric(4, 'why'),
      'Max pooling and a strided conv are equally invariant to small shifts.',
    );
    expect(grade.covered).toEqual([]);
  });

  test("question 5: inhibiting the nearby pixels of its own map is not LRN's inhibition", () => {
    // LRN inhibits the same position in the neighbouring maps (Krizhevsky et al. 2012).
    const grade = gradeRubric(rubric(5, 'when'), 'Each neuron inhibits the nearby pixels of its own map.');
    expect(grade.covered).toEqual([]);
  });

  test('question 5: the same spot in the neighbouring maps is still inhibition', () => {
    const grade = gradeRubric(
      rubric(5, 'when'),
      'A strong neuron inhibits the neurons at the same spot in the neighbouring maps.',
    );
    expect(grade.covered).toEqual(['inhibition']);
  });

  test('question 8: max pooling that "upsamples" is no upsampling', () => {
    // Max pooling shrinks the map; it brings no resolution back.
    const grade = gradeRubric(rubric(8, 'difficulty'), 'Max pooling layers upsample the map back.');
    expect(grade.covered).toEqual([]);
  });

  test('question 8: skip connections against vanishing gradients bring back no detail', () => {
    const grade = gradeRubric(
      rubric(8, 'difficulty'),
      'Vanishing gradients are the problem, so add skip connections.',
    );
    expect(grade.covered).toEqual([]);
  });
});

describe('a method told through the paper that introduced it', () => {
  test('question 8: "the FCN paper upsampled with transposed convolutions" is the upsampling', () => {
    // The paper stands for its network: what it did is what the network does (1 of 3).
    const grade = gradeRubric(
      rubric(8, 'difficulty'),
      'The FCN paper upsampled with transposed convolutions.',
    );
    expect(grade.covered).toEqual(['upsample']);
  });
});

describe('stop 26, third round: chat modifiers and more sayings of a concept', () => {
  test('question 1: "way" as an intensifier is no object between the model and "smaller"', () => {
    // "way smaller" is "much smaller": a smaller model is fewer weights.
    const grade = gradeRubric(rubric(1, 'advantages'), 'A CNN model turns out way smaller.');
    expect(grade.covered).toEqual(['fewer-parameters']);
  });

  test('question 1: "lil" (little) between "same" and "kernel" is no object', () => {
    // "the same little kernel" used at every place is weight sharing.
    const grade = gradeRubric(rubric(1, 'advantages'), 'The same lil kernel is used over the picture.');
    expect(grade.covered).toEqual(['fewer-parameters']);
  });

  test('question 1: "no need for a weight per pixel" denies one weight per place: fewer parameters', () => {
    const grade = gradeRubric(rubric(1, 'advantages'), 'A CNN does not need a weight per pixel.');
    expect(grade.covered).toEqual(['fewer-parameters']);
  });

  test('question 1: "a CNN keeps one weight per position" is the opposite of shared weights', () => {
    // Said of the CNN itself, one weight per position is no sharing: no credit.
    const grade = gradeRubric(rubric(1, 'advantages'), 'A CNN keeps one weight per position.');
    expect(grade.covered).toEqual([]);
  });

  test('question 1: a CNN that "respects the locality" of the image uses the 2-D structure', () => {
    // Using which pixels sit next to which is using the image's layout (the spatial-hierarchy point).
    const grade = gradeRubric(rubric(1, 'advantages'), 'A CNN respects the locality of the image.');
    expect(grade.covered).toEqual(['spatial-hierarchy']);
  });

  test('question 6: GoogLeNet convolutions "side by side", then "joined", is the inception module', () => {
    // Szegedy 2015, fig. 2: branches in parallel whose outputs are concatenated (1 GoogLeNet point).
    const grade = gradeRubric(
      rubric(6, 'innovations'),
      'GoogLeNet puts 3x3 and 5x5 convolutions side by side, then the outputs are joined.',
    );
    expect(grade.covered).toEqual(['googlenet-inception']);
  });

  test('question 6: AlexNet "scaled up" is its size', () => {
    // Krizhevsky 2012 took LeNet-5's design and made it much larger and deeper.
    const grade = gradeRubric(rubric(6, 'innovations'), 'AlexNet scaled the LeNet design up.');
    expect(grade.covered).toEqual(['alexnet-size']);
  });

  test('question 6: AlexNet "a huge network" is its size', () => {
    const grade = gradeRubric(rubric(6, 'innovations'), 'AlexNet was a huge network for its time.');
    expect(grade.covered).toEqual(['alexnet-size']);
  });

  test('question 6: AlexNet "more deep" (non-native comparative) is its size', () => {
    const grade = gradeRubric(rubric(6, 'innovations'), 'AlexNet is more deep than LeNet.');
    expect(grade.covered).toEqual(['alexnet-size']);
  });

  test('question 6: AlexNet "scaled down" is the opposite of its size', () => {
    // Scaled down is smaller: the feedback names the point it goes against.
    const grade = gradeRubric(rubric(6, 'innovations'), 'AlexNet scaled the LeNet design down.');
    expect(grade.covered).toEqual([]);
    expect(grade.feedback.join(' ')).toContain('contradicts: AlexNet: much larger and deeper');
  });
});

describe('question 5: the neighbours raised, not lowered, is no lateral inhibition (stop 31)', () => {
  // The inhibition point names where the effect goes (neighbouring/adjacent/nearby maps) and
  // what it is: the strongest activation lowers its neighbours (Krizhevsky et al. 2012, §3.3).
  // Said with the opposite effect, in either word order, the place alone earns nothing.
  test.each([
    'Right after the first convolutions: strong neurons excite adjacent maps.',
    'LRN makes neighbouring feature maps excite each other.',
    'The strongest activations strengthen nearby maps at the same position.',
    'A strongly activated neuron boosts the neurons in neighbouring feature maps.',
    'It increases the activations of neighbouring maps.',
    // The same raising named as a noun (review 31: full marks before).
    'early layers, excitation across channels, specialised maps',
  ])('%j: inhibition not credited', (answer) => {
    expect(gradeRubric(rubric(5, 'when'), answer).covered).not.toContain('inhibition');
  });

  test.each([
    'The most excited neurons inhibit their neighbours in adjacent maps.',
    'An excited neuron suppresses the neurons at the same position in neighbouring feature maps.',
    'Strong activations damp the nearby maps at the same position.',
    // Excited less: damped (review 31).
    'Strong neurons excite adjacent maps less.',
  ])('%j: inhibition credited', (answer) => {
    expect(gradeRubric(rubric(5, 'when'), answer).covered).toContain('inhibition');
  });
});

describe('question 3: remedies in other words (stop 31)', () => {
  // Each is one of Géron's fixes (ch. 14, exercise 3) said without its usual words; the point a
  // teacher names for it is in the row.
  test.each([
    ['Process the data in smaller chunks per iteration.', 'batch'],
    ['Cut down how many samples go through the net at once.', 'batch'],
    ['Use lower-res inputs.', 'smaller-input'],
    ['Use less resolution.', 'smaller-input'],
    ['Pool aggressively at the start of the network.', 'stride'],
    // "some more" after a verb of less says it again, harder: no "more batch".
    ['Lower the batch size, then lower it some more.', 'batch'],
    ['Cut the mini-batch size a bit more.', 'batch'],
  ])('%j: %s', (answer, point) => {
    expect(gradeRubric(rubric(3, 'remedies'), answer).covered).toContain(point);
  });

  test.each([
    // Fewer images per step is the batch (how many), not smaller images (how big).
    ['Feed fewer images per training step.', 'smaller-input'],
    // A "more" that names more of the thing is still the other direction.
    ['Increase the batch size some more.', 'batch'],
    ['Use some more filters.', 'filters'],
    // The dataset's size is no batch; less pooling is no earlier downsampling; "res blocks" (review 31).
    ['Reduce how many pictures are in the dataset.', 'batch'],
    ['Stop pooling at the start.', 'stride'],
    ['Pool aggressively at the end.', 'stride'],
    ['Use lower-res blocks.', 'smaller-input'],
  ])('%j: not %s', (answer, point) => {
    expect(gradeRubric(rubric(3, 'remedies'), answer).covered).not.toContain(point);
  });
});

describe('question 1: translation said as what moving the object does not do (stop 31)', () => {
  // The object moved and the answer unharmed is the invariance (Goodfellow et al. 2016, §9.2,
  // parameter sharing gives equivariance to translation; pooling, approximate invariance).
  test.each([
    'Moving the object around does not break the prediction.',
    'Moving the object does not change the prediction.',
    'Sharing weights makes the model generalise across positions.',
  ])('%j: translation credited', (answer) => {
    expect(gradeRubric(rubric(1, 'advantages'), answer).covered).toContain('translation');
  });

  test.each([
    // What does not change must be the answer, not the weights or their count (review 31).
    'Moving the object does not change the number of parameters.',
    'Shifting the kernel does not change the weights.',
  ])('%j: translation not credited', (answer) => {
    expect(gradeRubric(rubric(1, 'advantages'), answer).covered).not.toContain('translation');
  });

  test('moving the object that breaks the prediction is its opposite', () => {
    const grade = gradeRubric(rubric(1, 'advantages'), 'Moving the object breaks the prediction.');
    expect(grade.covered).not.toContain('translation');
  });
});

describe('slang and chat forms (stop 31)', () => {
  test('a singular auxiliary is the next noun\'s own: "way less params and position doesn\'t matter" keeps the params', () => {
    // "doesn't" agrees with "position" alone; a subject of two ("params and position") takes "don't".
    const grade = gradeRubric(rubric(1, 'advantages'), 'also way less params and position doesnt matter');
    expect(grade.covered).toEqual(expect.arrayContaining(['fewer-parameters', 'translation']));
  });

  test('a shared plural predicate still denies both: "upsampling and skip connections are not needed"', () => {
    const grade = gradeRubric(
      rubric(8, 'difficulty'),
      'Resolution is lost. Upsampling and skip connections are not needed.',
    );
    expect(grade.covered).not.toContain('upsample');
    expect(grade.covered).not.toContain('skip');
  });

  test('question 4: "a tiny shift doesnt mess up the max" is the invariance', () => {
    expect(gradeRubric(rubric(4, 'why'), 'a tiny shift doesnt mess up the max').covered).toContain(
      'invariance',
    );
  });

  test.each([
    ['Add it early in the network so strong neurons inhibit their neighbours.', 'where'],
    ["It isn't really used anymore.", 'superseded'],
    ['Nobody uses it today.', 'superseded'],
  ])('question 5: %j is %s', (answer, point) => {
    expect(gradeRubric(rubric(5, 'when'), answer).covered).toContain(point);
  });

  test('question 5: "early on" is a time, not the early layers', () => {
    const grade = gradeRubric(rubric(5, 'when'), 'LRN was popular early on but is not used now.');
    expect(grade.covered).not.toContain('where');
  });
});
