/*
 * What each measurement request is charged in the memory ledger, pass by pass (issue 22). Pure:
 * shape-math and the architecture registry describe the models; nothing is built.
 */
import { describe, describeSpec, getArchitecture } from '@cnnkit/architectures';
import { planFullyConvolutional } from '@cnnkit/segmentation';
import {
  type AnalyzedModel,
  analyze,
  bytesPerElement,
  exercise2Spec,
  type ModelReport,
  type ModelSpecInput,
} from '@cnnkit/shape-math';
import {
  buildBytes,
  onnxExtraBytes,
  type PassFeatures,
  type PassRun,
  passBytes,
  passFeatures,
  WASM_HEAP_LIMIT_BYTES,
} from './memory-estimate';
import { onnxPays } from './onnx-pays';
import type { MeasurementRequest } from './requests';

/** The largest input side a request may name (requests.ts). */
export const MAX_REQUEST_SIDE = 4096;

/** One step of a measurement that allocates: a forward pass at a side, or building a network. */
export interface PassCharge {
  /** What it is, in words: "the pass at 3,482 px", "building the network". */
  readonly label: string;
  /** Bytes it adds to a warm worker on TensorFlow.js. */
  readonly tfjsBytes: number;
  /** Bytes ONNX Runtime would add beside it (0 where it never runs ONNX Runtime). */
  readonly onnxBytes: number;
  /** Whether ONNX Runtime pays on this pass (it is then used, if admitted with both engines). */
  readonly onnxPays: boolean;
}

/** A request's charge: its passes, and the bytes to reserve for its run. */
export interface RequestCharge {
  readonly passes: readonly PassCharge[];
  /** shape-math's report of the model (its largest pass), for the lane and the MAC budget. */
  readonly report: ModelReport | undefined;
  /** Whether its passes together hold a worker's heap past the wasm32 ceiling ({@link sequentialBytes}). */
  readonly pastWasmCeiling: boolean;
}

interface Described {
  readonly spec: ModelSpecInput;
  readonly report: ModelReport;
}

function outputStridePass(architecture: string, side: number): Described {
  const options = { inputShape: [side, side, 3] as [number, number, number], includeTop: false };
  return { spec: describeSpec(architecture, options), report: describe(architecture, options) };
}

/**
 * A pass's features as TensorFlow.js allocates them: it computes in float32 whatever number format
 * the report prices (the service analyses a float16 or bfloat16 exercise-2 variant once, at its own
 * format, issue 17), so every element-sized figure is read at 4 bytes an element; the kernel taps
 * are wasm32 pointers, 4 bytes in any format (memory-estimate.ts).
 */
function asRunInFloat32(features: PassFeatures, report: ModelReport): PassFeatures {
  const scale = bytesPerElement('float32') / report.bytesPerElement;
  if (scale === 1) return features;
  return {
    parameterBytes: features.parameterBytes * scale,
    peakActivationBytes: features.peakActivationBytes * scale,
    kernelTapBytes: features.kernelTapBytes,
    largestOutputBytes: features.largestOutputBytes * scale,
    groupedConvBytes: features.groupedConvBytes * scale,
    depthwiseBytes: features.depthwiseBytes * scale,
    allKernelTapBytes: features.allKernelTapBytes,
    inputBytes: features.inputBytes * scale,
    profileInputBytes: features.profileInputBytes * scale,
    // Simulated in float32 bytes already (memory-estimate.ts, `stepPeakBytes`).
    stepPeakBytes: features.stepPeakBytes,
    joinedStepPeakBytes: features.joinedStepPeakBytes,
  };
}

function passCharge(label: string, described: Described, run: PassRun = 'predict'): PassCharge {
  const features = asRunInFloat32(passFeatures(described.spec, described.report, run), described.report);
  const { macs } = described.report.totals;
  return {
    label,
    tfjsBytes: passBytes(features),
    onnxBytes: onnxExtraBytes(features),
    onnxPays: onnxPays({ macs, params: described.report.totals.params.total }),
  };
}

/**
 * The model the pool-versus-conv measurement builds (measure.ts): a `window`×`window` max pooling
 * and a conv of `channels` filters with the same window and stride, side by side on a
 * (4 × window)² × `channels` input. It is only built and its weights counted: no pass runs.
 */
