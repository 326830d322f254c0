import type { LayerSpecInput } from '@cnnkit/shape-math';
import { assertOptionsObject } from './errors';

/*
 * The building blocks the exercises talk about, as shape-math layer lists. One description
 * serves both sides: shape-math analyses it and `buildModel` builds it for real, so the theory
 * and the real model can be compared. Every block names its last layer `name`, so the next
 * block reads it by that name.
 */

const PLACEMENT_KEYS = ['name', 'input'] as const;

/** A block's arguments are checked like any options object: a misspelt key would silently change the block. */
function checkBlockArgs(args: unknown, keys: readonly string[], block: string): void {
  assertOptionsObject(args, [...PLACEMENT_KEYS, ...keys], `${block} arguments`);
}

/** Where a block sits in a graph: its name and the layer it reads. */
export interface BlockPlacement {
  /** Name of the block; its last layer gets exactly this name, inner layers `<name>_<part>`. */
  readonly name: string;
  /** The layer this block reads (or "input"). */
  readonly input: string;
}

/**
 * Squeeze-and-excitation (Hu et al., CVPR 2018): global average pool → dense C/r (ReLU) →
 * dense C (sigmoid) → reshape to 1×1×C → multiply with the block's input, recalibrating channels.
 */
export function squeezeExcitationBlock(
  args: BlockPlacement & { channels: number; ratio?: number },
): LayerSpecInput[] {
  checkBlockArgs(args, ['channels', 'ratio'], 'squeezeExcitationBlock');
  const { name, input, channels, ratio = 16 } = args;
  const squeezed = Math.max(1, Math.floor(channels / ratio));
  return [
    { kind: 'globalAveragePooling2d', name: `${name}_squeeze`, inputs: [input] },
    { kind: 'dense', name: `${name}_reduce`, units: squeezed, activation: 'relu' },
    { kind: 'dense', name: `${name}_expand`, units: channels, activation: 'sigmoid' },
    { kind: 'reshape', name: `${name}_scale`, targetShape: [1, 1, channels] },
    { kind: 'multiply', name, inputs: [input, `${name}_scale`] },
  ];
}

/** Filter counts of each branch of an inception module (Szegedy et al. 2015, table 1). */
export interface InceptionFilters {
  readonly branch1x1: number;
  readonly branch3x3Reduce: number;
  readonly branch3x3: number;
  readonly branch5x5Reduce: number;
  readonly branch5x5: number;
  readonly poolProjection: number;
}

/**
 * Inception module (Szegedy et al., "Going deeper with convolutions", 2015, figure 2b): four
 * parallel branches (1×1; 1×1→3×3; 1×1→5×5; 3×3 max pool→1×1) concatenated on channels. The 1×1
 * "reduce" convolutions are bottlenecks that cut the cost of the 3×3 and 5×5 convolutions.
 */
export function inceptionModule(
  args: BlockPlacement & {
    filters: InceptionFilters;
    /** Each conv as conv (no bias) → BN → ReLU, as torchvision's BasicConv2d; default false (the paper: conv + bias → ReLU). */
    batchNorm?: boolean;
    /** Kernel of the "5×5" branch: torchvision's GoogLeNet uses 3 there (kept for weight compatibility). */
    branch5x5Kernel?: number;
  },
): LayerSpecInput[] {
  checkBlockArgs(args, ['filters', 'batchNorm', 'branch5x5Kernel'], 'inceptionModule');
  const { name, input, filters: f, batchNorm = false, branch5x5Kernel = 5 } = args;
  const conv = (part: string, filters: number, kernelSize: number, from?: string): LayerSpecInput[] => {
    const convName = batchNorm ? `${name}_${part}_conv` : `${name}_${part}`;
    const layers: LayerSpecInput[] = [
      {
        kind: 'conv2d',
        name: convName,
        ...(from === undefined ? {} : { inputs: [from] }),
        filters,
        kernelSize,
        padding: 'same',
        ...(batchNorm ? { useBias: false } : { activation: 'relu' as const }),
      },
    ];
    if (batchNorm) {
      layers.push(
        { kind: 'batchNormalization', name: `${name}_${part}_bn`, epsilon: 1e-3 },
        { kind: 'activation', name: `${name}_${part}`, activation: 'relu' },
      );
    }
    return layers;
  };
  return [
    ...conv('1x1', f.branch1x1, 1, input),
    ...conv('3x3_reduce', f.branch3x3Reduce, 1, input),
    ...conv('3x3', f.branch3x3, 3),
    ...conv('5x5_reduce', f.branch5x5Reduce, 1, input),
    ...conv('5x5', f.branch5x5, branch5x5Kernel),
    { kind: 'maxPooling2d', name: `${name}_pool`, inputs: [input], poolSize: 3, strides: 1, padding: 'same' },
    ...conv('pool_proj', f.poolProjection, 1),
    { kind: 'concatenate', name, inputs: [`${name}_1x1`, `${name}_3x3`, `${name}_5x5`, `${name}_pool_proj`] },
  ];
}

