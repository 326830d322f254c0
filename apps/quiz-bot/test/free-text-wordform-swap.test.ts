import { expect, test } from 'vitest';
import { oneEditApart } from '../src/grading/claims/wordforms';

/*
 * A swap of two neighbouring letters is one edit only when BOTH letters trade places (issue 17,
 * mutation testing; free-text-wordform-rules holds the other cases, "lyxer" among them).
 */

test('"lxaer" is two edits from "layer": its a is the word\'s letter before, but no swap', () => {
  // l-x-a-e-r against l-a-y-e-r: they first differ at the second letter (x, a). The written third
  // letter a is the word's second, but the written second, x, is not the word's third, y: x → a and
  // a → y, two substitutions, and no transposition.
  expect(oneEditApart('lxaer', 'layer')).toBe(false);
  // The true swap of those two letters is one edit: l-y-a-e-r is "layer" with a and y traded.
  expect(oneEditApart('lyaer', 'layer')).toBe(true);
});
