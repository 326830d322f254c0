import protobuf from 'protobufjs';

/*
 * Plain ONNX graphs written node by node, independently of cnnkit's exporter (`toOnnx`): the
 * baseline "a user of onnxruntime-node with the same model" in the side-by-side benchmark. NCHW
 * throughout, batch norm already folded into conv biases (what ONNX Runtime does to an exported
 * model anyway), random weights. Field numbers from onnx/onnx `onnx/onnx.proto`.
 */
const SCHEMA = {
  nested: {
    onnx: {
      nested: {
        ModelProto: {
          fields: {
            ir_version: { type: 'int64', id: 1 },
            opset_import: { rule: 'repeated', type: 'OperatorSetIdProto', id: 8 },
            producer_name: { type: 'string', id: 2 },
            graph: { type: 'GraphProto', id: 7 },
          },
        },
        OperatorSetIdProto: {
          fields: { domain: { type: 'string', id: 1 }, version: { type: 'int64', id: 2 } },
        },
        GraphProto: {
          fields: {
            node: { rule: 'repeated', type: 'NodeProto', id: 1 },
            name: { type: 'string', id: 2 },
            initializer: { rule: 'repeated', type: 'TensorProto', id: 5 },
            input: { rule: 'repeated', type: 'ValueInfoProto', id: 11 },
            output: { rule: 'repeated', type: 'ValueInfoProto', id: 12 },
          },
        },
        NodeProto: {
          fields: {
            input: { rule: 'repeated', type: 'string', id: 1 },
            output: { rule: 'repeated', type: 'string', id: 2 },
            name: { type: 'string', id: 3 },
            op_type: { type: 'string', id: 4 },
            attribute: { rule: 'repeated', type: 'AttributeProto', id: 5 },
          },
        },
        AttributeProto: {
          fields: {
            name: { type: 'string', id: 1 },
            type: { type: 'int32', id: 20 },
            i: { type: 'int64', id: 3 },
            ints: { rule: 'repeated', type: 'int64', id: 8 },
          },
        },
        TensorProto: {
          fields: {
            dims: { rule: 'repeated', type: 'int64', id: 1 },
            data_type: { type: 'int32', id: 2 },
            name: { type: 'string', id: 8 },
            raw_data: { type: 'bytes', id: 9 },
          },
        },
        ValueInfoProto: { fields: { name: { type: 'string', id: 1 }, type: { type: 'TypeProto', id: 2 } } },
        TypeProto: { fields: { tensor_type: { type: 'TypeTensor', id: 1 } } },
        TypeTensor: {
          fields: { elem_type: { type: 'int32', id: 1 }, shape: { type: 'TensorShapeProto', id: 2 } },
        },
        TensorShapeProto: { fields: { dim: { rule: 'repeated', type: 'Dimension', id: 1 } } },
        Dimension: { fields: { dim_value: { type: 'int64', id: 1 }, dim_param: { type: 'string', id: 2 } } },
      },
    },
  },
};

const INTS = 7;
const INT = 2;

class Graph {
  nodes: object[] = [];
  initializers: object[] = [];
  private n = 0;
  private seed = 1;

  private random(count: number, scale: number): Uint8Array {
    const values = new Float32Array(count);
    for (let i = 0; i < count; i++) {
      this.seed = (this.seed * 1103515245 + 12345) % 2147483648;
      values[i] = (this.seed / 2147483648 - 0.5) * 2 * scale;
    }
    return new Uint8Array(values.buffer);
  }

  conv(x: string, inC: number, outC: number, k: number, stride: number, pad: number, relu: boolean): string {
    const id = ++this.n;
    this.initializers.push(
      {
        name: `w${id}`,
        dims: [outC, inC, k, k],
        data_type: 1,
        raw_data: this.random(outC * inC * k * k, Math.sqrt(2 / (inC * k * k))),
      },
      { name: `b${id}`, dims: [outC], data_type: 1, raw_data: this.random(outC, 0.01) },
    );
    this.nodes.push({
      op_type: 'Conv',
      name: `conv${id}`,
      input: [x, `w${id}`, `b${id}`],
      output: [`c${id}`],
      attribute: [
        { name: 'kernel_shape', type: INTS, ints: [k, k] },
        { name: 'strides', type: INTS, ints: [stride, stride] },
        { name: 'pads', type: INTS, ints: [pad, pad, pad, pad] },
      ],
    });
    return relu ? this.op('Relu', [`c${id}`]) : `c${id}`;
  }

  op(type: string, inputs: string[], attribute: object[] = []): string {
    const id = ++this.n;
    this.nodes.push({ op_type: type, name: `${type}${id}`, input: inputs, output: [`t${id}`], attribute });
    return `t${id}`;
  }

