import { describe, expect, test } from 'vitest';
import { analyseAnswer } from '../src/grading/claims/analysis';
import { gradeRubric } from '../src/index';
import { covers, questionRubric } from './bank-rubric';

/*
 * Issue 18, stop 25: negation, contradiction and denial read in their own clause. Each row is an
 * answer written for this file (none is from a labelled evaluation set), with the concept a careful
 * teacher credits or refuses in it and why. Each row was checked to fail with its rule taken out of
 * the grader (the mutant planted by hand).
 */
const clausesOf = (answer: string) => {
  const { text, clauses } = analyseAnswer(answer);
  return clauses.map((c) => text.slice(c.start, c.end).trim());
};

describe('what a verb takes after it stays in its clause (and so does its negation)', () => {
  test('"which" as a determiner after a verb opens the verb\'s object, not a relative clause', () => {
    // "care which pixels are neighbours": what the CNN does not care about is the question
    // "which pixels are neighbours"; a relative "which" (a pronoun) still opens a clause.
    expect(clausesOf("It doesn't care which pixels are neighbours.")).toEqual([
      'it doesn t care which pixels are neighbours',
    ]);
    expect(clausesOf('It uses max pooling which is cheap.')).toEqual([
      'it uses max pooling',
      'which is cheap',
    ]);
  });
  test('a denied verb reaches its indirect question: the point is denied, not credited', () => {
    // The writer says a CNN does not care about neighbourhoods: no credit for the 2-D structure.
    expect(
      covers(1, "A CNN doesn't care which pixels are neighbours, it just stacks more layers."),
    ).not.toContain('spatial-hierarchy');
  });
  test('"no idea which …": the question a noun of knowing asks belongs to it', () => {
    // Question 1 contrasts a CNN with a dense net: what the dense net has no idea of is what a
    // CNN uses (the concept denied of the other network, credited to ours).
    expect(covers(1, 'A dense net has no idea which pixels are neighbours.')).toContain('spatial-hierarchy');
  });
  test('a preposition after a verb and its particle ("end up with") is the verb\'s complement', () => {
    // "doesn't end up with any weights": pooling has no weights to learn.
    expect(clausesOf("It doesn't end up with any weights.")).toEqual(['it doesn t end up with any weights']);
    expect(covers(4, "A max pooling layer doesn't end up with any weights to learn.")).toContain('no-params');
  });
  test('"so" before a word of degree after a verb is no conjunction ("there are so many filters")', () => {
    expect(clausesOf('There are so many filters.')).toEqual(['there are so many filters']);
    // After a participle it is the conjunction: "weights are shared | so few are needed".
    expect(clausesOf('Weights are shared so few are needed.')).toEqual([
      'weights are shared',
      'so few are needed',
    ]);
    // The negation reaches "so much memory": pooling needs less memory.
    expect(covers(4, "Pooling doesn't need so much memory.")).toContain('memory');
  });
});

describe('a comparison, a gloss and an ellipsis say something of another thing', () => {
  test('"…, the way flattening does" after a denied claim is what the other thing does', () => {
    // The CNN keeps the layout; flattening (a dense net's) is what loses it: no contradiction.
    expect(
      covers(1, "A CNN doesn't lose the image's layout, the way flattening the image for an MLP does."),
    ).toContain('spatial-hierarchy');
  });
  test('"(as AlexNet did)" after a claim that is not denied says the same of AlexNet', () => {
    // The verbless place before it asserts nothing by itself; AlexNet is where LRN was used.
    expect(
      covers(
        5,
        'After the ReLU of early conv layers (as AlexNet did), to make strong neurons inhibit the same position in nearby maps.',
      ),
    ).toContain('where');
  });
  test('a verbless "(not a 1×1 one)" glosses the one kernel named before it', () => {
    // The first converted layer's kernel is not 1×1; the later layers do become 1×1 convolutions.
    expect(
      covers(
        7,
        'The first dense layer becomes a conv layer with a kernel as big as its input map (not a 1×1 one); the dense layers after it become 1×1 convolutions.',
      ),
    ).toContain('one-by-one');
  });
  test('a sentence that opens with "Not" is no gloss: it denies', () => {
    // Nothing before it in its sentence is glossed; the 1×1 convolutions said first are taken back.
    expect(
      covers(7, 'The dense layers after the first become 1×1 convolutions. Not 1×1 ones.'),
    ).not.toContain('one-by-one');
  });
  test('"…, but an FCN … can" says of ours what the clause before denied of a dense layer', () => {
    expect(
      covers(7, "A dense layer can't take images of any size, but an FCN built only of convolutions can."),
    ).toContain('any-size');
  });
  test.each([
    // A pronoun is no subject of ours: "it" may be the dense layer itself.
    ["A dense layer can't take images of any size, but it can.", false],
    // Another network of the same kind as the one denied.
    ["A dense layer can't take images of any size, but an MLP can.", false],
    // "too" after the auxiliary still leaves it standing for the predicate.
    ["A dense layer can't take images of any size, but an FCN can too.", true],
    // A verb after the auxiliary is a predicate of its own, no ellipsis.
    ["A dense layer can't take images of any size, but an FCN can handle them.", false],
  ])('the elliptical clause after a denial of a dense layer: %s', (answer, credited) => {
    expect(covers(7, answer).includes('any-size')).toBe(credited);
  });
  test('"…, and neither does a CNN" denies it of ours as well', () => {
    expect(
      covers(1, 'A dense net has no idea which pixels are neighbours, and neither does a CNN.'),
    ).not.toContain('spatial-hierarchy');
  });
});

