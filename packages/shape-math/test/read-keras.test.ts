import { describe, expect, test } from 'vitest';
import { analyze, readKerasModel } from '../src/index';
import { caught } from './caught';

/*
 * Topologies in the formats Keras and TensorFlow.js write, by hand, with every count derived in a
 * comment. The same reader on models tfjs-layers itself writes (checked against its countParams())
 * is in packages/segmentation/test/read-keras-tfjs.test.ts; on every cnnkit network in
 * packages/architectures/test/readers.test.ts.
 */

const tensor = (layer: string, shape: (number | null)[]) => ({
  class_name: '__keras_tensor__',
  config: { shape, dtype: 'float32', keras_history: [layer, 0, 0] },
});

// tf.keras 2.x `model.to_json()` of a Sequential model: snake_case configs, batch_input_shape.
const keras2Sequential = {
  class_name: 'Sequential',
  config: {
    name: 'small',
    layers: [
      { class_name: 'InputLayer', config: { batch_input_shape: [null, 32, 32, 3], name: 'image' } },
      {
        class_name: 'Conv2D',
        config: {
          name: 'stem',
          filters: 8,
          kernel_size: [3, 3],
          strides: [2, 2],
          padding: 'same',
          data_format: 'channels_last',
          dilation_rate: [1, 1],
          groups: 1,
          activation: 'linear',
          use_bias: false,
        },
      },
      {
        class_name: 'BatchNormalization',
        config: { name: 'bn', axis: -1, center: true, scale: true, epsilon: 0.001 },
      },
      { class_name: 'ReLU', config: { name: 'relu6', max_value: 6, negative_slope: 0, threshold: 0 } },
      {
        class_name: 'DepthwiseConv2D',
        config: {
          name: 'dw',
          kernel_size: [3, 3],
          strides: [1, 1],
          padding: 'valid',
          depth_multiplier: 2,
          dilation_rate: [2, 2],
          use_bias: true,
          activation: 'relu',
        },
      },
      { class_name: 'GlobalAveragePooling2D', config: { name: 'gap', data_format: 'channels_last' } },
      { class_name: 'Dense', config: { name: 'logits', units: 10, activation: 'softmax', use_bias: true } },
    ],
  },
  keras_version: '2.15.0',
  backend: 'tensorflow',
};

describe('readKerasModel: Keras 2 Sequential, every attribute', () => {
  test('shapes and counts derived by hand', () => {
    const spec = readKerasModel(keras2Sequential);
    const report = analyze(spec);
    expect(report.layers.map((r) => [r.name, r.outputShape, r.params.total])).toEqual([
      // 3×3×3×8, no bias; "same" with stride 2: ceil(32 / 2) = 16.
      ['stem', [16, 16, 8], 216],
      // gamma, beta trainable; moving mean and variance not: 4 × 8.
      ['bn', [16, 16, 8], 32],
      ['relu6', [16, 16, 8], 0],
      // 3×3 dilated by 2 spans 5: 16 − 5 + 1 = 12; 8 channels × 2 = 16 maps; 3·3·16 + 16 bias.
      ['dw', [12, 12, 16], 160],
      ['gap', [16], 0],
      ['logits', [10], 170],
    ]);
    expect(report.totals.params).toEqual({ trainable: 562, nonTrainable: 16, total: 578 });
    expect(spec.layers[2]).toEqual({ kind: 'activation', name: 'relu6', activation: 'relu6' });
    expect(spec.layers[3]).toMatchObject({ kind: 'depthwiseConv2d', depthMultiplier: 2, dilationRate: 2 });
  });

  test('model.json from model.save() and the string model.toJSON() returns read the same', () => {
    const wrapped = { format: 'layers-model', modelTopology: keras2Sequential, weightsManifest: [] };
    expect(readKerasModel(JSON.stringify(wrapped))).toEqual(readKerasModel(keras2Sequential));
    // A Keras .h5 file's attribute holds it under model_config.
    expect(readKerasModel({ model_config: keras2Sequential })).toEqual(readKerasModel(keras2Sequential));
  });
});

