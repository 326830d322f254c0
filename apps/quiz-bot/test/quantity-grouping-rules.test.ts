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
    ['layer1 A + layer2 B + layer3 C -> T total', (a: number, b: number, c: number, t: number) =>
      `layer1 ${grouped(a)} + layer2 ${grouped(b)} + layer3 ${grouped(c)} -> ${grouped(t)} total`],
    ['l1 A + l2 B + l3 C => T', (a: number, b: number, c: number, t: number) =>
      `l1 ${grouped(a)} + l2 ${grouped(b)} + l3 ${grouped(c)} => ${grouped(t)}`],
    ['layer 1 A + layer 2 B + layer 3 C → T', (a: number, b: number, c: number, t: number) =>
      `layer 1 ${grouped(a)} + layer 2 ${grouped(b)} + layer 3 ${grouped(c)} → ${grouped(t)}`],
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
    expect(parseQuantity(`${total.toLocaleString('fr-FR').replace(/\s/g, ' ')} parameters`, 'count').value).toBe(total);
  });
});
