import { type BuildOptions, type BuiltModel, buildModel } from '@cnnkit/layers-gpu';
import { type AnalyzeOptionsInput, analyze, type ModelReport, type ModelSpecInput } from '@cnnkit/shape-math';
import { ARCHITECTURE_NAMES, ARCHITECTURES, type ArchitectureName } from './registry';
import {
  type Architecture,
  type ArchitectureOptions,
  architectureOptionsSchema,
  type ResolvedOptions,
} from './types';

/** Thrown for an unknown name or options a network cannot take; says what is allowed. */
export class ArchitectureError extends Error {
  override readonly name = 'ArchitectureError';
  constructor(
    readonly code: 'unknown_architecture' | 'invalid_options',
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
  /** A plain object for logs and JSON output: name, code and message. */
  toJSON() {
    return { name: this.name, code: this.code, message: this.message };
  }
}

/** The registry entry for `name`; throws `ArchitectureError` (`unknown_architecture`) listing the allowed names. */
export function getArchitecture(name: string): Architecture {
  if (!Object.hasOwn(ARCHITECTURES, name)) {
    throw new ArchitectureError(
      'unknown_architecture',
      `unknown architecture ${JSON.stringify(name)}: allowed ${ARCHITECTURE_NAMES.join(', ')}`,
    );
  }
  return ARCHITECTURES[name as ArchitectureName];
}

function resolveOptions(architecture: Architecture, options: ArchitectureOptions): ResolvedOptions {
  const parsed = architectureOptionsSchema.safeParse(options);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new ArchitectureError(
      'invalid_options',
      `${architecture.name}: ${issue.path.join('.') || 'options'} ${issue.message}`,
      { cause: parsed.error },
    );
  }
  const inputShape = parsed.data.inputShape ?? architecture.defaultInputShape;
  if (Math.min(inputShape[0], inputShape[1]) < architecture.minimumInputSide) {
    throw new ArchitectureError(
      'invalid_options',
      `${architecture.name}: input ${inputShape[0]}×${inputShape[1]} is too small: each side must be at least ${architecture.minimumInputSide}`,
    );
  }
  return {
    inputShape,
    classes: parsed.data.classes ?? architecture.defaultClasses,
    includeTop: parsed.data.includeTop ?? true,
  };
}

/** The shape-math description of a named network: no weights are allocated, so even VGG16 takes milliseconds. */
export function describeSpec(
  name: ArchitectureName | (string & {}),
  options: ArchitectureOptions = {},
): ModelSpecInput {
  const architecture = getArchitecture(name);
  return architecture.spec(resolveOptions(architecture, options));
}

/** Separates the network's own options from those meant for shape-math or layers-gpu. */
function splitOptions<Rest extends object>(
  options: ArchitectureOptions & Rest,
): [ArchitectureOptions, Omit<Rest, keyof ArchitectureOptions>] {
  const { inputShape, classes, includeTop, ...rest } = options;
  return [
    {
      ...(inputShape === undefined ? {} : { inputShape }),
      ...(classes === undefined ? {} : { classes }),
      ...(includeTop === undefined ? {} : { includeTop }),
    },
    rest,
  ];
}

/** shape-math's full analysis of a named network (shapes, parameters, MACs, memory). */
export function describe(
  name: ArchitectureName | (string & {}),
  options: ArchitectureOptions & AnalyzeOptionsInput = {},
): ModelReport {
  const [architectureOptions, analyzeOptions] = splitOptions(options);
  return analyze(describeSpec(name, architectureOptions), analyzeOptions);
}

/** Builds the real tf.LayersModel (random weights) behind layers-gpu's memory budget. */
export function buildArchitecture(
  name: ArchitectureName | (string & {}),
  options: ArchitectureOptions & BuildOptions = {},
): BuiltModel {
  const [architectureOptions, buildOptions] = splitOptions(options);
  return buildModel(describeSpec(name, architectureOptions), buildOptions);
}