  encode(input: number[], output: number[], last: string): Uint8Array {
    this.nodes.push({ op_type: 'Identity', name: 'out', input: [last], output: ['output'] });
    const info = (name: string, dims: number[]) => ({
      name,
      type: {
        tensor_type: {
          elem_type: 1,
          shape: { dim: dims.map((d, i) => (i === 0 ? { dim_param: 'batch' } : { dim_value: d })) },
        },
      },
    });
    const type = protobuf.Root.fromJSON(SCHEMA).lookupType('onnx.ModelProto');
    const message = {
      ir_version: 7,
      producer_name: 'cnnkit-bench-handwritten',
      opset_import: [{ domain: '', version: 13 }],
      graph: {
        name: 'g',
        node: this.nodes,
        initializer: this.initializers,
        input: [info('input', input)],
        output: [info('output', output)],
      },
    };
    return type.encode(type.fromObject(message)).finish();
  }
}

/** Exercise 2: 200×300×3 → three 3×3 stride-2 SAME convs (100, 200, 400 filters), ReLU. NCHW in and out. */
export function exercise2Onnx(): Uint8Array {
  const g = new Graph();
  // SAME with stride 2 on even sides pads 0 before, 1 after; on odd sides 1 and 1. Sides here:
  // 200×300 → 100×150 → 50×75 → 25×38. Asymmetric pads written explicitly per conv.
  let x = 'input';
  let inC = 3;
  const sizes = [
    [200, 300],
    [100, 150],
    [50, 75],
  ];
  for (const [i, outC] of [100, 200, 400].entries()) {
    const [h, w] = sizes[i]!;
    const total = (side: number) => Math.max((Math.ceil(side / 2) - 1) * 2 + 3 - side, 0);
    const [th, tw] = [total(h!), total(w!)];
    const id = `e${i}`;
    g.initializers.push(
      {
        name: `${id}w`,
        dims: [outC, inC, 3, 3],
        data_type: 1,
        raw_data: new Uint8Array(new Float32Array(outC * inC * 9).fill(0.01).buffer),
      },
      { name: `${id}b`, dims: [outC], data_type: 1, raw_data: new Uint8Array(new Float32Array(outC).buffer) },
    );
    g.nodes.push({
      op_type: 'Conv',
      name: `${id}conv`,
      input: [x, `${id}w`, `${id}b`],
      output: [`${id}c`],
      attribute: [
        { name: 'kernel_shape', type: INTS, ints: [3, 3] },
        { name: 'strides', type: INTS, ints: [2, 2] },
        {
          name: 'pads',
          type: INTS,
          ints: [Math.floor(th / 2), Math.floor(tw / 2), th - Math.floor(th / 2), tw - Math.floor(tw / 2)],
        },
      ],
    });
    x = g.op('Relu', [`${id}c`]);
    inC = outC;
  }
  return g.encode([1, 3, 200, 300], [1, 400, 25, 38], x);
}

/** ResNet-50 v1.5 (torchvision layout: stride on the 3×3 conv), 224×224×3 → 1000, NCHW in. */
export function resnet50Onnx(): Uint8Array {
  const g = new Graph();
  let x = g.conv('input', 3, 64, 7, 2, 3, true);
  x = g.op(
    'MaxPool',
    [x],
    [
      { name: 'kernel_shape', type: INTS, ints: [3, 3] },
      { name: 'strides', type: INTS, ints: [2, 2] },
      { name: 'pads', type: INTS, ints: [1, 1, 1, 1] },
    ],
  );
  let channels = 64;
  for (const [stage, blocks] of [3, 4, 6, 3].entries()) {
    const width = 64 * 2 ** stage;
    for (let block = 0; block < blocks; block++) {
      const stride = stage > 0 && block === 0 ? 2 : 1;
      const a = g.conv(x, channels, width, 1, 1, 0, true);
      const b = g.conv(a, width, width, 3, stride, 1, true);
      const c = g.conv(b, width, width * 4, 1, 1, 0, false);
      const shortcut = block === 0 ? g.conv(x, channels, width * 4, 1, stride, 0, false) : x;
      x = g.op('Relu', [g.op('Add', [c, shortcut])]);
      channels = width * 4;
    }
  }
  const pooled = g.op('Flatten', [g.op('GlobalAveragePool', [x])], [{ name: 'axis', type: INT, i: 1 }]);
  g.initializers.push(
    {
      name: 'fcw',
      dims: [2048, 1000],
      data_type: 1,
      raw_data: new Uint8Array(new Float32Array(2048 * 1000).fill(0.001).buffer),
    },
    { name: 'fcb', dims: [1000], data_type: 1, raw_data: new Uint8Array(new Float32Array(1000).buffer) },
  );
  const logits = g.op('Gemm', [pooled, 'fcw', 'fcb']);
  return g.encode(
    [1, 3, 224, 224],
    [1, 1000],
    g.op('Softmax', [logits], [{ name: 'axis', type: INT, i: 1 }]),
  );
}