export function poolVersusConvSpec(channels: number, window: number): ModelSpecInput {
  return {
    name: 'pool_vs_conv',
    input: [window * 4, window * 4, channels],
    layers: [
      { kind: 'maxPooling2d', name: 'pool', inputs: ['input'], poolSize: window, strides: window },
      {
        kind: 'conv2d',
        name: 'strided_conv',
        inputs: ['input'],
        filters: channels,
        kernelSize: window,
        strides: window,
      },
      { kind: 'add', name: 'both', inputs: ['pool', 'strided_conv'] },
    ],
  };
}

/**
 * The classifier the FCN-grid measurement builds for `trainSide`² images (measure.ts) before
 * converting it: five stages of a 3×3 conv (4 filters, same padding, ReLU) and a 2×2 max pooling
 * (output stride 32), then a dense head of 8 and 5 units.
 */
export function fcnGridClassifierSpec(trainSide: number): ModelSpecInput {
  return {
    name: 'classifier',
    input: [trainSide, trainSide, 3],
    layers: [
      ...[0, 1, 2, 3, 4].flatMap((stage) => [
        {
          kind: 'conv2d' as const,
          name: `conv${stage}`,
          filters: 4,
          kernelSize: 3,
          padding: 'same' as const,
          activation: 'relu' as const,
        },
        { kind: 'maxPooling2d' as const, name: `pool${stage}`, poolSize: 2 },
      ]),
      { kind: 'flatten', name: 'flatten' },
      { kind: 'dense', name: 'fc1', units: 8, activation: 'relu' },
      { kind: 'dense', name: 'fc2', units: 5 },
    ],
  };
}

/**
 * The FCN-grid measurement: the classifier, its conversion at the training side and at the test
 * side are built and kept together, and one pass of each runs in turn. The passes are charged
 * together ({@link chargeWithin}), each with its own model's weights: all three models' weights
 * are counted, as they stay allocated together; ONNX Runtime never runs.
 */
function fcnGridCharge(trainSide: number, testSide: number): RequestCharge {
  const classifier = fcnGridClassifierSpec(trainSide);
  const models: (Described & { label: string })[] = [
    { label: `the classifier's pass at ${trainSide} px`, spec: classifier },
    {
      label: `the converted network's pass at ${trainSide} px`,
      spec: planFullyConvolutional(classifier).spec,
    },
    {
      label: `the converted network's pass at ${testSide} px`,
      spec: planFullyConvolutional(classifier, { input: [testSide, testSide, 3] }).spec,
    },
  ].map((model) => ({ ...model, report: analyze(model.spec) }));
  const passes = models.map((model) => ({
    label: model.label,
    tfjsBytes: passBytes(passFeatures(model.spec, model.report)),
    onnxBytes: 0,
    onnxPays: false,
  }));
  const largest = passes.reduce((a, b, i) => (b.tfjsBytes > passes[a]!.tfjsBytes ? i : a), 0);
  return finish(passes, models[largest]!.report);
}

/**
 * The passes of a request: the output-stride measurement runs two (at its side, then at side +
 * 2 × stride, charged together: {@link chargeWithin}); `compute params` and the pool-versus-conv
 * comparison build a model without a pass (charged its weights, as the `build` calibration rows
 * measured); an exercise-2 network runs one; the FCN grid three (see `fcnGridCharge`).
 */
export function requestCharge(request: MeasurementRequest, planned?: AnalyzedModel): RequestCharge {
  switch (request.kind) {
    case 'exercise2': {
      // The plan's analysis when given (one analysis per answer, issue 17): the per-instance
      // figures the charge reads are the same at any batch.
      const { spec, report } = planned ?? {
        spec: exercise2Spec(request.network),
        report: analyze(exercise2Spec(request.network)),
      };
      // measure.ts runs it through layers-gpu's profileModel: every layer's output held at once.
      return finish([passCharge('its forward pass', { spec, report }, 'profile')], report);
    }
    case 'architectureParams': {
      const report = describe(request.architecture);
      return finish(
        [
          {
            label: 'building the network',
            tfjsBytes: buildBytes(report.totals.parameterBytes),
            onnxBytes: 0,
            onnxPays: false,
          },
        ],
        report,
      );
    }
    case 'outputStride': {
      const side = request.inputSide;
      const first = outputStridePass(request.architecture, side);
      const layers = first.report.layers;
      const stride = layers[layers.length - 1]!.effectiveStride[0];
      const larger = side + 2 * stride;
      const second = outputStridePass(request.architecture, larger);
      return finish(
        [passCharge(`the pass at ${side} px`, first), passCharge(`the pass at ${larger} px`, second)],
        second.report,
      );
    }
    case 'poolVersusConv': {
      const report = analyze(poolVersusConvSpec(request.channels, request.window));
      return finish(
        [
          {
            label: 'building the two layers',
            tfjsBytes: buildBytes(report.totals.parameterBytes),
            onnxBytes: 0,
            onnxPays: false,
          },
        ],
        report,
      );
    }
    case 'fcnGrid':
      return fcnGridCharge(request.trainSide, request.testSide);
  }
}

