import { describe, expect, test } from 'vitest';
import { foldCase } from '../src/grading/claims/analysis';
import { covers } from './bank-rubric';

/*
 * Issue 18, stop 27 (third round): constructions of negation read by a general rule. Each row is an
 * answer written for this file (none is from a labelled evaluation set), with the concept a careful
 * teacher credits or refuses in it and why. Each rule's rows were checked to fail with the rule
 * taken out of the grader (the mutant planted by hand: the rule's pattern made to match nothing).
 */

describe('"no longer" denies what follows it, as "not" does', () => {
  test.each([
    // The rewrite by hand: "no longer" → "not", the rest as written.
    ['The size is no longer fixed.', 'The size is not fixed.'],
    ['A shift no longer changes it.', 'A shift not changes it.'],
  ])('%j is read as %j', (written, read) => {
    expect(foldCase(written)).toBe(read);
  });

  test('"no longer than" compares, and is kept', () => {
    expect(foldCase('a kernel no longer than 3 pixels')).toBe('a kernel no longer than 3 pixels');
  });

  test('an FCN: "the input size is no longer fixed" is any input size (question 7)', () => {
    // A size that is not fixed is any size: the claim "input size … not fixed".
    expect(covers(7, 'With only convolutions, the input size is no longer fixed.')).toContain('any-size');
  });

  test('pooling: "a small shift no longer changes the output" is invariance (question 4)', () => {
    // A small shift that does not change the output: the claim of invariance, its "not" its own.
    expect(
      covers(4, 'After max pooling, a small shift of the input no longer changes the output.'),
    ).toContain('invariance');
  });
});

describe('"neither X nor Y" denies each of the two', () => {
  test.each([
    // The rewrite by hand: "neither" → "no", "nor" → "and no".
    ['It has neither weights nor biases.', 'It has no weights and no biases.'],
    ['Neither A nor B; nor C.', 'no A and no B; nor C.'],
  ])('%j is read as %j', (written, read) => {
    expect(foldCase(written)).toBe(read);
  });

  test('a "nor" with no "neither" before it in its sentence is kept', () => {
    expect(foldCase('It is not slow, nor is it big.')).toBe('It is not slow, nor is it big.');
  });

  test('pooling "has neither weights nor biases": no parameters (question 4)', () => {
    // No weights and no biases is no parameters.
    expect(covers(4, 'A max pooling layer has neither weights nor biases.')).toContain('no-params');
  });

  test('pooling "learns neither weights nor biases": no parameters, said with another verb', () => {
    expect(covers(4, 'Pooling learns neither weights nor biases, it just takes a max.')).toContain(
      'no-params',
    );
  });
});

describe('a negated verb of having or using with "any" says there is none', () => {
  test.each([
    // The rewrite by hand: the "n't"/"not" dropped, "any" read as "no", the verb kept.
    ["It doesn't use any dense layers.", 'It does use no dense layers.'],
    ['There are not any weights.', 'There are no weights.'],
    ["They didn't need any labels.", 'They did need no labels.'],
  ])('%j is read as %j', (written, read) => {
    expect(foldCase(written)).toBe(read);
  });

  test.each([
    // Another verb, or a modal: kept as written.
    "It doesn't help any.",
    "It can't have any weights.",
  ])('%j is left alone', (written) => {
    expect(foldCase(written)).toBe(written);
  });

  test('an FCN "doesn\'t use any dense layers": only convolutions (question 7)', () => {
    // No dense layer is the concept "only convolutional layers" said by what is left out.
    expect(covers(7, "A fully convolutional network doesn't use any dense layers.")).toContain('only-conv');
  });

  test('"there aren\'t any dense layers": only convolutions, said with "be"', () => {
    expect(covers(7, "In an FCN there aren't any dense layers at all.")).toContain('only-conv');
  });

  test('a wrong claim stays wrong: "pooling doesn\'t save any memory" earns no memory', () => {
    // "does save no memory" still denies the saving: the claim of less memory is not made.
    expect(covers(4, "Pooling doesn't save any memory.")).not.toContain('memory');
  });
});

describe('a denied "much" or "many" right before the thing says less of it', () => {
  test('"pooling doesn\'t use much memory": less memory (question 4)', () => {
    // "not much memory" is little memory: the concept "less memory", its negation its own.
    expect(covers(4, "Pooling doesn't use much memory.")).toContain('memory');
  });

  test('"it doesn\'t cost much compute": less computation (question 4)', () => {
    expect(covers(4, "A max pool doesn't cost much compute.")).toContain('compute');
  });

  test('"doesn\'t save much memory" is no saving of memory: not credited (question 4)', () => {
    // Saving is no verb of the list: the negation stands, and denies the saving.
    expect(covers(4, "Pooling doesn't save much memory.")).not.toContain('memory');
  });
});

describe('a cost denied is a low cost', () => {
  test.each([
    // The rewrite by hand: "isn't"/"is not" + the cost adjective → "is" + "cheap", the degree kept.
    ["It isn't expensive to compute.", 'It is cheap to compute.'],
    ['They are not computationally costly.', 'They are computationally cheap.'],
  ])('%j is read as %j', (written, read) => {
    expect(foldCase(written)).toBe(read);
  });

  test('"pooling isn\'t expensive to compute": less computation (question 4)', () => {
    // A cheap computation is the concept of less compute than the strided convolution.
    expect(covers(4, "A max pooling layer isn't expensive to compute.")).toContain('compute');
  });
});

