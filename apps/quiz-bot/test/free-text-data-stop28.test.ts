import { describe, expect, test } from 'vitest';
import { compileClaim } from '../src/grading/claims/synonyms';
import { covered } from './bank-rubric';

/*
 * Stop 28 (issue 18): concept data (./src/grading/claims: paraphrases.ts, synonyms.ts). Every
 * sentence is written for this file (none is taken from an evaluation set); the expected concept is
 * the one a teacher would name for the sentence, worked out by reading it.
 */

describe('review 27, B2-B6: one-word claims now need their predicate', () => {
  test.each([
    // B2: "skips" as the noun (added, used, from the encoder, or a note's last word) is the skip
    // connections; "skips" before its object is the verb.
    [8, 'difficulty', 'Upsample with transposed convs and add skips.', 'skip', true],
    [8, 'difficulty', 'Resolution is lost; fix: upsampling + skips', 'skip', true],
    [8, 'difficulty', 'U-Net feeds skips from the encoder to the decoder.', 'skip', true],
    [8, 'difficulty', 'The decoder just skips the fine detail and upsamples.', 'skip', false],
    [8, 'difficulty', 'The network skips every other pixel when it pools.', 'skip', false],
    // B3: a heatmap the network outputs, or a heatmap of class scores, is the grid of predictions;
    // a Grad-CAM heatmap explains a classifier and says nothing of an FCN's output.
    [7, 'what-and-how', 'Fed a bigger image, the FCN outputs a heatmap.', 'uses', true],
    [7, 'what-and-how', 'What comes out is a heatmap of class probabilities.', 'uses', true],
    [7, 'what-and-how', 'Grad-CAM heatmaps show what the CNN looks at.', 'uses', false],
    // B4: several kernel sizes side by side, or on the same input, are the inception module; two
    // 3x3 convs stacked together are VGG's stacking, not GoogLeNet's branches.
    [
      6,
      'innovations',
      'GoogLeNet applies 1x1, 3x3 and 5x5 filters to the same input.',
      'googlenet-inception',
      true,
    ],
    [6, 'innovations', 'GoogLeNet uses 3x3 and 3x3 convs together.', 'googlenet-inception', false],
    // B5: what is learned at one place carrying over, or working at other places, is translation;
    // a dense net working on the whole image (at once) is not.
    [1, 'advantages', 'A pattern learned in one corner transfers to other locations.', 'translation', true],
    [1, 'advantages', 'The same detector works at every position.', 'translation', true],
    [1, 'advantages', 'A dense net works on the whole image at once.', 'translation', false],
    // B6: a count lowered by the phrasal verb, by the figure it goes down to, or by a note's
    // "X down"; "down the stack" is a place.
    [3, 'remedies', 'Knock the batch size down.', 'batch', true],
    [3, 'remedies', 'batch size down to 8', 'batch', true],
    [3, 'remedies', 'bs down, fp16', 'batch', true],
    [3, 'remedies', 'The batch flows down the network layer by layer.', 'batch', false],
    [3, 'remedies', 'The filters down the stack get more specialised.', 'filters', false],
    [3, 'remedies', 'Deeper layers down the network see more context.', 'smaller-model', false],
    [3, 'remedies', 'img size down', 'smaller-input', true],
    [3, 'remedies', 'The image goes down the network.', 'smaller-input', false],
  ] as const)('question %i (%s): %s → %s %s', (question, id, answer, concept, credited) => {
    expect(covered(question, id, answer).includes(concept)).toBe(credited);
  });

  test('"$" at the end of a claim is no slot: it marks the claim as ending its clause', () => {
    // "@batch down $": two slots (the batch list, "down"), and the end mark.
    const claim = compileClaim('@batch down $');
    expect(claim.slots.map((slot) => slot.includes('down'))).toEqual([false, true]);
    expect(claim.atEnd).toBe(true);
    expect(compileClaim('@batch down').atEnd).toBe(false);
  });

  test('an unordered claim cannot end its clause', () => {
    expect(() => compileClaim('~ batch down $')).toThrow(/unordered/);
  });
});

