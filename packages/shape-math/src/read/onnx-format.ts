import { type Column, formatBytes, formatCount, formatInteger, formatScaled, renderTable } from '../format';
import type { OnnxGraphReport, OnnxNodeReport } from './onnx';

const shapeText = (shapes: readonly (readonly number[])[]) =>
  shapes.map((s) => `[${s.join(', ')}]`).join(' ');

const COLUMNS: readonly Column<OnnxNodeReport>[] = [
  { title: 'Node (op)', align: 'left', cell: (row) => `${row.name} (${row.opType})` },
  { title: 'Output Shape', align: 'left', cell: (row) => shapeText(row.outputShapes) },
  { title: 'Param #', align: 'right', cell: (row) => formatInteger(row.params.total) },
  { title: 'MACs', align: 'right', cell: (row) => formatCount(row.macs) },
  {
    title: 'Activation',
    align: 'right',
    cell: (row) => formatScaled(row.activationBytes, 1000, ['B', 'kB', 'MB', 'GB', 'TB']),
  },
];

/**
 * A torchinfo-style table of an ONNX graph read by `readOnnx`: one row per node that computes on
 * activations (shape arithmetic and Constant nodes are counted, not shown), with output shapes,
 * parameters, MACs and activation bytes, then totals and the inference memory.
 */
export function formatOnnxSummary(report: OnnxGraphReport): string {
  const shown = report.nodes.filter((node) => !node.constant);
  const { lines, rule } = renderTable(COLUMNS, shown);
  const { totals, memory } = report;
  const hidden = report.nodes.length - shown.length;
  return [
    `Graph: "${report.name}"   ${report.producer === '' ? '' : `from ${report.producer}   `}opset ${report.opset}   ` +
      `inputs ${report.inputs.map((i) => `${i.name} [${i.shape.join(', ')}]`).join(', ')}`,
    ...lines,
    ...(hidden === 0 ? [] : [` (${hidden} shape-arithmetic and Constant nodes not shown)`]),
    ` Total params: ${formatInteger(totals.params.total)}`,
    ` Trainable params: ${formatInteger(totals.params.trainable)}`,
    ` Non-trainable params: ${formatInteger(totals.params.nonTrainable)}`,
    ` Initializers: ${formatInteger(totals.initializerElements)} values = ${formatBytes(totals.parameterBytes)}`,
    ` MACs: ${formatInteger(totals.macs)}   FLOPs (2 × MACs): ${formatInteger(totals.flops)}`,
    ` Activations: ${formatInteger(totals.activationElements)} values = ${formatBytes(totals.activationBytes)}`,
    rule('─'),
    ` Inference (minimum): ${formatBytes(memory.inferenceBytes)}`,
    `     = peak activations ${formatInteger(memory.peakActivationBytes)} (at ${memory.peakAtNode}) + initializers ${formatInteger(totals.parameterBytes)}`,
    rule('─'),
    ` ${report.conventions.params}`,
    ` ${report.conventions.macs}`,
  ].join('\n');
}
