/**
 * The agreement measure every numeric-agreement test bounds (tfjs vs ONNX Runtime, an optimised
 * model vs `model.predict`): the largest absolute difference over the largest magnitude of the
 * expected values. Plain arrays, so that test files of every package share it without a tensor
 * library. Used by packages/layers-gpu/test/folding-fixtures.ts and
 * packages/architectures/test/onnx-agreement.ts.
 */
export function relativeErrorOf(expected: ArrayLike<number>, actual: ArrayLike<number>): number {
  if (expected.length !== actual.length) {
    throw new Error(`cannot compare ${expected.length} expected values with ${actual.length} actual ones`);
  }
  let scale = 0;
  let worst = 0;
  for (let i = 0; i < expected.length; i++) {
    scale = Math.max(scale, Math.abs(expected[i]!));
    worst = Math.max(worst, Math.abs(expected[i]! - actual[i]!));
  }
  return worst / Math.max(scale, 1e-30);
}
