import { describe, expect, it } from 'vitest';
import type { Token } from '../src/grading/claims/nlp';
import {
  clauseSubject,
  combine,
  combinedReader,
  denseWeights,
  featureNames,
  features,
  hashFeature,
  markedLemmas,
  probability,
  quantise,
  trainLogistic,
} from '../src/grading/reader';
import { type RubricReading, readRubric } from '../src/grading/rubric';
import { rubric } from './bank-rubric';

/*
 * The learned concept reader (src/grading/reader.ts): its logistic regression against a case worked
 * by hand, its features, its determinism, and its combination with the rules (the committed model
 * against what `pnpm grading:train-reader` writes: test/reader-model.test.ts).
 */

const token = (norm: string, lemma: string, pos: string): Token => ({ norm, lemma, pos, start: 0, end: 0 });

describe('the logistic regression', () => {
  // Two examples, two features: feature 0 alone is a positive, feature 1 alone a negative.
  const examples = [
    { x: Int32Array.of(0), y: 1 as const },
    { x: Int32Array.of(1), y: 0 as const },
  ];
  it('takes AdaGrad steps on the summed log loss as worked by hand (no penalty)', () => {
    // Step 1: every p = σ(0) = 0.5; g0 = 0.5 − 1 = −0.5, g1 = +0.5, bias gradient 0.5 − 0.5 = 0.
    // AdaGrad moves each weight by rate·g/√(g²) = 0.5 against its gradient's sign: w = (0.5, −0.5).
    const one = trainLogistic(examples, { dims: 2, lambda: 0, rate: 0.5, steps: 1 });
    expect([...one.weights]).toEqual([0.5, -0.5]);
    expect(one.bias).toBe(0);
    // Step 2: p = σ(0.5) = 0.622459 for the first, so g0 = −0.377541; Σg² = 0.25 + 0.142537 =
    // 0.392537, √ = 0.626528; w0 = 0.5 + 0.5·0.377541/0.626528 = 0.801296 (w1 its mirror).
    const two = trainLogistic(examples, { dims: 2, lambda: 0, rate: 0.5, steps: 2 });
    expect(two.weights[0]).toBeCloseTo(0.801296, 5);
    expect(two.weights[1]).toBeCloseTo(-0.801296, 5);
    expect(two.bias).toBe(0);
  });
  it('adds λ·w to the gradient (the L2 penalty), not to the bias', () => {
    // Step 1 as above (w = 0, no penalty yet). Step 2: g0 = −0.377541 + 1·0.5 = 0.122459;
    // Σg² = 0.25 + 0.014996 = 0.264996, √ = 0.514778; w0 = 0.5 − 0.5·0.122459/0.514778 = 0.381056.
    const two = trainLogistic(examples, { dims: 2, lambda: 1, rate: 0.5, steps: 2 });
    expect(two.weights[0]).toBeCloseTo(0.381056, 5);
    expect(two.weights[1]).toBeCloseTo(-0.381056, 5);
    expect(two.bias).toBe(0);
  });
  it('moves the bias when the labels lean one way', () => {
    // Four positive examples (each feature twice): bias gradient 4·(0.5 − 1) = −2, Σg² = 4, so one
    // step moves it by 0.5·2/√4 = +0.5 (and each weight, gradient −1, by +0.5 too).
    const pos = trainLogistic(
      [...examples, ...examples].map((e) => ({ ...e, y: 1 as const })),
      { dims: 2, lambda: 0, rate: 0.5, steps: 1 },
    );
    expect(pos.bias).toBe(0.5);
    // σ(0.5 + 0.5) = σ(1) = 0.731059 for an example with feature 0.
    expect(probability(pos.bias, pos.weights, Int32Array.of(0))).toBeCloseTo(0.731059, 5);
  });
  it('leaves a dimension no example uses at zero', () => {
    // Dimension 2 has gradient 0 at every step: AdaGrad takes no step there (0/√0 would be NaN).
    const fitted = trainLogistic(examples, { dims: 3, lambda: 1, rate: 0.5, steps: 3 });
    expect(fitted.weights[2]).toBe(0);
  });
  it('is deterministic: the same examples give the same weights twice', () => {
    const many = Array.from({ length: 40 }, (_, i) => ({
      x: Int32Array.of(i % 7, 7 + (i % 3)),
      y: (i % 5 < 2 ? 1 : 0) as 0 | 1,
    }));
    const options = { dims: 10, lambda: 0.5, rate: 0.2, steps: 30 };
    expect(trainLogistic(many, options)).toEqual(trainLogistic(many, options));
  });
  it('stores weights as signed bytes times a scale, read back within half a step', () => {
    // max |w| = 2.54, scale 0.02: 1.0 → 50, −2.54 → −127, 0.013 → 1 (0.65 rounds up).
    const stored = quantise(Float64Array.of(1, -2.54, 0.013));
    expect(stored.scale).toBe(0.02);
    const back = denseWeights({ dims: 3, ...stored });
    expect([...back].map((w) => Math.round(w * 1000) / 1000)).toEqual([1, -2.54, 0.02]);
    // All zero: the scale is 1 (no division by zero), and the weights read back as zeros.
    const zeros = quantise(new Float64Array(4));
    expect(zeros.scale).toBe(1);
    expect([...denseWeights({ dims: 4, ...zeros })]).toEqual([0, 0, 0, 0]);
    // A model whose bytes do not fill its dimensions is refused.
    expect(() => denseWeights({ dims: 5, ...zeros })).toThrow('4 weights for 5 dimensions');
  });
});