/** Options for `residualUnit`: its kind, shortcut, stride and where the stride goes. */
export interface ResidualUnitOptions extends BlockPlacement {
  /** `basic`: two 3×3 convs (ResNet-18/34). `bottleneck`: 1×1 → 3×3 → 1×1 ×expansion (ResNet-50+). */
  readonly kind: 'basic' | 'bottleneck';
  /** Filters of the 3×3 conv(s); a bottleneck unit outputs `filters × expansion` channels. */
  readonly filters: number;
  readonly stride?: number;
  /** `identity` adds the input as is (same shape needed); `projection` uses a strided 1×1 conv + BN. */
  readonly shortcut: 'identity' | 'projection';
  /** Pre-activation (He et al. 2016, "Identity mappings"): BN → ReLU before each conv, no ReLU after the add. */
  readonly preActivation?: boolean;
  /** Keras' ResNet50 convs have biases; torchvision's have none (BN follows each conv). Default false. */
  readonly useBias?: boolean;
  /** Where a bottleneck unit strides: the first 1×1 (original paper, Keras) or the 3×3 (torchvision "v1.5"). */
  readonly strideOn?: '1x1' | '3x3';
  readonly expansion?: number;
  /** Squeeze-and-excitation on the residual branch before the add (SENet); reduction ratio r. */
  readonly squeezeExcitation?: { readonly ratio: number };
}

const RESIDUAL_UNIT_KEYS = [
  'kind',
  'filters',
  'stride',
  'shortcut',
  'preActivation',
  'useBias',
  'strideOn',
  'expansion',
  'squeezeExcitation',
] as const satisfies readonly Exclude<keyof ResidualUnitOptions, keyof BlockPlacement>[];