// Keras 3 `model.to_json()` of a Functional model: two inputs, a Dense shared by both, two outputs.
const keras3Shared = {
  module: 'keras',
  class_name: 'Functional',
  config: {
    name: 'siamese',
    layers: [
      {
        class_name: 'InputLayer',
        name: 'left',
        config: { batch_shape: [null, 8], dtype: 'float32', name: 'left' },
        inbound_nodes: [],
      },
      {
        class_name: 'InputLayer',
        name: 'right',
        config: { batch_shape: [null, 8], dtype: 'float32', name: 'right' },
        inbound_nodes: [],
      },
      {
        module: 'keras.layers',
        class_name: 'Dense',
        name: 'embed',
        config: { name: 'embed', units: 4, activation: 'relu', use_bias: true },
        inbound_nodes: [
          { args: [tensor('left', [null, 8])], kwargs: {} },
          { args: [tensor('right', [null, 8])], kwargs: {} },
        ],
      },
      {
        class_name: 'Concatenate',
        name: 'both',
        config: { name: 'both', axis: -1 },
        inbound_nodes: [
          {
            args: [
              [
                tensor('embed', [null, 4]),
                { ...tensor('embed', [null, 4]), config: { keras_history: ['embed', 1, 0] } },
              ],
            ],
            kwargs: {},
          },
        ],
      },
      {
        class_name: 'Dense',
        name: 'score',
        config: { name: 'score', units: 2, activation: 'linear', use_bias: true },
        inbound_nodes: [{ args: [tensor('both', [null, 8])], kwargs: {} }],
      },
    ],
    input_layers: [
      ['left', 0, 0],
      ['right', 0, 0],
    ],
    output_layers: [
      ['score', 0, 0],
      ['embed', 0, 0],
    ],
  },
};

describe('readKerasModel: Keras 3 Functional, shared layer, two inputs, two outputs', () => {
  test('the shared Dense counts once (Keras countParams: 8·4 + 4 = 36, plus 8·2 + 2 = 18)', () => {
    const spec = readKerasModel(keras3Shared);
    expect(spec.input).toEqual([8]);
    expect(spec.layers[0]).toEqual({ kind: 'input', name: 'right', shape: [8] });
    expect(spec.layers.find((l) => l.name === 'embed_call1')).toMatchObject({
      inputs: ['right'],
      sharesWeightsOf: 'embed',
    });
    const report = analyze(spec);
    expect(report.totals.params.total).toBe(54);
    expect(report.outputs).toEqual([
      { name: 'score', shape: [2] },
      { name: 'embed', shape: [4] },
    ]);
    // Both calls of the shared layer compute: 2 × 8·4 MACs, and the head 8·2.
    expect(report.totals.macs).toBe(2 * 32 + 16);
  });
});

describe('readKerasModel: a nested model called twice (a siamese tower)', () => {
  const tower = {
    class_name: 'Sequential',
    config: {
      name: 'tower',
      layers: [
        { class_name: 'InputLayer', config: { batch_input_shape: [null, 8, 8, 3], name: 'tower_in' } },
        { class_name: 'Conv2D', config: { name: 'conv', filters: 4, kernel_size: 3, padding: 'valid' } },
      ],
    },
  };
  const model = {
    class_name: 'Functional',
    config: {
      name: 'twice',
      layers: [
        {
          class_name: 'InputLayer',
          name: 'a',
          config: { batch_input_shape: [null, 8, 8, 3], name: 'a' },
          inbound_nodes: [],
        },
        {
          class_name: 'InputLayer',
          name: 'b',
          config: { batch_input_shape: [null, 8, 8, 3], name: 'b' },
          inbound_nodes: [],
        },
        { ...tower, name: 'tower', inbound_nodes: [[['a', 0, 0, {}]], [['b', 0, 0, {}]]] },
        {
          class_name: 'Add',
          name: 'sum',
          config: { name: 'sum' },
          inbound_nodes: [
            [
              ['tower', 0, 0, {}],
              ['tower', 1, 0, {}],
            ],
          ],
        },
      ],
      input_layers: [
        ['a', 0, 0],
        ['b', 0, 0],
      ],
      output_layers: [['sum', 0, 0]],
    },
  };

  test('its layers are inlined as tower/conv and tower_call1/conv, the weights counted once (3·3·3·4 + 4 = 112)', () => {
    const spec = readKerasModel(model);
    const report = analyze(spec);
    expect(report.layers.map((r) => [r.name, r.outputShape, r.params.total])).toEqual([
      ['b', [8, 8, 3], 0],
      ['tower/conv', [6, 6, 4], 112],
      ['tower_call1/conv', [6, 6, 4], 0],
      ['sum', [6, 6, 4], 0],
    ]);
  });
});

test('a Keras 3 Sequential without an InputLayer reads its build_input_shape', () => {
  const spec = readKerasModel({
    class_name: 'Sequential',
    config: {
      name: 'built',
      build_input_shape: [null, 10],
      layers: [{ module: 'keras.layers', class_name: 'Dense', config: { name: 'd', units: 3 } }],
    },
  });
  // 10·3 + 3 = 33.
  expect(analyze(spec).totals.params.total).toBe(33);
});

