import type { MessagePort } from 'node:worker_threads';
import { progressLine } from '@cnnkit/segmentation';
import { compareSegmenters, writeComparisonPng } from '@cnnkit/segmentation/build';
import type { AnalyzedModel } from '@cnnkit/shape-math';
import * as tf from '@tensorflow/tfjs-core';
import { ensureBackend, measure } from './measure';
import type { Measurement, MeasurementRequest } from './requests';
import {
  QUIZ_SEGMENTERS,
  QUIZ_UNET,
  type SegmentationProgress,
  type SegmentationRun,
  segmentationPictureSettingsSchema,
} from './segmentation-picture';

// tfjs' cpu backend greets Node users on stderr on first use (suggesting tfjs-node, which cannot
// install everywhere); in the quiz's own worker that banner would land in the middle of the UI.
const warn = console.warn.bind(console);
console.warn = (...args: unknown[]) => {
  if (typeof args[0] === 'string' && args[0].includes('looks like you are running TensorFlow.js in Node.js'))
    return;
  warn(...args);
};

export type WorkerReply = (
  | { ok: true; measurement: Measurement }
  | { ok: false; code: string; message: string }
) & {
  /** Size of the wasm heap after the run (it never shrinks): the service retires a worker that grew large. */
  wasmHeapBytes?: number;
};

/** What the wasm backend throws when its heap cannot grow (emscripten aborts, out-of-bounds accesses). */
const WASM_OUT_OF_MEMORY =
  /memory access out of bounds|out of memory|Cannot enlarge memory|Aborted\(|RangeError: (Array buffer|WebAssembly\.Memory)/i;

/** The current size of the wasm backend's heap, when the wasm backend is the one in use. */
function wasmHeapBytes(): number | undefined {
  const backend =
    tf.getBackend() === 'wasm' ? (tf.backend() as unknown as { wasm?: { HEAPU8?: Uint8Array } }) : undefined;
  return backend?.wasm?.HEAPU8?.buffer.byteLength;
}

/**
 * Runs in a worker thread (tinypool): builds and measures one model. Errors come back as data, since
 * error classes do not survive the thread boundary.
 */
const heap = () => {
  const bytes = wasmHeapBytes();
  return bytes === undefined ? {} : { wasmHeapBytes: bytes };
};

/**
 * One measurement, as the service sends it: a request its `plan` validated, that plan's analysis
 * of an exercise-2 network, and whether its memory ledger admitted it with both engines. This pool
 * is the service's own, so the request is trusted, not parsed again (issue 17: one validation and
 * one analysis per answer); without `allowOnnx` it runs on TensorFlow.js alone.
 */
export interface MeasurementTask {
  readonly request: MeasurementRequest;
  readonly planned?: AnalyzedModel | undefined;
  readonly allowOnnx?: boolean | undefined;
}

export default async function runMeasurement(task: MeasurementTask): Promise<WorkerReply> {
  try {
    return {
      ok: true,
      measurement: await measure(task.request, {
        allowOnnx: task.allowOnnx === true,
        ...(task.planned === undefined ? {} : { planned: task.planned }),
      }),
      ...heap(),
    };
  } catch (error) {
    return failureReply(error);
  }
}

/** Question 8's picture job: where to write the PNG, the settings, and a port for progress. */
export interface SegmentationTask {
  readonly settings: unknown;
  /** The PNG is written here (a temporary name: the service moves it into the cache). */
  readonly pngPath: string;
  /** Receives a `SegmentationProgress` after each epoch; closed when the job ends. */
  readonly progress?: MessagePort;
}

export type SegmentationReply = (
  | { ok: true; run: SegmentationRun }
  | { ok: false; code: string; message: string }
) & { wasmHeapBytes?: number };

/**
 * Trains FCN-32s, FCN-8s and U-Net briefly with @cnnkit/segmentation on this worker's backend (one
 * wasm thread, like every measurement), draws input, truth and masks side by side to `pngPath`, and
 * returns the run's numbers. Progress goes to the port, never to stdout (the CLI's `--json` stays clean).
 */
export async function drawSegmentationComparison(task: SegmentationTask): Promise<SegmentationReply> {
  try {
    const settings = segmentationPictureSettingsSchema.parse(task.settings);
    await ensureBackend();
    const { examples, ...training } = settings;
    const port = task.progress;
    const comparison = await compareSegmenters({
      ...training,
      models: QUIZ_SEGMENTERS,
      unet: QUIZ_UNET,
      ...(port === undefined
        ? {}
        : {
            onProgress: (p) =>
              port.postMessage({
                model: p.model,
                epoch: p.epoch,
                epochs: p.epochs,
                loss: p.loss,
                line: progressLine(p),
              } satisfies SegmentationProgress),
          }),
    });
    await writeComparisonPng(task.pngPath, comparison, { examples });
    const rows = comparison.rows.map((row) => ({
      model: row.model as (typeof QUIZ_SEGMENTERS)[number],
      params: row.params,
      finestSkipStride: row.finestSkipStride,
      pixelAccuracy: row.pixelAccuracy,
      baselineAccuracy: row.baselineAccuracy,
      classesPredicted: row.classesPredicted.map((c) => comparison.classNames[c]!),
      meanIoU: row.meanIoU,
      boundaryF1: row.boundaryF1,
      trainMs: row.trainMs,
    }));
    return { ok: true, run: { backend: comparison.backend, rows }, ...heap() };
  } catch (error) {
    return failureReply(error);
  } finally {
    task.progress?.close();
  }
}

/** An error as data (error classes do not survive the thread boundary). */
function failureReply(error: unknown): { ok: false; code: string; message: string; wasmHeapBytes?: number } {
  const message = error instanceof Error ? error.message : String(error);
  if ((error as { name?: unknown }).name === 'RuntimeError' || WASM_OUT_OF_MEMORY.test(message)) {
    // Never "memory access out of bounds" for a user: a sentence, and this worker is retired.
    return {
      ok: false,
      code: 'model_too_large',
      message: 'that model was too large to run here: the backend ran out of memory; choose a smaller input',
      ...heap(),
    };
  }
  const code =
    typeof (error as { code?: unknown }).code === 'string'
      ? (error as { code: string }).code
      : 'measurement_failed';
  return { ok: false, code, message, ...heap() };
}
