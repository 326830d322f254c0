import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { SegmentationPicture } from '../verify/segmentation-picture';
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

/** Copies question 8's cached comparison PNG into the terminal's picture folder; returns its path there. */
export function copySegmentationPicture(picture: SegmentationPicture, folder: string): string {
  const target = resolve(folder);
  mkdirSync(target, { recursive: true });
  const path = join(target, 'question-8-segmentation-comparison.png');
  copyFileSync(picture.path, path);
  return path;
}
