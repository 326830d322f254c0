import { ARCHITECTURE_NAMES, describe as describeArchitecture } from '@cnnkit/architectures';
import { analyze, exercise2Spec, type ModelSpecInput } from '@cnnkit/shape-math';
import type { MeasurementRequest } from '../verify/requests';

/** A known wrong way to work a question out, and the figure it leads to for this very question. */
export interface LikelyMistake {
  readonly id:
    | 'biases-left-out'
    | 'parameters-left-out'
    | 'input-batch-left-out'
    | 'batch-left-out'
    | 'valid-padding'
    | 'float32-assumed'
    | 'half-precision'
    | 'window-left-out'
    | 'all-outputs-kept'
    | 'outputs-alone'
    | 'parameters-alone'
    | 'two-layers-only'
    | 'depthwise-only'
    | 'other-kernel'
    | 'classifier-left-out'
    | 'classifier-biases-left-out'
    | 'other-depth'
    | 'area-factor'
    | 'cells-counted';
  /** The figure that mistake gives, recomputed on the question's own numbers. */
  readonly value: number;
  /** Said to the learner when their answer is that figure. */
  readonly explanation: string;
}

const withoutBiases = (spec: ModelSpecInput): ModelSpecInput => ({
  ...spec,
  layers: spec.layers.map((layer) => (layer.kind === 'conv2d' ? { ...layer, useBias: false } : layer)),
});

const format = (n: number) => n.toLocaleString('en-US');

/**
 * The mistakes a study group makes on a question, each worked out again on the question's own
 * numbers with shape-math (the analysis re-run under the mistake, not a stored figure), so a
 * variant gets its own diagnoses. Mistakes that give the right figure anyway are left out, and so
 * is a mistake that cannot be worked out on this network (a "valid" version of a "same"-padded
 * variant whose kernel no longer fits): a diagnosis is a help, never a reason to fail (issue 18).
 */
export function likelyMistakes(request: MeasurementRequest, truth: number): LikelyMistake[] {
  // Worked out once per question (variant) and key: a wrong ResNet-50 count otherwise re-describes
  // the architecture under each mistake for every answer (~10 ms each, on the grading worker).
  const key = `${truth}|${JSON.stringify(request)}`;
  let found = WORKED_OUT.get(key);
  if (found === undefined) {
    found = workOut(request, truth);
    if (WORKED_OUT.size >= MAX_WORKED_OUT) WORKED_OUT.clear();
    WORKED_OUT.set(key, found);
  }
  return [...found];
}

/** The mistakes already worked out, by question (variant) and key; cleared when it grows large. */
const WORKED_OUT = new Map<string, readonly LikelyMistake[]>();
const MAX_WORKED_OUT = 256;

