/*
 * Calibration of the quiz's memory estimate (src/verify/memory-estimate.ts): measures the real peak
 * resident memory of single passes over a grid of registry networks × input sides, each in a fresh
 * process, and writes the figures to bench/memory-calibration.json (the fit reads them back:
 * `fitCalibration` in memory-estimate.ts, a minimax linear program, and bench/memory-estimate.bench.ts prints the worst
 * under- and over-estimate).
 *
 *   nice -n 10 pnpm --filter @cnnkit/quiz-bot exec tsx --conditions=@cnnkit/source scripts/calibrate-memory.ts
 *   … calibrate-memory.ts --resume                  (keeps the rows already measured, runs the rest)
 *   … calibrate-memory.ts --fit [FILE]              (prints the coefficients the figures give, for
 *                                                    src/verify/memory-estimate.ts; runs nothing)
 *   … calibrate-memory.ts --one MODE NETWORK SIDE   (one measurement, prints one JSON line)
 *
 * How a figure is taken: the process initialises TensorFlow.js' wasm backend (one thread, as the
 * quiz's workers do) and runs a tiny model once, so the figure starts from a warm engine; it then
 * resets the kernel's peak-RSS mark (`/proc/self/clear_refs` 5), does the one thing measured, and
 * reads the peak back (`VmHWM` in `/proc/self/status`): an exact high-water mark, not a sample.
 *   pass:  build NETWORK without its classifier at SIDE×SIDE and run one zero image through it (what
 *          each pass of the output-stride measurement does);
 *   build: build NETWORK with its classifier at its default input and count its weights (what
 *          `compute params` does);
 *   onnx:  the same pass as `pass`, then ONNX Runtime's check of it (export, session, one run on a
 *          random image, compared): both engines alive at once;
 *   baseline: the RSS of a process holding the quiz's entry and a MeasurementService with no worker,
 *          then with one worker warmed on a small registry network (a worker's baseline).
 * Linux only (procfs).
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';

const HERE = new URL('.', import.meta.url).pathname;
const OUTPUT = new URL('../bench/memory-calibration.json', import.meta.url).pathname;

function peakRssBytes(): number {
  const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'));
  if (match === null) throw new Error('no VmHWM in /proc/self/status: this script needs Linux');
  return Number(match[1]) * 1024;
}

function resetPeak(): void {
  writeFileSync('/proc/self/clear_refs', '5');
}

async function one(mode: string, network: string, side: number): Promise<Record<string, unknown>> {
  if (mode === 'baseline') {
    // The quiz's whole entry loaded, as the bot and the CLI load it; the worker warmed on what it
    // loads for a registry network (architectures, layers, the ONNX path), not only a small layer.
    const { MeasurementService } = await import('../src/index');
    const service = new MeasurementService({ threads: 1, memoryBudgetBytes: 1024 ** 4 });
    const main = process.memoryUsage.rss();
    await service.measure({ kind: 'outputStride', architecture: 'lenet5', inputSide: 32 });
    await service.measure({ kind: 'poolVersusConv', channels: 4, window: 2 });
    await new Promise((resolve) => setTimeout(resolve, 500));
    const withWorker = process.memoryUsage.rss();
    await service.close();
    return { mode, mainRssBytes: main, withOneWorkerRssBytes: withWorker };
  }
  const { initBackend } = await import('@cnnkit/layers-gpu');
  const { buildArchitecture } = await import('@cnnkit/architectures/build');
  const tf = await import('@tensorflow/tfjs-core');
  await initBackend({ wasmThreads: 1 });
  {
    const warm = buildArchitecture('lenet5', { inputShape: [32, 32, 3], includeTop: false });
    (warm.model.predict(tf.zeros([1, 32, 32, 3])) as { dispose(): void }).dispose();
    warm.model.dispose();
  }
  const before = process.memoryUsage.rss();
  resetPeak();
  if (mode === 'build') {
    const built = buildArchitecture(network);
    built.model.countParams();
    built.model.dispose();
  } else {
    const built = buildArchitecture(network, { inputShape: [side, side, 3], includeTop: false });
    const input = tf.zeros([1, side, side, 3]);
    const output = built.model.predict(input) as import('@tensorflow/tfjs-core').Tensor;
    output.dispose();
    if (mode === 'onnx') {
      const { createOnnxRunner } = await import('@cnnkit/layers-gpu/onnx');
      const runner = await createOnnxRunner(built.model, { threads: 1 });
      const probe = tf.randomUniform(input.shape, -1, 1, 'float32', 7);
      const expected = built.model.predict(probe) as import('@tensorflow/tfjs-core').Tensor;
      const actual = await runner.run(probe);
      await actual.data();
      tf.dispose([probe, expected, actual]);
      await runner.release();
    }
    input.dispose();
    built.model.dispose();
  }
  const peak = peakRssBytes();
  return { mode, network, side, rssBeforeBytes: before, peakRssBytes: peak, passBytes: peak - before };
}

/**
 * The grid: every registry network at a small and a large side, more sides for the ones with large
 * kernels on large maps (LeNet-5's and AlexNet's first convolutions), whose wasm buffers per output
 * pixel and kernel tap the first calibration missed. Sides stay where one pass takes seconds here.
 */
