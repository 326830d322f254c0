import { describe, expect, test } from 'vitest';
import { analyseAnswer } from '../src/grading/claims/analysis';
import { gradeRubric } from '../src/index';
import { covers, questionRubric } from './bank-rubric';

/*
 * Issue 18, stop 26: contradictions, denials and negated-but-right answers. Each row is an answer
 * written for this file (none is from a labelled evaluation set), with the concept a careful teacher
 * credits or refuses in it and why. Each rule's row was checked to fail with the rule taken out of
 * the grader (the mutant planted by hand).
 */
const reasons = (answer: string) => analyseAnswer(answer).clauses.map((c) => c.reason);

describe('a correction takes back what it corrects', () => {
  test('"…; on second thought, they have more" withdraws the clause before it', () => {
    // Three clauses: the claim, the marker of second thoughts, the correction. The claim is taken
    // back; the marker and the correction are read as said.
    expect(reasons('They have fewer parameters; on second thought, they have more.')).toEqual([
      'denied',
      undefined,
      undefined,
    ]);
    // So "fewer parameters" earns nothing, though "they have more" names no parameters itself.
    expect(covers(1, 'CNNs have fewer parameters; on second thought, they have more.')).not.toContain(
      'fewer-parameters',
    );
  });

  test('an echo of the claim denied ("resolution is lost; well, not lost") takes it back', () => {
    // "not lost" repeats "lost" of the clause before (past the hesitation "well") to deny it.
    expect(reasons('Resolution is lost in the downsampling; well, not lost.')).toEqual([
      'denied',
      undefined,
      'denied',
    ]);
    expect(covers(8, 'Resolution is lost in the downsampling; well, not lost. Use upsampling.')).toEqual([
      'upsample',
    ]);
  });

  test('"…, not 32-bit floats" names another thing (no echo): the claim stands', () => {
    // "32" is no word of "use 16 bit floats": a gloss that sets another thing aside.
    expect(reasons('Use 16-bit floats, not 32-bit floats.')).toEqual([undefined, undefined]);
    expect(covers(3, 'Use 16-bit floats, not 32-bit floats.')).toContain('precision');
  });
});

describe('"but/though really …" in the same sentence corrects the clause before it', () => {
  test('"It goes in the lower layers, though really it\'s the top layers that need it"', () => {
    // The claim of the first clause is corrected by the second (no opposite the data would know
    // is needed): no credit for the lower layers; the correction is read as said.
    expect(reasons("It goes in the lower layers, though really it's the top layers that need it.")).toEqual([
      'denied',
      undefined,
    ]);
  });

  test('after a full stop it corrects no clause by itself: "… small shifts. But actually, …"', () => {
    // Which point of the sentence before it answers is left to what it says.
    expect(reasons('It is invariant to small shifts. But actually, it has weights.')).toEqual([
      undefined,
      undefined,
      undefined,
    ]);
  });
});

describe('a "no" taken back by what follows it', () => {
  test('an exception to a "no" says there are some: "no weights, except the ones it learns"', () => {
    // "except …" right after a clause with "no": the clause before is taken back.
    expect(reasons('Pooling has no weights, except the ones it learns per window.')).toEqual([
      'denied',
      undefined,
    ]);
    // An exception after a clause with no "no" takes nothing back.
    expect(reasons('Pooling keeps the strongest value, except at the borders.')).toEqual([
      undefined,
      undefined,
    ]);
  });

  test('an auxiliary affirmed after a negation takes it back: "It has no weights. Except it does."', () => {
    expect(reasons('It has no weights. Except it does.')).toEqual(['denied', 'denied']);
    // After a claim with no negation, "it does" confirms it: nothing is taken back.
    expect(reasons('It learns a kernel. Well, it does.')).toEqual([undefined, undefined, undefined]);
  });

  test('"although that isn\'t really true" denies the clause before it, as "but that isn\'t" does', () => {
    expect(reasons("CNNs share their kernels, although that isn't really true.")).toEqual([
      'denied',
      'denied',
    ]);
  });
});

describe('a remedy denied to matter at all is denied, whichever way it goes', () => {
  test('"the batch size doesn\'t affect memory" takes back "a smaller batch would help"', () => {
    // The concept is a direction (a smaller batch); the denial names no direction, but denies that
    // the batch size matters for memory at all, which denies the remedy too.
    expect(
      covers(3, "A smaller batch would help, but actually the batch size doesn't affect memory."),
    ).not.toContain('batch');
  });

  test('"the batch size has nothing to do with memory" is such a denial too', () => {
    expect(
      covers(3, 'Use a smaller batch. Then again, the batch size has nothing to do with memory.'),
    ).not.toContain('batch');
  });

  test('"doesn\'t affect the final accuracy" says something else of the remedy, and keeps it', () => {
    expect(
      covers(3, "Use a smaller batch; the batch size doesn't affect the final accuracy at all."),
    ).toContain('batch');
  });
});

