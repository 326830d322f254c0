import { expectTypeOf, test } from 'vitest';
import { optionKeys } from '../src/options';

interface Settings {
  readonly size: number;
  readonly seed?: number;
}

test('an options key list must name every key of its type, and only those', () => {
  expectTypeOf(optionKeys<Settings>()('size', 'seed')).toExtend<readonly ('size' | 'seed')[]>();
  // @ts-expect-error: 'seed' is missing, so a new option could be forgotten in the runtime check
  optionKeys<Settings>()('size');
  // @ts-expect-error: 'colour' is not an option of Settings
  optionKeys<Settings>()('size', 'seed', 'colour');
});
