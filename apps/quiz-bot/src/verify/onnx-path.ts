/*
 * The faster path for the worker's forward passes: ONNX Runtime (layers-gpu's `toOnnx` and
 * `createOnnxRunner`, with `onnxruntime-node` as an optional peer), used for a network only after
 * it agreed with TensorFlow.js on that network. Runs in the measurement worker only.
 */
import * as tf from '@tensorflow/tfjs-core';
import type * as tfl from '@tensorflow/tfjs-layers';
import { ONNX_MIN_MACS, ONNX_MIN_MACS_PER_PARAMETER, onnxPays, type PassCost } from './onnx-pays';

// The rule is pure and lives apart, so the service's admission can use it without loading tfjs.
export { ONNX_MIN_MACS, ONNX_MIN_MACS_PER_PARAMETER, onnxPays, type PassCost } from './onnx-pays';

/**
 * How close ONNX Runtime must come to TensorFlow.js: the largest difference over the output's
 * scale, `max |onnx − tfjs| ≤ 1e-4 · max |tfjs|`. Both sum products in different orders, so float32
 * results differ by rounding (~1000 ulps of headroom); a wrong export is off by O(1). The same
 * tolerance as layers-gpu's own ONNX tests.
 */
export const ONNX_RELATIVE_TOLERANCE = 1e-4;

/** Which engine computed a forward pass, and why, in a sentence for the measurement's details. */
export interface EngineChoice {
  readonly engine: 'tfjs' | 'onnxruntime';
  readonly note: string;
}

/** What the path needs of an ONNX runner (layers-gpu's `OnnxRunner`; tests inject a faulty one). */
export interface ForwardRunner {
  readonly description: string;
  run(input: tf.Tensor): Promise<tf.Tensor>;
  release(): Promise<void>;
}

export interface OnnxCheckedPathOptions {
  /** Opens a model in ONNX Runtime (default: layers-gpu's `createOnnxRunner`, one thread, like the worker). */
  readonly createRunner?: (model: tfl.LayersModel) => Promise<ForwardRunner>;
  /** How the default runner loads `onnxruntime-node` (tests: a module that is not installed). */
  readonly importModule?: (specifier: string) => Promise<unknown>;
}

type Verdict =
  | { readonly agreed: true; readonly worst: number }
  | { readonly agreed: false; readonly reason: string };

async function defaultRunner(
  model: tfl.LayersModel,
  importModule?: (specifier: string) => Promise<unknown>,
): Promise<ForwardRunner> {
  const { createOnnxRunner } = await import('@cnnkit/layers-gpu/onnx');
  // One thread: the worker is one of the service's lanes, each given one core.
  const runner = await createOnnxRunner(model, {
    threads: 1,
    ...(importModule === undefined ? {} : { importModule }),
  });
  const { version, executionProvider } = runner.report;
  return {
    description: `ONNX Runtime ${version} (${executionProvider})`,
    run: (input) => runner.run(input),
    release: () => runner.release(),
  };
}

/** The largest difference between two outputs over the first's scale (Infinity when shapes differ). */
async function relativeDifference(expected: tf.Tensor, actual: tf.Tensor): Promise<number> {
  if (expected.shape.join('×') !== actual.shape.join('×')) return Number.POSITIVE_INFINITY;
  const e = (await expected.data()) as Float32Array;
  const a = (await actual.data()) as Float32Array;
  let scale = 0;
  let worst = 0;
  for (let i = 0; i < e.length; i++) {
    scale = Math.max(scale, Math.abs(e[i]!));
    worst = Math.max(worst, Math.abs(e[i]! - a[i]!));
  }
  return Number.isNaN(worst) ? Number.POSITIVE_INFINITY : worst / Math.max(scale, 1e-6);
}

/**
 * Runs forward passes on ONNX Runtime once it has agreed with TensorFlow.js on the same network:
 * the first pass of each network runs on both (a seeded random input) and is compared within
 * {@link ONNX_RELATIVE_TOLERANCE}; until then, and forever for a network that disagreed or could
 * not be exported, and wherever onnxruntime-node is absent, TensorFlow.js computes.
 */
export class OnnxCheckedPath {
  private readonly createRunner: (model: tfl.LayersModel) => Promise<ForwardRunner>;
  private readonly verdicts = new Map<string, Verdict>();
  /** Why ONNX Runtime cannot be used at all here (not installed), once known. */
  private unavailable: string | undefined;