test.each([
  // Keras' three forms of Cropping2D's `cropping`; the map is 20×16 (height × width).
  [3, [14, 10]], // 20 − 3 − 3, 16 − 3 − 3
  [
    [2, 4],
    [16, 8],
  ], // 20 − 2 − 2, 16 − 4 − 4
  [
    [
      [1, 5],
      [0, 7],
    ],
    [14, 9],
  ], // 20 − 1 − 5, 16 − 0 − 7
])('Cropping2D with cropping %j reads as cropping2d: 20×16 → %j', (cropping, [height, width]) => {
  const spec = readKerasModel({
    class_name: 'Sequential',
    config: {
      name: 'crop',
      layers: [
        { class_name: 'InputLayer', config: { batch_input_shape: [null, 20, 16, 2], name: 'x' } },
        { class_name: 'Cropping2D', config: { name: 'crop', cropping, data_format: 'channels_last' } },
      ],
    },
  });
  expect(analyze(spec).outputs[0]!.shape).toEqual([height, width, 2]);
});

describe('readKerasModel: channels_first', () => {
  const channelsFirst = (secondFormat: string) => ({
    class_name: 'Sequential',
    config: {
      name: 'cf',
      layers: [
        { class_name: 'InputLayer', config: { batch_input_shape: [null, 3, 32, 24], name: 'x' } },
        {
          class_name: 'Conv2D',
          config: { name: 'c1', filters: 6, kernel_size: 5, data_format: 'channels_first' },
        },
        { class_name: 'BatchNormalization', config: { name: 'bn', axis: 1 } },
        { class_name: 'MaxPooling2D', config: { name: 'pool', pool_size: 2, data_format: secondFormat } },
        { class_name: 'Flatten', config: { name: 'flat', data_format: 'channels_first' } },
      ],
    },
  });

  test('is converted: [C, H, W] input becomes [H, W, C], BN axis 1 is the channel axis', () => {
    const report = analyze(readKerasModel(channelsFirst('channels_first')));
    expect(report.inputShape).toEqual([32, 24, 3]);
    // 5×5 valid: 28×20, pooled by 2: 14×10, 6 maps.
    expect(report.layers.map((r) => r.outputShape)).toEqual([[28, 20, 6], [28, 20, 6], [14, 10, 6], [840]]);
  });

  test('mixed with channels_last is refused, naming the layer', () => {
    const error = caught(() => readKerasModel(channelsFirst('channels_last')));
    expect(error.code).toBe('unsupported_layer');
    expect(error.message).toMatch(
      /layer "pool" \(MaxPooling2D\) is channels_last in a model whose other layers are channels_first/,
    );
  });
});

describe('readKerasModel: what it cannot read', () => {
  test('every unsupported layer is named, with its class, in one error', () => {
    const model = structuredClone(keras2Sequential);
    model.config.layers.splice(2, 0, { class_name: 'PReLU', config: { name: 'prelu' } } as never);
    model.config.layers.push({
      class_name: 'Dense',
      config: { name: 'out', units: 2, activation: 'mish' },
    } as never);
    const error = caught(() => readKerasModel(model));
    expect(error.code).toBe('unsupported_layer');
    expect(error.issues.map((i) => i.details)).toEqual([
      {
        layerName: 'prelu',
        className: 'PReLU',
        reason: expect.stringMatching(/^no shape-math kind for class PReLU/),
      },
      { layerName: 'out', className: 'Dense', reason: expect.stringMatching(/^activation "mish"/) },
    ]);
    expect(error.message).toMatch(/^2 problems in the model:/);
  });

  test('an input of open size asks for inputShapes, and reads with it', () => {
    const open = structuredClone(keras2Sequential);
    (open.config.layers[0]!.config as { batch_input_shape: unknown }).batch_input_shape = [
      null,
      null,
      null,
      3,
    ];
    const error = caught(() => readKerasModel(open));
    expect(error.code).toBe('invalid_model_file');
    expect(error.message).toMatch(
      /input "image" has shape \[None, None, 3\]: give its sizes with the inputShapes option/,
    );
    expect(analyze(readKerasModel(open, { inputShapes: { image: [32, 32, 3] } })).totals.params.total).toBe(
      578,
    );
  });

  test.each([
    ['not JSON', '{', /not JSON/],
    ['not a model', { class_name: 'Dense', config: {} }, /not a Keras \/ TensorFlow.js layers model/],
  ])('%s: invalid_model_file', (_, input, message) => {
    const error = caught(() => readKerasModel(input));
    expect(error.code).toBe('invalid_model_file');
    expect(error.message).toMatch(message);
  });
});
