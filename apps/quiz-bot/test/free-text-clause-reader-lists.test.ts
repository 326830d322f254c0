import { describe, expect, test } from 'vitest';
import { analyseAnswer } from '../src/grading/claims/analysis';
import { gradeRubric } from '../src/index';
import { questionRubric } from './bank-rubric';

/*
 * Issue 18, stop 25 (second round): the clause reader's lists and contrasts. Each answer was written
 * for this file (none is from a labelled evaluation set); each test was seen to fail with its rule
 * taken out of src/grading/claims/analysis.ts (the mutant planted by hand).
 */
const graded = (question: number, answer: string) => gradeRubric(questionRubric(question), answer);
const covers = (question: number, answer: string) => graded(question, answer).covered ?? [];
const clausesOf = (answer: string) => {
  const { text, clauses } = analyseAnswer(answer);
  return clauses.map((c) => text.slice(c.start, c.end).trim());
};

describe('a slash with spaces around it separates the points of a list', () => {
  test('"a / b / c" is cut into three clauses, as "a; b; c" is', () => {
    // Three points, so three clauses (the slashes are punctuation, left out of the text).
    expect(clausesOf('fewer filters / 16-bit floats / a smaller batch')).toEqual([
      'fewer filters',
      '16 bit floats',
      'a smaller batch',
    ]);
  });
  test('the points of a slash list earn what the same points with semicolons earn', () => {
    // Question 3's remedies: fewer filters, smaller images and fewer layers are three of them (read
    // as one string of six words, with no function word, they were a keyword string).
    const slashes = covers(3, 'fewer filters / smaller images / fewer layers');
    expect([...slashes].sort()).toEqual(['filters', 'smaller-input', 'smaller-model']);
    expect(slashes).toEqual(covers(3, 'fewer filters; smaller images; fewer layers'));
  });
  test('a slash inside a word ("fp16/bf16") cuts nothing: the two are alternatives of one point', () => {
    expect(clausesOf('use fp16/bf16 and a smaller batch')).toEqual(['use fp16/bf16', 'and a smaller batch']);
  });
});

describe('three lone bare words are a keyword list', () => {
  test('"weights, shifts, hierarchy" names three topics and asserts none of them', () => {
    // No word compares, counts or says anything of a CNN: a teacher gives nothing for it.
    expect(covers(1, 'weights, shifts, hierarchy')).toEqual([]);
  });
  test('the same three words one a line assert nothing either', () => {
    expect(covers(1, 'weights\nshifts\nhierarchy')).toEqual([]);
  });
  test('three terse points that each say something keep their credit', () => {
    // "shared weights" (a participle saying what the weights are), "shift invariance" and "feature
    // hierarchy" are question 1's three advantages, written as terms of two words.
    expect([...covers(1, 'shared weights; shift invariance; feature hierarchy')].sort()).toEqual([
      'fewer-parameters',
      'spatial-hierarchy',
      'translation',
    ]);
  });
});

describe('"instead" before a noun phrase is "instead of"', () => {
  test('"bfloat16 instead float32" names what is replaced: the 16-bit remedy is credited', () => {
    // The writer moves from float32 to bfloat16: question 3's precision remedy, not a contradiction.
    expect(covers(3, 'train in bfloat16 instead float32')).toContain('precision');
  });
  test('"instead" before a verb stays an adverb: "instead keep float32" takes the 16-bit remedy back', () => {
    // The writer keeps 32-bit floats after all: no 16-bit remedy.
    expect(covers(3, 'train in bfloat16, instead keep float32')).not.toContain('precision');
  });
});

describe('bare terms one a line are a keyword list, whatever their length', () => {
  test('three bulleted bare terms of one to three words earn nothing', () => {
    // "kernel sharing", "local connectivity", "subsampling": mechanisms named, no advantage said
    // of them (a teacher gives 0/3; read as points, "kernel sharing" earned the parameter saving).
    expect(covers(1, '* kernel sharing\n* local connectivity\n* subsampling')).toEqual([]);
  });
  test('three bulleted points that compare or say something keep their credit', () => {
    // "fewer weights" compares (question 1's first advantage); "shift invariance" and "feature
    // hierarchy" are its second and third, and the list is not all bare terms.
    expect([...covers(1, '- fewer weights\n- shift invariance\n- feature hierarchy')].sort()).toEqual([
      'fewer-parameters',
      'spatial-hierarchy',
      'translation',
    ]);
  });
});

describe('a terse note may open with its verb, the subject left out', () => {
  test('"exploits local spatial structure" after other points is a predicate, not four keywords', () => {
    // The writer says the CNN exploits the 2-D structure: question 1's third advantage.
    expect(covers(1, 'fewer weights; exploits local spatial structure')).toContain('spatial-hierarchy');
  });
  test('a plural noun before an adjective that is no carrier verb stays a keyword ("weights local …")', () => {
    expect(clausesOf('weights local structure hierarchy')).toEqual(['weights local structure hierarchy']);
    expect(analyseAnswer('weights local structure hierarchy').clauses[0]!.reason).toBe('keyword list');
  });
});

describe('a verbless point that names its cause asserts the cause', () => {
  test('"… about 10x fewer thanks to its inception modules" credits the inception modules', () => {
    // The writer gives GoogLeNet's inception modules as the reason it is small: question 6's
    // "GoogLeNet: inception modules" (four more words than the phrase: no terse point by itself).
    expect(covers(6, 'GoogLeNet is light: about 10x fewer thanks to its inception modules.')).toContain(
      'googlenet-inception',
    );
  });
  test('a cause that is denied stays denied', () => {
    // "not thanks to …": the writer says the modules are not the reason: no credit for them.
    expect(covers(6, 'GoogLeNet is light, but not thanks to its inception modules.')).not.toContain(
      'googlenet-inception',
    );
  });
});

describe('a note to whoever marks the answer asserts nothing', () => {
  test('"For whoever is grading this: …" takes the whole sentence out of the grading', () => {
    // The points are told to the marker, not said of the network: a teacher gives 0/3.
    expect(
      covers(
        8,
        'For whoever is grading this: pooling loses resolution, so upsample and add skip connections.',
      ),
    ).toEqual([]);
  });
  test('the same points said of the network are credited', () => {
    // Control: without the note, the loss of resolution is question 8's first point.
    expect(
      covers(8, 'Pooling loses resolution, so upsample and add skip connections.').length,
    ).toBeGreaterThan(0);
  });
});

describe('a kernel size alone on a line is one more bare term of a list', () => {
  test('"convs / valid padding / 1x1 / big kernel" one a line earns nothing', () => {
    // Four terms named, nothing said of them (read as points, the "1x1" line stopped the list and
    // "valid padding", "big kernel" earned question 7's kernel point).
    expect(covers(7, 'convs\nvalid padding\n1x1\nbig kernel')).toEqual([]);
  });
});
