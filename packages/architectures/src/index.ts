/*
 * The main entry is pure: specs, registry and `describe` load no `@tensorflow/*` module.
 * `buildArchitecture` and `fileSystemIO` live in `@cnnkit/architectures/build`.
 */
export { describe, describeSpec, getArchitecture } from './describe';
export type { ArchitectureErrorCode, ArchitectureErrorDetails } from './errors';
export { ArchitectureError } from './errors';
export { googlenetSpec } from './networks/googlenet';
export { resnetSpec } from './networks/resnet';
export type { ArchitectureName } from './registry';
export { ARCHITECTURE_NAMES, ARCHITECTURES } from './registry';
export type {
  Architecture,
  ArchitectureOptions,
  ClassifierActivation,
  Paper,
  ReferenceCount,
  ResolvedOptions,
} from './types';
export {
  ARCHITECTURE_OPTION_KEYS,
  architectureOptionsSchema,
  CLASSIFIER_ACTIVATIONS,
  resolveClassifierActivation,
} from './types';