/** Residual unit (He et al., "Deep residual learning", CVPR 2016): output = F(x) + shortcut(x). */
export function residualUnit(args: ResidualUnitOptions): LayerSpecInput[] {
  checkBlockArgs(args, RESIDUAL_UNIT_KEYS, 'residualUnit');
  const {
    name,
    input,
    kind,
    filters,
    stride = 1,
    shortcut,
    preActivation = false,
    useBias = false,
    strideOn = '3x3',
    expansion = 4,
    squeezeExcitation,
  } = args;
  const layers: LayerSpecInput[] = [];
  let current = input;
  const push = (layer: LayerSpecInput & { name: string }) => {
    layers.push(layer);
    current = layer.name;
  };
  const bnRelu = (part: string) => {
    push({ kind: 'batchNormalization', name: `${name}_${part}_bn` });
    push({ kind: 'activation', name: `${name}_${part}_relu`, activation: 'relu' });
  };
  if (preActivation) {
    layers.push({ kind: 'batchNormalization', name: `${name}_preact_bn`, inputs: [input] });
    push({ kind: 'activation', name: `${name}_preact_relu`, activation: 'relu' });
  }
  const unitInput = current; // pre-activation shortcuts read the activated input when projecting
  const convs: { part: string; filters: number; kernelSize: number; strides: number }[] =
    kind === 'basic'
      ? [
          { part: '1', filters, kernelSize: 3, strides: stride },
          { part: '2', filters, kernelSize: 3, strides: 1 },
        ]
      : [
          { part: '1', filters, kernelSize: 1, strides: strideOn === '1x1' ? stride : 1 },
          { part: '2', filters, kernelSize: 3, strides: strideOn === '3x3' ? stride : 1 },
          { part: '3', filters: filters * expansion, kernelSize: 1, strides: 1 },
        ];
  convs.forEach((conv, i) => {
    const last = i === convs.length - 1;
    if (preActivation && i > 0) bnRelu(`${conv.part}_pre`);
    layers.push({
      kind: 'conv2d',
      name: `${name}_${conv.part}_conv`,
      inputs: [current],
      filters: conv.filters,
      kernelSize: conv.kernelSize,
      strides: conv.strides,
      padding: 'same',
      useBias,
    });
    current = `${name}_${conv.part}_conv`;
    if (!preActivation) {
      if (last) push({ kind: 'batchNormalization', name: `${name}_${conv.part}_bn` });
      else bnRelu(conv.part);
    }
  });
  if (squeezeExcitation !== undefined) {
    const channels = kind === 'basic' ? filters : filters * expansion;
    layers.push(
      ...squeezeExcitationBlock({
        name: `${name}_se`,
        input: current,
        channels,
        ratio: squeezeExcitation.ratio,
      }),
    );
    current = `${name}_se`;
  }
  const residual = current;
  let shortcutName = input;
  if (shortcut === 'projection') {
    const outChannels = kind === 'basic' ? filters : filters * expansion;
    layers.push({
      kind: 'conv2d',
      name: `${name}_0_conv`,
      inputs: [preActivation ? unitInput : input],
      filters: outChannels,
      kernelSize: 1,
      strides: stride,
      padding: 'same',
      useBias,
    });
    shortcutName = `${name}_0_conv`;
    if (!preActivation) {
      layers.push({ kind: 'batchNormalization', name: `${name}_0_bn` });
      shortcutName = `${name}_0_bn`;
    }
  }
  if (preActivation) {
    layers.push({ kind: 'add', name, inputs: [shortcutName, residual] });
  } else {
    layers.push({ kind: 'add', name: `${name}_add`, inputs: [shortcutName, residual] });
    layers.push({ kind: 'activation', name, activation: 'relu' });
  }
  return layers;
}

/**
 * Depthwise separable convolution as MobileNet uses it (Howard et al. 2017): 3×3 depthwise
 * conv → BN → ReLU6 → 1×1 pointwise conv → BN → ReLU6. Spatial and cross-channel patterns are
 * learned separately, for about 1/k² of a full conv's multiplies.
 */
export function depthwiseSeparableBlock(
  args: BlockPlacement & { filters: number; stride?: number },
): LayerSpecInput[] {
  checkBlockArgs(args, ['filters', 'stride'], 'depthwiseSeparableBlock');
  const { name, input, filters, stride = 1 } = args;
  return [
    {
      kind: 'depthwiseConv2d',
      name: `${name}_dw`,
      inputs: [input],
      kernelSize: 3,
      strides: stride,
      padding: 'same',
      useBias: false,
    },
    { kind: 'batchNormalization', name: `${name}_dw_bn` },
    { kind: 'activation', name: `${name}_dw_relu`, activation: 'relu6' },
    { kind: 'conv2d', name: `${name}_pw`, filters, kernelSize: 1, padding: 'same', useBias: false },
    { kind: 'batchNormalization', name: `${name}_pw_bn` },
    { kind: 'activation', name, activation: 'relu6' },
  ];
}

const separable = (name: string, filters: number, from?: string): LayerSpecInput => ({
  kind: 'separableConv2d',
  name,
  ...(from === undefined ? {} : { inputs: [from] }),
  filters,
  kernelSize: 3,
  padding: 'same',
  useBias: false,
});

/**
 * Xception entry-flow unit (Chollet, CVPR 2017; keras.applications.Xception blocks 2–4): two
 * separable convs and a strided max pool, added to a strided 1×1 projection of the input.
 */
