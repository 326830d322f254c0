import { describe, expect, test } from 'vitest';
import { likelyMistakes } from '../src/index';
import { numericPart } from './numeric-parts';
import { theoryMeasurement } from './theory';

/*
 * The diagnoses are worked out once per question (variant) and key, then reused: what a later
 * answer is told must be what it would have been told had nothing been reused.
 */
describe('likelyMistakes, worked out once and reused', () => {
  const { request, theory } = theoryMeasurement(numericPart(6, 'resnet50-params').measure);

  test('a caller that changes the list it got does not change what the next caller gets', () => {
    const first = likelyMistakes(request, theory);
    const kept = [...first];
    first.splice(0, first.length);
    expect(likelyMistakes(request, theory)).toEqual(kept);
    expect(kept.length).toBeGreaterThan(0);
  });

  test('another key on the same question is worked out for that key', () => {
    // A mistake is left out when it gives the key itself: with the first mistake's figure as the
    // key, that figure is no longer among the mistakes, though it was for the true key.
    const [mistake] = likelyMistakes(request, theory);
    const values = likelyMistakes(request, mistake!.value).map((m) => m.value);
    expect(values).not.toContain(mistake!.value);
  });
});
