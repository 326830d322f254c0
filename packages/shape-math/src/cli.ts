import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { analyze } from './analyze';
import { ShapeMathError } from './errors';
import { exercise2Spec } from './examples';
import { formatSummary } from './format';
import { quoteForMessage } from './quote';
import { readKerasModel } from './read/keras';
import { readOnnx } from './read/onnx';
import { formatOnnxSummary } from './read/onnx-format';
import type { ModelSpecInput } from './schemas';

/** What a file holds, told apart by content: JSON is a cnnkit spec or a Keras topology, anything else ONNX. */
type ModelFile =
  | { readonly format: 'spec'; readonly spec: ModelSpecInput }
  | { readonly format: 'keras'; readonly json: unknown }
  | { readonly format: 'onnx'; readonly bytes: Uint8Array };

function classify(bytes: Uint8Array): ModelFile {
  let first = 0;
  while (first < bytes.length && /\s/.test(String.fromCharCode(bytes[first]!))) first++;
  const opening = String.fromCharCode(bytes[first] ?? 0);
  if (opening !== '{' && opening !== '"') return { format: 'onnx', bytes };
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder().decode(bytes));
  } catch (error) {
    // A protobuf may open with byte 0x22 ('"': ModelProto's domain field): not JSON, so ONNX.
    if (opening === '"') return { format: 'onnx', bytes };
    throw error;
  }
  // A saved model.toJSON() string, JSON-encoded once more.
  if (typeof json === 'string') json = JSON.parse(json);
  if (
    typeof json === 'object' &&
    json !== null &&
    'layers' in json &&
    'input' in json &&
    !('class_name' in json)
  )
    return { format: 'spec', spec: json as ModelSpecInput };
  return { format: 'keras', json };
}

function parseShape(text: string): number[] | undefined {
  const sizes = text.split(/[x×,]/).map(Number);
  return sizes.length > 0 && sizes.every((s) => Number.isInteger(s) && s > 0) ? sizes : undefined;
}

const USAGE = `usage: shape-math summary (--example exercise2 | FILE) [--input SHAPE] [--batch N]
                          [--dtype float32|float16|bfloat16|int8] [--optimizer sgd|momentum|adam|rmsprop|adagrad] [--json]

FILE is a cnnkit spec (JSON, see the @cnnkit/shape-math README), a Keras / TensorFlow.js model.json
(model.save(), model.toJSON(), Keras' model.to_json()) or an .onnx file, told apart by content.
--input gives the first input's shape in the file's own layout: 224x224x3 for a spec or a Keras
model (no batch axis; four sizes put the batch first), 1x3x224x224 for an NCHW ONNX graph (its
batch included). Prints a Keras/torchinfo-like table: per layer its output shape, parameters, MACs
and activation memory, then totals and memory estimates; --json prints the report as JSON.`;

const EXAMPLES = { exercise2: exercise2Spec } as const;

function run(argv: readonly string[]): number {
  const { values, positionals } = parseArgs({
    args: [...argv],
    allowPositionals: true,
    options: {
      example: { type: 'string' },
      input: { type: 'string' },
      batch: { type: 'string' },
      dtype: { type: 'string' },
      optimizer: { type: 'string' },
      json: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  const [command, specPath, ...extra] = positionals;
  if (values.help || command === undefined) {
    console.log(USAGE);
    return values.help ? 0 : 64;
  }
  if (
    command !== 'summary' ||
    extra.length > 0 ||
    (specPath === undefined) === (values.example === undefined)
  ) {
    console.error(USAGE);
    return 64;
  }
  const input = values.input === undefined ? undefined : parseShape(values.input);
  if (values.input !== undefined && input === undefined) {
    console.error(
      `--input ${quoteForMessage(values.input)}: must be sizes joined by x, e.g. 224x224x3 (a spec or Keras model) or 1x3x224x224 (ONNX)`,
    );
    return 64;
  }
  let file: ModelFile;
  if (values.example !== undefined) {
    const example = EXAMPLES[values.example as keyof typeof EXAMPLES];
    if (example === undefined) {
      console.error(
        `unknown example ${quoteForMessage(String(values.example))}: allowed ${Object.keys(EXAMPLES).join(', ')}`,
      );
      return 64;
    }
    file = { format: 'spec', spec: example() };
  } else {
    try {
      file = classify(readFileSync(specPath!));
    } catch (error) {
      console.error(
        `cannot read ${specPath}: ${(error as Error).message} (expected a cnnkit spec or Keras model.json as JSON, or an .onnx file)`,
      );
      return 66;
    }
  }
  if (file.format === 'onnx') {
    const report = readOnnx(file.bytes, input === undefined ? {} : { inputShapes: [input] });
    console.log(values.json ? JSON.stringify(report, null, 2) : formatOnnxSummary(report));
    return 0;
  }
  // Four sizes for a Keras model or spec: the batch first, as the file's batch_input_shape writes it.
  const imageBatch = input !== undefined && input.length === 4 ? input[0] : undefined;
  const instanceShape = imageBatch === undefined ? input : input!.slice(1);
  const spec: ModelSpecInput =
    file.format === 'keras'
      ? readKerasModel(file.json, instanceShape === undefined ? {} : { inputShapes: [instanceShape] })
      : instanceShape === undefined
        ? file.spec
        : { ...file.spec, input: instanceShape as [number, number, number] };
  const batchSize = values.batch === undefined ? imageBatch : Number(values.batch);
  const report = analyze(spec, {
    ...(batchSize === undefined ? {} : { batchSize }),
    ...(values.dtype === undefined ? {} : { dtype: values.dtype as 'float32' }),
    ...(values.optimizer === undefined ? {} : { optimizer: values.optimizer as 'adam' }),
  });
  console.log(values.json ? JSON.stringify(report, null, 2) : formatSummary(report));
  return 0;
}

try {
  process.exitCode = run(process.argv.slice(2));
} catch (error) {
  if (
    error instanceof ShapeMathError ||
    (error instanceof TypeError && error.message.includes('parseArgs'))
  ) {
    console.error(`shape-math: ${error.message}`);
    if (
      error instanceof ShapeMathError &&
      error.code === 'invalid_model_file' &&
      'dimensions' in error.details
    )
      console.error(
        'shape-math: on the command line, give the whole input shape with --input, e.g. --input 1x3x224x224',
      );
    process.exitCode = 65;
  } else if (error instanceof Error && 'code' in error && String(error.code).startsWith('ERR_PARSE_ARGS')) {
    console.error(`shape-math: ${error.message}\n${USAGE}`);
    process.exitCode = 64;
  } else {
    throw error;
  }
}
