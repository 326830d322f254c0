import type { BuiltModel } from './build';

/** One disagreement between a real layer and shape-math: which layer, which field, both values. */
export interface LayerMismatch {
  readonly layer: string;
  readonly field: 'outputShape' | 'params';
  readonly shapeMath: unknown;
  readonly tfjs: unknown;
}

/**
 * Compares a real model with shape-math's analysis of the same spec, layer by layer: output shape
 * (without the batch axis) and parameter count. An empty list means they agree; anything else is a
 * bug in one of them.
 */
export function compareWithShapeMath(built: BuiltModel): LayerMismatch[] {
  const mismatches: LayerMismatch[] = [];
  for (const row of built.report.layers) {
    const tfLayers = built.layersBySpecName.get(row.name) ?? [];
    const last = tfLayers[tfLayers.length - 1];
    if (last === undefined) {
      mismatches.push({ layer: row.name, field: 'outputShape', shapeMath: row.outputShape, tfjs: 'missing' });
      continue;
    }
    const tfShape = (last.outputShape as (number | null)[]).slice(1);
    if (JSON.stringify(tfShape) !== JSON.stringify(row.outputShape)) {
      mismatches.push({ layer: row.name, field: 'outputShape', shapeMath: row.outputShape, tfjs: tfShape });
    }
    const tfParams = tfLayers.reduce((sum, layer) => sum + layer.countParams(), 0);
    if (tfParams !== row.params.total) {
      mismatches.push({ layer: row.name, field: 'params', shapeMath: row.params.total, tfjs: tfParams });
    }
  }
  return mismatches;
}