describe('meanings a teacher accepts, said in words the rubric did not know', () => {
  // Each positive sentence earned nothing for its concept before these entries (checked against the
  // previous paraphrases.ts); each negative one says the opposite, or the thing without its point.
  test.each([
    // Question 1, translation: a learnt feature not confined to one place is found anywhere.
    [1, 'advantages', "A learnt feature isn't confined to one spot.", 'translation', true],
    [1, 'advantages', 'What the filter picks up is not restricted to a single region.', 'translation', true],
    [1, 'advantages', 'A CNN is locked to one position.', 'translation', false],
    // Question 1, spatial structure: a CNN that cares about locality uses the layout; one said not
    // to care about it does not.
    [1, 'advantages', 'A CNN cares about locality.', 'spatial-hierarchy', true],
    [1, 'advantages', "A CNN doesn't care about locality.", 'spatial-hierarchy', false],
    // Question 4: the weights of a strided conv avoided are no parameters to learn.
    [4, 'why', 'It avoids the parameters of a strided conv.', 'no-params', true],
    // Question 4: after a small move the strongest value stays in its window (small-shift
    // invariance); staying in a window with no move named says nothing of a shift.
    [4, 'why', 'If the edge moves one pixel, the max is still in that window.', 'invariance', true],
    [4, 'why', 'The max stays in the same window.', 'invariance', false],
    // Question 5: several maps learning the same feature is what LRN prevents; said without LRN it
    // is the point, said of LRN it is the opposite.
    [5, 'when', 'Without LRN several maps end up detecting the same pattern.', 'specialise', true],
    [5, 'when', 'Without LRN many filters latch onto the same edge.', 'specialise', true],
    [5, 'when', 'LRN makes all the maps learn the same pattern.', 'specialise', false],
    // Question 6: the vanishing gradient beaten is the very deep network that trains.
    [6, 'innovations', 'ResNet: the shortcuts beat exploding gradients.', 'resnet-depth', true],
    [6, 'innovations', 'ResNet: the gradients no longer vanish.', 'resnet-depth', true],
    // Question 6: SENet gives each channel its own gain; a block added is not yet what it does.
    [6, 'innovations', 'SENet gives per-channel gains.', 'senet-recalibrate', true],
    [6, 'innovations', 'SENet adds a block to every unit.', 'senet-recalibrate', false],
  ] as const)('question %i (%s): %s → %s %s', (question, id, answer, concept, credited) => {
    expect(covered(question, id, answer).includes(concept)).toBe(credited);
  });
});

describe("question 6: ResNet's depth by its layer count, SENet's block by its two steps", () => {
  test.each([
    // ResNet: a count in the hundreds is the very deep network (LeNet-5 and AlexNet have under ten
    // layers, GoogLeNet 22; He et al. 2016 train 152).
    ['ResNet: you can stack 150 blocks.', 'resnet-depth', true],
    ['ResNet made 100+ layer nets trainable.', 'resnet-depth', true],
    ['ResNet has 34 layers.', 'resnet-depth', false],
    // SENet (Hu et al. 2018): each map pooled to one number, then a small dense network with a
    // sigmoid; the pooling alone is GoogLeNet's global average pooling, no SE block.
    ['SENet: global average pooling, then a tiny MLP with a sigmoid.', 'senet-block', true],
    ['SENet: summarises each channel then feeds a sigmoid gate.', 'senet-block', true],
    ['SENet: global average pooling.', 'senet-block', false],
  ] as const)('%s → %s %s', (answer, concept, credited) => {
    expect(covered(6, 'innovations', answer).includes(concept)).toBe(credited);
  });
});

describe('review 27 B5: "res" is the resolution only where it is used as one', () => {
  test.each([
    // "res" ending its phrase, or before the figure it goes to, is the image resolution lowered.
    ['Lower the res.', 'smaller-input', true],
    ['drop res to 128', 'smaller-input', true],
    ['img res down, fp16', 'smaller-input', true],
    // "res blocks" are ResNet's residual blocks: fewer of them is a smaller model, no smaller image.
    ['Use fewer res blocks.', 'smaller-input', false],
    ['Cut the res blocks.', 'smaller-input', false],
  ] as const)('%s → %s %s', (answer, concept, credited) => {
    expect(covered(3, 'remedies', answer).includes(concept)).toBe(credited);
  });
});

