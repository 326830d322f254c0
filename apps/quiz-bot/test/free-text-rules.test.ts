import { describe, expect, test } from 'vitest';
import { readChoice } from '../src/grading/choice';
import { analyseAnswer, foldCase, licence } from '../src/grading/claims/analysis';
import { partLexicon } from '../src/grading/claims/lexicon';
import { MEANINGS, meaningsOf, OPPOSITE_MEANINGS, oppositeMeaningsOf } from '../src/grading/claims/meanings';
import { tagWords } from '../src/grading/claims/nlp';
import { pointsEarned, samePoint } from '../src/grading/claims/points';
import { compileClaim, findClaims } from '../src/grading/claims/synonyms';
import { gradeRubric } from '../src/grading/rubric';
import { QUESTIONS } from '../src/questions/bank';
import type { ChoicePart, RubricPart } from '../src/questions/schemas';

/*
 * The free-text and choice reading rules, one case per rule (issue 17, mutation testing: each case
 * was written to kill a mutant that survived the older suites, see docs/mutation-testing.md). Every
 * expectation is what a teacher reads in the sentence, worked out by hand in the comment beside it,
 * never the grader's output copied back.
 */

// Question 5's choice part. Its options, by index:
//   0 a) the activations of the same channel across the whole mini-batch
//   1 b) the activations at the same position in neighbouring channels   (right)
//   2 c) all the activations of the same feature map
//   3 d) the layer's own weights
const q5 = QUESTIONS.find((q) => q.id === 5)!.parts.find((p) => p.kind === 'choice');
if (q5?.kind !== 'choice') throw new Error('question 5 has a choice part');
const part: ChoicePart = q5;
const ALLOWED = 'choose one of a, b, c, d (or 1–4)';

describe('a choice picked by letter or number (choice.ts, lettersOf)', () => {
  test.each([
    // The letter alone, in either case, with the punctuation people put after it.
    ['b', 1],
    ['D', 3],
    ['c.', 2],
    ['b:', 1],
    ['b - the neighbouring channels', 1],
    // Spaces around the answer and a full-width letter (NFKC folds it to "b").
    ['   b   ', 1],
    ['Ｂ', 1],
    // In brackets anywhere in the sentence.
    ['I would say [c]', 2],
    ['I think it is (d)', 3],
    // After a word that announces the pick.
    ['answer: b', 1],
    ['my answer is c', 2],
    ['answer=b', 1],
    ['choice d', 3],
    ['I pick a', 0],
    // The option's number, 1 to the number of options.
    ['1', 0],
    ['3', 2],
    ['4', 3],
  ] as const)('%j picks option %i', (answer, index) => {
    expect(readChoice(part, answer)).toEqual({ index });
  });

  test.each([
    // Two letters joined by "and", "/", "&", ",": two picks, both named back in the refusal.
    ['b and c', `it picks b and c; ${ALLOWED}`],
    ['b/d', `it picks b and d; ${ALLOWED}`],
    ['a & c', `it picks a and c; ${ALLOWED}`],
    ['(a), (d)', `it picks a and d; ${ALLOWED}`],
    ['1 or 2', `it picks a and b; ${ALLOWED}`],
    // A letter or number past the last option is no option: nothing is picked, even when a real
    // letter is named beside it ("e or b" does not read as b).
    ['e', ALLOWED],
    ['5', ALLOWED],
    ['e or b', ALLOWED],
    ['option 5', ALLOWED],
    ['5 or 2', ALLOWED],
    // Two picks are named in the options' order, whatever order they were written in.
    ['(c) or (b)', `it picks b and c; ${ALLOWED}`],
  ])('%j is refused: %s', (answer, invalid) => {
    expect(readChoice(part, answer)).toEqual({ invalid });
  });
});

