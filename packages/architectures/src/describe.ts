import {
  ANALYZE_OPTION_KEYS,
  type AnalyzeOptionsInput,
  analyze,
  invalidSpecDetails,
  type ModelReport,
  type ModelSpecInput,
  quoteForMessage,
} from '@cnnkit/shape-math';
import { ArchitectureError, assertOptionsObject } from './errors';
import { ARCHITECTURE_NAMES, ARCHITECTURES, type ArchitectureName } from './registry';
import {
  ARCHITECTURE_OPTION_KEYS,
  type Architecture,
  type ArchitectureOptions,
  architectureOptionsSchema,
  type ResolvedOptions,
  resolveClassifierActivation,
} from './types';

/** The registry entry for `name`; throws `ArchitectureError` (`unknown_architecture`) listing the allowed names. */
export function getArchitecture(name: string): Architecture {
  if (typeof name !== 'string' || !Object.hasOwn(ARCHITECTURES, name)) {
    const given = typeof name === 'string' ? name : String(name);
    throw new ArchitectureError(
      'unknown_architecture',
      `unknown architecture ${typeof name === 'string' ? quoteForMessage(name) : `${given} (a ${typeof name}, not a name)`}: allowed ${ARCHITECTURE_NAMES.join(', ')}`,
      { given, allowed: ARCHITECTURE_NAMES },
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
      invalidSpecDetails(issue),
      {
        cause: parsed.error,
        path: issue.path.map((part) => (typeof part === 'symbol' ? String(part) : part)),
      },
    );
  }
  const inputShape = parsed.data.inputShape ?? architecture.defaultInputShape;
  if (Math.min(inputShape[0], inputShape[1]) < architecture.minimumInputSide) {
    throw new ArchitectureError(
      'invalid_options',
      `${architecture.name}: input ${inputShape[0]}×${inputShape[1]} is too small: each side must be at least ${architecture.minimumInputSide}`,
      {
        check: 'input_too_small',
        inputSide: Math.min(inputShape[0], inputShape[1]),
        minimumSide: architecture.minimumInputSide,
      },
      { path: ['inputShape'] },
    );
  }
  return {
    inputShape,
    classes: parsed.data.classes ?? architecture.defaultClasses,
    includeTop: parsed.data.includeTop ?? true,
    classifierActivation: resolveClassifierActivation(parsed.data.classifierActivation),
  };
}

/** The shape-math description of a named network: no weights are allocated, so even VGG16 takes milliseconds. */
export function describeSpec(
  name: ArchitectureName | (string & {}),
  options: ArchitectureOptions = {},
): ModelSpecInput {
  const architecture = getArchitecture(name);
  assertOptionsObject(options, ARCHITECTURE_OPTION_KEYS, `${architecture.name} options`);
  return architecture.spec(resolveOptions(architecture, options));
}

/** Separates the network's own options from those meant for shape-math or layers-gpu. */
export function splitOptions<Rest extends object>(
  options: ArchitectureOptions & Rest,
): [ArchitectureOptions, Omit<Rest, keyof ArchitectureOptions>] {
  const { inputShape, classes, includeTop, classifierActivation, ...rest } = options;
  return [
    {
      ...(inputShape === undefined ? {} : { inputShape }),
      ...(classes === undefined ? {} : { classes }),
      ...(includeTop === undefined ? {} : { includeTop }),
      ...(classifierActivation === undefined ? {} : { classifierActivation }),
    },
    rest,
  ];
}

/** shape-math's full analysis of a named network (shapes, parameters, MACs, memory). */
export function describe(
  name: ArchitectureName | (string & {}),
  options: ArchitectureOptions & AnalyzeOptionsInput = {},
): ModelReport {
  assertOptionsObject(
    options,
    [...ARCHITECTURE_OPTION_KEYS, ...ANALYZE_OPTION_KEYS],
    `${getArchitecture(name).name} options`,
  );
  const [architectureOptions, analyzeOptions] = splitOptions(options);
  return analyze(describeSpec(name, architectureOptions), analyzeOptions);
}