describe('the direction a directed concept needs', () => {
  test('a denied equality says less: "isn\'t as prone to overfitting", "doesn\'t use as much memory"', () => {
    expect(covers(1, "A CNN isn't as prone to overfitting as a dense network.")).toContain('efficiency');
    expect(covers(4, "Pooling doesn't use as much memory as a strided convolution.")).toContain('memory');
  });
  test('the thing named with no direction asserts nothing ("a CNN overfits" is not "less overfitting")', () => {
    expect(covers(1, 'A CNN overfits easily.')).not.toContain('efficiency');
    expect(covers(4, 'Pooling uses memory.')).not.toContain('memory');
  });
  test('"few", "little", "almost no" say less', () => {
    expect(covers(4, 'Pooling uses little memory.')).toContain('memory');
    expect(covers(4, 'Pooling needs almost no computation.')).toContain('compute');
  });
});

describe('denials and double negations', () => {
  test('a denial that trails a word of stance ("Not really though.") takes the claim back', () => {
    expect(covers(1, 'A CNN has fewer parameters. Not really though.')).not.toContain('fewer-parameters');
    // The same after a pronoun and its verb: "…, but it doesn't though."
    expect(covers(1, "A CNN has fewer parameters, but it doesn't though.")).not.toContain('fewer-parameters');
  });
  test('"nothing new" takes back the claim before it', () => {
    expect(covers(6, 'ResNet used skip connections, which was nothing new.')).not.toContain('resnet-skip');
  });
  test('"it\'s not that X" denies a reason: neither X nor its opposite is asserted', () => {
    // Question 4's "has fewer parameters" is the opposite of "no parameters"; denied as the
    // reason, it says nothing about how many parameters pooling has.
    expect(covers(4, "It's not that pooling has fewer parameters; it's mostly historical.")).not.toContain(
      'no-params',
    );
    // Denied as a fact ("it is not true that"), with "none" after it, the point stands.
    expect(
      covers(4, 'It is not true that pooling has fewer parameters: it has no parameters at all.'),
    ).toContain('no-params');
  });
  test('"isn\'t optional" is a negated word of worthlessness: two negations affirm', () => {
    expect(covers(8, "Resolution is lost, so upsampling isn't optional.")).toContain('upsample');
    expect(covers(8, 'Resolution is lost, so upsampling is not optional.')).toContain('upsample');
  });
});

describe('an opposite in a clause of its own is not swallowed by a longer match', () => {
  test('"pooling keeps full resolution, so nothing gets lost" contradicts the loss of resolution', () => {
    // Question 8's "pooling … lost" pattern runs on past the comma; the opposite "nothing gets
    // lost" is a clause of its own, and the answer says no resolution is lost.
    expect(covers(8, 'Pooling keeps full resolution, so nothing gets lost.')).not.toContain(
      'resolution-lost',
    );
  });
});

