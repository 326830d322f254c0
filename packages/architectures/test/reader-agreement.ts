import { toOnnx } from '@cnnkit/layers-gpu/onnx';
import { analyze, type ModelReport, readKerasModel, readOnnx } from '@cnnkit/shape-math';
import { expect } from 'vitest';
import { buildArchitecture } from '../src/build';
import { describe as describeArchitecture, describeSpec } from '../src/describe';
import type { ArchitectureName } from '../src/registry';

/** What a reader's report and `describe` say of one network, side by side (per layer by name). */
export interface ReaderAgreement {
  readonly described: ModelReport;
  readonly fromKeras: ModelReport;
  readonly fromOnnx: ReturnType<typeof readOnnx>;
  /** Layers of `describe` whose row the Keras reader's report has under the same name. */
  readonly matchedLayers: number;
  /** `[name, describe's shape and params, the reader's]` where they differ. */
  readonly layerDifferences: readonly [string, unknown, unknown][];
  /** tfjs' own count of the built model. */
  readonly tfjsParams: number;
  /**
   * Elements of the constant ones/zeros the exporter writes for a batch norm built with
   * `scale: false` / `center: false` (inception-v3's): ONNX's BatchNormalization always takes scale
   * and B, and nothing in the file says they are fixed, so readOnnx counts them, as onnx-tool does.
   */
  readonly fixedBatchNormElements: number;
}

/**
 * Builds the network for real, writes its topology with tfjs' own `model.toJSON()` and its ONNX
 * with `toOnnx`, reads both back with shape-math's readers, and lines them up with `describe`.
 */
export function readerAgreement(
  name: ArchitectureName,
  inputShape?: readonly [number, number, number],
): ReaderAgreement {
  const options = inputShape === undefined ? {} : { inputShape: [...inputShape] as [number, number, number] };
  const described = describeArchitecture(name, options);
  const { model } = buildArchitecture(name, options);
  try {
    const fromKeras = analyze(readKerasModel(model.toJSON()));
    const { bytes } = toOnnx(model);
    const fromOnnx = readOnnx(bytes, { dynamicDimensions: { batch: 1 } });
    const rows = new Map(fromKeras.layers.map((row) => [row.name, row]));
    let fixedBatchNormElements = 0;
    const specLayers = describeSpec(name, options).layers;
    for (const [i, layer] of specLayers.entries()) {
      if (layer.kind !== 'batchNormalization') continue;
      const channels = described.layers[i]!.outputShape.at(-1)!;
      fixedBatchNormElements +=
        (layer.scale === false ? channels : 0) + (layer.center === false ? channels : 0);
    }
    const layerDifferences: [string, unknown, unknown][] = [];
    let matchedLayers = 0;
    for (const row of described.layers) {
      const read = rows.get(row.name);
      if (read === undefined) continue;
      matchedLayers++;
      const a = { shape: row.outputShape, params: row.params, macs: row.macs };
      const b = { shape: read.outputShape, params: read.params, macs: read.macs };
      if (JSON.stringify(a) !== JSON.stringify(b)) layerDifferences.push([row.name, a, b]);
    }
    return {
      described,
      fromKeras,
      fromOnnx,
      matchedLayers,
      layerDifferences,
      tfjsParams: model.countParams(),
      fixedBatchNormElements,
    };
  } finally {
    model.dispose();
  }
}

/**
 * The acceptance of issue 21 for one network: the Keras reader gives describe's rows (by name),
 * totals and outputs and tfjs' countParams(); the ONNX reader the same parameters (batch-norm
 * statistics non-trainable), MACs (batch 1) and NHWC outputs.
 */
export function expectReadersAgree(r: ReaderAgreement): void {
  expect(r.layerDifferences).toEqual([]);
  expect(r.matchedLayers).toBe(r.described.layers.length);
  expect(r.fromKeras.totals.params).toEqual(r.described.totals.params);
  expect(r.fromKeras.totals.params.total).toBe(r.tfjsParams);
  expect(r.fromKeras.totals.macs).toBe(r.described.totals.macs);
  expect(r.fromKeras.outputs.map((o) => o.shape)).toEqual(r.described.outputs.map((o) => o.shape));
  const { trainable, nonTrainable, total } = r.described.totals.params;
  expect(r.fromOnnx.totals.params).toEqual({
    trainable: trainable + r.fixedBatchNormElements,
    nonTrainable,
    total: total + r.fixedBatchNormElements,
  });
  expect(r.fromOnnx.totals.macs).toBe(r.described.totals.macs);
  expect(r.fromOnnx.outputs.map((o) => o.shape.slice(1))).toEqual(r.described.outputs.map((o) => o.shape));
}