describe('the features', () => {
  it('marks the words after a negation, to the end of the clause', () => {
    const tokens = [
      token('pooling', 'pooling', 'NOUN'),
      token('does', 'do', 'AUX'),
      token('not', 'not', 'PART'),
      token('learn', 'learn', 'VERB'),
      token('weights', 'weight', 'NOUN'),
      token('.', '.', 'PUNCT'),
    ];
    expect(markedLemmas(tokens)).toEqual(['pooling', 'do', 'NOT', 'NOT_learn', 'NOT_weight']);
    // A contraction the tagger keeps whole is a negation too.
    expect(markedLemmas([token("doesn't", "doesn't", 'AUX'), token('learn', 'learn', 'VERB')])).toEqual([
      'NOT',
      'NOT_learn',
    ]);
    expect(markedLemmas([token('it', 'it', 'PRON'), token('learns', 'learn', 'VERB')])).toEqual([
      'it',
      'learn',
    ]);
    // "hardly" negates from inside a claim (INTERIOR_NEGATIONS), though it is no clause negation.
    expect(markedLemmas([token('hardly', 'hardly', 'ADV'), token('changes', 'change', 'VERB')])).toEqual([
      'NOT',
      'NOT_change',
    ]);
  });
  it("reads the clause's subject as the last noun or pronoun before its first verb", () => {
    expect(
      clauseSubject([
        token('max', 'max', 'ADJ'),
        token('pooling', 'pooling', 'NOUN'),
        token('layer', 'layer', 'NOUN'),
        token('has', 'have', 'VERB'),
        token('weights', 'weight', 'NOUN'),
      ]),
    ).toBe('layer');
    expect(clauseSubject([token('use', 'use', 'VERB'), token('fp16', 'fp16', 'NOUN')])).toBeUndefined();
    // A word after the noun that is none is not the subject; a name and a pronoun are; an
    // auxiliary ends the subject as a verb does; a clause with no verb has none.
    expect(
      clauseSubject([
        token('layer', 'layer', 'NOUN'),
        token('often', 'often', 'ADV'),
        token('has', 'have', 'VERB'),
      ]),
    ).toBe('layer');
    expect(clauseSubject([token('resnet', 'resnet', 'PROPN'), token('uses', 'use', 'VERB')])).toBe('resnet');
    expect(
      clauseSubject([token('it', 'it', 'PRON'), token('is', 'be', 'AUX'), token('model', 'model', 'NOUN')]),
    ).toBe('it');
    expect(
      clauseSubject([token('fewer', 'few', 'ADJ'), token('parameters', 'parameter', 'NOUN')]),
    ).toBeUndefined();
  });
  it("joins each feature to the part and concept, with the rule reader's finding", () => {
    const reading = readRubric(rubric(4, 'why'), 'Max pooling does not learn, so it has no parameters.');
    const names = featureNames(reading, 'no-params');
    // The rules credit no-params here ("it has no parameters"); the finding is a feature alone and per concept.
    expect(reading.findings.get('no-params')).toBe('credited');
    expect(names).toContain('F:credited');
    expect(names).toContain('why/no-params|F:credited');
    expect(names).toContain('why/no-params|u:NOT_learn');
    expect(names).toContain('why/no-params|b:NOT_NOT_learn');
    expect(names).not.toContain('why/no-params|u:learn');
    // Another concept of the part reads the same words under its own name.
    expect(featureNames(reading, 'invariance')).toContain('why/invariance|u:NOT_learn');
    expect(reading.findings.get('invariance')).toBe('absent');
    // Sorted, no repeats.
    expect(names).toEqual([...new Set(names)].sort());
  });
  it('marks a clause that asserts nothing with its reason, and no subject where a clause has none', () => {
    const question = readRubric(rubric(4, 'why'), 'Does max pooling have parameters?');
    expect(question.analysis.clauses[0]?.reason).toBe('question');
    expect(featureNames(question, 'no-params')).toContain('why/no-params|na:question');
    const opensWithVerb = readRubric(rubric(4, 'why'), 'Has no parameters.');
    expect(featureNames(opensWithVerb, 'no-params').filter((n) => n.includes('|s:'))).toEqual([]);
    // The hashed indices are those of the names, both ways.
    for (const reading of [question, opensWithVerb])
      expect([...features(reading, 'no-params', 1 << 15)]).toEqual(
        [...new Set(featureNames(reading, 'no-params').map((n) => hashFeature(n) % (1 << 15)))].sort(
          (a, b) => a - b,
        ),
      );
  });
  it('says which network a clause is about: the concept’s own, or another with its words', () => {
    // Question 6 pairs points with networks: "AlexNet used ReLU" is about AlexNet (alexnet-relu's
    // own), "ResNet added skip connections" about ResNet, another network for alexnet-relu.
    const reading = readRubric(rubric(6, 'innovations'), 'AlexNet used ReLU. ResNet added skip connections.');
    expect(reading.subjects).toEqual(['AlexNet', 'ResNet']);
    const names = featureNames(reading, 'alexnet-relu');
    expect(names).toContain('innovations/alexnet-relu|sj:own');
    expect(names).toContain('innovations/alexnet-relu|sj:other');
    // The other network's clause gives its words again, marked: "skip" but not "relu".
    expect(names).toContain('innovations/alexnet-relu|o:skip');
    expect(names).not.toContain('innovations/alexnet-relu|o:relu');
    // For resnet-skip the roles swap.
    expect(featureNames(reading, 'resnet-skip')).toContain('innovations/resnet-skip|o:relu');
    // Question 4's part lists max pooling first: a clause about it is the concepts' own.
    const pooling = readRubric(rubric(4, 'why'), 'Max pooling has no parameters.');
    expect(pooling.subjects).toEqual(['max pooling']);
    expect(featureNames(pooling, 'no-params')).toContain('why/no-params|sj:own');
    // A clause that names no subject before it has none, and no such feature.
    const none = readRubric(rubric(4, 'why'), 'It has no parameters.');
    expect(none.subjects).toEqual([undefined]);
    expect(featureNames(none, 'no-params').filter((n) => n.includes('|sj:'))).toEqual([]);
  });
  it("gives the rules' findings for the part's other concepts", () => {
    // The rules credit alexnet-relu and resnet-skip here and give xception-skip to the wrong network
    // (skip connections said of ResNet, not Xception); absent findings are left out.
    const reading = readRubric(rubric(6, 'innovations'), 'AlexNet used ReLU. ResNet added skip connections.');
    const others = featureNames(reading, 'alexnet-relu').filter((n) => n.includes('|of:'));
    expect(others).toEqual([
      'innovations/alexnet-relu|of:resnet-skip:credited',
      'innovations/alexnet-relu|of:xception-skip:misattributed',
    ]);
    const reading6 = readRubric(rubric(6, 'innovations'), 'AlexNet used ReLU.');
    expect(featureNames(reading6, 'alexnet-relu').filter((n) => n.includes('|of:'))).toEqual([]);
  });
  it('hashes names stably (FNV-1a, 32 bits: the published test vectors)', () => {
    expect(hashFeature('')).toBe(0x811c9dc5);
    expect(hashFeature('a')).toBe(0xe40c292c);
    expect(hashFeature('foobar')).toBe(0xbf9cf968);
    const reading = readRubric(rubric(4, 'why'), 'Max pooling does not learn, so it has no parameters.');
    const x = features(reading, 'no-params', 1 << 15);
    expect([...x]).toEqual(
      [...new Set(featureNames(reading, 'no-params').map((n) => hashFeature(n) % (1 << 15)))].sort(
        (a, b) => a - b,
      ),
    );
  });
});

