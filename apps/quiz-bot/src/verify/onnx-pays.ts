/*
 * Whether exporting a pass to ONNX Runtime pays: a pure rule, apart from onnx-path.ts (which loads
 * TensorFlow.js) so that the service's memory admission can use it on the bot's thread.
 */

/**
 * When ONNX Runtime pays: each pass exports the model's weights (~40 ns per parameter here) and
 * opens a session (~0.2–0.5 s) before its faster run, so it wins only on passes with many
 * multiply-accumulates per parameter. Measured on this 2-core machine, one thread, all costs in
 * (bench/verify-engines.bench.ts): ResNet-50 at 224 (173 MACs per parameter) TensorFlow.js 554 ms,
 * ONNX Runtime 1,418 ms; VGG16 at 224 (1,043) 1,069 against 591 ms; ResNet-50 at 448 (694) 2,243
 * against 926 ms. So ONNX Runtime is used from 400 MACs per parameter and 1 G MACs.
 */
export const ONNX_MIN_MACS_PER_PARAMETER = 400;
/** Below this, a TensorFlow.js pass is short anyway (well under a second): see {@link ONNX_MIN_MACS_PER_PARAMETER}. */
export const ONNX_MIN_MACS = 1e9;

/** A pass's cost by shape-math: what decides whether exporting to ONNX Runtime pays. */
export interface PassCost {
  readonly macs: number;
  readonly params: number;
  /**
   * Whether the service's memory ledger admitted the pass with both engines' estimate. ONNX Runtime
   * runs beside TensorFlow.js in the same worker, with its own copy of the weights and its own
   * activations: it is used only when `false` is not given here.
   */
  readonly admittedWithBothEngines?: boolean;
}

/** True when a pass does enough work for ONNX Runtime's faster run to pay for the export. */
export function onnxPays(cost: PassCost): boolean {
  return cost.macs >= ONNX_MIN_MACS && cost.macs >= ONNX_MIN_MACS_PER_PARAMETER * cost.params;
}