function workOut(request: MeasurementRequest, truth: number): LikelyMistake[] {
  const found: LikelyMistake[] = [];
  const add = (id: LikelyMistake['id'], build: () => { value: number; explanation: string }) => {
    let mistake: LikelyMistake;
    try {
      mistake = { id, ...build() };
    } catch {
      return; // this mistake cannot be built on this network: no diagnosis, no failure
    }
    if (
      Number.isFinite(mistake.value) &&
      mistake.value > 0 &&
      mistake.value !== truth &&
      !found.some((m) => m.value === mistake.value)
    )
      found.push(mistake);
  };
  switch (request.kind) {
    case 'exercise2': {
      const spec = exercise2Spec(request.network);
      const options = { dtype: request.dtype, batchSize: request.batchSize };
      if (request.quantity === 'params') {
        add('biases-left-out', () => ({
          value: analyze(withoutBiases(spec)).totals.params.total,
          explanation:
            'That is the count without the biases: each filter also has one bias, so every layer adds (k·k·C_in + 1)·filters.',
        }));
        return found;
      }
      const report = analyze(spec, options);
      const memory = report.memory;
      const perImage = analyze(spec, { dtype: request.dtype, batchSize: 1 }).memory;
      // The asked figure (inference or training memory) of this network stored in another dtype.
      const asDtype = (dtype: 'float32' | 'float16') => {
        const asked = analyze(spec, { dtype, batchSize: request.batchSize }).memory;
        return request.quantity === 'inferenceBytes' ? asked.inference.bytes : asked.trainingMinimum.bytes;
      };
      if (request.dtype !== 'float32') {
        add('float32-assumed', () => ({
          value: asDtype('float32'),
          explanation: `That figure counts 4 bytes per value (32-bit floats); this network uses ${request.dtype}, 2 bytes per value.`,
        }));
      }
      // "6.3 MB in float16": the figure for 16-bit floats, a convention a 32-bit question does not
      // use (listed last: any other mistake with the same figure is named first).
      const halfPrecision = () => {
        if (request.dtype !== 'float32') return;
        add('half-precision', () => ({
          value: asDtype('float16'),
          explanation:
            'That figure counts 2 bytes per value (16-bit floats); the question asks for 32-bit floats, 4 bytes per value.',
        }));
      };
      const other = request.network.padding === 'same' ? 'valid' : 'same';
      const otherPadding = () =>
        analyze(exercise2Spec({ ...request.network, padding: other }), options).memory;
      const paddingExplanation =
        request.network.padding === 'same'
          ? 'That figure comes from padding 0 ("valid"): with "same" padding the maps are ceil(input / stride) on each side.'
          : 'That figure comes from "same" padding: with "valid" padding (none) the maps are floor((input − kernel) / stride) + 1.';
      const parameterBytes = memory.inference.parameterBytes;
      add('parameters-alone', () => ({
        value: parameterBytes,
        explanation: `That is the parameters alone (${format(report.totals.params.total)} × ${report.bytesPerElement} bytes): the layers' outputs must be in memory too.`,
      }));
      if (request.quantity === 'inferenceBytes') {
        add('parameters-left-out', () => ({
          value: memory.inference.peakActivationBytes,
          explanation:
            'That is the activations alone: the parameters must be in memory too, so add them (parameters × bytes per value).',
        }));
        add('all-outputs-kept', () => ({
          value: perImage.trainingMinimum.bytes,
          explanation: `That keeps every layer's output (and the input) at once, as training must: for a prediction a layer's output can be released once the next layer has been computed, so only the largest tensors alive together (${memory.inference.liveTensorsAtPeak.join(' and ')}) count, plus the parameters.`,
        }));
        add('all-outputs-kept', () => ({
          value: perImage.trainingMinimum.activationBytesPerInstance + parameterBytes,
          explanation: `That keeps every layer's output at once, as training must: for a prediction a layer's output can be released once the next layer has been computed, so only the largest tensors alive together (${memory.inference.liveTensorsAtPeak.join(' and ')}) count, plus the parameters.`,
        }));
        add('valid-padding', () => ({
          value: otherPadding().inference.bytes,
          explanation: paddingExplanation,
        }));
        halfPrecision();
        return found;
      }
      const training = memory.trainingMinimum;
      add('parameters-left-out', () => ({
        value: training.bytes - training.parameterBytes,
        explanation:
          'That is activations and inputs alone: the parameters must be in memory too, so add them (parameters × bytes per value).',
      }));
      add('input-batch-left-out', () => ({
        value: training.bytes - training.inputBytes,
        explanation: `That leaves out the input batch itself: the ${request.batchSize} images are in memory too (height × width × channels × bytes each).`,
      }));
      add('outputs-alone', () => ({
        value: training.activationBytes,
        explanation: `That is the layers' outputs alone (${format(training.activationBytesPerInstance)} bytes per image × ${request.batchSize}): the input batch (${format(training.inputBytes)} bytes) and the parameters (${format(training.parameterBytes)} bytes) are in memory too.`,
      }));
      add('batch-left-out', () => ({
        value: perImage.trainingMinimum.bytes,
        explanation: `That is the figure for one image: training keeps the activations of every image of the mini-batch, so multiply activations and inputs by ${request.batchSize}.`,
      }));
      add('two-layers-only', () => ({
        value: memory.inference.peakActivationBytes * request.batchSize + parameterBytes,
        explanation: `That keeps only the largest tensors alive at once, as a prediction may: training keeps every layer's output of every image for back-propagation (${format(training.activationBytesPerInstance)} bytes per image), plus the input batch and the parameters.`,
      }));
      add('valid-padding', () => ({
        value: otherPadding().trainingMinimum.bytes,
        explanation: paddingExplanation,
      }));
      halfPrecision();
      return found;
    }
    case 'poolVersusConv': {
      const { channels, window } = request;
      const conv: ModelSpecInput = {
        name: 'conv_only',
        input: [window * 4, window * 4, channels],
        layers: [
          { kind: 'conv2d', name: 'strided_conv', filters: channels, kernelSize: window, strides: window },
        ],
      };
      add('biases-left-out', () => ({
        value: analyze(withoutBiases(conv)).totals.params.total,
        explanation: `That is the kernel weights alone (${window}·${window}·${channels}·${channels}): the conv layer also has one bias per filter, ${channels} more. Max pooling has none.`,
      }));
      // One filter per input channel (a depthwise conv): the layer asked for mixes all channels.
      add('depthwise-only', () => ({
        value: analyze({
          ...conv,
          layers: [{ kind: 'depthwiseConv2d', name: 'dw', kernelSize: window, strides: window }],
        }).totals.params.total,
        explanation: `That counts one ${window}×${window} filter per channel (a depthwise conv, ${window}·${window}·${channels} + ${channels}): a conv layer keeping ${channels} channels has ${channels} filters, each ${window}·${window}·${channels}, plus a bias each.`,
      }));
      // Another kernel than the window: the usual 3×3, or 1×1 (one equal to the window gives the
      // truth, and is left out as every such mistake is).
      for (const kernel of [3, 1])
        add('other-kernel', () => ({
          value: analyze({
            ...conv,
            layers: [
              { kind: 'conv2d', name: 'conv', filters: channels, kernelSize: kernel, strides: window },
            ],
          }).totals.params.total,
          explanation: `That is a ${kernel}×${kernel} kernel ((${kernel}·${kernel}·${channels} + 1)·${channels}): a conv replacing a ${window}×${window} pooling layer has a ${window}×${window} kernel, (${window}·${window}·${channels} + 1)·${channels}.`,
        }));
      return found;
    }
    case 'fcnGrid': {
      add('window-left-out', () => ({
        value: Math.floor(request.testSide / 32),
        explanation: `That is the backbone's map (side / 32). The first dense layer became a ${Math.floor(request.trainSide / 32)}×${Math.floor(request.trainSide / 32)} "valid" conv, which fits map − ${Math.floor(request.trainSide / 32)} + 1 times across.`,
      }));
      // The number of cells, side², where the width was asked.
      add('cells-counted', () => ({
        value: truth * truth,
        explanation: `That is the number of cells in the grid (${truth} × ${truth}); the question asks how wide it is: ${truth}.`,
      }));
      return found;
    }
    case 'outputStride': {
      // The factor on the area, stride², where the factor on each side was asked.
      add('area-factor', () => ({
        value: truth * truth,
        explanation: `That is the factor on the area (${truth} × ${truth} input positions per output position); the height and the width each shrink by ${truth}.`,
      }));
      return found;
    }
    case 'architectureParams': {
      const count = (name: string, includeTop = true) => {
        const params = describeArchitecture(name, { includeTop }).totals.params;
        return request.count === 'trainable' ? params.trainable : params.total;
      };
      add('classifier-left-out', () => ({
        value: count(request.architecture, false),
        explanation: `That is the network without its classifier (the final dense layer, ${format(truth - count(request.architecture, false))} parameters): the question counts the whole network.`,
      }));
      // The classifier's biases left out (one per class): its weights counted, 2048 × 1000, not its
      // 1,000 biases ("25,556,032" for ResNet-50's 25,557,032).
      add('classifier-biases-left-out', () => {
        const top = describeArchitecture(request.architecture).layers.at(-1)!;
        if (top.kind !== 'dense') throw new Error('no dense classifier');
        const classes = top.outputShape[top.outputShape.length - 1]!;
        return {
          value: truth - classes,
          explanation: `That leaves out the classifier's biases: its last dense layer has ${format(classes)}, one per class, beside its weights.`,
        };
      });
      // The same family at another depth ("resnet18" for "resnet50"): a figure recalled for the wrong network.
      const family = /^([a-z]+)\d+$/.exec(request.architecture)?.[1];
      for (const name of ARCHITECTURE_NAMES)
        if (family !== undefined && name !== request.architecture && new RegExp(`^${family}\\d+$`).test(name))
          add('other-depth', () => ({
            value: count(name),
            explanation: `That is ${describeArchitecture(name).name}'s count (${format(count(name))}), another depth of the same family.`,
          }));
      return found;
    }
    default:
      return found;
  }
}
