import { describe, expect, test } from 'vitest';
import { parseQuantity } from '../src/grading/quantity';

/*
 * Issue 18, "working is part of the answer": a layer's name glued to its number, then the layer's
 * figure grouped by commas ("layer2 180,200"). A space groups thousands too ("903 400"), so the
 * reader once took "2 180,200" as one figure, 2,180,200, glued to "layer" and so a name: the whole
 * term vanished and "layer1 2,800 + layer2 180,200 + layer3 720,400 -> 903,400" was refused as no
 * number. A figure's thousands are grouped by one separator throughout: "2 180,200" is the name's
 * 2 and then 180,200.
 *
 * The counts are worked out here, (k·k·c_in + 1)·c_out for question 2's three 3×3 conv layers
 * (3 → 100 → 200 → 400 channels, Géron's exercise), not copied from the key.
 */
const conv = (channelsIn: number, channelsOut: number) => (3 * 3 * channelsIn + 1) * channelsOut;
const layers = [conv(3, 100), conv(100, 200), conv(200, 400)];
const total = layers.reduce((a, b) => a + b, 0);
const grouped = (n: number) => n.toLocaleString('en-US');

describe('a named layer, then its figure grouped by commas', () => {
  test.each([
    [
      'layer1 A + layer2 B + layer3 C -> T total',
      (a: number, b: number, c: number, t: number) =>
        `layer1 ${grouped(a)} + layer2 ${grouped(b)} + layer3 ${grouped(c)} -> ${grouped(t)} total`,
    ],
    [
      'l1 A + l2 B + l3 C => T',
      (a: number, b: number, c: number, t: number) =>
        `l1 ${grouped(a)} + l2 ${grouped(b)} + l3 ${grouped(c)} => ${grouped(t)}`,
    ],
    [
      'layer 1 A + layer 2 B + layer 3 C → T',
      (a: number, b: number, c: number, t: number) =>
        `layer 1 ${grouped(a)} + layer 2 ${grouped(b)} + layer 3 ${grouped(c)} → ${grouped(t)}`,
    ],
  ])('%s reads the total and checks the sum', (_, write) => {
    const parsed = parseQuantity(write(layers[0]!, layers[1]!, layers[2]!, total), 'count');
    expect(parsed.value).toBe(total);
    expect(parsed.working?.[0]).toMatchObject({ value: total, agrees: true });
  });

  test('a wrong total after the same working is read as written, and the sum says it differs', () => {
    const wrong = total + 10_000;
    const parsed = parseQuantity(
      `layer1 ${grouped(layers[0]!)} + layer2 ${grouped(layers[1]!)} + layer3 ${grouped(layers[2]!)} -> ${grouped(wrong)} total`,
      'count',
    );
    expect(parsed.value).toBe(wrong);
    expect(parsed.working?.[0]).toMatchObject({ value: total, agrees: false });
  });

  test('thousands grouped by spaces alone are still one figure', () => {
    expect(
      parseQuantity(`${total.toLocaleString('fr-FR').replace(/\s/g, ' ')} parameters`, 'count').value,
    ).toBe(total);
  });
});

/*
 * A number spelt out beside digits. Digits make a spelt "one" a pronoun more often than a figure, so
 * an answer with digits is first read with its spelt numbers left as words ("roughly twelve and a
 * half megabytes, 12.6 MB" states 12.6 MB). Only when that finds no answer are its spelt numbers
 * of eleven or more read: "a factor of thirty-two: 224 in, 7 out" states 32 (224 / 7, the
 * question's own sizes) and says how it was reached.
 */
describe('a spelt number beside the figures that explain it', () => {
  const factor = 224 / 7;
  test.each([
    'a factor of thirty-two: 224 in, 7 out',
    'thirty two: 224 px in, 7 px out',
    'a factor of thirty-two (224 in, 7 out)',
  ])('%s reads the spelt factor', (answer) => {
    expect(parseQuantity(answer, 'ratio').value).toBe(factor);
  });

  test('a spelt number beside the figure stated in digits leaves the digits the answer', () => {
    expect(parseQuantity('roughly twelve and a half megabytes, 12.6 MB in all', 'bytes').value).toBe(12.6e6);
  });

  test('a small spelt number beside digits stays a word: two figures are still refused', () => {
    expect(() => parseQuantity('two: 224 in, 7 out', 'ratio')).toThrow(/two different figures|not a/);
  });
});