describe('"instead of" and "rather than" set aside their own complement only', () => {
  test('"instead of one label per image you need one per pixel": the main clause is said', () => {
    // "you need" opens the main clause: "one per pixel" is asserted, not set aside.
    expect(
      covers(
        8,
        'Instead of one label per image you need one per pixel, and the strides lose the resolution.',
      ),
    ).toContain('per-pixel');
  });

  test('"rather than a smaller batch you should use fp16": the main clause\'s remedy is said', () => {
    // "you should" opens the main clause after the complement "a smaller batch": fp16 is what the
    // answer recommends (credited), the smaller batch what it sets aside (not credited).
    const covered = covers(3, 'Rather than a smaller batch you should use fp16.');
    expect(covered).toContain('precision');
    expect(covered).not.toContain('batch');
  });

  test('"instead of relying only on the coarse maps, add skip connections" denies no coarse maps', () => {
    // The coarse maps are what the answer moves away from relying on, not a fact it denies: the
    // difficulty said in the first sentence stands, uncontradicted.
    expect(
      covers(
        8,
        'Strided layers make the maps coarse. Instead of relying only on the coarse maps you add skip connections from lower layers.',
      ),
    ).toContain('resolution-lost');
  });

  test('"instead of" still denies what it sets aside when nothing else is said', () => {
    // No main clause after the complement: "instead of upsampling" is still no claim of upsampling.
    expect(
      covers(8, 'Pooling loses resolution; we classify the coarse map instead of upsampling.'),
    ).not.toContain('upsample');
  });
});

describe('"X, Y and Z." with no verb is a list of keywords', () => {
  test('three bare terms joined by commas and "and" assert nothing', () => {
    // No item compares, counts or says anything of another: topics named, none asserted.
    expect(reasons('Local receptive fields, shared kernels and pooling.')).toEqual([
      'keyword list',
      'keyword list',
      'keyword list',
    ]);
    expect(covers(8, 'Blurry predictions, deconvolution layers and skip connections.')).toEqual([]);
  });

  test('terse points that each compare keep their credit: "Smaller batch, fp16 and fewer layers."', () => {
    // "smaller" and "fewer" are comparatives (no bare terms): each item says which way to go.
    expect(reasons('Smaller batch, fp16 and fewer layers.')).toEqual([undefined, undefined, undefined]);
  });

  test('an item with a verb of its own is no term: "…, data augmentation and stop early"', () => {
    // "stop early" is an order (a verb and its adverb), so the sentence is no list of terms.
    expect(reasons('Dropout, data augmentation and stop early.')).not.toContain('keyword list');
  });
});

describe('what a clause is about', () => {
  test('"Note that …" opens the claim: the clause after it has its own subject and verb', () => {
    // The order to mind what follows is left out; "mixed precision doesn't reduce memory" is the
    // claim, and it denies the remedy said before.
    expect(analyseAnswer('Note that mixed precision reduces memory.').sentences).toEqual([
      ' mixed precision reduces memory',
    ]);
    expect(
      covers(3, "Use 16-bit floats and a smaller batch. Note that mixed precision doesn't reduce memory."),
    ).not.toContain('precision');
  });

  test('"than a stride-2 conv": what a comparison measures against is no subject of the next claim', () => {
    // The words "stride 2" stand between "than a" and the name: the sentence is still about max
    // pooling, so "it has more parameters" is said of pooling, and contradicts "no parameters".
    expect(
      covers(4, 'Max pooling is cheaper than a stride-2 conv, and it has more parameters.'),
    ).not.toContain('no-params');
  });

  test('an effect credited to a cause that contradicts its own point earns nothing', () => {
    // Less overfitting is one point with "no parameters" (question 4's table); "by adding weights"
    // gives it a cause that contradicts that point.
    expect(covers(4, 'Max pooling reduces overfitting by adding weights.')).toEqual([]);
    // The right cause keeps it: "by having nothing to learn".
    expect(covers(4, 'Max pooling reduces overfitting by having nothing to learn.')).toContain('overfitting');
  });

  test('a contradiction that is no cause of the effect, or of another point, leaves the effect credited', () => {
    // "and it adds weights" is a claim of its own, no means of the effect ("by …"): the effect stands.
    expect(covers(4, 'Max pooling reduces overfitting, and it adds weights.')).toEqual(['overfitting']);
    // Throwing away the 2-D structure contradicts another point of question 1 (its spatial
    // hierarchy), not the point of faster training (one point with fewer parameters): it stands.
    expect(covers(1, 'CNNs train faster by throwing away the spatial structure.')).toEqual(['efficiency']);
    // The same effect with a cause that contradicts its own point (more parameters) falls.
    expect(covers(1, 'CNNs train faster by having more parameters.')).toEqual([]);
  });
});

