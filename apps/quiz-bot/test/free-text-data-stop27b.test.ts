import { describe, expect, test } from 'vitest';
import { covered } from './bank-rubric';

/*
 * Stop 27, second round (issue 18): chat-style and terse phrasings a teacher accepts, and one wrong
 * credit removed, as concept data (./src/grading/claims: synonyms.ts, paraphrases.ts, meanings.ts).
 * Each case is written for this file from the questions' prompts and Géron ch. 14 (none is taken
 * from an evaluation set); the expected concept is the one a teacher would name for the sentence,
 * worked out by reading it.
 */

describe('question 3: batch normalization is not the mini-batch', () => {
  test('batch normalization said to reduce memory earns no smaller mini-batch', () => {
    // Batch normalization is a layer (Ioffe & Szegedy 2015); it leaves the mini-batch size as it
    // is, and "reduces" here lowers the memory, not the batch.
    expect(covered(3, 'remedies', 'Switch on batch normalization; it reduces the GPU memory.')).not.toContain(
      'batch',
    );
  });

  test('batch normalization that "reduces memory" in one clause earns no smaller mini-batch', () => {
    // "reduces" takes "memory" as its object: it says how much memory, not how big the batch is.
    expect(covered(3, 'remedies', 'Batch normalization reduces memory.')).not.toContain('batch');
  });

  test('the batch size brought down to a number is the smaller mini-batch', () => {
    expect(covered(3, 'remedies', 'Cut the batch size down to 16.')).toContain('batch');
  });

  test('a terse "batch down" is the smaller mini-batch', () => {
    expect(covered(3, 'remedies', 'batch down, fp16')).toContain('batch');
  });

  test('"batch 128 -> 16" (read "down to") is the smaller mini-batch', () => {
    expect(covered(3, 'remedies', 'batch 128 -> 16')).toContain('batch');
  });
});

describe('question 1: chat-style phrasings', () => {
  test('"at the top or at the bottom, the same kernel spots it" is detection anywhere', () => {
    // Two places named, then one detector finding the thing at both: translation equivariance.
    expect(
      covered(1, 'advantages', 'A dog at the top or a dog at the bottom, the same kernel spots it.'),
    ).toContain('translation');
  });

  test('a weight paid for each pixel, denied of a CNN, is the fewer parameters', () => {
    // A dense layer has one weight per input pixel and unit; a CNN's kernel does not (Géron ch. 14).
    expect(covered(1, 'advantages', "with a CNN you don't pay for a weight per pixel")).toContain(
      'fewer-parameters',
    );
  });

  test('a weight paid for each pixel, said of a CNN, is no fewer parameters', () => {
    expect(covered(1, 'advantages', 'A CNN pays for a weight per pixel.')).not.toContain('fewer-parameters');
  });

  test('not blind to the image layout is using the 2-D structure', () => {
    expect(covered(1, 'advantages', 'A CNN is not blind to the image layout.')).toContain(
      'spatial-hierarchy',
    );
  });

  test('blind to the image layout is its opposite', () => {
    expect(covered(1, 'advantages', 'A CNN is blind to the image layout.')).not.toContain(
      'spatial-hierarchy',
    );
  });
});

describe('question 6: the innovations said by an everyday picture of them', () => {
  test.each([
    // SENet's excitation scales each channel up or down (Hu et al. 2018): a knob per channel.
    ['SENet puts a volume knob on every channel.', 'senet-recalibrate', true],
    // One volume for every channel scales none of them apart: no recalibration named.
    ['SENet: every channel gets the same volume.', 'senet-recalibrate', false],
    // The identity shortcut skips the block like an express lane skips the stops (He et al. 2016).
    ['ResNet adds express lanes around the blocks.', 'resnet-skip', true],
    // The block learns F(x) = H(x) - x, a correction added to its input (He et al. 2016, §3.1).
    ['ResNet: every block just learns a correction to its input.', 'resnet-skip', true],
    // Depthwise (each channel filtered alone), then pointwise (1×1 across channels): Chollet 2017.
    [
      'Xception: filter each channel on its own, then mix the channels with a 1x1 conv.',
      'xception-separable',
      true,
    ],
    // Several kernel sizes run side by side is the inception module (Szegedy et al. 2015, fig. 2).
    ['GoogLeNet runs 1x1, 3x3 and 5x5 convolutions side by side.', 'googlenet-inception', true],
  ] as const)('%s → %s %s', (answer, concept, credited) => {
    expect(covered(6, 'innovations', answer).includes(concept)).toBe(credited);
  });
});

describe('verbs that carry any claim: "stands out for", "debuted"', () => {
  test('"GoogLeNet stands out for the inception module" asserts the inception module', () => {
    // "stand out for X" says X is what the network is known for: the innovation asserted.
    expect(covered(6, 'innovations', 'GoogLeNet stands out for the inception module.')).toContain(
      'googlenet-inception',
    );
  });

  test('"GoogLeNet debuted inception modules" asserts them', () => {
    expect(covered(6, 'innovations', 'GoogLeNet debuted inception modules.')).toContain(
      'googlenet-inception',
    );
  });
});

describe('question 3: chat abbreviations of the remedies', () => {
  test.each([
    // "prec" is short for precision: mixed precision (Micikevicius et al. 2018).
    ['mixed prec', 'precision', true],
    // "accum" is short for accumulation: gradient accumulation over micro-batches.
    ['grad accum', 'accumulation', true],
    // "procs" are processes; ending them frees the GPU memory they hold.
    ['kill other procs on the gpu', 'free-memory', true],
    // Left running, they keep their memory: the opposite.
    ['leave the other procs running on the GPU', 'free-memory', false],
  ] as const)('%s → %s %s', (answer, concept, credited) => {
    expect(covered(3, 'remedies', answer).includes(concept)).toBe(credited);
  });
});

describe('questions 4 and 8: chat spellings of memory and of the resolution lost', () => {
  test('"less mem" is less memory', () => {
    // "mem" is short for memory; max pooling's smaller maps need less of it (Géron ch. 14).
    expect(covered(4, 'why', 'less mem')).toContain('memory');
  });

  test('"the res gets nuked by pooling" is the resolution lost', () => {
    // "res" is short for resolution, "nuked" destroyed: pooling throws the resolution away.
    expect(covered(8, 'difficulty', 'res gets nuked by pooling')).toContain('resolution-lost');
  });

  test('"the strides kill the res" is the resolution lost', () => {
    expect(covered(8, 'difficulty', 'the strides kill the res')).toContain('resolution-lost');
  });

  test('the resolution said not to be nuked is not lost', () => {
    expect(covered(8, 'difficulty', "the res doesn't get nuked")).not.toContain('resolution-lost');
  });
});
