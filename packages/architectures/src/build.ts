/*
 * The `@cnnkit/architectures/build` entry: what allocates real TensorFlow.js models. Kept apart from
 * the main entry so that `describe`, the registry and the specs load no `@tensorflow/*` module.
 */
import { BUILD_OPTION_KEYS, type BuildOptions, type BuiltModel, buildModel } from '@cnnkit/layers-gpu';
import { describeSpec, getArchitecture, splitOptions } from './describe';
import { assertOptionsObject } from './errors';
import type { ArchitectureName } from './registry';
import { ARCHITECTURE_OPTION_KEYS, type ArchitectureOptions } from './types';

export { fileSystemIO } from './file-io';

/** Builds the real tf.LayersModel (random weights) behind layers-gpu's memory budget. */
export function buildArchitecture(
  name: ArchitectureName | (string & {}),
  options: ArchitectureOptions & BuildOptions = {},
): BuiltModel {
  assertOptionsObject(
    options,
    [...ARCHITECTURE_OPTION_KEYS, ...BUILD_OPTION_KEYS],
    `${getArchitecture(name).name} options`,
  );
  const [architectureOptions, buildOptions] = splitOptions(options);
  return buildModel(describeSpec(name, architectureOptions), buildOptions);
}
