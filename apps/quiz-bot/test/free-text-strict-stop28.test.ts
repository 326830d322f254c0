import { describe, expect, test } from 'vitest';
import { analyseAnswer } from '../src/grading/claims/analysis';
import { preventsBetween } from '../src/grading/rubric';
import { gradeRubric } from '../src/index';
import { covers, questionRubric } from './bank-rubric';

/*
 * Issue 18, stop 28: wrong answers earn nothing, contradictions read right. Each row is an answer
 * written for this file (none is from a labelled evaluation set), with the concept a careful teacher
 * credits or refuses in it and why. Each rule's row was checked to fail with the rule taken out of
 * the grader (the mutant planted by hand).
 */

/** Does a prevention stand between the end of `cue` and the start of `phrase` in `answer`? */
const prevents = (answer: string, cue: string, phrase: string) => {
  const analysis = analyseAnswer(answer);
  const from = analysis.text.indexOf(` ${cue} `) + cue.length + 1;
  return preventsBetween(analysis, from, analysis.text.indexOf(` ${phrase} `));
};

describe('review 27 A9: "blocks", "stops" and "-ing" nouns are no verbs of preventing', () => {
  test('a prevention said as a verb, with "from" or a gerund, is one', () => {
    // "bars" is the negated predicate of "nothing"; "from" stands before the prevented act. (With
    // "stops", "keeps" or "prevents" the clause reader rewrites it first: "so you can go on running".)
    expect(prevents('Nothing bars you from running the model on two GPUs.', 'nothing', 'running')).toBe(true);
    // No "from": the gerund "going" follows the verb's object "you" (no preposition or article).
    expect(prevents('Nothing stops you going to two GPUs.', 'nothing', 'to')).toBe(true);
  });

  test('"doesn\'t have skip blocks …": another verb between the negation and "blocks" makes it a noun', () => {
    // "have" (an auxiliary/verb) is what "doesn't" negates; "blocks" is its object, no prevention.
    expect(
      prevents("VGG doesn't have skip blocks with padding keeping the size.", 'doesn t', 'keeping'),
    ).toBe(false);
  });

  test('"… at the padding keeping …": a gerund after an article or preposition is a noun', () => {
    // "padding" is the object of "at the": no act is prevented, the negation still reaches on.
    expect(prevents("It doesn't stop at the padding keeping the size.", 'doesn t', 'keeping')).toBe(false);
  });
});

describe('review 27 A8: "the … thing is wrong" names a point by its words, not by regex text', () => {
  test('a word that begins a concept\'s stem names it ("the pooling part" → "global average pool")', () => {
    // GoogLeNet's global average pooling is written with the stem "pool"; "pooling" begins with it,
    // so the part called wrong is that point, said before: it is taken back.
    const answer = 'GoogLeNet ends with global average pooling instead of dense layers.';
    expect(covers(6, answer)).toContain('googlenet-gap');
    expect(covers(6, `${answer} Hmm, the pooling part is wrong.`)).not.toContain('googlenet-gap');
  });

  test('"the whole thing is wrong" takes back every point said before it', () => {
    // "whole" names no one point: it is the answer itself, withdrawn.
    const answer = 'CNNs detect a feature anywhere in the image.';
    expect(covers(1, answer)).toContain('translation');
    expect(covers(1, `${answer} But the whole thing is wrong, I think.`)).toEqual([]);
    // Said after it, a point stands (nothing before to take back).
    expect(covers(1, `The whole thing is wrong, people say. ${answer}`)).toContain('translation');
  });
});

