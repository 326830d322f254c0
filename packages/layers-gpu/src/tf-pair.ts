import { toPair } from '@cnnkit/shape-math';

/**
 * A size as tfjs-layers takes and stores it (a number, or an array of one or two numbers, e.g. a
 * layer config's `kernelSize`), as the mutable `[height, width]` tfjs wants. The rule is
 * shape-math's `toPair`; this only adapts tfjs' loose forms, so layers-gpu has one `pair`.
 */
export function tfPair(value: unknown): [number, number] {
  const size = Array.isArray(value)
    ? value.length === 1
      ? Number(value[0])
      : ([Number(value[0]), Number(value[1])] as const)
    : Number(value);
  return [...toPair(size)];
}
