import type { LayerReport, ModelReport } from './analyze';

// Pure: a bundler may drop it where no integer is formatted.
const integer = /* @__PURE__ */ new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

/** `903400` → `903,400`. */
export function formatInteger(value: number): string {
  return integer.format(value);
}

/**
 * Bytes in both unit systems, because people mix them up: `12,613,600 bytes (12.61 MB, 12.03 MiB)`.
 * MB = 10^6 bytes (SI), MiB = 2^20 bytes (IEC).
 */
export function formatBytes(bytes: number, digits = 2): string {
  return `${formatInteger(bytes)} bytes (${formatScaled(bytes, 1000, ['B', 'kB', 'MB', 'GB', 'TB'], digits)}, ${formatScaled(bytes, 1024, ['B', 'KiB', 'MiB', 'GiB', 'TiB'], digits)})`;
}

/** Bytes in one unit system: `formatScaled(12613600, 1000, ['B','kB','MB'])` → `12.61 MB`. */
export function formatScaled(value: number, base: number, units: readonly string[], digits = 2): string {
  let scaled = value;
  let unit = 0;
  while (Math.abs(scaled) >= base && unit < units.length - 1) {
    scaled /= base;
    unit++;
  }
  return `${unit === 0 ? String(scaled) : scaled.toFixed(digits)} ${units[unit]}`;
}

function formatShape(shape: readonly number[]): string {
  return `(None, ${shape.join(', ')})`;
}

/** A column of a summary table: its title, alignment and how a row fills it. */
export interface Column<Row> {
  readonly title: string;
  readonly align: 'left' | 'right';
  readonly cell: (row: Row) => string;
}

/**
 * The one table layout of every summary (Keras-like: a heavy rule, titles, rows, a heavy rule):
 * its lines, and a function drawing a rule of the table's width.
 */
export function renderTable<Row>(
  columns: readonly Column<Row>[],
  rows: readonly Row[],
): { lines: string[]; rule: (char: string) => string } {
  const cells = rows.map((row) => columns.map((column) => column.cell(row)));
  const widths = columns.map((column, c) =>
    Math.max(column.title.length, ...cells.map((row) => row[c]!.length)),
  );
  const line = (values: readonly string[]) =>
    values
      .map((value, c) =>
        columns[c]!.align === 'right' ? value.padStart(widths[c]!) : value.padEnd(widths[c]!),
      )
      .join('  ')
      .trimEnd();
  const rule = (char: string) => char.repeat(widths.reduce((sum, w) => sum + w, 0) + 2 * (widths.length - 1));
  return {
    lines: [rule('━'), line(columns.map((c) => c.title)), rule('━'), ...cells.map(line), rule('━')],
    rule,
  };
}

/** `1234567` → `1.23M`: MACs and counts in a table cell. */
export function formatCount(value: number): string {
  if (value === 0) return '0';
  return formatScaled(value, 1000, ['', 'K', 'M', 'G', 'T'], 2)
    .replace(' ', '')
    .replace(/\.00(?=[A-Z]|$)/, '');
}

const COLUMNS: readonly Column<LayerReport>[] = [
  { title: 'Layer (type)', align: 'left', cell: (row) => `${row.name} (${row.kind})` },
  { title: 'Output Shape', align: 'left', cell: (row) => formatShape(row.outputShape) },
  { title: 'Param #', align: 'right', cell: (row) => formatInteger(row.params.total) },
  { title: 'MACs', align: 'right', cell: (row) => formatCount(row.macs) },
  {
    title: 'Activation',
    align: 'right',
    cell: (row) => formatScaled(row.activationBytes, 1000, ['B', 'kB', 'MB', 'GB', 'TB']),
  },
  {
    title: 'RF',
    align: 'right',
    cell: (row) =>
      row.receptiveField[0] === row.receptiveField[1]
        ? String(row.receptiveField[0])
        : row.receptiveField.join('×'),
  },
  {
    title: 'Stride',
    align: 'right',
    cell: (row) =>
      row.effectiveStride[0] === row.effectiveStride[1]
        ? String(row.effectiveStride[0])
        : row.effectiveStride.join('×'),
  },
  { title: 'Connected to', align: 'left', cell: (row) => row.inputs.join(', ') },
];

/**
 * A text table like Keras' `model.summary()`, plus the columns Keras lacks (MACs, activation
 * memory, receptive field, output stride) and the memory estimates with their arithmetic shown.
 */
export function formatSummary(report: ModelReport): string {
  const { lines, rule } = renderTable(COLUMNS, report.layers);

  const { totals, memory } = report;
  const training = memory.trainingMinimum;
  const realistic = memory.trainingRealistic;
  const b = report.bytesPerElement;
  const out: string[] = [
    `Model: "${report.name}"   input ${formatShape(report.inputShape)}   dtype ${report.dtype} (${b} bytes/element)`,
    ...lines,
    ` Total params: ${formatInteger(totals.params.total)} (${formatBytes(totals.parameterBytes)})`,
    ` Trainable params: ${formatInteger(totals.params.trainable)}`,
    ` Non-trainable params: ${formatInteger(totals.params.nonTrainable)}`,
    ` MACs: ${formatInteger(totals.macs)}   FLOPs (2 × MACs): ${formatInteger(totals.flops)}`,
    ` Activations per instance: ${formatInteger(totals.activationElements)} values = ${formatBytes(totals.activationBytes)}`,
    rule('─'),
    ` (a) Inference, one instance (minimum): ${formatBytes(memory.inference.bytes)}`,
    `     = peak activations ${formatInteger(memory.inference.peakActivationBytes)} (at ${memory.inference.peakAtLayer}: ${memory.inference.liveTensorsAtPeak.join(' + ')})`,
    `     + parameters ${formatInteger(memory.inference.parameterBytes)}`,
    ` (b) Training, batch ${training.batchSize} (minimum): ${formatBytes(training.bytes)}`,
    `     = activations ${formatInteger(training.activationBytesPerInstance)} per instance × ${training.batchSize} = ${formatInteger(training.activationBytes)}`,
    `     + input batch ${formatInteger(training.inputBytes)} + parameters ${formatInteger(training.parameterBytes)}`,
    ` (c) Training, batch ${realistic.batchSize}, ${realistic.optimizer} (realistic): ${formatBytes(realistic.bytes)}`,
    `     = (b) + gradients ${formatInteger(realistic.gradientBytes)} + optimizer state ${formatInteger(realistic.optimizerStateBytes)}` +
      ` + activation gradients ${formatInteger(realistic.activationGradientBytes)}`,
    rule('─'),
    ` ${report.conventions.flops}`,
    ` ${report.conventions.bytes}`,
  ];
  return out.join('\n');
}