describe("a choice picked by the option's text or a paraphrase (choice.ts, pairsOf)", () => {
  test.each([
    // The same pairs as option b (same·position, neighbour·channel), in other words.
    ['adjacent channels, at the same very exact spot', 1], // "same" three words before "spot"
    ['same location, nearby maps', 1], // "nearby maps": neighbouring maps are channels
    ['the same pixel in the adjacent map', 1], // a neighbouring map is another channel
    ['the same x y position in neighbouring channels', 1], // "x y" is one word, a position
    ['neighbouring channels at the same x y', 1], // "x y" alone is the position
    // Option c's pairs: all·activations and same·map (one map, not neighbouring ones).
    ['every activation of that same feature map', 2],
    // "feature map" is one word: three words after "same" ("rather big feature map") still reach.
    ['every activation of the same rather big feature map', 2],
    // Option a's pairs: same·channel and all·batch ("mini batch" and "minibatch" are one word).
    ['one and the same channel, over the entire minibatch', 0],
    ['the same channel over the entire mini batches', 0],
    // "mini batch" is one word: three words after "entire" ("fairly big mini batch") still reach.
    ['the same channel over the entire fairly big mini batch', 0],
  ] as const)('%j picks option %i', (answer, index) => {
    expect(readChoice(part, answer)).toEqual({ index });
  });

  test('an answer that makes the pairs of two options names both in its refusal', () => {
    // a) same·channel + all·batch, and c) all·activations + same·map: both made.
    expect(
      readChoice(
        part,
        'the same channel across the whole batch and all the activations of the same feature map',
      ),
    ).toEqual({ invalid: `it describes a and c; ${ALLOWED}` });
  });

  test('only "same" keeps a map one map: any other qualifier of a map means channels', () => {
    // Two options that differ only in their noun: "the weights" and "the positions" must not be
    // read as one thing ("all" qualifies each, and neither is a map).
    const all: ChoicePart = { ...part, options: ['all the weights', 'all the positions'], correct: 0 };
    expect(readChoice(all, 'the entire set of parameters')).toEqual({ index: 0 });
    expect(readChoice(all, 'every pixel')).toEqual({ index: 1 });
  });

  test('an option with no qualified noun is picked by its exact text only', () => {
    // Neither option has a (qualifier, noun) pair, so only the option's own words name it; the
    // text is compared after normalisation (case, punctuation).
    const pooling: ChoicePart = {
      ...part,
      options: ['max pooling', 'average pooling', 'a strided convolution'],
      correct: 0,
    };
    expect(readChoice(pooling, 'Average pooling.')).toEqual({ index: 1 });
    expect(readChoice(pooling, 'max pooling')).toEqual({ index: 0 });
    expect(readChoice(pooling, 'pooling')).toEqual({ invalid: 'choose one of a, b, c (or 1–3)' });
  });
});

describe('points of a part, as a teacher counts them (claims/points.ts)', () => {
  test('concepts of one point earn it once; concepts of two points earn two', () => {
    // Question 4 ("why"): no parameters, and its consequences (compute, memory, overfitting), are
    // one reason; invariance to small shifts is the other.
    expect(pointsEarned('why', ['compute', 'memory'])).toBe(1);
    expect(pointsEarned('why', ['overfitting', 'invariance'])).toBe(2);
    expect(pointsEarned('why', [])).toBe(0);
    // Question 5 ("when"): "superseded" is said and credited but earns no point.
    expect(pointsEarned('when', ['superseded'])).toBe(0);
    expect(pointsEarned('when', ['superseded', 'where'])).toBe(1);
  });

  test('samePoint: two concepts of one point, of two points, and of a part with no table', () => {
    expect(samePoint('why', 'compute', 'memory')).toBe(true);
    expect(samePoint('why', 'no-params', 'invariance')).toBe(false);
    // Only one of the two is in the point.
    expect(samePoint('advantages', 'fewer-parameters', 'translation')).toBe(false);
    // A part with no table (every question's part has one now): each concept is its own point.
    expect(samePoint('a-part-with-no-table', 'resnet-depth', 'resnet-depth')).toBe(false);
  });
});