describe('more meanings, each sentence earning nothing for its concept before (checked by hand)', () => {
  test.each([
    // Question 7: the classifier swept over the large image gives a prediction per window.
    [7, 'what-and-how', 'It sweeps the network across the large image.', 'uses', true],
    [7, 'what-and-how', "The input doesn't have to be 224x224 anymore.", 'any-size', true],
    [7, 'what-and-how', 'The input must be 224x224.', 'any-size', false],
    // Question 3: crops of the images are a smaller input; parts of the model on different GPUs
    // are the model distributed; the whole model on one GPU is not.
    [3, 'remedies', 'Train on random crops.', 'smaller-input', true],
    [3, 'remedies', 'Put some layers on one GPU and the rest on another.', 'distribute', true],
    [3, 'remedies', 'Put the whole model on one GPU.', 'distribute', false],
    // Question 5: batch norm taking over is LRN superseded; still used today is not.
    [5, 'when', 'Batch norm took over its job.', 'superseded', true],
    [5, 'when', 'People still use it today.', 'superseded', false],
    // Question 8: the detail crushed by pooling is the resolution lost; connections named by the
    // early layers they come from are the skip connections.
    [8, 'difficulty', 'Pooling crushes the detail.', 'resolution-lost', true],
    [8, 'difficulty', 'Links from the early layers restore the edges.', 'skip', true],
    [8, 'difficulty', 'Links between pixels of the same class matter.', 'skip', false],
  ] as const)('question %i (%s): %s → %s %s', (question, id, answer, concept, credited) => {
    expect(covered(question, id, answer).includes(concept)).toBe(credited);
  });
});

describe('plain and non-native phrasings (each earned nothing for its concept before)', () => {
  test.each([
    // Question 1: an MLP's "bag of numbers" is the layout thrown away (the contrast); denied of a
    // CNN it is the point, said of a CNN it is wrong.
    [
      1,
      'advantages',
      'MLPs treat pixels like a bag of numbers, convnets know which ones are neighbours.',
      'spatial-hierarchy',
      true,
    ],
    [1, 'advantages', "A CNN doesn't treat the image as a bag of pixels.", 'spatial-hierarchy', true],
    [1, 'advantages', 'A CNN treats the image as a bag of pixels.', 'spatial-hierarchy', false],
    // Question 3: "downsize" is a verb of making smaller.
    [3, 'remedies', 'downsize the pics', 'smaller-input', true],
    // Question 4: memory not used is memory saved; memory used is not.
    [4, 'why', "max pool don't use memory for weights", 'memory', true],
    [4, 'why', 'Max pooling uses memory.', 'memory', false],
    // Question 7: a prediction per region of the image is the grid of predictions.
    [7, 'what-and-how', 'It gives one prediction per region of the image.', 'uses', true],
    [7, 'what-and-how', 'It gives one prediction for the whole image.', 'uses', false],
  ] as const)('question %i (%s): %s → %s %s', (question, id, answer, concept, credited) => {
    expect(covered(question, id, answer).includes(concept)).toBe(credited);
  });
});

describe('question 6 in plain words (each earned nothing for its concept before)', () => {
  test.each([
    // Global average pooling is each final map averaged to one number (Lin et al. 2014).
    ['GoogLeNet averages each final map instead of big dense layers.', 'googlenet-gap', true],
    ['GoogLeNet uses big dense layers at the end.', 'googlenet-gap', false],
    // Auxiliary classifiers are extra classifiers partway through (Szegedy et al. 2015, sec. 5).
    ['GoogLeNet added extra classifiers halfway through to help the gradients.', 'googlenet-aux', true],
    ['GoogLeNet has a single classifier at the end.', 'googlenet-aux', false],
    // The SE block is plugged into every existing unit (Hu et al. 2018).
    ['SENet adds a little block to every residual unit.', 'senet-block', true],
    // Each channel turned up or down is the recalibration.
    ['SENet turns up useful channels and turns down useless ones.', 'senet-recalibrate', true],
  ] as const)('%s → %s %s', (answer, concept, credited) => {
    expect(covered(6, 'innovations', answer).includes(concept)).toBe(credited);
  });
});

