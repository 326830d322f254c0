/*
 * A small dense linear-program solver: the two-phase simplex method with Bland's rule (Dantzig,
 * "Linear Programming and Extensions", 1963; Bland, "New finite pivoting rules for the simplex
 * method", Math. Oper. Res. 2(2), 1977: the smallest-index rule never cycles, so the method ends).
 * The memory estimate's minimax fit (memory-estimate.ts) is a program of under 10 variables and
 * about 100 constraints: a dense tableau is plenty, and no dependency is needed.
 *
 * Pure: no I/O.
 */

/** One constraint `coefficients · x (≤ | ≥ | =) bound`. */
export interface LinearConstraint {
  readonly coefficients: readonly number[];
  readonly relation: '<=' | '>=' | '=';
  readonly bound: number;
}

/** What `minimize` found: an optimal point, or why there is none. */
export type LinearProgramResult =
  | { readonly status: 'optimal'; readonly x: readonly number[]; readonly objective: number }
  | { readonly status: 'infeasible' }
  | { readonly status: 'unbounded' };

/** Entries smaller than this (the program's data are scaled to about 1) count as zero. */
const EPSILON = 1e-9;

/**
 * Minimises `objective · x` over x ≥ 0 subject to `constraints` (each row as long as `objective`),
 * by the two-phase simplex method with Bland's smallest-index rule (finite: it cannot cycle).
 * Scale the data to about 1: entries under 1e-9 in magnitude are taken as zero.
 */
export function minimize(
  objective: readonly number[],
  constraints: readonly LinearConstraint[],
): LinearProgramResult {
  const n = objective.length;
  for (const [i, row] of constraints.entries())
    if (row.coefficients.length !== n)
      throw new RangeError(`constraint ${i} has ${row.coefficients.length} coefficients, the objective ${n}`);
  // Columns: the n variables, one slack or surplus per inequality, one artificial per ≥ or = row
  // (after each row is signed so that its bound is ≥ 0). A ≤ row's slack starts in the basis.
  const rows = constraints.map((c) =>
    c.bound < 0
      ? {
          a: c.coefficients.map((v) => -v),
          relation: c.relation === '<=' ? '>=' : c.relation === '>=' ? '<=' : '=',
          b: -c.bound,
        }
      : { a: [...c.coefficients], relation: c.relation, b: c.bound },
  );
  const m = rows.length;
  const slackCount = rows.filter((r) => r.relation !== '=').length;
  const artificialCount = rows.filter((r) => r.relation !== '<=').length;
  const width = n + slackCount + artificialCount;
  const firstArtificial = n + slackCount;
  const tableau: number[][] = [];
  const basis: number[] = [];
  let slack = n;
  let artificial = firstArtificial;
  for (const row of rows) {
    const line = new Array<number>(width + 1).fill(0);
    row.a.forEach((v, j) => {
      line[j] = v;
    });
    line[width] = row.b;
    if (row.relation === '<=') {
      line[slack] = 1;
      basis.push(slack++);
    } else {
      if (row.relation === '>=') line[slack++] = -1;
      line[artificial] = 1;
      basis.push(artificial++);
    }
    tableau.push(line);
  }
  // Phase 1: minimise the sum of the artificials; a positive minimum means no feasible point.
  const phase1 = new Array<number>(width).fill(0);
  for (let j = firstArtificial; j < width; j++) phase1[j] = 1;
  if (run(tableau, basis, phase1, width) === 'unbounded') throw new Error('phase 1 cannot be unbounded');
  const infeasibility = basis.reduce(
    (sum, j, i) => sum + (j >= firstArtificial ? tableau[i]![width]! : 0),
    0,
  );
  if (infeasibility > EPSILON * Math.max(1, m)) return { status: 'infeasible' };
  // Drive every artificial left in the basis (at zero) out, or drop its row: it was redundant.
  for (let i = m - 1; i >= 0; i--) {
    if (basis[i]! < firstArtificial) continue;
    const column = tableau[i]!.findIndex((v, j) => j < firstArtificial && Math.abs(v) > EPSILON);
    if (column >= 0) pivot(tableau, basis, i, column);
    else {
      tableau.splice(i, 1);
      basis.splice(i, 1);
    }
  }
  // Phase 2: the real objective, the artificials kept out.
  const phase2 = new Array<number>(width).fill(0);
  objective.forEach((v, j) => {
    phase2[j] = v;
  });
  if (run(tableau, basis, phase2, firstArtificial) === 'unbounded') return { status: 'unbounded' };
  const x = new Array<number>(n).fill(0);
  basis.forEach((j, i) => {
    if (j < n) x[j] = tableau[i]![width]!;
  });
  return { status: 'optimal', x, objective: objective.reduce((sum, v, j) => sum + v * x[j]!, 0) };
}

/** Simplex iterations until optimal (or unbounded); columns at or past `enterable` never enter. */
function run(
  tableau: number[][],
  basis: number[],
  cost: readonly number[],
  enterable: number,
): 'optimal' | 'unbounded' {
  const width = cost.length;
  for (;;) {
    // Bland: the first column with a negative reduced cost enters…
    let entering = -1;
    for (let j = 0; j < enterable && entering < 0; j++) {
      if (basis.includes(j)) continue;
      let reduced = cost[j]!;
      for (let i = 0; i < tableau.length; i++) reduced -= cost[basis[i]!]! * tableau[i]![j]!;
      if (reduced < -EPSILON) entering = j;
    }
    if (entering < 0) return 'optimal';
    // …and of the rows with the smallest ratio, the one whose basic column has the smallest index leaves.
    let leaving = -1;
    let best = Number.POSITIVE_INFINITY;
    for (let i = 0; i < tableau.length; i++) {
      const v = tableau[i]![entering]!;
      if (v <= EPSILON) continue;
      const ratio = tableau[i]![width]! / v;
      if (ratio < best - EPSILON || (Math.abs(ratio - best) <= EPSILON && basis[i]! < basis[leaving]!)) {
        best = ratio;
        leaving = i;
      }
    }
    if (leaving < 0) return 'unbounded';
    pivot(tableau, basis, leaving, entering);
  }
}

function pivot(tableau: number[][], basis: number[], row: number, column: number): void {
  const line = tableau[row]!;
  const p = line[column]!;
  for (let j = 0; j < line.length; j++) line[j]! /= p;
  for (let i = 0; i < tableau.length; i++) {
    if (i === row) continue;
    const other = tableau[i]!;
    const f = other[column]!;
    if (f === 0) continue;
    for (let j = 0; j < other.length; j++) other[j]! -= f * line[j]!;
  }
  basis[row] = column;
}