/** The words of `answer` (normalised) where `claim` is said, one entry per match. */
const said = (claim: string, answer: string): string[] => {
  const analysis = analyseAnswer(answer);
  return findClaims(analysis, compileClaim(claim)).map(({ from, to }) => analysis.text.slice(from, to));
};

describe('claims written as slots of words (claims/synonyms.ts, compileClaim)', () => {
  test('a slot lists words split by "|"; "~" makes the claim unordered; "..." lets a slot stand far', () => {
    expect(compileClaim('  split|spread   gpu ')).toEqual({
      slots: [['split', 'spread'], ['gpu']],
      far: [false, false],
      unordered: false,
      atEnd: false,
    });
    expect(compileClaim('~ coarse maps')).toEqual({
      slots: [['coarse'], ['maps']],
      far: [false, false],
      unordered: true,
      atEnd: false,
    });
    // Only a gap between two slots counts; a leading "..." has no slot before it.
    expect(compileClaim('... edges ... objects').far).toEqual([false, true]);
    expect(compileClaim('edges ... shapes objects').far).toEqual([false, true, false]);
  });

  test('"@name" stands for a shared list; an unknown list is a programming error, named', () => {
    // SYNONYMS.gradient is "gradient gradients grad grads".
    expect(compileClaim('sum|@gradient').slots).toEqual([['sum', 'gradient', 'gradients', 'grad', 'grads']]);
    expect(() => compileClaim('@nosuch thing')).toThrow(
      'unknown synonym list @nosuch in claim "@nosuch thing"',
    );
  });
});

describe('where a claim is said in an answer (claims/synonyms.ts, findClaims)', () => {
  test('slots are matched in order, on lemma or word, each within four words of the one before', () => {
    // "reduces" is the lemma "reduce", "weights" a word of @parameter.
    expect(said('@less @parameter', 'It reduces the weights.')).toEqual(['reduces the weights']);
    // Four words between the slots ("of all of these") still reach; five ("of all of these old") do not.
    expect(said('@less @parameter', 'It has less of all of these parameters.')).toEqual([
      'less of all of these parameters',
    ]);
    expect(said('@less @parameter', 'It has less of all of these old parameters.')).toEqual([]);
    // The other order is another claim ("parameters ... fewer"): an ordered claim does not read it.
    expect(said('@less @parameter', 'The parameters are fewer.')).toEqual([]);
  });

  test('a word ending in "*" matches any word it begins; "#size" an image size of at least 16 px a side', () => {
    expect(said('recalibrat* channels', 'SE blocks recalibrate the channels.')).toEqual([
      'recalibrate the channels',
    ]);
    expect(said('fixed #size', 'It needs a fixed 224x224 input.')).toEqual(['fixed 224x224']);
    expect(said('fixed #size', 'It needs a fixed 16x16 input.')).toEqual(['fixed 16x16']);
    // A kernel's "3x3" (or a 15-pixel side) is no image size.
    expect(said('fixed #size', 'It uses a fixed 3x3 kernel.')).toEqual([]);
    expect(said('fixed #size', 'It needs a fixed 15x224 input.')).toEqual([]);
    expect(said('fixed #size', 'It needs a fixed 224x15 input.')).toEqual([]);
  });

  test("a noun no slot names is the earlier slot's own object: the claim stops there", () => {
    // "reduce the resolution of the weights" reduces the resolution, not the number of weights.
    expect(said('@less @parameter', 'Reduce the resolution of the weights.')).toEqual([]);
    // "number" only measures what follows it.
    expect(said('@less @parameter', 'A smaller number of parameters.')).toEqual([
      'smaller number of parameters',
    ]);
  });

  test('a negation between the slots denies the claim, unless a slot asks for it', () => {
    // "cut not a single parameter": nothing is cut.
    expect(said('@less @parameter', 'We cut not a single parameter.')).toEqual([]);
    expect(said('@less @parameter', "We cut, well, didn't the parameters.")).toEqual([]);
    // "no" is the claim's own first slot here: "no|zero @parameter" is said.
    expect(said('no|zero|without weights', 'Pooling has no weights.')).toEqual(['no weights']);
  });

  test('an ordered claim is found once per clause, in each clause that says it', () => {
    // One clause saying it twice: one match, the first.
    expect(said('@less @parameter', 'fewer parameters fewer weights')).toEqual(['fewer parameters']);
    // Two sentences: one match each.
    expect(said('@less @parameter', 'Fewer parameters. Fewer weights.')).toEqual([
      'fewer parameters',
      'fewer weights',
    ]);
  });

  test('an unordered claim: each slot by its own word of the clause, in any order, not negated between', () => {
    expect(said('~ @less @parameter', 'The parameters are far fewer.')).toEqual(['parameters are far fewer']);
    expect(said('~ @less @parameter', 'The parameters are not fewer.')).toEqual([]);
    // One word cannot fill two slots ("weights" is not also "fewer").
    expect(said('~ weights weights', 'It shares weights.')).toEqual([]);
    expect(said('~ weights weights', 'Weights on weights.')).toEqual(['weights on weights']);
  });

  test('a slot after "..." may stand anywhere later in the sentence, across its clauses', () => {
    // Géron ch. 14: low-level features assembled into higher-level ones.
    expect(said('@simple ... @complex', 'First edges, then textures, then objects.')).toEqual([
      'edges then textures then objects',
    ]);
    // Not in the next sentence.
    expect(said('@simple ... @complex', 'First edges. Objects come later.')).toEqual([]);
  });
});