describe('one per place is the opposite of one shared by all (a distributive phrase)', () => {
  test('"one weight for every pixel" is many weights: said, it contradicts; denied, it asserts fewer', () => {
    // A weight per pixel is what a dense layer needs; a CNN shares one kernel.
    expect(covers(1, 'A CNN needs one weight for every pixel.')).not.toContain('fewer-parameters');
    expect(covers(1, 'It is not true that a CNN needs one weight for every pixel.')).toContain(
      'fewer-parameters',
    );
  });
  test('"relearn a pattern for each position", denied, is detection anywhere', () => {
    expect(covers(1, "A CNN doesn't have to relearn a pattern for each position.")).toContain('translation');
    // With no word between the verb and "for every".
    expect(covers(1, "A pattern doesn't have to be re-learned for every position.")).toContain('translation');
  });
  test('a phrase that starts inside one and runs on past it is dropped', () => {
    // Question 1's "position … " paraphrase reads "position, so the weight count" across the comma.
    // Denied, the detector per position is detection anywhere; the phrase that runs on into "the
    // weight count doesn't explode" would take that clause's "doesn't" for a denial of it.
    expect(
      covers(
        1,
        "A CNN doesn't learn a separate detector for each position, so the weight count doesn't explode.",
      ),
    ).toContain('translation');
  });
  test('"the same kernel for every position" stays one shared kernel', () => {
    expect(covers(1, 'A CNN uses the same kernel for every position.')).toContain('fewer-parameters');
    // "one kernel shared for every position": a word of sharing keeps it one kernel.
    expect(covers(1, 'A CNN has one kernel shared for every position.')).toContain('fewer-parameters');
  });
  test('"anywhere near as many" is a degree, not a place', () => {
    // Read as a place, the denied "anywhere" would contradict the detection asserted after it.
    expect(
      covers(1, "You don't need anywhere near as many weights. A feature is detected anywhere in the image."),
    ).toContain('translation');
    // A place stays a place: "anywhere near the edge".
    expect(covers(1, 'A CNN finds a cat anywhere near the edge or in the middle.')).toContain('translation');
  });
});

describe('more comparisons, denied losses, hesitations, relative denials and premises', () => {
  test('"…, as when you flatten the image …" after a denied loss is what the other thing does', () => {
    expect(
      covers(1, "The 2D layout isn't thrown away as when you flatten the image for a dense net."),
    ).toContain('spatial-hierarchy');
    expect(
      covers(
        1,
        "The grid layout of the image isn't thrown away as it is when the image is flattened for a dense net.",
      ),
    ).toContain('spatial-hierarchy');
  });
  test('"…, as in a dense net" after a denied claim is the other thing\'s', () => {
    expect(
      covers(1, "A CNN doesn't lose the image's layout, as in flattening the image for a dense net."),
    ).toContain('spatial-hierarchy');
  });
  test('"isn\'t thrown away": a denied loss after the phrase keeps it', () => {
    // The clause is the phrase and the denied loss; no comparison follows.
    expect(covers(1, "The 2D layout of the image isn't thrown away.")).toContain('spatial-hierarchy');
  });
  test('"Well, not really" after a word of hesitation takes back the sentence before', () => {
    expect(
      covers(1, 'A learned feature is recognised anywhere in the image. Well, not really.'),
    ).not.toContain('translation');
  });
  test('a relative denial ("which is wrong") reaches back only to the semicolon before it', () => {
    // Cheaper to compute stands; "it has no weights" is what is called wrong.
    const covered = covers(4, 'Max pooling is cheaper to compute; it has no weights, which is wrong.');
    expect(covered).toContain('compute');
    expect(covered).not.toContain('no-params');
  });
  test('a conclusion drawn from a claim contradicted in a later sentence falls with it', () => {
    // "so it is cheaper" follows from "no parameters", which the last sentence contradicts; the
    // invariance is said for its own sake and stands.
    const covered = covers(
      4,
      'Max pooling has no parameters, so it is cheaper, and it makes the net a bit invariant to small shifts. Though actually, pooling does have trainable weights like any other layer.',
    );
    expect(covered).not.toContain('compute');
    expect(covered).toContain('invariance');
  });
});

describe('a change from one thing to another', () => {
  test('"switch from 16-bit floats to 32-bit ones" leaves 16-bit floats: no credit, a contradiction', () => {
    const grade = gradeRubric(questionRubric(3), 'Switch from 16-bit floats to 32-bit ones.');
    expect(grade.covered).not.toContain('precision');
    // After the "to", 32-bit is where the learner goes: the opposite said.
    expect(grade.feedback.join(' ')).toContain('contradicts: 16-bit floats');
  });
  test('what a change starts from is not asserted, whatever it goes to', () => {
    expect(covers(3, 'Switch from 16-bit floats to wider floats.')).not.toContain('precision');
  });
  test('"switch from 32-bit floats to 16-bit ones" goes to 16-bit floats', () => {
    expect(covers(3, 'Switch from 32-bit floats to 16-bit ones.')).toContain('precision');
  });
});