describe('a change the learner declines is no change the other way ("not adding is no removing")', () => {
  test.each([
    // Question 3's remedies are changes: declining to enlarge keeps the size, it does not shrink it.
    [3, "I wouldn't add more layers.", 'smaller-model'],
    [3, "Don't use larger images.", 'smaller-input'],
    [3, "You shouldn't add extra filters per layer.", 'filters'],
    [3, 'Never train with a bigger batch.', 'batch'],
  ])('q%i %j is no credit for %s', (question, answer, concept) => {
    expect(covers(question, answer)).not.toContain(concept);
  });

  test.each([
    // A plain degree denied does say the other way: "not such a big batch" is a smaller one.
    [3, "Don't use such a big mini-batch.", 'batch'],
    // A comparison with a standard ("than 128 pixels") sets a limit: images no larger than that.
    [3, "Don't use larger images than 128 pixels.", 'smaller-input'],
    // Said of the thing, not decided by the learner: pooling adds no parameters, it has none.
    [4, "Max pooling doesn't add more parameters.", 'no-params'],
  ])('q%i %j is still credited with %s', (question, answer, concept) => {
    expect(covers(question, answer)).toContain(concept);
  });
});

describe("a belief reported of others is not the answer's claim (whose claim it is: the subject)", () => {
  test.each([
    // Each states the opposite of a concept as what others believe: no contradiction of the answer,
    // so the point the answer does make stands.
    [4, 'A common myth is that pooling has parameters; it has none.', 'no-params'],
    [
      4,
      'Many students believe max pooling learns its kernel, but pooling has no weights at all.',
      'no-params',
    ],
    [3, 'Some people say a smaller batch changes nothing; I would use a smaller batch.', 'batch'],
  ])('q%i %j keeps %s', (question, answer, concept) => {
    expect(covers(question, answer)).toContain(concept);
  });

  test('the same opposite said by the answer itself still contradicts', () => {
    // Control: with no one else to believe it, "pooling has parameters" is the answer's claim.
    expect(covers(4, 'Pooling has parameters; it has none.')).not.toContain('no-params');
  });

  test('a point reported of others is not credited either', () => {
    // "many people think" puts the claim in their mouths: the answer does not assert it.
    expect(covers(4, 'Many people think pooling has no parameters.')).not.toContain('no-params');
    // Control: asserted by the answer.
    expect(covers(4, 'Pooling has no parameters.')).toContain('no-params');
  });
});

describe("a myth corrected: denying the other degree says the concept's own", () => {
  test.each([
    // The statement of the wrong degree ("more parameters") is denied whole ("that's a myth",
    // "Wrong:"): the answer says CNNs need fewer, the point of question 1.
    [1, "People think CNNs need more parameters than dense nets, but that's a myth.", 'fewer-parameters'],
    [1, 'Some say CNNs need more parameters than dense nets. Wrong.', 'fewer-parameters'],
  ])('q%i %j is credited with %s', (question, answer, concept) => {
    expect(covers(question, answer)).toContain(concept);
  });

  test("denying the concept's own degree still denies it", () => {
    // Control: the same denial of "fewer parameters" is no credit.
    expect(covers(1, "It's not true that CNNs have fewer parameters.")).not.toContain('fewer-parameters');
    // The same myth form with the concept's own degree ("fewer") called a myth denies the point.
    expect(
      covers(1, "People think CNNs need fewer parameters than dense nets, but that's a myth."),
    ).not.toContain('fewer-parameters');
    // And it is read as the denial it is, not as the point said and then contradicted.
    const grade = gradeRubric(
      questionRubric(3),
      "People think a smaller batch saves memory, but that's a myth.",
    );
    expect(grade.covered).toEqual([]);
    expect(grade.feedback.join(' ')).toContain('denies: smaller mini-batch');
  });
});

