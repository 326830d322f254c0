import { WireReader } from './wire';

/*
 * The ONNX messages the reader needs, decoded from the wire with the field numbers of onnx/onnx
 * `onnx/onnx.proto` (ModelProto, GraphProto, NodeProto, AttributeProto, TensorProto,
 * ValueInfoProto, TypeProto, TensorShapeProto). A tensor's data stays where it is in the file: its
 * `raw_data` is a view and its packed `float_data`/`int64_data` a span, decoded only when an op
 * needs the values (a Reshape's shape, a Resize's scales), never for weights.
 */

/** An ONNX tensor (an initializer or a Constant's value): its dims and where its data lies. */
export interface OnnxTensor {
  readonly name: string;
  readonly dims: readonly number[];
  /** TensorProto.DataType: 1 float, 7 int64, 10 float16, 11 double, ... */
  readonly dataType: number;
  /** A view on the file's bytes (no copy). */
  readonly raw?: Uint8Array;
  /** Which typed field holds the data, and its span in the file when packed. */
  readonly field?: { readonly number: number; readonly values: readonly number[] } | undefined;
  readonly packed?: { readonly number: number; readonly start: number; readonly end: number };
  readonly buffer: Uint8Array;
  /** Stored outside the file (`data_location = EXTERNAL`): sizes known, values not. */
  readonly external: boolean;
}

/** One attribute of a node; only the fields its type uses are set. */
export interface OnnxAttribute {
  readonly name: string;
  readonly f?: number;
  readonly i?: number;
  readonly s?: string;
  readonly t?: OnnxTensor;
  readonly floats: readonly number[];
  readonly ints: readonly number[];
}

/** A graph node. */
export interface OnnxNode {
  readonly name: string;
  readonly opType: string;
  readonly domain: string;
  readonly inputs: readonly string[];
  readonly outputs: readonly string[];
  readonly attributes: ReadonlyMap<string, OnnxAttribute>;
}

/** A graph input or output: its element type and dims (a number, a symbolic name, or unknown). */
export interface OnnxValueInfo {
  readonly name: string;
  readonly elemType: number;
  readonly dims: readonly (number | string | undefined)[] | undefined;
}

/** The decoded graph. */
export interface OnnxGraph {
  readonly name: string;
  readonly nodes: readonly OnnxNode[];
  readonly initializers: readonly OnnxTensor[];
  readonly inputs: readonly OnnxValueInfo[];
  readonly outputs: readonly OnnxValueInfo[];
}

/** The decoded model. */
export interface OnnxModel {
  readonly irVersion: number;
  readonly producerName: string;
  readonly producerVersion: string;
  /** The default (`ai.onnx`) domain's opset version. */
  readonly opset: number;
  readonly graph: OnnxGraph;
}

function decodeTensor(r: WireReader): OnnxTensor {
  const dims: number[] = [];
  let dataType = 0;
  let name = '';
  let raw: Uint8Array | undefined;
  let packed: { number: number; start: number; end: number } | undefined;
  let values: number[] | undefined;
  let valuesField = 0;
  let external = false;
  while (!r.done()) {
    const { field, wire } = r.tag();
    switch (field) {
      case 1:
        r.int64s(wire, dims);
        break;
      case 2:
        dataType = r.varint();
        break;
      case 8:
        name = r.string();
        break;
      case 9:
        raw = r.bytes();
        break;
      case 14:
        external = r.varint() === 1;
        break;
      case 4: // float_data
      case 5: // int32_data
      case 7: // int64_data
      case 10: // double_data
      case 11: // uint64_data
        if (wire === 2) {
          const [start, end] = r.span();
          packed = { number: field, start, end };
        } else {
          values ??= [];
          valuesField = field;
          if (field === 4) r.floats(wire, values);
          else if (field === 10) {
            const view = new DataView(r.buf.buffer, r.buf.byteOffset + r.pos, 8);
            values.push(view.getFloat64(0, true));
            r.pos += 8;
          } else r.int64s(wire, values);
        }
        break;
      default:
        r.skip(wire);
    }
  }
  return {
    name,
    dims,
    dataType,
    ...(raw === undefined ? {} : { raw }),
    field: values === undefined ? undefined : { number: valuesField, values },
    ...(packed === undefined ? {} : { packed }),
    buffer: r.buf,
    external,
  };
}