function finish(passes: PassCharge[], report: ModelReport): RequestCharge {
  return { passes, report, pastWasmCeiling: sequentialBytes(passes) > WASM_HEAP_LIMIT_BYTES };
}

/**
 * What a worker's wasm heap may hold after `passes` ran one after the other on it: the sum of their
 * TensorFlow.js figures. The heap never shrinks, and a later pass does not reliably fit its tensors
 * into the blocks an earlier one freed (each a little too small at the larger side, or split by the
 * small blocks the earlier pass left behind). Measured on ResNet-50, wasm, one thread, one fresh
 * process each: the pass at 1,792 px grew the heap from 17 to 1,191 MB and the pass at 1,856 px
 * after it to 1,715 MB (+524 MB), a resident peak of 1.77 GB where the 1,856-px pass alone peaks at
 * 1.44 GB; in the other order (2,660 then 2,596 px) the second pass still added 963 MB of heap
 * (532 MB resident) to the first's 2,509 MB; 1,024 then 960 px added nothing, nor did ResNet-152
 * at 224 then 288 px (its weights, of the same shapes, are reused). So a later pass may add from
 * nothing to most of its own need: charged all of it, what a pass can add at most.
 */
export function sequentialBytes(passes: readonly PassCharge[]): number {
  return passes.reduce((sum, p) => sum + p.tfjsBytes, 0);
}

/**
 * The bytes to reserve for a request within `roomBytes` (what one run may use of the budget), and
 * whether ONNX Runtime may run beside TensorFlow.js: only when the passes fit with both engines.
 * Passes run one after the other on one worker (each model is disposed before the next is built),
 * and the wasm heap keeps what each left: the request is charged the sum of its passes
 * ({@link sequentialBytes}). ONNX Runtime's share is native memory it releases after each pass
 * (the session is closed): the largest share of a pass where it pays is added once.
 * `label` names what was charged, for a refusal.
 */
export function chargeWithin(
  charge: RequestCharge,
  roomBytes: number,
): { bytes: number; allowOnnx: boolean; label: string } {
  const tfjs = sequentialBytes(charge.passes);
  const label =
    charge.passes.length <= 1
      ? (charge.passes[0]?.label ?? 'its run')
      : `its ${charge.passes.length} passes one after the other (${charge.passes.map((p) => p.label).join(', then ')})`;
  const onnx = Math.max(0, ...charge.passes.filter((p) => p.onnxPays).map((p) => p.onnxBytes));
  if (charge.passes.some((p) => p.onnxPays) && tfjs + onnx <= roomBytes)
    return { bytes: tfjs + onnx, allowOnnx: true, label };
  return { bytes: tfjs, allowOnnx: false, label };
}

/** Whether an output-stride request at `side` fits `roomBytes` (and the wasm ceiling). */
function strideFits(architecture: string, side: number, roomBytes: number): boolean {
  try {
    const charge = requestCharge({
      kind: 'outputStride',
      architecture,
      inputSide: side,
    } as MeasurementRequest);
    return !charge.pastWasmCeiling && chargeWithin(charge, roomBytes).bytes <= roomBytes;
  } catch {
    return false;
  }
}

/**
 * The largest input side at which the output-stride measurement of `architecture` fits `roomBytes`,
 * by bisection over the sides the quiz accepts (the charge grows with the side); `undefined` when
 * not even the network's smallest side fits.
 */
export function largestAdmittedSide(architecture: string, roomBytes: number): number | undefined {
  let low = getArchitecture(architecture).minimumInputSide;
  if (!strideFits(architecture, low, roomBytes)) return undefined;
  let high = MAX_REQUEST_SIDE;
  if (strideFits(architecture, high, roomBytes)) return high;
  while (high - low > 1) {
    const middle = Math.floor((low + high) / 2);
    if (strideFits(architecture, middle, roomBytes)) low = middle;
    else high = middle;
  }
  return low;
}