describe('"no X, just Y": what is left once the denied thing is taken out is said', () => {
  test('GoogLeNet "has no dense layers at the end, just global average pooling" (question 6)', () => {
    // "just global average pooling" says "only global average pooling": GoogLeNet's GAP.
    expect(covers(6, 'GoogLeNet has no dense layers at the end, just global average pooling.')).toContain(
      'googlenet-gap',
    );
  });
});

describe('the counterclaim "tied to one input size" denied right before it is any input size', () => {
  test('"an FCN isn\'t limited to one input size" (question 7)', () => {
    // Not limited to one size is any size: the concept, its negation its own.
    expect(covers(7, "A fully convolutional network isn't limited to one input size.")).toContain('any-size');
  });

  test('"it is never tied to a single resolution": the same, with "never" (question 7)', () => {
    expect(covers(7, 'Being all convolutions, it is never tied to a single resolution.')).toContain(
      'any-size',
    );
  });

  test('said without the negation, "a dense layer is limited to one input size" is not credited', () => {
    expect(covers(7, 'A dense layer is limited to one input size.')).not.toContain('any-size');
  });
});

describe('"as easily", "as much" after a denied phrase says less', () => {
  test('"pooling doesn\'t overfit as easily": less overfitting (question 4)', () => {
    // Not overfitting as easily is overfitting less: the concept, in its direction.
    expect(covers(4, "A pooling layer doesn't overfit as easily.")).toContain('overfitting');
  });

  test('"a CNN doesn\'t overfit as much as a dense net": less overfitting, an efficiency (question 1)', () => {
    expect(covers(1, "A CNN doesn't overfit as much as a dense net.")).toContain('efficiency');
  });

  test('without the negation, "overfits as easily as a conv" is no advantage', () => {
    expect(covers(4, 'Pooling overfits as easily as a conv does.')).not.toContain('overfitting');
  });
});

describe('a necessity denied reaches what is not needed', () => {
  test('"needn\'t" is read as "don\'t need to"', () => {
    expect(foldCase("You needn't train in float32.")).toBe("You don't need to train in float32.");
  });

  test('"you needn\'t train in float32": the 16-bit remedy (question 3)', () => {
    // Not needing 32-bit floats is advice to drop them: the remedy of lower precision.
    expect(covers(3, "You needn't train in float32.")).toContain('precision');
  });

  test.each([
    // A noun of necessity takes its "to" as its complement: the negation reaches the verb after it,
    // and the 32-bit floats are set aside, not asserted (no contradiction of 16-bit floats).
    'No need to keep float32.',
    'There is no reason to use 32-bit floats.',
  ])('%j: the 16-bit remedy (question 3)', (answer) => {
    expect(covers(3, answer)).toContain('precision');
  });

  test('a purpose after another noun is still its own: "use float32 weights to keep accuracy" is no remedy', () => {
    expect(covers(3, 'Use float32 weights to keep accuracy.')).not.toContain('precision');
  });
});

describe('"not V <here> but <there>": the place is denied, not the verb', () => {
  test.each([
    // The rewrite by hand: the negation dropped, the "but" side put first, the denied side after
    // ", not"; a verb "be" kept; an object of the verb kept with it.
    ["They don't compete within a map but across maps.", 'They compete across maps, not within a map.'],
    ["It isn't lost in the decoder but in the encoder.", 'It is lost in the encoder, not in the decoder.'],
    [
      "Units don't inhibit units in their map but in other maps.",
      'Units inhibit units in other maps, not in their map.',
    ],
  ])('%j is read as %j', (written, read) => {
    expect(foldCase(written)).toBe(read);
  });

  test('with no preposition on both sides it is kept: "doesn\'t have weights but has biases"', () => {
    expect(foldCase("It doesn't have weights but has biases.")).toBe(
      "It doesn't have weights but has biases.",
    );
  });

  test('LRN: "neurons don\'t inhibit neurons in their own map but in the neighbouring maps" (question 5)', () => {
    // Inhibition across neighbouring maps is lateral inhibition; only the own map is denied.
    expect(
      covers(5, "Strong neurons don't inhibit neurons in their own map but in the neighbouring maps."),
    ).toContain('inhibition');
  });

  test('segmentation: "resolution isn\'t lost at the output but in the strided layers" (question 8)', () => {
    // Resolution lost in the downsampling layers is the difficulty; only the place is corrected.
    expect(covers(8, "The resolution isn't lost at the output but in the strided layers.")).toContain(
      'resolution-lost',
    );
  });
});

describe('a double negative says the thing', () => {
  test.each([
    // The rewrite by hand: "not un-able" → "able", "not in-capable" → "capable".
    ["You're not unable to see it.", "You're able to see it."],
    ["It isn't incapable of that.", 'It is capable of that.'],
  ])('%j is read as %j', (written, read) => {
    expect(foldCase(written)).toBe(read);
  });

  test('"a CNN is not unable to detect a feature anywhere in the image": translation (question 1)', () => {
    // Able to detect a feature anywhere: the concept of translation, its two negations cancelled.
    expect(covers(1, 'A CNN is not unable to detect a feature anywhere in the image.')).toContain(
      'translation',
    );
  });
});