describe('how far a negation reaches', () => {
  test('a subordinate clause with its own subject ("where 16 bits will do") is out of its reach', () => {
    // "don't use 32-bit floats" denies the opposite (the point); "16 bits will do" is said by the
    // clause "where …", which the "don't" does not reach: no denial of 16-bit floats.
    expect(covers(3, "Don't use 32-bit floats where 16 bits will do.")).toEqual(['precision']);
  });

  test('a phrase that starts inside a denied opposite belongs to that denial', () => {
    // "nothing" denies "fixes the input size" (the opposite of any size); the concept's phrase that
    // starts inside it ("input size any more") is not what is denied.
    expect(covers(7, 'An FCN has only conv layers, so nothing fixes the input size any more.')).toContain(
      'any-size',
    );
  });

  test('an opposite inside a comparison ended by an auxiliary is what the other thing does', () => {
    // "the way flattening the image into a dense net does": the dense net flattens, not ours.
    expect(
      gradeRubric(
        questionRubric(1),
        "It doesn't throw away which pixels are neighbours the way flattening the image into a dense net does.",
      ).feedback.join(' '),
    ).not.toContain('contradicts');
    // With no auxiliary to end it, "the way …" says how ours works: a contradiction.
    expect(
      gradeRubric(
        questionRubric(1),
        'A CNN reads the image the way flattening the image into a vector works.',
      ).feedback.join(' '),
    ).toContain('contradicts');
  });
});

describe('items labelled by names are points, not keywords', () => {
  test('"resnet = skips, xception = separable convs, …": two labels or more before "=" make points', () => {
    // Each "=" ends a label naming the network the items after it are said of (as a colon does).
    const answer =
      'resnet = skip connections, googlenet = inception blocks, xception = depthwise separable convs';
    expect(covers(6, answer)).toEqual(['googlenet-inception', 'resnet-skip', 'xception-separable']);
  });

  test('the same items with no label are topics: a keyword list', () => {
    expect(
      covers(6, 'resnet, skip connections, googlenet, inception blocks, xception, separable convs'),
    ).toEqual([]);
  });
});

describe('a point said of both things a question contrasts is no advantage of either', () => {
  test('a coordinated subject: "Max pooling and strided convolutions are invariant to small shifts"', () => {
    // The clause "and strided convolutions are invariant …" goes on from "max pooling", which has no
    // verb of its own: the two are the subject together.
    expect(covers(4, 'Max pooling and strided convolutions are invariant to small shifts.')).toEqual([]);
  });

  test('a word that puts them on a par: "Max pooling is equally invariant … as a strided conv"', () => {
    // "equally" and the other thing named in the same clause: said of both.
    expect(covers(4, 'Max pooling is equally invariant to small shifts as a strided conv.')).toEqual([]);
  });

  test('a comparison in the clause after: "…, just like a strided convolution"', () => {
    expect(covers(4, 'Max pooling is invariant to small shifts, just like a strided convolution.')).toEqual(
      [],
    );
    // A comparison with a thing the question does not contrast says nothing of the other one.
    expect(covers(4, 'Max pooling has no weights, like a ReLU layer.')).toEqual(['no-params']);
    // "unlike" sets the other apart: the advantage stands.
    expect(covers(4, 'Max pooling is invariant to small shifts, unlike a strided convolution.')).toEqual([
      'invariance',
    ]);
  });
});

describe('a negated manner of doing things together', () => {
  test('"… are not learned jointly" says they are learned apart', () => {
    // The "not" denies "jointly" (the manner): the spatial and cross-channel patterns are still
    // what Xception learns, separately.
    expect(
      covers(6, 'Xception: spatial and cross-channel patterns are not learned jointly in one filter.'),
    ).toContain('xception-separately');
    // With no manner after it, the same "not" denies the point.
    expect(
      covers(6, 'Xception: spatial and cross-channel patterns are not learned in separate steps.'),
    ).not.toContain('xception-separately');
  });
});

describe('a point said to have existed already is no innovation', () => {
  test('"ReLU already existed" denies that AlexNet brought it in', () => {
    expect(covers(6, 'AlexNet: ReLU had already been used before.')).not.toContain('alexnet-relu');
    expect(covers(6, 'AlexNet: ReLU was new.')).toContain('alexnet-relu');
  });

  test('"ReLU and dropout already existed": both share the predicate and its denial', () => {
    // "relu" has no verb of its own; "and dropout already existed" completes it, and "already"
    // opens the predicate where no auxiliary does.
    expect(covers(6, 'AlexNet: ReLU and dropout already existed before.')).toEqual([]);
  });
});

