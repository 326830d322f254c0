import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { picturesFor } from './pictures';
import { renderPng } from './render';

/** Writes a question's pictures as PNG files (the terminal's `explain`); returns the paths written. */
export function writeExplanationPictures(questionId: number, folder: string): string[] {
  const target = resolve(folder);
  const pictures = picturesFor(questionId);
  if (pictures.length > 0) mkdirSync(target, { recursive: true });
  return pictures.map((picture) => {
    const path = join(target, `question-${questionId}-${picture.name}.png`);
    writeFileSync(path, renderPng(picture.svg));
    return path;
  });
}

/**
 * Copies one of question 8's comparison PNGs (the committed run's, or a live run's from the cache)
 * into the terminal's picture folder as `question-8-<name>.png`; returns its path there.
 */
export function copySegmentationPicture(source: string, folder: string, name: string): string {
  const target = resolve(folder);
  mkdirSync(target, { recursive: true });
  const path = join(target, `question-8-${name}.png`);
  copyFileSync(source, path);
  return path;
}