/** The clauses of an answer as their words, with their sentence and why each asserts nothing. */
const clausesOf = (answer: string) => {
  const analysis = analyseAnswer(answer);
  return analysis.clauses.map((c) => ({
    words: analysis.text.slice(c.start, c.end).trim(),
    sentence: c.sentence,
    ...(c.soft ? { soft: true } : {}),
    ...(c.asserts ? {} : { reason: c.reason }),
  }));
};

describe('an answer cut into sentences and clauses (claims/analysis.ts, analyseAnswer)', () => {
  test("sentences end at . ! ? before a space or the end; clauses at ; : , and the notes' = + ->", () => {
    expect(clausesOf('Use fp16; cut the batch. Add GPUs!')).toEqual([
      { words: 'use fp16', sentence: 0 },
      { words: 'cut the batch', sentence: 0 },
      { words: 'add gpus', sentence: 1 },
    ]);
    expect(clausesOf('max pool = zero params + less compute -> less memory')).toEqual([
      { words: 'max pool', sentence: 0 },
      { words: 'zero params', sentence: 0 },
      { words: 'less compute', sentence: 0 },
      { words: 'less memory', sentence: 0 },
    ]);
    // A dot inside a number ends nothing.
    expect(clausesOf('Keep 0.5 of the memory free')).toEqual([
      { words: 'keep 0 5 of the memory free', sentence: 0 },
    ]);
  });

  test('a numbered list is cut at its numbers', () => {
    expect(clausesOf('1) smaller batch 2) fp16')).toEqual([
      { words: 'smaller batch', sentence: 0 },
      { words: 'fp16', sentence: 0 },
    ]);
  });

  test('a conjunction starts a new (soft) clause it belongs to, except between counts ("one or two")', () => {
    expect(clausesOf('Reduce the batch and use fp16')).toEqual([
      { words: 'reduce the batch', sentence: 0 },
      { words: 'and use fp16', sentence: 0, soft: true },
    ]);
    expect(clausesOf('Use one or two more GPUs')).toEqual([
      { words: 'use one or two more gpus', sentence: 0 },
    ]);
  });

  test('a question asserts nothing; nor does a note to the grader, in its whole sentence', () => {
    expect(clausesOf('Fewer parameters? Yes')).toEqual([
      { words: 'fewer parameters', sentence: 0, reason: 'question' },
      { words: 'yes', sentence: 1 },
    ]);
    expect(clausesOf('Dear grader, give me full marks. Fewer parameters')).toEqual([
      { words: 'dear grader', sentence: 0, reason: 'note to the grader' },
      { words: 'give me full marks', sentence: 0, reason: 'note to the grader' },
      { words: 'fewer parameters', sentence: 1 },
    ]);
  });

  test('a denial takes back the clauses before it in its sentence, or the whole sentence before', () => {
    // "No." alone denies the sentence before it (and itself); the sentence before that stands.
    expect(clausesOf('Use fp16. CNNs have fewer parameters, and less memory. No.')).toEqual([
      { words: 'use fp16', sentence: 0 },
      { words: 'cnns have fewer parameters', sentence: 1, reason: 'denied' },
      // After a comma the "and" opens a clause cut at the comma (not soft).
      { words: 'and less memory', sentence: 1, reason: 'denied' },
      { words: 'no', sentence: 2, reason: 'denied' },
    ]);
    // Inside one sentence, the clauses before the denial only.
    expect(clausesOf('Use fp16. Fewer parameters, but that is false')).toEqual([
      { words: 'use fp16', sentence: 0 },
      { words: 'fewer parameters', sentence: 1, reason: 'denied' },
      { words: 'but that is false', sentence: 1, reason: 'denied' },
    ]);
    // The writer disowning it, and "none of that helps", do the same.
    expect(clausesOf('Fewer parameters. I disagree with that.')[0]).toEqual({
      words: 'fewer parameters',
      sentence: 0,
      reason: 'denied',
    });
    expect(clausesOf('Fewer parameters, but none of that helps')[0]).toEqual({
      words: 'fewer parameters',
      sentence: 0,
      reason: 'denied',
    });
  });

  test('four or more bare terms are a keyword list, in one clause or as short items', () => {
    expect(clausesOf('parameters invariance overfitting computation')).toEqual([
      { words: 'parameters invariance overfitting computation', sentence: 0, reason: 'keyword list' },
    ]);
    expect(clausesOf('batch, stride, layers, floats').map((c) => c.reason)).toEqual([
      'keyword list',
      'keyword list',
      'keyword list',
      'keyword list',
    ]);
    // Three lone nouns name three topics and say nothing of them (issue 18, second round): a list
    // of keywords too; three terms one of which compares ("smaller batch") are a terse answer.
    expect(clausesOf('batch, stride, kernels').map((c) => c.reason)).toEqual([
      'keyword list',
      'keyword list',
      'keyword list',
    ]);
    expect(clausesOf('smaller batch, stride, floats').map((c) => c.reason)).toEqual([
      undefined,
      undefined,
      undefined,
    ]);
  });
});

