import { describe, expect, test } from 'vitest';
import { grade, text } from './numeric-parts';

/*
 * Issue 18: what the feedback says about the working beside a wrong final figure. Question 4's key
 * is 2·2·64·64 + 64 = 16,384 + 64 = 16,448 (Géron, ch. 14, exercise 4).
 */
describe('the step named right is one that makes the key, nearer it than the figure stated', () => {
  test('"64 x 256 = 16,384, plus 64 = 16,500": the sum 16,384 + 64 = 16,448 is the right step, not 64 x 256', () => {
    // 64 · 256 = 16,384 rounds to 16,400 like 16,448 does (the precision of "16,500" is 100), but it
    // is 64 from the key, farther than 16,500 (52 from it): no step to call right. The sum
    // 16,384 + 64 = 16,448 is the key itself.
    const feedback = text(grade(4, 'extra-params', '64 x 256 = 16,384, plus 64 = 16,500'));
    expect(feedback).toContain(
      'Your working 16,384 + 64 makes 16,448, which is right (16,448): the slip is in the figure you stated, 16,500.',
    );
    expect(feedback).not.toContain('64 x 256 makes 16,384, which is right');
  });
});

describe('a step as far from the key as the figure stated is not named right', () => {
  test('"16,332 + 64 = 16,500": the sum makes 16,396, 52 under the key as 16,500 is 52 over: a slip, not the right step', () => {
    // 16,332 + 64 = 16,396; |16,396 − 16,448| = 52 = |16,500 − 16,448|. Both round to 16,400 at the
    // hundred, but the step is no nearer the key: it is named as working that does not add up.
    const feedback = text(grade(4, 'extra-params', '16,332 + 64 = 16,500'));
    expect(feedback).not.toContain('which is right');
    expect(feedback).toContain('Your working does not add up: 16,332 + 64 makes 16,396, not 16,500');
  });
});