  constructor(options: OnnxCheckedPathOptions = {}) {
    this.createRunner = options.createRunner ?? ((model) => defaultRunner(model, options.importModule));
  }

  /** What is known of a network: agreed (with the difference), refused (with why), or not yet checked. */
  verdictFor(network: string): Verdict | undefined {
    return this.verdicts.get(network);
  }

  /**
   * `model.predict(input)`, on ONNX Runtime when it has agreed on `network` (a name for the
   * network's structure: the same name must mean the same layers) and, given the pass's `cost`,
   * when it pays ({@link onnxPays}); else on TensorFlow.js.
   */
  async predict(
    network: string,
    model: tfl.LayersModel,
    input: tf.Tensor,
    cost?: PassCost,
  ): Promise<{ output: tf.Tensor } & EngineChoice> {
    const tfjs = (note: string) => ({
      output: model.predict(input) as tf.Tensor,
      engine: 'tfjs' as const,
      note,
    });
    if (cost !== undefined && !onnxPays(cost))
      return tfjs(
        `TensorFlow.js computed this: at ${Math.round(cost.macs / Math.max(1, cost.params)).toLocaleString('en-US')} multiply-accumulates per parameter (${(cost.macs / 1e9).toFixed(2)} G in all), exporting the weights to ONNX Runtime would cost more than its faster run saves (it is used from ${ONNX_MIN_MACS_PER_PARAMETER} per parameter and ${ONNX_MIN_MACS / 1e9} G).`,
      );
    if (cost?.admittedWithBothEngines === false)
      return tfjs(
        'TensorFlow.js computed this: ONNX Runtime would hold a second copy of the weights and its own activations beside it, and the memory budget did not admit this pass with both engines.',
      );
    if (this.unavailable !== undefined) return tfjs(this.unavailable);
    const known = this.verdicts.get(network);
    if (known !== undefined && !known.agreed) return tfjs(known.reason);
    let runner: ForwardRunner;
    try {
      runner = await this.createRunner(model);
    } catch (error) {
      const reason = runnerFailure(error);
      if (reason.global) this.unavailable = reason.text;
      else this.verdicts.set(network, { agreed: false, reason: reason.text });
      return tfjs(reason.text);
    }
    try {
      if (known?.agreed) {
        return {
          output: await runner.run(input),
          engine: 'onnxruntime',
          note: `Ran on ${runner.description}, which agreed with TensorFlow.js on ${network} within ${ONNX_RELATIVE_TOLERANCE} of the output's scale (worst ${known.worst.toExponential(1)}).`,
        };
      }
      // The check: both engines on one seeded random input (zeros would hide a wrong weight layout).
      const probe = tf.randomUniform(input.shape, -1, 1, 'float32', 7);
      const expected = model.predict(probe) as tf.Tensor;
      let worst: number;
      try {
        const actual = await runner.run(probe);
        worst = await relativeDifference(expected, actual);
        actual.dispose();
      } finally {
        tf.dispose([probe, expected]);
      }
      if (!(worst <= ONNX_RELATIVE_TOLERANCE)) {
        const reason = `TensorFlow.js computed this: ${runner.description} disagreed with it on ${network} (worst ${Number.isFinite(worst) ? worst.toExponential(1) : 'a different shape'} of the output's scale, over ${ONNX_RELATIVE_TOLERANCE}), so it is not used for that network.`;
        this.verdicts.set(network, { agreed: false, reason });
        return tfjs(reason);
      }
      this.verdicts.set(network, { agreed: true, worst });
      return tfjs(
        `TensorFlow.js computed this, and ${runner.description} agreed with it on ${network} (worst ${worst.toExponential(1)} of the output's scale, within ${ONNX_RELATIVE_TOLERANCE}): later runs of ${network} use ONNX Runtime.`,
      );
    } finally {
      await runner.release();
    }
  }
}

/** Why a runner could not be made: onnxruntime-node missing (for every network) or this network's export. */
function runnerFailure(error: unknown): { global: boolean; text: string } {
  const message = error instanceof Error ? error.message : String(error);
  // layers-gpu's words when onnxruntime-node cannot be loaded at all (LayersGpuError 'backend_unavailable').
  if (message.startsWith('ONNX Runtime is not available'))
    return {
      global: true,
      text: `TensorFlow.js computed this: ONNX Runtime is not available here (${message.slice(0, 200)}).`,
    };
  return {
    global: false,
    text: `TensorFlow.js computed this: the network could not be run on ONNX Runtime (${message.slice(0, 200)}).`,
  };
}
