import { unknownKeysMessage } from '@cnnkit/shape-math';
import { z } from 'zod';

/**
 * An object schema for user input that rejects unknown keys: a misspelt field silently dropped
 * would answer a question nobody asked. The message is cnnkit's one rule (shape-math's
 * `unknownKeysMessage`): it names the key, suggests the close one ("did you mean"), and lists
 * what is allowed.
 */
export function strictObject<Shape extends z.ZodRawShape>(shape: Shape) {
  const allowed = Object.keys(shape);
  return z.strictObject(shape, {
    error: (issue) =>
      issue.code === 'unrecognized_keys' ? unknownKeysMessage(issue.keys, allowed) : undefined,
  });
}
