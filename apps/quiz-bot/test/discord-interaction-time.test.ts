import { expect, test } from 'vitest';
import { interactionTime } from '../src/discord/rounds';

/*
 * An interaction's time from its snowflake id (discord.com/developers/docs/reference#snowflakes:
 * milliseconds since 2015-01-01, 1420070400000, in the bits above the 22nd), with the last id read
 * kept (issue 20): the same answer whatever was asked before. Ids built by hand: ms << 22.
 */
test('the time of an id, asked again, and after another id', () => {
  const at = (ms: bigint) => String(ms << 22n);
  // 1000 ms after Discord's epoch, with low bits (worker, process, increment) that do not count.
  const first = String((1000n << 22n) + 12345n);
  expect(interactionTime(first)).toBe(1_420_070_401_000);
  expect(interactionTime(first)).toBe(1_420_070_401_000);
  expect(interactionTime(at(250_000_000_000n))).toBe(1_670_070_400_000);
  expect(interactionTime(first)).toBe(1_420_070_401_000);
  // An empty id reads as 0 (BigInt('') is 0n): Discord's epoch itself, kept or not.
  expect(interactionTime('')).toBe(1_420_070_400_000);
  expect(interactionTime('')).toBe(1_420_070_400_000);
  // A malformed id throws each time, and is never kept.
  expect(() => interactionTime('x')).toThrow(SyntaxError);
  expect(() => interactionTime('x')).toThrow(SyntaxError);
});
