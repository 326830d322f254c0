/*
 * Input, ground truth and predicted masks side by side, as SVG (pure string building) turned into
 * PNG by @resvg/resvg-js (a maintained Rust renderer shipped as prebuilt npm binaries).
 */
import { writeFile } from 'node:fs/promises';
import { Resvg } from '@resvg/resvg-js';
import type { Comparison } from './compare';
import { optionKeys, rejectUnknownOptions } from './options';

/** PASCAL VOC's colour map for the first classes (background black), widely recognised. */
export const MASK_PALETTE: readonly (readonly [number, number, number])[] = [
  [0, 0, 0],
  [128, 0, 0],
  [0, 128, 0],
  [128, 128, 0],
  [0, 0, 128],
  [128, 0, 128],
  [0, 128, 128],
  [128, 128, 128],
  [64, 0, 0],
  [192, 0, 0],
];

/** One picture of a row in `sideBySideSvg`: a mask or an RGB image, with its title. */
export interface Panel {
  readonly title: string;
  /** A mask (class per pixel) or an RGB image in [0, 1] (three values per pixel). */
  readonly pixels: ArrayLike<number>;
  readonly kind: 'mask' | 'image';
}

/** Options of `sideBySideSvg`: the size of each picture, its scale and the class names. */
export interface SideBySideOptions {
  readonly height: number;
  readonly width: number;
  /** Screen pixels per image pixel (default 4). */
  readonly scale?: number;
  /** Names of the classes, for the legend. */
  readonly classNames?: readonly string[];
}

const hex = (rgb: readonly number[]) =>
  `#${rgb.map((v) => Math.round(v).toString(16).padStart(2, '0')).join('')}`;
const escapeXml = (text: string) => text.replace(/[<>&"]/g, (c) => `&#${c.charCodeAt(0)};`);

/** One panel's pixels as horizontal runs of one colour (a mask becomes a few rects per row). */
function panelRects(panel: Panel, options: SideBySideOptions, left: number, top: number): string {
  const scale = options.scale ?? 4;
  const parts: string[] = [];
  const colourAt = (i: number) =>
    panel.kind === 'mask'
      ? hex(MASK_PALETTE[panel.pixels[i]! % MASK_PALETTE.length]!)
      : hex([0, 1, 2].map((c) => Math.min(255, Math.max(0, panel.pixels[i * 3 + c]! * 255))));
  for (let y = 0; y < options.height; y++) {
    let start = 0;
    let colour = colourAt(y * options.width);
    for (let x = 1; x <= options.width; x++) {
      const next = x < options.width ? colourAt(y * options.width + x) : '';
      if (next === colour) continue;
      parts.push(
        `<rect x="${left + start * scale}" y="${top + y * scale}" width="${(x - start) * scale}" height="${scale}" fill="${colour}"/>`,
      );
      start = x;
      colour = next;
    }
  }
  return parts.join('');
}

/** Rows of panels (e.g. one row per test image: input, truth, each model) as one SVG document. */
export function sideBySideSvg(rows: readonly (readonly Panel[])[], options: SideBySideOptions): string {
  rejectUnknownOptions(
    'sideBySideSvg',
    options,
    optionKeys<SideBySideOptions>()('height', 'width', 'scale', 'classNames'),
  );
  const scale = options.scale ?? 4;
  const gap = 8;
  const titleHeight = 18;
  const panelWidth = options.width * scale;
  const panelHeight = options.height * scale;
  const columns = Math.max(...rows.map((row) => row.length));
  const legend = options.classNames ?? [];
  const legendHeight = legend.length > 0 ? 24 : 0;
  const width = gap + columns * (panelWidth + gap);
  const height = rows.length * (titleHeight + panelHeight + gap) + gap + legendHeight;
  const body: string[] = [`<rect width="${width}" height="${height}" fill="#ffffff"/>`];
  rows.forEach((row, r) => {
    const top = gap + r * (titleHeight + panelHeight + gap);
    row.forEach((panel, c) => {
      const left = gap + c * (panelWidth + gap);
      body.push(
        `<text x="${left}" y="${top + 13}" font-family="sans-serif" font-size="13" fill="#222222">${escapeXml(panel.title)}</text>`,
        panelRects(panel, options, left, top + titleHeight),
      );
    });
  });
  legend.forEach((name, k) => {
    const left = gap + k * 110;
    const top = height - legendHeight + 4;
    body.push(
      `<rect x="${left}" y="${top}" width="14" height="14" fill="${hex(MASK_PALETTE[k % MASK_PALETTE.length]!)}" stroke="#888888"/>`,
      `<text x="${left + 20}" y="${top + 12}" font-family="sans-serif" font-size="12" fill="#222222">${escapeXml(name)}</text>`,
    );
  });
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">${body.join('')}</svg>`;
}

/** Renders an SVG document to PNG bytes. */
export function svgToPng(svg: string): Uint8Array {
  return new Resvg(svg, { font: { loadSystemFonts: true, defaultFontFamily: 'sans-serif' } })
    .render()
    .asPng();
}

/** Options of `comparisonPng` and `writeComparisonPng`. */
export interface ComparisonPictureOptions {
  /** Test images shown, one per row (default 3). */
  readonly examples?: number;
  readonly scale?: number;
}

const PICTURE_OPTION_KEYS = optionKeys<ComparisonPictureOptions>()('examples', 'scale');

/** The first test images of a comparison: input, ground truth and each model's mask. */
export function comparisonPng(comparison: Comparison, options: ComparisonPictureOptions = {}): Uint8Array {
  rejectUnknownOptions('comparisonPng', options, PICTURE_OPTION_KEYS);
  const { test } = comparison;
  const pixels = test.height * test.width;
  const examples = Math.min(options.examples ?? 3, test.count);
  const rows = Array.from({ length: examples }, (_, n): Panel[] => [
    { title: 'input', kind: 'image', pixels: test.images.subarray(n * pixels * 3, (n + 1) * pixels * 3) },
    { title: 'ground truth', kind: 'mask', pixels: test.masks.subarray(n * pixels, (n + 1) * pixels) },
    ...comparison.rows.map(
      (row): Panel => ({
        title: row.model,
        kind: 'mask',
        pixels: row.predicted.subarray(n * pixels, (n + 1) * pixels),
      }),
    ),
  ]);
  return svgToPng(
    sideBySideSvg(rows, {
      height: test.height,
      width: test.width,
      scale: options.scale ?? 4,
      classNames: comparison.classNames,
    }),
  );
}

/** Writes {@link comparisonPng} to a file and returns its path. */
export async function writeComparisonPng(
  path: string,
  comparison: Comparison,
  options: ComparisonPictureOptions = {},
): Promise<string> {
  rejectUnknownOptions('writeComparisonPng', options, PICTURE_OPTION_KEYS);
  await writeFile(path, comparisonPng(comparison, options));
  return path;
}