// Question 1's rubric part (a CNN against a fully connected network): its carriers and field words.
const q1 = QUESTIONS.find((q) => q.id === 1)!.parts.find((p) => p.kind === 'rubric') as RubricPart;
/** Does `answer` assert `phrase` (its first occurrence), by question 1's lexicon? */
const asserts = (answer: string, phrase: string) => {
  const analysis = analyseAnswer(answer);
  const from = analysis.text.indexOf(` ${phrase} `) + 1;
  if (from === 0) throw new Error(`"${phrase}" is not in "${analysis.text}"`);
  const { carriers, domain, subjects } = partLexicon(q1);
  return licence(analysis, from, from + phrase.length, carriers, (w) => domain.has(w), subjects);
};

describe('is a phrase what its clause claims (claims/analysis.ts, licence)', () => {
  test.each([
    // After a verb that carries any claim ("have").
    ['CNNs have fewer parameters.', 'fewer parameters'],
    // The whole subject of its clause.
    ['Fewer parameters are needed.', 'fewer parameters'],
    // A terse point: no verb, the phrase give or take two words.
    ['Far fewer parameters.', 'fewer parameters'],
    ['Far fewer parameters overall.', 'fewer parameters'],
    // "of" and a word of the field: still the claim.
    ['A smaller batch of images.', 'smaller batch'],
  ])('%j asserts %j', (answer, phrase) => {
    expect(asserts(answer, phrase)).toEqual({ asserted: true });
  });

  test.each([
    // "of" and a noun outside the field: the phrase is about that noun.
    ['A smaller batch of dough.', 'smaller batch', 'about dough'],
    // A verbless clause with three other content words (cats, dogs, birds) is more than the point.
    ['Fewer parameters for cats dogs birds.', 'fewer parameters', 'no claim'],
    // A question asserts nothing.
    ['Fewer parameters?', 'fewer parameters', 'question'],
  ])('%j does not assert %j: %s', (answer, phrase, reason) => {
    expect(asserts(answer, phrase)).toEqual({ asserted: false, reason });
  });
});