describe('questions 4, 5 and 8 by mechanism and effect (each earned nothing for its concept before)', () => {
  test.each([
    // Question 4: a hard-coded operation learns nothing; comparing is all pooling computes; less
    // room to memorise the training set is less overfitting; a move the output barely notices is
    // the small-shift invariance.
    [4, 'why', 'It is a hard-coded operation.', 'no-params', true],
    [4, 'why', 'No multiplications, just comparisons.', 'compute', true],
    [4, 'why', 'It needs many multiplications.', 'compute', false],
    [4, 'why', 'Fewer things to learn means less chance to memorise the training set.', 'overfitting', true],
    [4, 'why', 'Jiggle the picture a little and the pooled map barely notices.', 'invariance', true],
    // Question 5: calming the neighbours down is inhibiting them ("calm" joins the inhibit list);
    // better on the test set is generalising, a lower training loss is not.
    [5, 'when', 'When one channel goes crazy it calms down its neighbours.', 'inhibition', true],
    [5, 'when', 'It helps a bit on the test set.', 'generalisation', true],
    [5, 'when', 'It helps the training loss go down.', 'generalisation', false],
    // Question 8: an output as big as the input is a prediction per pixel; early features sent to
    // the decoder are the skip connections.
    [8, 'difficulty', 'The output has to be as big as the input.', 'per-pixel', true],
    [8, 'difficulty', 'Copy the early high-res features over to the decoder.', 'skip', true],
  ] as const)('question %i (%s): %s → %s %s', (question, id, answer, concept, credited) => {
    expect(covered(question, id, answer).includes(concept)).toBe(credited);
  });
});

describe('questions 1 and 7, more plain phrasings (each earned nothing for its concept before)', () => {
  test.each([
    // Question 1: a wider area seen layer by layer is the hierarchy; fewer knobs to tune are fewer
    // parameters; a dense net blowing up in size is the contrast (its weight count explodes).
    [
      1,
      'advantages',
      'Each layer sees a slightly bigger chunk of the image than the one before.',
      'spatial-hierarchy',
      true,
    ],
    [1, 'advantages', 'Way fewer knobs to tune.', 'fewer-parameters', true],
    [1, 'advantages', 'Dense nets blow up in size on images.', 'fewer-parameters', true],
    [1, 'advantages', 'A CNN blows up in size on images.', 'fewer-parameters', false],
    // Question 7: the classification head made convolutional; the kernel by the map's height and
    // width; the dense layer's own weights moved into the kernel (not "more weights"); any image
    // above a minimum size.
    [7, 'what-and-how', 'Swap the classification head for convs.', 'only-conv', true],
    [
      7,
      'what-and-how',
      'The kernel has the same height and width as the incoming feature map.',
      'kernel-size',
      true,
    ],
    [7, 'what-and-how', 'Put the dense weights into the conv kernel.', 'weights-copied', true],
    [7, 'what-and-how', 'Put more weights in the conv.', 'weights-copied', false],
    [7, 'what-and-how', 'Works on any image at least as big as the training ones.', 'any-size', true],
    [7, 'what-and-how', 'It works on any image.', 'any-size', false],
  ] as const)('question %i (%s): %s → %s %s', (question, id, answer, concept, credited) => {
    expect(covered(question, id, answer).includes(concept)).toBe(credited);
  });
});

describe('a stride pushed harder, and convolutions "with holes" (each earned nothing before)', () => {
  test.each([
    // Question 3: striding more aggressively early is the larger stride.
    [3, 'remedies', 'Stride more aggressively in the first layers.', 'stride', true],
    // Question 8: "à trous" is French for "with holes": a holey convolution is a dilated one.
    [8, 'difficulty', 'Holey convolutions keep the map big.', 'dilated', true],
    [8, 'difficulty', 'Gappy kernels.', 'dilated', true],
    [8, 'difficulty', 'Skip connections fill the holes in the mask.', 'dilated', false],
  ] as const)('question %i (%s): %s → %s %s', (question, id, answer, concept, credited) => {
    expect(covered(question, id, answer).includes(concept)).toBe(credited);
  });
});