/** Element count of a tensor from its dims (a scalar has none and holds one). */
export function tensorElements(tensor: Pick<OnnxTensor, 'dims'>): number {
  let n = 1;
  for (const d of tensor.dims) n *= d;
  return n;
}

/**
 * A tensor's values as numbers, decoded now (used for small shape-like tensors only). Undefined for
 * external data and types it does not read (strings).
 */
export function tensorValues(tensor: OnnxTensor): number[] | undefined {
  if (tensor.external) return undefined;
  const count = tensorElements(tensor);
  if (tensor.raw !== undefined) {
    const view = new DataView(tensor.raw.buffer, tensor.raw.byteOffset, tensor.raw.byteLength);
    const out: number[] = [];
    const size = BYTES_BY_DATA_TYPE[tensor.dataType];
    if (size === undefined || tensor.raw.byteLength < count * size) return undefined;
    for (let i = 0; i < count; i++) {
      switch (tensor.dataType) {
        case 1:
          out.push(view.getFloat32(i * 4, true));
          break;
        case 11:
          out.push(view.getFloat64(i * 8, true));
          break;
        case 7:
          out.push(Number(view.getBigInt64(i * 8, true)));
          break;
        case 13:
          out.push(Number(view.getBigUint64(i * 8, true)));
          break;
        case 6:
          out.push(view.getInt32(i * 4, true));
          break;
        case 12:
          out.push(view.getUint32(i * 4, true));
          break;
        case 2:
        case 9:
          out.push(view.getUint8(i));
          break;
        case 3:
          out.push(view.getInt8(i));
          break;
        case 4:
          out.push(view.getUint16(i * 2, true));
          break;
        case 5:
          out.push(view.getInt16(i * 2, true));
          break;
        default:
          return undefined;
      }
    }
    return out;
  }
  if (tensor.packed !== undefined) {
    const r = new WireReader(tensor.buffer, tensor.packed.start, tensor.packed.end);
    const out: number[] = [];
    while (!r.done()) {
      if (tensor.packed.number === 4) out.push(r.float32());
      else if (tensor.packed.number === 10) {
        const view = new DataView(r.buf.buffer, r.buf.byteOffset + r.pos, 8);
        out.push(view.getFloat64(0, true));
        r.pos += 8;
      } else out.push(r.int64());
    }
    return out;
  }
  return tensor.field === undefined ? (count === 0 ? [] : undefined) : [...tensor.field.values];
}

/** Bytes per element of ONNX's TensorProto.DataType values. */
export const BYTES_BY_DATA_TYPE: Readonly<Record<number, number>> = {
  1: 4, // float
  2: 1, // uint8
  3: 1, // int8
  4: 2, // uint16
  5: 2, // int16
  6: 4, // int32
  7: 8, // int64
  9: 1, // bool
  10: 2, // float16
  11: 8, // double
  12: 4, // uint32
  13: 8, // uint64
  16: 2, // bfloat16
};

/** Floating-point data types: the ones whose initializers can be parameters. */
export const FLOAT_DATA_TYPES: ReadonlySet<number> = new Set([1, 10, 11, 16]);

function decodeAttribute(r: WireReader): OnnxAttribute {
  let name = '';
  let f: number | undefined;
  let i: number | undefined;
  let s: string | undefined;
  let t: OnnxTensor | undefined;
  const floats: number[] = [];
  const ints: number[] = [];
  while (!r.done()) {
    const { field, wire } = r.tag();
    switch (field) {
      case 1:
        name = r.string();
        break;
      case 2:
        f = r.float32();
        break;
      case 3:
        i = r.int64();
        break;
      case 4:
        s = r.string();
        break;
      case 5:
        t = decodeTensor(r.message());
        break;
      case 7:
        r.floats(wire, floats);
        break;
      case 8:
        r.int64s(wire, ints);
        break;
      default:
        r.skip(wire);
    }
  }
  return {
    name,
    ...(f === undefined ? {} : { f }),
    ...(i === undefined ? {} : { i }),
    ...(s === undefined ? {} : { s }),
    ...(t === undefined ? {} : { t }),
    floats,
    ints,
  };
}