describe('a clause that takes back what came before it', () => {
  // Each row: a claim, then a clause that takes it back (first in its sentence or after it); the
  // claim's clause is marked denied. Written for this file.
  test.each([
    ['CNNs share their kernels, or maybe not.', ['denied', 'denied']],
    ['CNNs share their kernels. I take that back.', ['denied', 'denied']],
    ['CNNs share their kernels (just kidding).', ['denied', 'denied']],
    ["CNNs share their kernels, or at least that's what I thought.", ['denied', 'denied']],
    ["CNNs share their kernels; in reality it's the opposite.", ['denied', 'denied']],
    ['CNNs share their kernels, which is a common misconception.', ['denied', 'denied']],
  ])('%j', (answer, expected) => {
    expect(reasons(answer)).toEqual(expected);
  });

  test('"Then again, no." denies the sentence before it: "then again" is only a hesitation', () => {
    expect(reasons('CNNs share their kernels. Then again, no.')).toEqual(['denied', undefined, 'denied']);
  });

  test('"the opposite" said of another thing takes nothing back', () => {
    // Only "it's / that's the opposite" (or "the opposite is true") is a retraction.
    expect(reasons('Pooling has no weights; a strided conv is the opposite.')).toEqual([
      undefined,
      undefined,
    ]);
  });
});

describe('a denial after a question that only echoes the claim answers the claim', () => {
  test('"Pooling loses resolution. Or does it? Not really." denies the first sentence', () => {
    // "or does it" has no word of its own: the "not really" after it answers the claim before it.
    expect(reasons('Pooling loses resolution. Or does it? Not really.')).toEqual([
      'denied',
      'question',
      'denied',
    ]);
  });

  test('a question that names a point is what a denial after it answers, not the sentence before', () => {
    // "No parameters?" names the point the "No." denies; the claim before it stands.
    expect(reasons('Pooling is invariant to small shifts. No parameters? No.')).toEqual([
      undefined,
      'question',
      'denied',
    ]);
  });
});

describe('negative concord, as learners write it', () => {
  test('"Max pooling not need to learn nothing" says it learns nothing (one negation, reinforced)', () => {
    expect(covers(4, 'Max pooling not need to learn nothing.')).toEqual(['no-params']);
  });

  test('"not because it has nothing to learn" denies a reason: no concord', () => {
    // "because" after the "not" makes it deny the statement, not reinforce "nothing".
    expect(covers(4, 'Not because it has nothing to learn: it is tradition.')).toEqual([]);
  });

  test('"doesn\'t have zero parameters" says it has some: a number is no negative pronoun', () => {
    expect(covers(4, "Max pooling doesn't have zero parameters.")).toEqual([]);
  });
});

describe('"using" right after a verb stays in the verb\'s clause', () => {
  test('"Stop using float32" is one clause, and "stop using" denies float32: the point', () => {
    expect(analyseAnswer('Stop using float32.').clauses).toHaveLength(1);
    expect(covers(3, 'Stop using float32.')).toEqual(['precision']);
  });

  test('"Keep using float32" keeps the opposite: a contradiction, no credit', () => {
    expect(covers(3, 'Keep using float32.')).toEqual([]);
  });

  test('"Don\'t train using float32": the negation of the verb reaches its "using" adjunct', () => {
    expect(covers(3, "Don't train using float32.")).toEqual(['precision']);
  });
});

describe('an example needed at every place is the opposite of translation invariance (round 3)', () => {
  test('"doesn\'t have to see a dog at each position" denies the opposite: translation is credited', () => {
    // "has to see a dog at each position" says one example is needed per place (a distributive
    // phrase, like "relearn … for each position"); the "doesn't" denies that need, so the answer
    // asserts that a dog seen in one place is recognised in others: translation invariance.
    // Without the rule the "doesn't" denied "see a dog at each position", read as a claim of the concept.
    expect(
      covers(1, "A CNN doesn't have to see a dog at each position in training to spot it anywhere."),
    ).toContain('translation');
  });
});

describe('a negation inside a complete condition stays in it (round 3)', () => {
  test('"if that isn\'t enough get a GPU with more memory" (no comma) asserts the GPU', () => {
    // "if that isn't enough" is a whole condition: subordinator "if", negation, and "enough" ending
    // its predicate. The main clause after it ("get a GPU with more memory") is a remedy said, not
    // denied. Without the rule the "isn't" reached on to "more memory" and denied the remedy.
    expect(covers(3, "Try mixed precision, and if that isn't enough get a GPU with more memory.")).toContain(
      'bigger-gpu',
    );
  });
});

describe('a negated failure is a success (round 3)', () => {
  test('"very deep nets no longer fail to train" credits that very deep ResNets train', () => {
    // "no longer" after the phrase negates "fail to train"; two negations make "they train".
    // Without the rule the "no longer" alone was read as denying the phrase.
    expect(covers(6, 'ResNet uses skip connections, so very deep nets no longer fail to train.')).toContain(
      'resnet-depth',
    );
  });
});
