import { describe, expect, test } from 'vitest';
import { type ConventionFigure, gradeNumeric, type NumericPart } from '../src/index';
import { numericPart } from './numeric-parts';
import { theoryMeasurement } from './theory';

/*
 * Issue 18: a figure quoted from memory (question 6, ResNet-50's parameters) is right within 1% of
 * the key, the teacher's standard in test/fixtures/grading-eval-fresh/README.md ("a rounding of it to
 * at least 3 significant figures ... or within 1% of it"); and each of Keras' two counts is another
 * convention, right with a note. One case per rule; the percentages are worked out by hand beside
 * each. The figures: torchvision's ResNet-50 has 25,557,032 trainable parameters (its model card);
 * Keras' ResNet50 keeps a bias on each of its convolutions' 26,560 output channels, 25,583,592
 * trainable, and counts batch norm's 53,120 running statistics in its total, 25,636,712.
 */
const resnet: NumericPart = numericPart(6, 'resnet50-params');
const key = theoryMeasurement(resnet.measure);
const conventions: ConventionFigure[] = [
  { name: 'Keras trainable', measured: 25_583_592, note: 'trainable note' },
  { name: 'Keras', measured: 25_636_712, note: 'total note' },
];
const grade = (answer: string) => gradeNumeric(resnet, answer, key, conventions);

describe('a recalled figure is right within 1% of the key, whatever digits it has', () => {
  test('the part is the recalled one, keyed to 25,557,032', () => {
    expect(resnet.rule).toBe('recalled');
    expect(key.measured).toBe(25_557_032);
  });

  test('"25.5M" is no rounding of 25,557,032 (that is 25.6M) but is 0.22% off it: right', () => {
    // |25,500,000 − 25,557,032| / 25,557,032 = 57,032 / 25,557,032 = 0.223%.
    const result = grade('25.5M');
    expect(result.score).toBe(1);
    expect(result.feedback[0]).toBe(
      'Correct: 25.5M is within 1% of 25,557,032 (0.22% off), close enough for a figure quoted from memory.',
    );
  });

  test('"26M" is the rounding to the million but 1.73% off: too coarse, and the feedback says the rule', () => {
    // (26,000,000 − 25,557,032) / 25,557,032 = 442,968 / 25,557,032 = 1.733%.
    const result = grade('26M');
    expect(result.score).toBe(0);
    expect(result.feedback[0]).toBe(
      'Too coarse: 26M is 25,557,032 rounded to 1 million, 1.73% off it; a figure quoted from memory must be within 1% of it (three significant figures are): 25,557,032.',
    );
  });

  test('"25.3M" is just over 1% off (1.01%): wrong, with how far off it is', () => {
    // (25,557,032 − 25,300,000) / 25,557,032 = 257,032 / 25,557,032 = 1.006%; 1% is 255,570.
    const result = grade('25.3M');
    expect(result.score).toBe(0);
    expect(result.feedback.slice(0, 2)).toEqual([
      'Not quite: you answered 25.3M; the answer is 25,557,032.',
      '25.3M is 1.01% off it; a figure quoted from memory must be within 1%.',
    ]);
  });
});

describe('a figure with every digit of the key states an exact count and is held to it', () => {
  test('"25,556,032" is 0.004% off but a wrong count (1,000 short), not a rounding: wrong', () => {
    // 25,557,032 − 25,556,032 = 1,000; both have 8 significant digits, all of the key's.
    const result = grade('25,556,032');
    expect(result.score).toBe(0);
    expect(result.feedback[1]).toBe(
      '25,556,032 states every digit, so it is read as the exact count, and it is 1,000 short; a rounded figure need only be within 1%.',
    );
  });

  test('"25,560,000" has four significant digits: a rounding (0.01% off), right', () => {
    // 25,557,032 to the ten thousand is 25,560,000.
    expect(grade('25,560,000').score).toBe(1);
  });
});

describe("Keras' counts are other conventions, each named with its note", () => {
  test('"25,583,592", Keras\' trainable count (conv biases kept), is right by that convention', () => {
    // It is also within 1% of the key (0.10% off), but its own convention names it.
    const result = grade('25,583,592 (Keras, with conv biases)');
    expect(result.score).toBe(1);
    expect(result.feedback.slice(0, 2)).toEqual([
      'Correct, by the Keras trainable convention: 25,583,592.',
      'trainable note',
    ]);
  });

  test('a convention is held to the same 1%: "41.1M" is 0.33% off a 41,234,567 convention, "40M" 2.99%', () => {
    // |41,100,000 − 41,234,567| / 41,234,567 = 134,567 / 41,234,567 = 0.326% (and 41,234,567 to 0.1M
    // is 41.2M, so "41.1M" is no rounding of it); |40,000,000 − 41,234,567| / 41,234,567 = 2.99%.
    // Both are far from the key (25,557,032): only the convention can make them right.
    const other: ConventionFigure = { name: 'Other', measured: 41_234_567, note: 'another count' };
    expect(gradeNumeric(resnet, '41.1M', key, [other]).feedback.slice(0, 2)).toEqual([
      'Correct, by the Other convention: 41,234,567, which 41.1M is within 1% of (0.33% off).',
      'another count',
    ]);
    expect(gradeNumeric(resnet, '40M', key, [other]).score).toBe(0);
  });
});

describe('more cases of the feedback', () => {
  test('an exact-looking count over the key says "over": "25,557,132" is 100 over', () => {
    // 25,557,132 − 25,557,032 = 100.
    expect(grade('25,557,132').feedback[1]).toBe(
      '25,557,132 states every digit, so it is read as the exact count, and it is 100 over; a rounded figure need only be within 1%.',
    );
  });

  test('a rounding of one convention among two is named, though within 1% of the key too: "25.58M"', () => {
    // 25,583,592 to 0.01M is 25.58M (Keras' trainable count); its total, 25,636,712, is 25.64M; and
    // 25.58M is 0.09% off the key. The convention it is a rounding of is named.
    expect(grade('25.58M').feedback[0]).toBe('Correct, by the Keras trainable convention: 25,583,592.');
  });
});
