import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { analyze } from './analyze';
import { ShapeMathError } from './errors';
import { exercise2Spec } from './examples';
import { formatSummary } from './format';
import { quoteForMessage } from './quote';

const USAGE = `usage: shape-math summary (--example exercise2 | SPEC.json) [--batch N] [--dtype float32|float16|bfloat16|int8]
                          [--optimizer sgd|momentum|adam|rmsprop|adagrad] [--json]

Prints a Keras-like summary of a model described as JSON (see the @cnnkit/shape-math README),
with MACs, activation memory, receptive fields and memory estimates.`;

const EXAMPLES = { exercise2: exercise2Spec } as const;

function run(argv: readonly string[]): number {
  const { values, positionals } = parseArgs({
    args: [...argv],
    allowPositionals: true,
    options: {
      example: { type: 'string' },
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
  let spec: unknown;
  if (values.example !== undefined) {
    const example = EXAMPLES[values.example as keyof typeof EXAMPLES];
    if (example === undefined) {
      console.error(
        `unknown example ${quoteForMessage(String(values.example))}: allowed ${Object.keys(EXAMPLES).join(', ')}`,
      );
      return 64;
    }
    spec = example();
  } else {
    try {
      spec = JSON.parse(readFileSync(specPath!, 'utf8'));
    } catch (error) {
      console.error(`cannot read a JSON model spec from ${specPath}: ${(error as Error).message}`);
      return 66;
    }
  }
  const batchSize = values.batch === undefined ? undefined : Number(values.batch);
  const report = analyze(spec as Parameters<typeof analyze>[0], {
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
    process.exitCode = 65;
  } else if (error instanceof Error && 'code' in error && String(error.code).startsWith('ERR_PARSE_ARGS')) {
    console.error(`shape-math: ${error.message}\n${USAGE}`);
    process.exitCode = 64;
  } else {
    throw error;
  }
}