/*
 * What a figure added by "with", "adding", "plus" or "including" makes: "the peak is 9 MB, and with
 * 3.6 MB of weights it's 12.6 MB" states 12.6 MB (the phrase "it's" gives the working's result, as
 * "=" would), where the reader once saw two answers, 3.6 MB and 12.6 MB, and refused both. The
 * figures are worked out here: question 2's two largest consecutive outputs (100·150·100 and
 * 50·75·200 floats of 4 bytes) and its 903,400 parameters of 4 bytes.
 */
describe('a figure added, then what it makes', () => {
  const peak = (100 * 150 * 100 + 50 * 75 * 200) * 4;
  const weights = 903_400 * 4;
  const mb = (bytes: number) => (bytes / 1e6).toFixed(1);
  test.each([
    `the peak is ${mb(peak)} MB, and with ${mb(weights)} MB of weights it's ${mb(peak + weights)} MB`,
    `peak ${mb(peak)} MB, with the ${mb(weights)} MB of params that's ${mb(peak + weights)} MB`,
    `${mb(peak)} MB for two layers and with ${mb(weights)} MB of weights the total is ${mb(peak + weights)} MB`,
  ])('%s', (answer) => {
    expect(parseQuantity(answer, 'bytes').value).toBe(Number(mb(peak + weights)) * 1e6);
  });

  test('the figure the phrase gives is the answer even when it is wrong, never the figure added', () => {
    expect(parseQuantity(`with ${mb(weights)} MB of weights it's 15 MB`, 'bytes').value).toBe(15e6);
  });

  test('"plus … it\'s …" after a semicolon was read before, and still is', () => {
    const answer = `${mb(peak)} MB at the peak; plus ${mb(weights)} MB of weights it's ${mb(peak + weights)} MB`;
    expect(parseQuantity(answer, 'bytes').value).toBe(Number(mb(peak + weights)) * 1e6);
  });
});

/*
 * "903,400, not 902,700: I didn't forget the 700 biases": the answer, a figure it denies, and after
 * the colon why. The denial ended the part before the colon, so the colon was not read as opening
 * an explanation, and the 700 biases became the answer. The keys are worked out here: question 2's
 * count with and without its 100 + 200 + 400 biases, question 4's 2·2·64·64 weights and 64 biases,
 * and question 8's 224 / 7.
 */
describe('an answer, a figure it denies, then a colon and why', () => {
  const weights = 3 * 3 * 3 * 100 + 3 * 3 * 100 * 200 + 3 * 3 * 200 * 400;
  const biases = 100 + 200 + 400;
  const grouped = (n: number) => n.toLocaleString('en-US');
  test.each([
    [
      `${grouped(weights + biases)}, not ${grouped(weights)}: I didn't forget the ${biases} biases (100 + 200 + 400).`,
      'count',
      weights + biases,
    ],
    [`${grouped(weights + biases)}, not ${grouped(weights)}: ${biases} biases`, 'count', weights + biases],
    [
      `${grouped(2 * 2 * 64 * 64 + 64)}, not ${grouped(2 * 2 * 64 * 64)}: the 64 biases (one per filter) count too`,
      'count',
      2 * 2 * 64 * 64 + 64,
    ],
    [`${224 / 7}, not 16: 224 in, 7 out`, 'ratio', 224 / 7],
  ] as const)('%s', (answer, unit, key) => {
    expect(parseQuantity(answer, unit).value).toBe(key);
  });

  test('a figure after the colon that corrects the answer is still the answer', () => {
    expect(
      parseQuantity(
        `${grouped(weights)}, not ${grouped(weights + biases)}: actually ${grouped(weights + biases)}`,
        'count',
      ).value,
    ).toBe(weights + biases);
  });
});