const GRID: readonly (readonly [string, string, readonly number[]])[] = [
  ['pass', 'lenet5', [256, 1024, 2048, 3072, 4052]],
  ['pass', 'alexnet', [512, 1536, 2560, 3482]],
  ['pass', 'alexnet-one-tower', [512, 1536, 2560, 3462]],
  ['pass', 'alexnet-torchvision', [512, 1536, 2560, 4096]],
  ['pass', 'exercise2', [256, 1024, 2048]],
  ['pass', 'vgg16', [224, 512, 768]],
  ['pass', 'mobilenet', [224, 960, 1704]],
  ['pass', 'resnet18', [224, 1024, 2048]],
  ['pass', 'resnet34', [896, 1792]],
  ['pass', 'resnet50', [224, 852, 1792]],
  ['pass', 'resnet50-keras', [768, 1536]],
  ['pass', 'seresnet50', [768, 1536]],
  ['pass', 'resnet101', [224, 512, 1280]],
  ['pass', 'resnet152', [224, 448, 1024]],
  ['pass', 'googlenet', [224, 768, 1792]],
  ['pass', 'inception-v3', [299, 640, 1536]],
  ['pass', 'xception', [299, 640, 1536]],
  ['build', 'lenet5', [0]],
  ['build', 'alexnet', [0]],
  ['build', 'vgg16', [0]],
  ['build', 'resnet50', [0]],
  ['onnx', 'vgg16', [224]],
  ['onnx', 'resnet50', [448]],
  ['onnx', 'mobilenet', [1024]],
  ['baseline', '-', [0]],
];

/** The rows already in the output file (`--resume`: a grid cut short goes on where it stopped). */
function existingRows(): Record<string, unknown>[] {
  try {
    return (JSON.parse(readFileSync(OUTPUT, 'utf8')) as { rows: Record<string, unknown>[] }).rows;
  } catch {
    return [];
  }
}

async function driver(resume: boolean): Promise<void> {
  const rows: Record<string, unknown>[] = resume ? existingRows().filter((r) => r.failed === undefined) : [];
  const started = performance.now();
  for (const [mode, network, sides] of GRID) {
    for (const side of sides) {
      const key = (r: Record<string, unknown>) => `${r.mode} ${r.network ?? '-'} ${r.side ?? 0}`;
      if (rows.some((r) => key(r) === key({ mode, network, side }))) continue;
      const run = spawnSync(
        process.execPath,
        [
          '--import',
          'tsx',
          '--conditions=@cnnkit/source',
          `${HERE}calibrate-memory.ts`,
          '--one',
          mode,
          network,
          String(side),
        ],
        { encoding: 'utf8', timeout: 600_000, maxBuffer: 1 << 24 },
      );
      const line = run.stdout.trim().split('\n').at(-1) ?? '';
      let row: Record<string, unknown>;
      try {
        row = JSON.parse(line);
      } catch {
        row = { mode, network, side, failed: `${run.status ?? run.signal}: ${run.stderr.slice(-300)}` };
      }
      row.loadAverage1m = Number(loadavg()[0]!.toFixed(2));
      rows.push(row);
      console.error(JSON.stringify(row));
      write(rows, started);
    }
  }
  console.error(`wrote ${rows.length} rows to ${OUTPUT}`);
}

function write(rows: Record<string, unknown>[], started: number): void {
  const document = {
    about:
      'Peak RSS of single passes on the wasm backend (one thread), fresh process each, measured by apps/quiz-bot/scripts/calibrate-memory.ts (VmHWM after a reset). passBytes = peak − RSS of the warm process before the pass.',
    node: process.version,
    measuredAt: new Date().toISOString().slice(0, 10),
    minutes: Number(((performance.now() - started) / 60_000).toFixed(1)),
    rows,
  };
  writeFileSync(
    OUTPUT,
    `${JSON.stringify({ ...document, rows: undefined }, null, 1).replace(/\n}$/, '')},\n "rows": [\n${rows.map((r) => `  ${JSON.stringify(r)}`).join(',\n')}\n ]\n}\n`,
  );
}

/** The coefficients fitted on the calibration file, as the TypeScript memory-estimate.ts holds. */
async function printFit(file: string | undefined): Promise<void> {
  const { fitFromRows } = await import('../bench/memory-calibration');
  const rows = (JSON.parse(readFileSync(file ?? OUTPUT, 'utf8')) as { rows: never[] }).rows;
  const fit = fitFromRows(rows);
  const object = (value: object) =>
    `{\n${Object.entries(value)
      .map(([k, v]) => `  ${k}: ${v},`)
      .join('\n')}\n}`;
  console.log(`export const PASS_CALIBRATION: MemoryCalibration = ${object(fit.pass)};`);
  const { slackBytes, parameterFactor, activationFactor } = fit.onnx;
  console.log(
    `BUILD_CALIBRATION = ${object({ slackBytes: fit.build.slackBytes, parameterFactor: fit.build.parameterFactor })};`,
  );
  console.log(`ONNX_CALIBRATION = ${object({ slackBytes, parameterFactor, activationFactor })};`);
  console.log(
    `PROCESS_BASELINE_BYTES = ${fit.processBaselineBytes}; WORKER_BASELINE_BYTES = ${fit.workerBaselineBytes};`,
  );
}

const argv = process.argv.slice(2);
if (argv[0] === '--fit') await printFit(argv[1]);
else if (argv[0] === '--one') {
  const [, mode = 'pass', network = 'lenet5', side = '64'] = argv;
  console.log(JSON.stringify(await one(mode, network, Number(side))));
  process.exit(0);
} else await driver(argv.includes('--resume'));
