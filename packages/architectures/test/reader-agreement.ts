import { toOnnx } from '@cnnkit/layers-gpu/onnx';
import { analyze, type ModelReport, readKerasModel, readOnnx } from '@cnnkit/shape-math';
import { buildArchitecture } from '../src/build';
import { describe as describeArchitecture } from '../src/describe';
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
    };
  } finally {
    model.dispose();
  }
}
