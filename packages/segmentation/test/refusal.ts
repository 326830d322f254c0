import { expect } from 'vitest';
import { SegmentationError } from '../src/index';

/** Runs `run`, expects a SegmentationError, and returns it for its code, message and details. */
export function refusal(run: () => unknown): SegmentationError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(SegmentationError);
    return error as SegmentationError;
  }
  throw new Error('expected a SegmentationError, nothing was thrown');
}