function decodeNode(r: WireReader): OnnxNode {
  const inputs: string[] = [];
  const outputs: string[] = [];
  const attributes = new Map<string, OnnxAttribute>();
  let name = '';
  let opType = '';
  let domain = '';
  while (!r.done()) {
    const { field, wire } = r.tag();
    switch (field) {
      case 1:
        inputs.push(r.string());
        break;
      case 2:
        outputs.push(r.string());
        break;
      case 3:
        name = r.string();
        break;
      case 4:
        opType = r.string();
        break;
      case 5: {
        const attribute = decodeAttribute(r.message());
        attributes.set(attribute.name, attribute);
        break;
      }
      case 7:
        domain = r.string();
        break;
      default:
        r.skip(wire);
    }
  }
  return { name, opType, domain, inputs, outputs, attributes };
}

function decodeShape(r: WireReader): (number | string | undefined)[] {
  const dims: (number | string | undefined)[] = [];
  while (!r.done()) {
    const { field, wire } = r.tag();
    if (field !== 1) {
      r.skip(wire);
      continue;
    }
    const d = r.message();
    let dim: number | string | undefined;
    while (!d.done()) {
      const tag = d.tag();
      if (tag.field === 1) dim = d.int64();
      else if (tag.field === 2) dim = d.string();
      else d.skip(tag.wire);
    }
    dims.push(dim);
  }
  return dims;
}

function decodeValueInfo(r: WireReader): OnnxValueInfo {
  let name = '';
  let elemType = 0;
  let dims: (number | string | undefined)[] | undefined;
  while (!r.done()) {
    const { field, wire } = r.tag();
    if (field === 1) name = r.string();
    else if (field === 2) {
      const type = r.message();
      while (!type.done()) {
        const tt = type.tag();
        if (tt.field !== 1) {
          type.skip(tt.wire);
          continue;
        }
        const tensorType = type.message();
        while (!tensorType.done()) {
          const t = tensorType.tag();
          if (t.field === 1) elemType = tensorType.varint();
          else if (t.field === 2) dims = decodeShape(tensorType.message());
          else tensorType.skip(t.wire);
        }
      }
    } else r.skip(wire);
  }
  return { name, elemType, dims };
}

function decodeGraph(r: WireReader): OnnxGraph {
  const nodes: OnnxNode[] = [];
  const initializers: OnnxTensor[] = [];
  const inputs: OnnxValueInfo[] = [];
  const outputs: OnnxValueInfo[] = [];
  let name = '';
  while (!r.done()) {
    const { field, wire } = r.tag();
    switch (field) {
      case 1:
        nodes.push(decodeNode(r.message()));
        break;
      case 2:
        name = r.string();
        break;
      case 5:
        initializers.push(decodeTensor(r.message()));
        break;
      case 11:
        inputs.push(decodeValueInfo(r.message()));
        break;
      case 12:
        outputs.push(decodeValueInfo(r.message()));
        break;
      default:
        r.skip(wire);
    }
  }
  return { name, nodes, initializers, inputs, outputs };
}

/** Decodes an ONNX ModelProto; throws WireError on malformed bytes. */
export function decodeOnnxModel(bytes: Uint8Array): OnnxModel | undefined {
  const r = new WireReader(bytes);
  let irVersion = 0;
  let producerName = '';
  let producerVersion = '';
  let opset = 0;
  let graph: OnnxGraph | undefined;
  while (!r.done()) {
    const { field, wire } = r.tag();
    switch (field) {
      case 1:
        irVersion = r.varint();
        break;
      case 2:
        producerName = r.string();
        break;
      case 3:
        producerVersion = r.string();
        break;
      case 7:
        graph = decodeGraph(r.message());
        break;
      case 8: {
        const o = r.message();
        let domain = '';
        let version = 0;
        while (!o.done()) {
          const t = o.tag();
          if (t.field === 1) domain = o.string();
          else if (t.field === 2) version = o.varint();
          else o.skip(t.wire);
        }
        if (domain === '' || domain === 'ai.onnx') opset = version;
        break;
      }
      default:
        r.skip(wire);
    }
  }
  return graph === undefined ? undefined : { irVersion, producerName, producerVersion, opset, graph };
}
