import { ShapeMathError } from '../src/index';

/** The ShapeMathError that `run` throws; anything else thrown is rethrown, and no throw fails the test. */
export function caught(run: () => unknown): ShapeMathError {
  try {
    run();
  } catch (error) {
    if (error instanceof ShapeMathError) return error;
    throw error;
  }
  throw new Error('expected a ShapeMathError, got a result: a wrong number without an error');
}
