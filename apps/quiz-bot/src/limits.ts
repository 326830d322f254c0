/**
 * The limits of a measurement request, in one place: the request schema (verify/requests.ts)
 * enforces them, and the adapters' option limits (the terminal's `--side`, Discord's `/compute`
 * options) read them, so no adapter retypes a number (issue 17).
 */
export const REQUEST_LIMITS = {
  /** An input side, in pixels (an image's height or width, `compute stride`'s side). */
  side: 4096,
  /** A batch size. */
  batch: 4096,
  /** Input channels of an exercise-2 network. */
  channels: 64,
  /** Kernel size of an exercise-2 network. */
  kernelSize: 11,
  /** Stride of an exercise-2 network. */
  strides: 8,
  /** Filters of any layer of an exercise-2 network (the first layer's are doubled twice). */
  filters: 2048,
} as const;