describe('the combination with the rules', () => {
  const reading = (findings: Record<string, string>): RubricReading =>
    ({
      part: {
        concepts: Object.keys(findings).map((id) => ({ id, label: id })),
        prompt: '',
        modelAnswer: '',
        explanation: '',
      },
      findings: new Map(Object.entries(findings)),
      analysis: { clauses: [] },
    }) as unknown as RubricReading;
  const p: Record<string, number> = { a: 0.1, b: 0.95, c: 0.95, d: 0.95, e: 0.6, f: 0.99 };
  const r = reading({
    a: 'credited',
    b: 'absent',
    c: 'denied',
    d: 'opposite',
    e: 'mentioned',
    f: 'misattributed',
  });
  it('keeps a rule credit unless the model gives it less than the veto', () => {
    expect([...combine(r, (id) => p[id]!, 0, 2)]).toEqual(['a']);
    expect([...combine(r, (id) => p[id]!, 0.2, 2)]).toEqual([]);
  });
  it('adds a concept at p ≥ add only where the rules found it absent (no denial, opposite, other subject or refused mention)', () => {
    expect([...combine(r, (id) => p[id]!, 0, 0.9)]).toEqual(['a', 'b']);
    // e is mentioned (the rules named it and refused it: a question, a list, a conclusion from a
    // contradicted claim): only a concept the rules found absent is the model's to add.
    expect([...combine(r, (id) => p[id]!, 0, 0.5)]).toEqual(['a', 'b']);
    // Even at p = 0.99 for all: c (denied), d (opposite), e (mentioned), f (misattributed) stay out.
    expect([...combine(r, () => 0.99, 0, 0.5)]).toEqual(['a', 'b']);
  });
  it('counts a probability equal to a threshold as reaching it', () => {
    expect([...combine(r, (id) => p[id]!, 0.1, 0.95)]).toEqual(['a', 'b']);
  });
  it('reads a trained model through the hashed features (combinedReader)', () => {
    const reading = readRubric(rubric(4, 'why'), 'Max pooling does not learn, so it has no parameters.');
    // All weights zero: p = σ(bias) for every concept. σ(10) ≈ 1 adds every absent concept;
    // σ(−10) ≈ 0 adds none, and a veto of 0.5 takes back the rules' own credit.
    const zeros = quantise(new Float64Array(1 << 10));
    const model = { dims: 1 << 10, ...zeros, veto: 0, add: 0.7 };
    expect([...combinedReader({ ...model, bias: 10 })(reading)!].sort()).toEqual(
      ['compute', 'invariance', 'memory', 'no-params', 'overfitting'].sort(),
    );
    expect([...combinedReader({ ...model, bias: -10 })(reading)!]).toEqual(['no-params']);
    expect([...combinedReader({ ...model, bias: -10, veto: 0.5 })(reading)!]).toEqual([]);
  });
});
