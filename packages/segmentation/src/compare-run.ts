/*
 * `compareSegmenters`: trains the comparison's models with TensorFlow.js (the `/build` entry). The
 * names, specs, settings and formatting it uses are pure, in `compare.ts`.
 */
import { describeBackend, initBackend } from '@cnnkit/layers-gpu';
import { buildSegmenter } from './build-segmenter';
import {
  type CompareOptions,
  type Comparison,
  type ComparisonRow,
  comparisonSpec,
  resolveCompareSettings,
} from './compare';
import { SHAPE_CLASSES, syntheticShapes } from './dataset';
import { describeSegmenter } from './segmenters';
import { evaluateSegmenter, trainSegmenter } from './train';

/**
 * Trains each model on the same seeded synthetic shapes (same data, order, optimizer and epochs)
 * on the default backend, then scores it on held-out images: mean IoU and boundary F1. The FCNs
 * share one backbone and differ only in their skips, so the gap at the edges is the skips' doing.
 */
export async function compareSegmenters(options: CompareOptions = {}): Promise<Comparison> {
  const settings = resolveCompareSettings(options);
  const { models } = settings;
  const backend = describeBackend(await initBackend());
  const train = syntheticShapes({ count: settings.trainCount, size: settings.size, seed: settings.seed });
  const test = syntheticShapes({
    count: settings.testCount,
    size: settings.size,
    seed: settings.seed + 1_000_003,
  });
  const validation = syntheticShapes({
    count: Math.min(8, settings.testCount),
    size: settings.size,
    seed: settings.seed + 7,
  });
  const classes = SHAPE_CLASSES.length;
  const rows: ComparisonRow[] = [];
  for (const name of models) {
    const spec = comparisonSpec(
      name,
      settings.size,
      options.unet === undefined ? {} : { unet: options.unet },
    );
    const description = describeSegmenter(spec);
    const built = buildSegmenter(spec, {
      budgetFor: 'training',
      batchSize: settings.batchSize,
      seed: settings.seed,
    });
    try {
      const history = await trainSegmenter(built.model, train, {
        classes,
        epochs: settings.epochs,
        batchSize: settings.batchSize,
        learningRate: settings.learningRate,
        seed: settings.seed,
        name,
        ...(options.onProgress === undefined ? {} : { onProgress: options.onProgress, validation }),
      });
      const evaluation = evaluateSegmenter(built.model, test, {
        classes,
        tolerancePixels: settings.tolerancePixels,
      });
      const scoreStrides = description.heads
        .filter((h) => h.layer.startsWith('score'))
        .map((h) => h.outputStride);
      rows.push({
        model: name,
        params: description.report.totals.params.total,
        finestSkipStride: name === 'unet' ? 1 : Math.min(...scoreStrides),
        pixelAccuracy: evaluation.pixelAccuracy,
        baselineAccuracy: evaluation.allBackgroundAccuracy,
        classesPredicted: evaluation.classesPredicted,
        meanIoU: evaluation.meanIoU,
        boundaryF1: evaluation.boundaryF1,
        finalLoss: history.losses.at(-1)!,
        trainMs: history.elapsedMs,
        predicted: evaluation.predicted,
      });
    } finally {
      built.model.dispose();
    }
  }
  return { backend, settings, classNames: SHAPE_CLASSES, rows, test };
}