const rubricOf = (id: number) =>
  QUESTIONS.find((q) => q.id === id)!.parts.find((p) => p.kind === 'rubric') as RubricPart;

describe('the score and feedback of a rubric (rubric.ts, gradeRubric)', () => {
  test('nothing recognised: score 0 and says so', () => {
    const grade = gradeRubric(rubricOf(3), 'I would buy a bigger monitor.');
    expect(grade.score).toBe(0);
    expect(grade.correct).toBe(false);
    expect(grade.feedback[0]).toBe('None of the expected points was recognised.');
  });

  test('question 6 is scored per network: one innovation of the two asked for one network is 1/2 of 1/5', () => {
    // Five networks, two innovations each (perGroup 2): ResNet's share is 1/2, the others' 0,
    // so the mean is 0.5 / 5 = 0.1.
    const grade = gradeRubric(rubricOf(6), 'ResNet uses skip connections.');
    expect(grade.score).toBe(0.1);
    expect(grade.feedback.at(-1)).toMatch(/^Missing \(2 per network for full credit\): AlexNet: much larger/);
  });

  test('question 6: an innovation said of no network asks which network it is', () => {
    const grade = gradeRubric(rubricOf(6), 'It uses skip connections.');
    expect(grade.score).toBe(0);
    expect(grade.feedback.join(' ')).toContain('say which network this is');
  });

  test('an answer that is mostly about something else is credited nothing', () => {
    // A story (my, she) with six nouns outside the field (grandmother, bread, cakes, pies,
    // cookies, kitchen) against one of the field (batch).
    const story = gradeRubric(
      rubricOf(3),
      'My grandmother said to use a smaller batch. She bakes bread, cakes, pies and cookies in her kitchen.',
    );
    expect(story.score).toBe(0);
    expect(story.feedback.join(' ')).toContain(
      'Most of the answer is about something else, so nothing in it is credited.',
    );
    // One sentence of four about the question: fewer than half are related.
    const one = gradeRubric(
      rubricOf(3),
      'Use a smaller batch. The weather was nice. The sea was blue. The sun shone.',
    );
    expect(one.score).toBe(0);
    // Two of four is half: the answer is on topic, both remedies count (2 of the 5 required).
    const two = gradeRubric(
      rubricOf(3),
      'Use a smaller batch. Use 16-bit floats. The weather was nice. The sea was blue.',
    );
    expect(two.covered).toEqual(['batch', 'precision']);
    expect(two.score).toBe(0.4);
  });
});

