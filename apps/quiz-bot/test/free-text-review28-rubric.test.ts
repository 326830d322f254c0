import { describe, expect, test } from 'vitest';
import { gradeRubric } from '../src/index';
import { covers, questionRubric } from './bank-rubric';

/*
 * Review 28 (grading), items 13, 14 and 26, and the misses seen at stop 28 in rubric.ts' domain.
 * Each row is an answer written for this file (none is from a labelled evaluation set); the
 * reviewer's sentence first, then ones that vary what is said or whom it is said of. The expected
 * concept is what a teacher credits or refuses, reasoned in the comment.
 */

describe('review 28 #13: a myth corrected credits only a statement said of our thing', () => {
  test.each([
    // The reviewer's four. "Dense nets need more weights than CNNs" is TRUE; calling it wrong says
    // dense nets need no more, the opposite of question 1's point: no credit.
    [1, 'Dense nets need more weights than CNNs. Wrong.', 'fewer-parameters'],
    [1, "Some say dense nets need more parameters than CNNs. That's a myth.", 'fewer-parameters'],
    // Question 4 is about max pooling: denying that the strided conv needs more memory says nothing
    // in pooling's favour (if anything, the opposite).
    [4, 'A strided conv needs more memory. Wrong.', 'memory'],
    [4, 'Some say a strided conv has more parameters than max pooling. That is a myth.', 'no-params'],
    // Mine: the other thing's subject with "fewer" denied (says dense nets need MORE, true, but of
    // the other thing: denying a statement about it is no statement of ours).
    [1, 'A dense net needs fewer weights than a CNN. Wrong.', 'fewer-parameters'],
    // A strided conv "needs less memory than max pooling" denied: pooling needs no more than it;
    // still said of the other thing, so not read as our claim.
    [4, "Some say a strided conv needs less memory than max pooling. That's a myth.", 'memory'],
  ])('q%i %j is no credit for %s', (question, answer, concept) => {
    expect(covers(question, answer)).not.toContain(concept);
  });

  test.each([
    // Said of OUR thing ("CNNs", "max pooling") with the wrong degree ("more"), then denied whole
    // ("a myth", "Wrong."): the answer says ours needs less, the concept.
    [1, "People think CNNs need more parameters than dense nets, but that's a myth.", 'fewer-parameters'],
    [1, 'Some say CNNs need more parameters than dense nets. Wrong.', 'fewer-parameters'],
    [4, "Some say max pooling needs more memory than a strided conv. That's a myth.", 'memory'],
  ])('q%i %j is credited with %s', (question, answer, concept) => {
    expect(covers(question, answer)).toContain(concept);
  });
});

describe("review 28 #14: a reported belief the answer endorses is the answer's own", () => {
  test('the concept and its endorsed opposite: no credit (issue 18: both said, neither stands)', () => {
    // "they are right" makes "CNNs need more parameters" the answer's claim, against "fewer".
    expect(
      covers(
        1,
        'CNNs need fewer parameters. Some say CNNs need more parameters than dense nets, and they are right.',
      ),
    ).not.toContain('fewer-parameters');
    // The same endorsement in a sentence of its own.
    expect(
      covers(
        1,
        "CNNs need fewer parameters. Some say CNNs need more parameters than dense nets. That's true.",
      ),
    ).not.toContain('fewer-parameters');
    // Control: the report alone (not endorsed) is no contradiction, and the own claim stands.
    expect(
      covers(1, 'CNNs need fewer parameters. Some say CNNs need more parameters than dense nets.'),
    ).toContain('fewer-parameters');
  });

  test.each([
    // The concept itself reported and endorsed: the answer says it.
    [1, 'Some say CNNs need fewer parameters than dense nets, and they are right.'],
    [4, 'Many people think pooling has no parameters. I agree.'],
  ])('q%i %j is credited', (question, answer) => {
    const concept = question === 1 ? 'fewer-parameters' : 'no-params';
    expect(covers(question, answer)).toContain(concept);
    // Control: the report without the endorsement is no claim of the answer's.
    expect(covers(question, answer.replace(/(?:, and they are right|\. I agree)\./, '.'))).not.toContain(
      concept,
    );
  });
});