describe("a point said of another question's thing is not credited (the subject names whose claim it is)", () => {
  test.each([
    // Question 1 (a CNN against a dense net): "max pooling" is question 4's subject; what it says of
    // pooling is no advantage of CNNs over dense networks.
    [1, 'Max pooling gives some invariance to small shifts.', 'translation'],
    // The same, in a clause joined by "and" that shares the subject "max pooling".
    [
      1,
      'Max pooling keeps the strongest activation and gives some invariance to small shifts.',
      'translation',
    ],
    // Question 4 (max pooling against a strided conv): "CNNs" is question 1's subject.
    [4, 'CNNs are invariant to small shifts.', 'invariance'],
  ])('q%i %j is no credit for %s', (question, answer, concept) => {
    expect(covers(question, answer)).not.toContain(concept);
  });

  test.each([
    // Controls: said of the question's own thing, or in a sentence that names it, the point stands.
    [1, 'CNNs give some invariance to small shifts.', 'translation'],
    [1, 'In a CNN, max pooling gives some invariance to small shifts.', 'translation'],
    [4, 'Max pooling is invariant to small shifts.', 'invariance'],
  ])('q%i %j is credited with %s', (question, answer, concept) => {
    expect(covers(question, answer)).toContain(concept);
  });

  test('the feedback says whose thing it was said of', () => {
    const grade = gradeRubric(questionRubric(4), 'CNNs are invariant to small shifts.');
    // Question 4's first subject is "max pooling"; "CNNs" matches question 1's subject "CNN".
    expect(grade.feedback.join(' ')).toContain('is said of CNN, but it belongs to max pooling');
  });
});

describe('a later clause that denies the same predicate of a pronoun takes the claim back', () => {
  test.each([
    // The verb "share" repeated, denied, with "them" (the weights) as its object.
    [1, "CNNs share weights across the image. Well, they don't exactly share them.", 'fewer-parameters'],
    // "reduce … it": the computation said reduced, then denied of "it".
    [4, "Pooling reduces the computation. Well, it doesn't really reduce it.", 'compute'],
    // "do that" stands for any predicate said just before.
    [3, "Use a smaller batch. Actually, don't do that.", 'batch'],
    // "no such" and the noun said before ("connections").
    [8, 'Use skip connections from the lower layers. Actually, the decoder has no such connections.', 'skip'],
  ])('q%i %j takes back %s', (question, answer, concept) => {
    // Control: the first sentence alone is credited with it.
    expect(covers(question, answer.split('. ')[0]!)).toContain(concept);
    expect(covers(question, answer)).not.toContain(concept);
  });

  test.each([
    // "that many layers", "so big": a degree, not a pronoun object; the batch said before stands.
    [3, "Use a smaller batch. Don't use that many layers.", 'batch'],
    // "nor does it need …": "it" is the inverted subject, not an object the verb ends on.
    [4, 'Pooling has no parameters, nor does it need memory for weights.', 'no-params'],
  ])('q%i %j keeps %s', (question, answer, concept) => {
    expect(covers(question, answer)).toContain(concept);
  });
});

describe('a label answered by a bare "not …" or "no" after its colon is denied', () => {
  test.each([
    // The reply after the colon has no subject of its own: it is said of the label.
    [3, 'Mixed precision: not supported.', 'precision'],
    [3, 'Fewer filters: not an option.', 'filters'],
    [4, 'No parameters: not true, pooling learns its window.', 'no-params'],
  ])('q%i %j is no credit for %s', (question, answer, concept) => {
    expect(covers(question, answer)).not.toContain(concept);
  });

  test.each([
    // A reply that agrees keeps the point.
    [3, 'Fewer filters: yes, that helps.', 'filters'],
    // A negated verb after the label says what it is: checkpointing does not keep the activations.
    [3, "Gradient checkpointing: don't keep all activations, recompute them.", 'checkpointing'],
    // A negative pronoun after "=" is the label's content, no reply to it.
    [4, 'No weights in pooling = nothing to train.', 'no-params'],
    // "no" before a noun opens a clause with a subject of its own ("no dense net"): no reply.
    [1, 'Weight sharing: no dense net has it.', 'fewer-parameters'],
  ])('q%i %j keeps %s', (question, answer, concept) => {
    expect(covers(question, answer)).toContain(concept);
  });
});