describe("a part's words (claims/lexicon.ts, partLexicon)", () => {
  // A part of its own (the lexicon is cached per part object): its verbs become carriers, its
  // nouns (lemma and as written) words of the field, and its subjects' ids their words.
  // A fresh object per test: each test computes the lexicon it reads (it is cached per object).
  const grebes = (): RubricPart => ({
    ...q1,
    prompt: 'Why do grebes juggle pebbles?',
    modelAnswer: 'Grebes juggle pebbles.',
    explanation: 'Nobody knows why grebes juggle pebbles, says Attenborough.',
    subjects: { rule: 'owns', list: [{ id: 'Res-Net 2', patterns: ['resnet'] }] },
  });

  test('verbs of the part carry claims; its nouns are of the field', () => {
    const part = grebes();
    const lexicon = partLexicon(part);
    expect(lexicon.carriers.has('juggle')).toBe(true);
    expect(lexicon.carriers.has('grebe')).toBe(false);
    expect(lexicon.domain.has('grebe')).toBe(true);
    expect(lexicon.domain.has('grebes')).toBe(true);
    expect(lexicon.domain.has('pebble')).toBe(true);
    expect(lexicon.domain.has('juggle')).toBe(false);
    // A proper noun of the part's texts is of the field too.
    expect(lexicon.domain.has('attenborough')).toBe(true);
    // The shared lists are there too.
    expect(lexicon.carriers.has('have')).toBe(true);
    expect(lexicon.domain.has('cnn')).toBe(true);
    // Computed once per part.
    expect(partLexicon(part)).toBe(lexicon);
  });

  test("a subject's id gives its words of two letters or more, lower case", () => {
    const { subjects, domain } = partLexicon(grebes());
    expect([...subjects].sort()).toEqual(['net', 'res']);
    expect(domain.has('res')).toBe(true);
    expect(partLexicon({ ...grebes(), subjects: undefined }).subjects.size).toBe(0);
    // Two characters are a word ("16" of "VGG-16 V"); one is not ("v").
    const vgg = partLexicon({
      ...grebes(),
      subjects: { rule: 'owns', list: [{ id: 'VGG-16 V', patterns: ['vgg'] }] },
    });
    expect([...vgg.subjects].sort()).toEqual(['16', 'vgg']);
  });
});

describe('meanings by part and concept (claims/meanings.ts)', () => {
  test('looked up by "<part>/<concept>"; none for a concept with no entry', () => {
    expect(meaningsOf('why', 'memory')).toBe(MEANINGS['why/memory']);
    expect(oppositeMeaningsOf('remedies', 'batch')).toBe(OPPOSITE_MEANINGS['remedies/batch']);
    expect(meaningsOf('why', 'no-such-concept')).toEqual([]);
    expect(oppositeMeaningsOf('why', 'memory')).toEqual([]);
  });
});

describe('words as the tagger gives them (claims/nlp.ts, tagWords)', () => {
  test('a written word the tokenizer cut is glued back, lower case; a clitic is not glued', () => {
    const words = tagWords("A 1X1 conv keeps the CNN's maps");
    // "1X1" comes back from wink as "1" and "X1": one word "1x1", lemma "1x1".
    expect(words.find((t) => t.norm === '1x1')).toMatchObject({ lemma: '1x1' });
    // "'s" starts with no letter or digit: it stays its own word.
    expect(words.map((t) => t.norm)).toContain("'s");
    expect(words.map((t) => t.norm)).toContain('cnn');
  });
});

describe('an ampersand between words is "and" (analysis.ts, foldCase)', () => {
  // A student writes "&" for "and"; a teacher reads the two the same. Before, the tagger dropped the
  // "&", so "weight sharing & local connections reduce overfitting" was two noun phrases side by
  // side, read as a keyword list that asserts nothing: no credit.
  test.each([
    [1, 'Weight sharing & local connections reduce overfitting.'],
    [1, 'Fewer parameters & it detects a feature anywhere in the image.'],
    [3, 'Reduce the batch size & use a smaller model.'],
    [8, 'Pooling loses resolution & the exact position of the boundaries.'],
  ])('question %i: "%s" is graded as its "and" form', (question, answer) => {
    const withAnd = gradeRubric(rubricOf(question), answer.replace(' & ', ' and '));
    const withAmpersand = gradeRubric(rubricOf(question), answer);
    expect(withAnd.score).toBeGreaterThan(0);
    expect(withAmpersand.score).toBe(withAnd.score);
    expect(withAmpersand.covered).toEqual(withAnd.covered);
  });

  test('"R&D" and "&&" are left alone: only an ampersand with spaces around it is a word', () => {
    expect(foldCase('R&D & more')).toBe('R&D and more');
    expect(foldCase('a && b')).toBe('a && b');
  });
});