describe('review 28 #26: in question 1 a layer of the CNN is named as such in the feedback', () => {
  test.each([
    // A CNN's points said of its pooling layer stay uncredited: the labelled practice answers n1-012
    // ("pooling layers … give a CNN its small number of weights") and n1-020 ("max pooling layers
    // … detect the same feature in different parts") are wrong for the teacher, since the fewer
    // weights and the detection anywhere come from the shared kernels, not from pooling.
    [1, 'Pooling layers make the network invariant to small shifts.', 'translation'],
    [1, 'Pooling gives the small number of weights.', 'fewer-parameters'],
  ])('q%i %j is no credit for %s', (question, answer, concept) => {
    expect(covers(question, answer)).not.toContain(concept);
  });

  test('the feedback says the thing is a layer of the CNN, not the wrong thing', () => {
    // Question 1's subjects are "CNN" and "fully connected network"; "max pooling" is question 4's,
    // and a layer of a CNN (Géron ch. 14).
    const grade = gradeRubric(
      questionRubric(1),
      'Pooling layers make the network invariant to small shifts.',
    );
    const feedback = grade.feedback.join(' ');
    expect(feedback).toContain(
      'is said of max pooling, one layer of a CNN; the point is what the CNN itself does',
    );
    expect(feedback).not.toContain('but it belongs to');
  });

  test('the reverse does not hold: a CNN is no part of max pooling (question 4)', () => {
    const grade = gradeRubric(questionRubric(4), 'CNNs are invariant to small shifts.');
    expect(grade.covered ?? []).not.toContain('invariance');
    expect(grade.feedback.join(' ')).toContain('is said of CNN, but it belongs to max pooling');
  });
});

describe('stop 28 misses: a denial that is said of something else, or of a wish', () => {
  test('a denied wish denies what its infinitive says of the object, not the object (practice n5-018)', () => {
    // "don't want … maps to be redundant" denies redundancy; "neighbouring feature maps" (a phrase of
    // the inhibition point) is its object, not denied. With the inhibition said after, the point stands.
    const answer =
      "You don't want neighbouring feature maps to be redundant: a strong activation suppresses the activations at the same position in adjacent maps.";
    expect(covers(5, answer)).toContain('inhibition');
    // Control: the inhibition denied outright is no credit.
    expect(covers(5, "LRN doesn't inhibit neighbouring feature maps.")).not.toContain('inhibition');
  });

  test('a relative clause whose antecedent follows a preposition is said of that thing', () => {
    // "lower layers, which haven't lost the detail": the lower layers keep it; the resolution lost
    // through pooling, said after, is the answer's point and is not contradicted.
    expect(
      covers(
        8,
        "Use skip connections from lower layers, which haven't lost the detail, because pooling loses resolution.",
      ),
    ).toContain('resolution-lost');
    // Control: the antecedent is the sentence's subject (pooling itself), and the denial stands.
    expect(
      covers(8, "Pooling layers, which don't lose resolution, are fine, because pooling loses resolution."),
    ).not.toContain('resolution-lost');
  });

  test.each([
    // Practice m1-025 (teacher: locality, "a contrast, not a contradiction"): each side of the
    // semicolon earns the point on its own, so together they do too.
    [1, 'Dense nets treat pixels as unrelated inputs; CNNs know they are neighbours.', 'spatial-hierarchy'],
    [1, 'Dense nets treat pixels as unrelated inputs.', 'spatial-hierarchy'],
    [1, 'CNNs know pixels are neighbours.', 'spatial-hierarchy'],
  ])('q%i %j is credited with %s', (question, answer, concept) => {
    expect(covers(question, answer)).toContain(concept);
  });

  test('the contrast reversed is no credit', () => {
    // Each side says the wrong thing of its network.
    expect(
      covers(1, 'Dense nets know pixels are neighbours; CNNs treat them as unrelated inputs.'),
    ).not.toContain('spatial-hierarchy');
  });
});

describe('stop 28 misses: a list of instructions, and a denial before one', () => {
  test('an opposite read across two instructions of a list is no claim (practice m3-010)', () => {
    // "shrink the images, use a larger stride": "images … larger" runs from one order into the
    // next; each order says its own thing (smaller images; a larger stride).
    expect(
      covers(3, 'Shrink the batch, shrink the images, use a larger stride in the first layer.'),
    ).toContain('smaller-input');
    // Control: "larger images" said in one order is the opposite, and not credited.
    expect(covers(3, 'Shrink the batch, use larger images.')).not.toContain('smaller-input');
  });

  test('"You don\'t:" answering a myth denies the myth, not the list after its colon', () => {
    // Practice m3-010's reading (teacher: "myth correction, not a contradiction"): the remedies
    // after the colon are the answer's own. Two remedies: batch and smaller input.
    const covered = covers(
      3,
      "People think you have to buy a new GPU. You don't: shrink the batch, shrink the images.",
    );
    expect(covered).toContain('batch');
    expect(covered).toContain('smaller-input');
  });
});