export function xceptionEntryUnit(
  args: BlockPlacement & { filters: number; reluFirst: boolean },
): LayerSpecInput[] {
  checkBlockArgs(args, ['filters', 'reluFirst'], 'xceptionEntryUnit');
  const { name, input, filters, reluFirst } = args;
  const layers: LayerSpecInput[] = [
    {
      kind: 'conv2d',
      name: `${name}_shortcut`,
      inputs: [input],
      filters,
      kernelSize: 1,
      strides: 2,
      padding: 'same',
      useBias: false,
    },
    { kind: 'batchNormalization', name: `${name}_shortcut_bn` },
  ];
  let from = input;
  if (reluFirst) {
    layers.push({ kind: 'activation', name: `${name}_sepconv1_act`, inputs: [input], activation: 'relu' });
    from = `${name}_sepconv1_act`;
  }
  layers.push(
    separable(`${name}_sepconv1`, filters, from),
    { kind: 'batchNormalization', name: `${name}_sepconv1_bn` },
    { kind: 'activation', name: `${name}_sepconv2_act`, activation: 'relu' },
    separable(`${name}_sepconv2`, filters),
    { kind: 'batchNormalization', name: `${name}_sepconv2_bn` },
    { kind: 'maxPooling2d', name: `${name}_pool`, poolSize: 3, strides: 2, padding: 'same' },
    { kind: 'add', name, inputs: [`${name}_pool`, `${name}_shortcut_bn`] },
  );
  return layers;
}

/** Xception middle-flow unit: three ReLU → separable conv → BN, added to the unit's input (identity). */
export function xceptionMiddleUnit(args: BlockPlacement & { channels?: number }): LayerSpecInput[] {
  checkBlockArgs(args, ['channels'], 'xceptionMiddleUnit');
  const { name, input, channels = 728 } = args;
  const layers: LayerSpecInput[] = [];
  let from = input;
  for (const part of [1, 2, 3]) {
    layers.push(
      { kind: 'activation', name: `${name}_sepconv${part}_act`, inputs: [from], activation: 'relu' },
      separable(`${name}_sepconv${part}`, channels),
      { kind: 'batchNormalization', name: `${name}_sepconv${part}_bn` },
    );
    from = `${name}_sepconv${part}_bn`;
  }
  layers.push({ kind: 'add', name, inputs: [from, input] });
  return layers;
}

/**
 * Xception exit flow (keras.applications.Xception blocks 13–14): a residual unit 728 → 1024 with a
 * strided projection, then separable convs to 1536 and 2048 channels with BN and ReLU.
 */
export function xceptionExitFlow(args: BlockPlacement): LayerSpecInput[] {
  checkBlockArgs(args, [], 'xceptionExitFlow');
  const { name, input } = args;
  return [
    {
      kind: 'conv2d',
      name: `${name}_shortcut`,
      inputs: [input],
      filters: 1024,
      kernelSize: 1,
      strides: 2,
      padding: 'same',
      useBias: false,
    },
    { kind: 'batchNormalization', name: `${name}_shortcut_bn` },
    { kind: 'activation', name: `${name}_sepconv1_act`, inputs: [input], activation: 'relu' },
    separable(`${name}_sepconv1`, 728),
    { kind: 'batchNormalization', name: `${name}_sepconv1_bn` },
    { kind: 'activation', name: `${name}_sepconv2_act`, activation: 'relu' },
    separable(`${name}_sepconv2`, 1024),
    { kind: 'batchNormalization', name: `${name}_sepconv2_bn` },
    { kind: 'maxPooling2d', name: `${name}_pool`, poolSize: 3, strides: 2, padding: 'same' },
    { kind: 'add', name: `${name}_add`, inputs: [`${name}_pool`, `${name}_shortcut_bn`] },
    separable(`${name}_sepconv3`, 1536),
    { kind: 'batchNormalization', name: `${name}_sepconv3_bn` },
    { kind: 'activation', name: `${name}_sepconv3_act`, activation: 'relu' },
    separable(`${name}_sepconv4`, 2048),
    { kind: 'batchNormalization', name: `${name}_sepconv4_bn` },
    { kind: 'activation', name, activation: 'relu' },
  ];
}
