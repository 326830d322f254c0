/**
 * The learned reader adds concepts from words, and cannot tell whose they are: an answer about a
 * method the question does not ask about (Grad-CAM, VGG, YOLO …) shares the asked thing's words (a
 * heatmap of class scores, 3x3 filters, a grid of boxes). Stop 34's retrain on practice set x (chat
 * answers such as "u get a heatmap of class scores", labelled as question 7's output grid) gave
 * "Grad-CAM gives a map of class scores" p = 0.635 for that point, over the reader's add threshold,
 * and flipped stop 28's pinned test; the rules had found nothing. Every answer here was written for
 * this file.
 */
import { describe, expect, test } from 'vitest';
import { tagWords } from '../src/grading/claims/nlp';
import { opensWithOtherName } from '../src/grading/reader';
import { covers } from './bank-rubric';

describe('an answer only about another method gets nothing added by the learned reader', () => {
  test.each([
    'Grad-CAM gives a map of class scores.',
    'grad-cam gives u a map of class scores',
    'YOLO spits out a grid of class scores.',
    'The VGG outputs a heatmap of class scores.',
  ])('question 7: %j: no output grid', (answer) => {
    expect(covers(7, answer)).not.toContain('uses');
  });

  test.each([
    // The same words about the asked thing, or about nothing named: the model's reading stands.
    'u get a heatmap of class scores',
    'The FCN outputs a heatmap of class scores.',
  ])('question 7: %j: the output grid (near miss: unchanged)', (answer) => {
    expect(covers(7, answer)).toContain('uses');
  });
});

describe('opensWithOtherName', () => {
  const known = new Set(['fcn', 'resnet', 'inception']);
  test.each([
    ['Grad-CAM gives a map', true],
    ['the VGG16 stacks small filters', true],
    // Named by the question's own text: no other thing.
    ['the inception module runs filters side by side', false],
    // Two common words are no method's name ("dense nets", "a dense net").
    ['dense nets need more weights', false],
    ['a cnn shares weights', false],
  ] as const)('%j: %s', (text, other) => {
    expect(opensWithOtherName(tagWords(text), known)).toBe(other);
  });
});
