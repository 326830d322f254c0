import { describe, expect, test } from 'vitest';
import { type LinearConstraint, minimize } from '../src/verify/linear-program';

const le = (coefficients: number[], bound: number): LinearConstraint => ({
  coefficients,
  relation: '<=',
  bound,
});
const ge = (coefficients: number[], bound: number): LinearConstraint => ({
  coefficients,
  relation: '>=',
  bound,
});

describe('minimize: textbook programs with known optima', () => {
  test('Wyndor Glass (Hillier & Lieberman, Introduction to Operations Research, §3.1): x = (2, 6), 36', () => {
    // max 3x + 5y s.t. x ≤ 4, 2y ≤ 12, 3x + 2y ≤ 18: minimise the negation.
    const result = minimize([-3, -5], [le([1, 0], 4), le([0, 2], 12), le([3, 2], 18)]);
    expect(result.status).toBe('optimal');
    if (result.status !== 'optimal') return;
    expect(result.x[0]).toBeCloseTo(2, 9);
    expect(result.x[1]).toBeCloseTo(6, 9);
    expect(result.objective).toBeCloseTo(-36, 9);
  });

  test('≥ rows need phase 1: min 2x + 3y s.t. x + y ≥ 4, x + 3y ≥ 6 is 9 at (3, 1)', () => {
    // The vertices of the feasible region are (0, 4): 12, (3, 1): 9 and (6, 0): 12.
    const result = minimize([2, 3], [ge([1, 1], 4), ge([1, 3], 6)]);
    expect(result).toMatchObject({ status: 'optimal' });
    if (result.status !== 'optimal') return;
    expect(result.x[0]).toBeCloseTo(3, 9);
    expect(result.x[1]).toBeCloseTo(1, 9);
    expect(result.objective).toBeCloseTo(9, 9);
  });

  test('an equality and a negative bound: min x + y s.t. y − x = −1, x ≤ 3 is 1 at (1, 0)', () => {
    const result = minimize([1, 1], [{ coefficients: [-1, 1], relation: '=', bound: -1 }, le([1, 0], 3)]);
    expect(result).toMatchObject({ status: 'optimal' });
    if (result.status !== 'optimal') return;
    expect(result.x[0]).toBeCloseTo(1, 9);
    expect(result.x[1]).toBeCloseTo(0, 9);
  });

  test("Beale's cycling example (Chvátal, Linear Programming, 1983, p. 31): Bland's rule ends at 1/20", () => {
    // max 3/4 x1 − 150 x2 + 1/50 x3 − 6 x4: Dantzig's largest-coefficient rule cycles on it.
    const result = minimize(
      [-3 / 4, 150, -1 / 50, 6],
      [le([1 / 4, -60, -1 / 25, 9], 0), le([1 / 2, -90, -1 / 50, 3], 0), le([0, 0, 1, 0], 1)],
    );
    expect(result).toMatchObject({ status: 'optimal' });
    if (result.status !== 'optimal') return;
    expect(result.objective).toBeCloseTo(-1 / 20, 9);
    expect(result.x[0]).toBeCloseTo(1 / 25, 9);
    expect(result.x[2]).toBeCloseTo(1, 9);
  });

  test('infeasible and unbounded programs are said so', () => {
    expect(minimize([1], [ge([1], 2), le([1], 1)])).toEqual({ status: 'infeasible' });
    expect(minimize([-1, 0], [le([1, -1], 1)])).toEqual({ status: 'unbounded' });
  });

  test('a row of the wrong length is a RangeError', () => {
    expect(() => minimize([1, 1], [le([1], 1)])).toThrow(/constraint 0 has 1 coefficients, the objective 2/);
  });
});

describe('minimize agrees with enumerating the vertices (an independent computation)', () => {
  // A small seeded generator (mulberry32), so a failure reproduces.
  let seed = 22;
  const random = () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  /** The optimum over every point where 2 of the constraints and the axes hold with equality. */
  function bruteForce(objective: number[], rows: LinearConstraint[]): number | undefined {
    const lines = [...rows.map((r) => [...r.coefficients, r.bound]), [1, 0, 0], [0, 1, 0]];
    let best: number | undefined;
    for (let i = 0; i < lines.length; i++)
      for (let j = i + 1; j < lines.length; j++) {
        const [a, b, e] = lines[i]!;
        const [c, d, f] = lines[j]!;
        const det = a! * d! - b! * c!;
        if (Math.abs(det) < 1e-12) continue;
        const x = (e! * d! - b! * f!) / det;
        const y = (a! * f! - e! * c!) / det;
        const feasible =
          x >= -1e-9 &&
          y >= -1e-9 &&
          rows.every((r) => {
            const v = r.coefficients[0]! * x + r.coefficients[1]! * y;
            return r.relation === '<=' ? v <= r.bound + 1e-9 : v >= r.bound - 1e-9;
          });
        const value = objective[0]! * x + objective[1]! * y;
        if (feasible && (best === undefined || value < best)) best = value;
      }
    return best;
  }

  test('on 300 random bounded programs of 2 variables and 3 to 6 rows', () => {
    let optimal = 0;
    for (let trial = 0; trial < 300; trial++) {
      const rows: LinearConstraint[] = [];
      const count = 3 + Math.floor(random() * 4);
      for (let r = 0; r < count; r++) {
        const row = [random() * 4 - 1, random() * 4 - 1];
        rows.push(random() < 0.6 ? le(row, random() * 10 - 2) : ge(row, random() * 6 - 3));
      }
      // A box keeps every program bounded, so the vertices hold its optimum whenever it is feasible.
      rows.push(le([1, 0], 20), le([0, 1], 20));
      const objective = [random() * 4 - 2, random() * 4 - 2];
      const expected = bruteForce(objective, rows);
      const result = minimize(objective, rows);
      if (expected === undefined) expect(result.status, `trial ${trial}`).toBe('infeasible');
      else {
        expect(result.status, `trial ${trial}`).toBe('optimal');
        if (result.status === 'optimal') expect(result.objective).toBeCloseTo(expected, 6);
        optimal++;
      }
    }
    // Both outcomes are exercised.
    expect(optimal).toBeGreaterThan(50);
    expect(optimal).toBeLessThan(300);
  });
});