describe('question 1 by effect and mechanism, the meanings set m asked for (each earned nothing before)', () => {
  test.each([
    // Translation: found again in an image it was not learnt on; the same answer after a move (a
    // different answer after the move is the opposite).
    [
      'Once a CNN has learnt what a wheel looks like, it finds wheels in a different image too.',
      'translation',
      true,
    ],
    ['Move the bird to the left and the classifier still says bird.', 'translation', true],
    ['Move the bird to the left and the classifier says plane.', 'translation', false],
    // Relearning a pattern at every position is the opposite (denied, the point: covered by the
    // eval rows of set b; asserted of a CNN, wrong).
    ['A CNN relearns the pattern at every position.', 'translation', false],
    // Spatial structure: adjacent pixels grouped; filters that match how photos are structured; an
    // MLP's unrelated inputs (the contrast); a CNN said to treat them as unrelated is wrong.
    ['It groups adjacent pixels together.', 'spatial-hierarchy', true],
    ['Its local filters match how photos are structured.', 'spatial-hierarchy', true],
    ['An MLP sees each pixel as an unrelated input.', 'spatial-hierarchy', true],
    ['A CNN treats the pixels as unrelated inputs.', 'spatial-hierarchy', false],
  ] as const)('%s → %s %s', (answer, concept, credited) => {
    expect(covered(1, 'advantages', answer).includes(concept)).toBe(credited);
  });
});

describe('question 3 in chat and plain words, the meanings set m asked for (each earned nothing before)', () => {
  test.each([
    // "chop" cuts, "smol" is small (chat).
    ['Chop the mini-batch in half.', 'batch', true],
    ['make the input pics smol', 'smaller-input', true],
    // A strided conv at the start shrinks the maps early; one at the end saves little.
    ['Put a strided conv right at the beginning.', 'stride', true],
    ['Put a strided conv at the end.', 'stride', false],
    // "nuke the stale procs": the other processes killed.
    ['Nuke the stale procs hogging the card.', 'free-memory', true],
    // A less complex model is a smaller one; a less noisy dataset is no model at all.
    ['Use a less complex model.', 'smaller-model', true],
    ['Use a less noisy dataset.', 'smaller-model', false],
  ] as const)('%s → %s %s', (answer, concept, credited) => {
    expect(covered(3, 'remedies', answer).includes(concept)).toBe(credited);
  });
});

describe('question 5, the meanings set m asked for (each earned nothing before)', () => {
  test.each([
    // The strongest making its neighbours quieter is the inhibition; louder is the opposite effect.
    ['The loudest neuron makes the ones beside it quieter.', 'inhibition', true],
    ['The loudest neuron makes the ones beside it louder.', 'inhibition', false],
    // New features explored, each map with its own kind of feature: the maps specialise; maps made
    // more similar do not; each neuron's own map (a pixel-wise inhibition) names no specialising.
    ['The network explores new features.', 'specialise', true],
    ['Each one picks its own kind of feature.', 'specialise', true],
    ['The maps become more similar.', 'specialise', false],
    ['Each neuron inhibits pixels in its own feature map.', 'specialise', false],
  ] as const)('%s → %s %s', (answer, concept, credited) => {
    expect(covered(5, 'when', answer).includes(concept)).toBe(credited);
  });
});

describe('questions 6 to 8, the meanings set m asked for (each earned nothing before)', () => {
  test.each([
    // Dropout by what it does: units switched off at random (pooling turned off is no dropout).
    [6, 'innovations', 'AlexNet randomly turned off units while training.', 'alexnet-regularisation', true],
    [6, 'innovations', 'AlexNet turned off the pooling after some convs.', 'alexnet-regularisation', false],
    // SENet's gates computed from pooled maps are its block.
    [6, 'innovations', 'SENet: gates computed from globally averaged maps.', 'senet-block', true],
    // Question 7: one-pixel-wide filters are 1x1 convolutions; "conv h×w" is the kernel as the map.
    [7, 'what-and-how', 'Higher dense layers turn into one-pixel-wide filters.', 'one-by-one', true],
    [7, 'what-and-how', 'dense → conv h×w', 'kernel-size', true],
    [7, 'what-and-how', 'first dense -> conv, kernel = 3x3', 'kernel-size', false],
    // Question 8: the image shrunk many times over, a chunky mask: the resolution lost.
    [8, 'difficulty', 'The encoder shrinks the image 16x.', 'resolution-lost', true],
    [8, 'difficulty', 'The mask comes out chunky.', 'resolution-lost', true],
    [8, 'difficulty', 'The mask comes out sharp.', 'resolution-lost', false],
  ] as const)('question %i (%s): %s → %s %s', (question, id, answer, concept, credited) => {
    expect(covered(question, id, answer).includes(concept)).toBe(credited);
  });
});

