/*
 * A seeded synthetic segmentation dataset: shapes with sharp edges, corners and thin strokes on a
 * noisy background, any size, nothing downloaded. Pure: plain typed arrays, no TensorFlow.js.
 */
import { SegmentationError } from './errors';
import { optionKeys, rejectUnknownOptions } from './options';

/** Class 0 is the background; the thin cross strokes are 1–2 pixels wide at 64×64. */
export const SHAPE_CLASSES = ['background', 'rectangle', 'disk', 'triangle', 'cross'] as const;
/** One of `SHAPE_CLASSES`. */
export type ShapeClass = (typeof SHAPE_CLASSES)[number];

/** Options of `syntheticShapes`. */
export interface SyntheticOptions {
  /** Number of images. */
  readonly count: number;
  /** Side of the square images, in pixels (at least 16). */
  readonly size: number;
  /** Same seed, same images (default 1). */
  readonly seed?: number;
  /** Shapes drawn per image, later ones over earlier ones (default [2, 4]). */
  readonly shapesPerImage?: readonly [number, number];
}

/** Images and their per-pixel class masks, as `syntheticShapes` draws them. */
export interface SyntheticDataset {
  readonly count: number;
  readonly height: number;
  readonly width: number;
  /** RGB in [0, 1], `[count, height, width, 3]` row-major. */
  readonly images: Float32Array;
  /** Class index per pixel, `[count, height, width]` row-major. */
  readonly masks: Int32Array;
  readonly classNames: readonly ShapeClass[];
}

/**
 * mulberry32 (Tommy Ettinger, 2017): a small, fast, well-mixed 32-bit generator; enough for
 * reproducible pictures and quiz variants, not for cryptography. The seed is taken modulo 2^32; each
 * call returns the next draw in [0, 1). The one copy in cnnkit: the synthetic dataset, the
 * training's shuffles and the quiz's variants all draw from it.
 */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** Base colour of each shape class; each shape varies it, so colour hints but does not decide. */
const BASE_COLOURS: Readonly<Record<Exclude<ShapeClass, 'background'>, readonly [number, number, number]>> = {
  rectangle: [0.85, 0.35, 0.25],
  disk: [0.3, 0.8, 0.35],
  triangle: [0.3, 0.4, 0.9],
  cross: [0.9, 0.8, 0.3],
};

const clamp = (v: number) => Math.min(1, Math.max(0, v));

type Inside = (y: number, x: number) => boolean;

function shapeTest(kind: Exclude<ShapeClass, 'background'>, size: number, random: () => number): Inside {
  const between = (lo: number, hi: number) => lo + (hi - lo) * random();
  const cy = between(0.15, 0.85) * size;
  const cx = between(0.15, 0.85) * size;
  const extent = between(0.12, 0.3) * size;
  switch (kind) {
    case 'rectangle': {
      const h = extent * between(0.5, 1.2);
      const w = extent * between(0.5, 1.2);
      return (y, x) => Math.abs(y - cy) <= h && Math.abs(x - cx) <= w;
    }
    case 'disk': {
      const ry = extent * between(0.6, 1);
      const rx = extent * between(0.6, 1);
      return (y, x) => ((y - cy) / ry) ** 2 + ((x - cx) / rx) ** 2 <= 1;
    }
    case 'triangle': {
      // Three vertices around the centre at random angles: sharp corners, slanted edges.
      const start = between(0, 2 * Math.PI);
      const points = [0, 1, 2].map((k) => {
        const angle = start + (k * 2 * Math.PI) / 3 + between(-0.4, 0.4);
        const radius = extent * between(0.9, 1.4);
        return [cy + radius * Math.sin(angle), cx + radius * Math.cos(angle)] as const;
      });
      const [a, b, c] = points as [
        readonly [number, number],
        readonly [number, number],
        readonly [number, number],
      ];
      const side = (p: readonly [number, number], q: readonly [number, number], y: number, x: number) =>
        (q[1] - p[1]) * (y - p[0]) - (q[0] - p[0]) * (x - p[1]);
      return (y, x) => {
        const s1 = side(a, b, y, x);
        const s2 = side(b, c, y, x);
        const s3 = side(c, a, y, x);
        return (s1 >= 0 && s2 >= 0 && s3 >= 0) || (s1 <= 0 && s2 <= 0 && s3 <= 0);
      };
    }
    case 'cross': {
      // Thin strokes: the parts a coarse output stride cannot resolve.
      const half = Math.max(0.5, (size / 64) * between(0.5, 1));
      const arm = extent * 1.2;
      return (y, x) =>
        (Math.abs(y - cy) <= half && Math.abs(x - cx) <= arm) ||
        (Math.abs(x - cx) <= half && Math.abs(y - cy) <= arm);
    }
  }
}

/** Generates `count` images with their masks; identical for identical options. */
export function syntheticShapes(options: SyntheticOptions): SyntheticDataset {
  rejectUnknownOptions(
    'syntheticShapes',
    options,
    optionKeys<SyntheticOptions>()('count', 'size', 'seed', 'shapesPerImage'),
  );
  const { count, size } = options;
  const [fewest, most] = options.shapesPerImage ?? [2, 4];
  if (!Number.isInteger(count) || count < 1 || count > 100_000) {
    throw new SegmentationError('invalid_options', `count ${count}: must be an integer from 1 to 100,000`);
  }
  if (!Number.isInteger(size) || size < 16 || size > 2048) {
    throw new SegmentationError('invalid_options', `size ${size}: must be an integer from 16 to 2048`);
  }
  if (!Number.isInteger(fewest) || !Number.isInteger(most) || fewest < 1 || most < fewest || most > 32) {
    throw new SegmentationError(
      'invalid_options',
      `shapesPerImage [${fewest}, ${most}]: must be integers with 1 ≤ fewest ≤ most ≤ 32`,
    );
  }
  const random = seededRandom(options.seed ?? 1);
  const pixels = size * size;
  const images = new Float32Array(count * pixels * 3);
  const masks = new Int32Array(count * pixels);
  const kinds = SHAPE_CLASSES.slice(1) as Exclude<ShapeClass, 'background'>[];
  for (let n = 0; n < count; n++) {
    const background = 0.3 + 0.3 * random();
    for (let i = 0; i < pixels; i++) {
      for (let ch = 0; ch < 3; ch++)
        images[(n * pixels + i) * 3 + ch] = clamp(background + 0.15 * (random() - 0.5));
    }
    const shapes = fewest + Math.floor(random() * (most - fewest + 1));
    for (let s = 0; s < shapes; s++) {
      const kindIndex = Math.floor(random() * kinds.length);
      const kind = kinds[kindIndex]!;
      const inside = shapeTest(kind, size, random);
      const colour = BASE_COLOURS[kind].map((v) => v + 0.2 * (random() - 0.5));
      for (let y = 0; y < size; y++) {
        for (let x = 0; x < size; x++) {
          // Pixel centres, so shapes are the same at any size up to sampling.
          if (!inside(y + 0.5, x + 0.5)) continue;
          const i = n * pixels + y * size + x;
          masks[i] = kindIndex + 1;
          for (let ch = 0; ch < 3; ch++) images[i * 3 + ch] = clamp(colour[ch]! + 0.1 * (random() - 0.5));
        }
      }
    }
  }
  return { count, height: size, width: size, images, masks, classNames: SHAPE_CLASSES };
}
