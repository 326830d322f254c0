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
  // A shared tfjs layer is called once per spec row that uses it, in the spec's order: the k-th
  // such row is its k-th inbound node (tfjs' outputShape is undefined when the calls differ).
  const calls = new Map<unknown, number>();
  for (const row of built.report.layers) {
    const tfLayers = built.layersBySpecName.get(row.name) ?? [];
    const last = tfLayers[tfLayers.length - 1];
    if (last === undefined) {
      mismatches.push({ layer: row.name, field: 'outputShape', shapeMath: row.outputShape, tfjs: 'missing' });
      continue;
    }
    const call = calls.get(last) ?? 0;
    calls.set(last, call + 1);
    const tfShape = (
      last.inboundNodes.length > 1 ? last.inboundNodes[call]!.outputTensors[0]!.shape : last.outputShape
    ).slice(1) as (number | null)[];
    if (JSON.stringify(tfShape) !== JSON.stringify(row.outputShape)) {
      mismatches.push({ layer: row.name, field: 'outputShape', shapeMath: row.outputShape, tfjs: tfShape });
    }
    const tfParams = tfLayers.reduce((sum, layer) => sum + layer.countParams(), 0);
    // A shared layer's second call holds no weights of its own: its tfjs layer is the owner's.
    if (row.sharesWeightsOf !== undefined) {
      const owner = built.layersBySpecName
        .get(row.sharesWeightsOf)
        ?.find((l) => l.name === row.sharesWeightsOf);
      if (owner === undefined || !tfLayers.includes(owner))
        mismatches.push({
          layer: row.name,
          field: 'params',
          shapeMath: `the weights of ${row.sharesWeightsOf}`,
          tfjs: 'own weights',
        });
    } else if (tfParams !== row.params.total) {
      mismatches.push({ layer: row.name, field: 'params', shapeMath: row.params.total, tfjs: tfParams });
    }
  }
  return mismatches;
}