describe('question 8: the picture said to get very small (earned nothing before)', () => {
  test.each([
    ['The picture gets really small after the strides.', 'resolution-lost', true],
    ['The picture gets really sharp after the upsampling.', 'resolution-lost', false],
  ] as const)('%s → %s %s', (answer, concept, credited) => {
    expect(covered(8, 'difficulty', answer).includes(concept)).toBe(credited);
  });
});

/*
 * Review 28 (grading), items 2, 3, 6-9, 11, 22, 24, 25: the reviewer's sentence that the paraphrase
 * data credited wrongly, and sentences of my own that vary what was changed or whom the claim is
 * said of. Each expected value is worked out by reading the sentence against the concept.
 */
describe('review 28: what was changed, and whom it is said of', () => {
  test.each([
    // Item 2 (q1 translation): the same answer after a MOVE of the object (a place or a distance
    // after the verb); changing the dataset, the bias or the GPU moves nothing in the image.
    [1, 'advantages', 'If you change the dataset the model still outputs ten classes.', 'translation', false],
    [1, 'advantages', 'If you shift the bias, the model still says cat.', 'translation', false],
    [
      1,
      'advantages',
      'If you move to a bigger GPU the network still predicts the same.',
      'translation',
      false,
    ],
    [1, 'advantages', 'Shift the digit a few pixels and the network still says 7.', 'translation', true],
    [1, 'advantages', 'Shift the dog a bit and it still finds the dog.', 'translation', true],
    // Item 3 (q4 invariance): indifference to a move said of what pooling gives (its map, its max);
    // said of the strided conv it is the other thing of the contrast; a change of the kernel is no
    // move of the input.
    [4, 'why', 'Jiggle the picture and the strided conv barely notices.', 'invariance', false],
    [4, 'why', 'Nudge the input and the strided conv hardly reacts.', 'invariance', false],
    [4, 'why', 'Nudge the input and the max hardly reacts.', 'invariance', true],
    [4, 'why', 'If the edge moves a pixel, the max is still in that window.', 'invariance', true],
    // Item 6 (q1 fewer parameters): "smaller" with no standard, or said of the maps, is no weight
    // count; smaller than the dense net, or the stored checkpoint smaller, is.
    [1, 'advantages', 'The network is smaller.', 'fewer-parameters', false],
    [1, 'advantages', 'The feature maps of the network get smaller with depth.', 'fewer-parameters', false],
    [1, 'advantages', 'A CNN is way smaller than an MLP.', 'fewer-parameters', true],
    // Item 9 (q5 generalisation): the gain on held-out data said of LRN ("it"), not of dropout, and
    // not a speed-up of training on some images.
    [5, 'when', 'Dropout helps on the test set.', 'generalisation', false],
    [5, 'when', 'LRN helps speed up training on new images.', 'generalisation', false],
    [5, 'when', 'It improved accuracy on unseen images.', 'generalisation', true],
    // Better test accuracy said of dropout is dropout's gain; LRN's top-1 gain (AlexNet) is LRN's.
    [5, 'when', 'Dropout gives better test accuracy.', 'generalisation', false],
    [5, 'when', 'It slightly improved top-1 accuracy.', 'generalisation', true],
    // Item 7 (q8 dilated): the plain names have the opposite of the Latin one: a dilated (holey,
    // spaced-out, atrous) convolution keeps the resolution, so one said to lose it is wrong.
    [8, 'difficulty', 'Spaced-out filters lose resolution.', 'dilated', false],
    [8, 'difficulty', 'Dilated convolutions lose resolution.', 'dilated', false],
    [8, 'difficulty', 'Holey convs shrink the maps.', 'dilated', false],
    // Item 8 (q7 uses): a heatmap or a map of scores as what the FCN (or "it") gives; Grad-CAM's
    // heatmap explains a classifier.
    [
      7,
      'what-and-how',
      'Grad-CAM outputs a heatmap of class scores to explain the classifier.',
      'uses',
      false,
    ],
    [7, 'what-and-how', 'Grad-CAM gives a map of class scores.', 'uses', false],
    [7, 'what-and-how', 'You get a heatmap of class scores.', 'uses', true],
    // Item 11 (q3): "down the stack" is a place, not a count lowered; "down" at the end, or with
    // the figure it goes down to, is.
    [
      3,
      'remedies',
      'The gradient flows down the network, bring layers down the stack.',
      'smaller-model',
      false,
    ],
    [3, 'remedies', 'Push the batch down the pipeline.', 'batch', false],
    [3, 'remedies', 'Bring the layers down to 8.', 'smaller-model', true],
    [3, 'remedies', 'Push the filters down to 32.', 'filters', true],
  ] as const)('question %i (%s): %s → %s %s', (question, id, answer, concept, credited) => {
    expect(covered(question, id, answer).includes(concept)).toBe(credited);
  });
});

