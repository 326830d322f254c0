import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Question } from '../questions/schemas';
import { picturesFor } from './pictures';
import { renderPng } from './render';

/**
 * Writes the pictures a question lists and that are drawn (`picturesFor`) as PNG files
 * `question-<id>-<name>.png` (the terminal's `explain`); returns the paths written.
 */
export function writeExplanationPictures(
  question: Pick<Question, 'id' | 'pictures'>,
  folder: string,
): string[] {
  const target = resolve(folder);
  const pictures = picturesFor(question);
  if (pictures.length > 0) mkdirSync(target, { recursive: true });
  return pictures.map((picture) => {
    const path = join(target, `question-${question.id}-${picture.name}.png`);
    writeFileSync(path, renderPng(picture.svg));
    return path;
  });
}

/**
 * Copies a segmentation comparison PNG (the committed run's, or a live run's from the cache) of the
 * question that shows one into the terminal's picture folder as `question-<id>-<name>.png`; returns
 * its path there.
 */
export function copySegmentationPicture(
  questionId: number,
  source: string,
  folder: string,
  name: string,
): string {
  const target = resolve(folder);
  mkdirSync(target, { recursive: true });
  const path = join(target, `question-${questionId}-${name}.png`);
  copyFileSync(source, path);
  return path;
}