describe('review 28, item 22: one filter per dense unit said by a word of equality', () => {
  test.each([
    // The two counts said equal: one filter per unit (Géron ch. 14, the FCN conversion).
    ['The number of filters equals the number of units.', true],
    ['#filters equal to #units', true],
    // A filter count set to a figure names no unit count; a filter's size the same as the map is
    // the kernel size, with the units only counted after it.
    ['The first dense becomes a conv, with #filters equal to 64.', false],
    ['The filters have the same size as the input map, and there are 4096 units.', false],
  ] as const)('%s → filters-units %s', (answer, credited) => {
    expect(covered(7, 'what-and-how', answer).includes('filters-units')).toBe(credited);
  });
});

describe('review 28, item 25: a plain name of dilated convolutions is a name, as "dilated convolutions" is', () => {
  // Policy: a noun phrase that names the technique earns it as its Latin name does ("Dilated
  // kernels." is credited by the concept's pattern), whatever word names the holes; a bare adjective
  // with no conv/kernel/filter names nothing. A comma list of names is graded as such a list of the
  // Latin names is (each name a name; the keyword-list check judges the answer as a whole).
  test.each([
    ['Dilated kernels.', true],
    ['Gappy kernels.', true],
    ['Gappy.', false],
    ['dilated convs, skip connections, transposed convs', true],
    ['gappy kernels, holey convs, skips', true],
  ] as const)('%s → dilated %s', (answer, credited) => {
    expect(covered(8, 'difficulty', answer).includes('dilated')).toBe(credited);
  });
});

describe('review 28, items 10, 15 and 18: patches of the image, the dense net contrast, indifference', () => {
  test.each([
    // Item 10 (q3): training on patches of the image is a smaller input; patches of code are not.
    [3, 'remedies', 'Train on patches of the image.', 'smaller-input', true],
    [3, 'remedies', 'Train with patches of the code.', 'smaller-input', false],
    // Item 15 (q1): unrelated inputs said of a dense network is the contrast (the point); said of a
    // CNN it is wrong (the row above in this file).
    [
      1,
      'advantages',
      'A dense network treats neighbouring pixels as unrelated inputs.',
      'spatial-hierarchy',
      true,
    ],
    [1, 'advantages', 'Dense nets treat neighbouring pixels as unrelated inputs.', 'spatial-hierarchy', true],
    // Item 18 (q4): the indifference first, the move after, read with the indifference's subject:
    // max pooling's is the point; the strided conv's is the other thing of the contrast.
    [4, 'why', 'Max pooling barely reacts to a small shift.', 'invariance', true],
    [4, 'why', "The strided conv doesn't react to shifts.", 'invariance', false],
  ] as const)('question %i (%s): %s → %s %s', (question, id, answer, concept, credited) => {
    expect(covered(question, id, answer).includes(concept)).toBe(credited);
  });
});
