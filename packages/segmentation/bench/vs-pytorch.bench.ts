/**
 * The anchor table of issue 23, measured here: cnnkit's default path beside plain ONNX Runtime (the
 * optional peer `onnxruntime-node`, on a graph written node by node without cnnkit) and PyTorch
 * (Debian's python3-torch, through scripts/pytorch-anchor.py on the same spec), two threads each:
 *
 *   - exercise 2, batch 1, inference;
 *   - ResNet-50, batch 1, inference;
 *   - ResNet-50 build + first prediction, each in a fresh process (imports excluded);
 *   - U-Net (depth 4, 8 base filters, batch norm) 256×256×3, 2 classes, batch 8: one training step
 *     (pixel cross-entropy, Adam) and inference.
 *
 * cnnkit's engines: `cnnkit` (wasm, `optimizeForInference`, the output read with `data()`),
 * `cnnkit-values` (the same wasm model through `prepareInference({ engine: 'tfjs' })`'s `runValues`),
 * `cnnkit-auto` (`prepareInference`'s `run`, the caller reading the output tensor with `data()`)
 * and `cnnkit-auto-values` (its `runValues`, the output in the runner's reused array, as plain ONNX
 * Runtime hands its own over). For the cold start also `cnnkit-in-place`: `optimizeForInference(model,
 * { foldInPlace: true })`, the path for a model built only to predict (no copy of the folded kernels).
 *
 * Every measurement runs in its own child process (the cold start needs one anyway), and the
 * engines alternate within each round, so a burst of load from elsewhere hits all of them. Each
 * cell is the median over every sample of every round. The load average is printed beside each
 * row. Engines that are not installed are skipped with a line saying so (PyTorch:
 * `bash scripts/install-pytorch.sh`). Figures, not a timed test.
 *
 * `tsx bench/vs-pytorch.bench.ts [--rounds 3] [--runs N (default: 20 for ex2, 10 for resnet50, 3 else)] [--only ex2,resnet50,cold,unet-train,unet-infer]
 * [--baseline path/to/old/layers-gpu/src/index.ts]`: with `--baseline`, an older build of layers-gpu
 * (e.g. `git archive` of an earlier commit unpacked inside packages/layers-gpu, so that it resolves
 * the same node_modules) runs as engine `cnnkit-baseline` in the same rounds, for a before/after
 * measured side by side.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describeSpec } from '@cnnkit/architectures';
import * as layersGpu from '@cnnkit/layers-gpu';
import { analyze, exercise2Spec, type ModelSpecInput, modelSpecSchema, validate } from '@cnnkit/shape-math';
import * as tf from '@tensorflow/tfjs-core';
import { pixelCrossEntropy } from '../src/build';
import { unetSpec } from '../src/index';
import { arg, loadAverage as load, median } from './bench-helpers';

const THREADS = 2;
const UNET_BATCH = 8;
const UNET_CLASSES = 2;
const SCRIPT = fileURLToPath(import.meta.url);
const PYTHON_SCRIPT = fileURLToPath(new URL('../../../scripts/pytorch-anchor.py', import.meta.url));

type Work = 'ex2' | 'resnet50' | 'cold' | 'unet-train' | 'unet-infer';
type Engine =
  | 'cnnkit'
  | 'cnnkit-baseline'
  | 'cnnkit-values'
  | 'cnnkit-in-place'
  | 'cnnkit-auto'
  | 'cnnkit-auto-values'
  | 'onnxruntime'
  | 'pytorch';

/**
 * `runs`: timed runs per child where `--runs` is not given. The inference works that take
 * milliseconds run more, so that a cell's median rests on more than the 9 samples of 3 rounds × 3
 * runs (exercise 2 on ONNX Runtime is ~10 ms a run on a quiet machine, where one garbage collection
 * or page-fault burst in a child moves a 9-sample median).
 */
const WORKS: readonly {
  work: Work;
  label: string;
  batch: number;
  runs: number;
  engines: readonly Engine[];
}[] = [
  {
    work: 'ex2',
    label: 'exercise 2, batch 1',
    batch: 1,
    runs: 20,
    engines: ['cnnkit', 'cnnkit-values', 'cnnkit-auto', 'cnnkit-auto-values', 'onnxruntime', 'pytorch'],
  },
  {
    work: 'resnet50',
    label: 'ResNet-50, batch 1',
    batch: 1,
    runs: 10,
    engines: ['cnnkit', 'cnnkit-values', 'cnnkit-auto', 'cnnkit-auto-values', 'onnxruntime', 'pytorch'],
  },
  {
    work: 'cold',
    label: 'ResNet-50 build + first prediction',
    batch: 1,
    runs: 3,
    engines: ['cnnkit', 'cnnkit-in-place', 'pytorch'],
  },
  {
    work: 'unet-train',
    label: `U-Net d4 w8 BN 256², batch ${UNET_BATCH}, training step`,
    batch: UNET_BATCH,
    runs: 3,
    engines: ['cnnkit', 'pytorch'],
  },
  {
    work: 'unet-infer',
    label: `U-Net d4 w8 BN 256², batch ${UNET_BATCH}, inference`,
    batch: UNET_BATCH,
    runs: 3,
    engines: ['cnnkit', 'pytorch'],
  },
];

function specOf(work: Work): ModelSpecInput {
  if (work === 'ex2') return exercise2Spec();
  if (work === 'resnet50' || work === 'cold') return describeSpec('resnet50', {});
  return unetSpec({ input: [256, 256, 3], classes: UNET_CLASSES, depth: 4, baseFilters: 8, batchNorm: true });
}

/** What one child process reports. */
interface Measured {
  readonly samples?: number[];
  /** CPU time of the whole process (all threads) per sample: less distorted than wall time by other work. */
  readonly cpuSamples?: number[];
  readonly buildMs?: number;
  readonly firstMs?: number;
  readonly params?: number;
  readonly note?: string;
  readonly skipped?: string;
}

// ---------------------------------------------------------------- the child: one measurement
async function worker(work: Work, engine: Engine, runs: number): Promise<Measured> {
  const baseline = arg('baseline');
  const { buildModel, initBackend, optimizeForInference, prepareInference } = (
    engine === 'cnnkit-baseline' && baseline !== undefined
      ? await import(pathToFileURL(baseline).href)
      : layersGpu
  ) as typeof layersGpu;
  const spec = specOf(work);
  const batch = WORKS.find((w) => w.work === work)!.batch;
  const [h, w, c] = validate(modelSpecSchema, spec).input as [number, number, number];
  if (engine === 'onnxruntime') {
    const { createOnnxSession } = await import('@cnnkit/layers-gpu/onnx');
    // The plain graphs live with the architectures' inference bench (written without cnnkit's exporter).
    const { exercise2Onnx, resnet50Onnx } = await import('../../architectures/bench/onnx-graphs');
    let opened: Awaited<ReturnType<typeof createOnnxSession>>;
    try {
      opened = await createOnnxSession(work === 'ex2' ? exercise2Onnx() : resnet50Onnx(), {
        threads: THREADS,
        executionProvider: 'cpu',
      });
    } catch (error) {
      return { skipped: (error as Error).message.split('(')[0]!.trim() };
    }
    const input = new opened.ort.Tensor('float32', new Float32Array(batch * h * w * c), [batch, c, h, w]);
    const samples: number[] = [];
    for (let i = 0; i < runs + 1; i++) {
      const t = performance.now();
      await opened.session.run({ input });
      if (i > 0) samples.push(performance.now() - t);
    }
    return { samples, note: `ONNX Runtime ${opened.report.version}` };
  }
  const backend = await initBackend({ env: {}, wasmThreads: THREADS });
  const note = `${backend.backend}, ${backend.wasm?.threads ?? '?'} threads`;
  if (work === 'cold') {
    const t0 = performance.now();
    const built = buildModel(spec);
    const t1 = performance.now();
    const optimized = optimizeForInference(
      built.model,
      engine === 'cnnkit-in-place' ? { foldInPlace: true } : {},
    );
    const x = tf.randomNormal([1, h, w, c]);
    const y = optimized.predict(x) as tf.Tensor;
    await y.data();
    const t2 = performance.now();
    return { buildMs: t1 - t0, firstMs: t2 - t1, params: built.report.totals.params.total, note };
  }
  const built = buildModel(spec, work === 'unet-train' ? { budgetFor: 'training', batchSize: batch } : {});
  const params = built.report.totals.params.total;
  const x = tf.randomNormal([batch, h, w, c]);
  const samples: number[] = [];
  if (work === 'unet-train') {
    const labels = tf.randomUniform([batch, h, w], 0, UNET_CLASSES, 'int32') as tf.Tensor3D;
    const optimizer = tf.train.adam(1e-3);
    const variables = built.model.trainableWeights.map((weight) => weight.read() as tf.Variable);
    const losses: number[] = [];
    const cpuSamples: number[] = [];
    for (let i = 0; i < runs + 1; i++) {
      const t = performance.now();
      const cpu = process.cpuUsage();
      const value = optimizer.minimize(
        () => pixelCrossEntropy(labels, built.model.apply(x, { training: true }) as tf.Tensor4D),
        true,
        variables,
      )!;
      losses.push((await value.data())[0]!);
      value.dispose();
      const used = process.cpuUsage(cpu);
      if (i > 0) {
        samples.push(performance.now() - t);
        cpuSamples.push((used.user + used.system) / 1000);
      }
    }
    return {
      samples,
      cpuSamples,
      params,
      note: `${note}; losses ${losses.map((l) => l.toFixed(3)).join(' ')}`,
    };
  }
  if (engine === 'cnnkit-auto' || engine === 'cnnkit-auto-values' || engine === 'cnnkit-values') {
    const runner = await prepareInference(built.model, {
      threads: THREADS,
      ...(engine === 'cnnkit-values' ? { engine: 'tfjs' as const } : {}),
    });
    for (let i = 0; i < runs + 1; i++) {
      const t = performance.now();
      if (engine !== 'cnnkit-auto') {
        // The output's values in the runner's reused array, as plain ONNX Runtime hands them over.
        await runner.runValues(x);
      } else {
        const y = await runner.run(x);
        await y.data();
        y.dispose();
      }
      if (i > 0) samples.push(performance.now() - t);
    }
    return { samples, params, note: `${runner.engine}: ${runner.reason}` };
  }
  const optimized = optimizeForInference(built.model);
  for (let i = 0; i < runs + 1; i++) {
    const t = performance.now();
    const y = optimized.predict(x) as tf.Tensor;
    await y.data();
    y.dispose();
    if (i > 0) samples.push(performance.now() - t);
  }
  return { samples, params, note };
}

// ---------------------------------------------------------------- the parent: rounds of children
/**
 * The first interpreter that imports torch: $CNNKIT_PYTHON, then python3 on PATH, then Debian's
 * /usr/bin/python3 (python3-torch installs there; a pyenv python3 first on PATH does not see it).
 */
function findPython(): string | undefined {
  const candidates = [process.env.CNNKIT_PYTHON, 'python3', '/usr/bin/python3'].filter(
    (c): c is string => c !== undefined && c !== '',
  );
  return candidates.find((c) => spawnSync(c, ['-c', 'import torch'], { stdio: 'ignore' }).status === 0);
}
let python: string | undefined | null = null; // null: not looked for yet (children never look)

function runPyTorch(work: Work, runs: number, specFile: string): Measured {
  const batch = WORKS.find((w) => w.work === work)!.batch;
  if (python === null) python = findPython();
  if (python === undefined)
    return { skipped: 'PyTorch is not installed (bash scripts/install-pytorch.sh installs python3-torch)' };
  const mode = work === 'cold' ? 'cold' : work === 'unet-train' ? 'train' : 'infer';
  const child = spawnSync(
    python,
    [
      PYTHON_SCRIPT,
      '--spec',
      specFile,
      '--mode',
      mode,
      '--batch',
      String(batch),
      '--runs',
      String(runs),
    ].concat(['--threads', String(THREADS), '--classes', String(UNET_CLASSES)]),
    { encoding: 'utf8' },
  );
  if (child.status !== 0) {
    return { skipped: `pytorch-anchor.py failed: ${child.stderr.trim().split('\n').pop()}` };
  }
  const out = JSON.parse(child.stdout.trim().split('\n').pop()!) as {
    torch: string;
    total: number;
    samples_ms?: number[];
    cpu_samples_ms?: number[];
    build_ms?: number;
    first_ms?: number;
    losses?: number[];
  };
  return {
    ...(out.samples_ms === undefined ? {} : { samples: out.samples_ms }),
    ...(out.cpu_samples_ms === undefined ? {} : { cpuSamples: out.cpu_samples_ms }),
    ...(out.build_ms === undefined ? {} : { buildMs: out.build_ms, firstMs: out.first_ms! }),
    params: out.total,
    note: `PyTorch ${out.torch}${out.losses === undefined ? '' : `; losses ${out.losses.map((l) => l.toFixed(3)).join(' ')}`}`,
  };
}

function runChild(work: Work, engine: Engine, runs: number): Measured {
  const child = spawnSync(
    process.execPath,
    [
      ...process.execArgv,
      SCRIPT,
      '--worker',
      work,
      '--engine',
      engine,
      '--runs',
      String(runs),
      ...(arg('baseline') === undefined ? [] : ['--baseline', arg('baseline')!]),
    ],
    { encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 },
  );
  const line = child.stdout
    .split('\n')
    .reverse()
    .find((l) => l.startsWith('{'));
  if (child.status !== 0 || line === undefined)
    return { skipped: `child failed: ${child.stderr.trim().split('\n').slice(-3).join(' / ')}` };
  return JSON.parse(line) as Measured;
}

async function main(): Promise<void> {
  const workArg = arg('worker');
  if (workArg !== undefined) {
    const result = await worker(workArg as Work, arg('engine') as Engine, Number(arg('runs') ?? 3));
    console.log(JSON.stringify(result));
    return;
  }
  const rounds = Number(arg('rounds') ?? 3);
  const runsArg = arg('runs');
  const runsOf = (work: Work) =>
    runsArg === undefined ? WORKS.find((w) => w.work === work)!.runs : Number(runsArg);
  const only = arg('only')?.split(',');
  const withBaseline = arg('baseline') !== undefined;
  const works = WORKS.filter((w) => only === undefined || only.includes(w.work)).map((w) =>
    withBaseline && w.engines.includes('cnnkit')
      ? { ...w, engines: [...w.engines, 'cnnkit-baseline' as const] }
      : w,
  );
  const dir = mkdtempSync(join(tmpdir(), 'cnnkit-vs-pytorch-'));
  const specFiles = new Map<Work, string>();
  for (const { work } of works) {
    const file = join(dir, `${work}.json`);
    writeFileSync(file, JSON.stringify(validate(modelSpecSchema, specOf(work))));
    specFiles.set(work, file);
  }
  console.log(
    `${cpus().length} logical cores of ${cpus()[0]?.model ?? 'an unknown CPU'}; ${THREADS} threads per engine; ${rounds} rounds × ${runsArg ?? 'per-work'} runs (after 1 warm-up) per cell; load average at start ${load()}`,
  );
  type Cell = {
    samples: number[];
    cpu: number[];
    build: number[];
    first: number[];
    params?: number;
    note?: string;
    skipped?: string;
    loads: number[];
    /** Each child process's own median: PyTorch's ResNet-50 cell runs at ~47 ms in some processes and ~100 ms in others (both threads busy, twice the CPU), so a pooled median alone can hide which one a user gets. */
    processMedians: number[];
  };
  const cells = new Map<string, Cell>();
  for (let round = 0; round < rounds; round++) {
    for (const { work, engines } of works) {
      // Rotate the engines' order each round, so none always runs right after a heavy neighbour.
      const order = engines.map((_, i) => engines[(i + round) % engines.length]!);
      for (const engine of order) {
        const key = `${work}/${engine}`;
        const cell = cells.get(key) ?? {
          samples: [],
          cpu: [],
          build: [],
          first: [],
          loads: [],
          processMedians: [],
        };
        cells.set(key, cell);
        if (cell.skipped !== undefined) continue;
        const measured =
          engine === 'pytorch'
            ? runPyTorch(work, runsOf(work), specFiles.get(work)!)
            : runChild(work, engine, runsOf(work));
        cell.loads.push(loadavg()[0]!);
        if (measured.skipped !== undefined) {
          cell.skipped = measured.skipped;
          continue;
        }
        cell.samples.push(...(measured.samples ?? []));
        if (measured.samples !== undefined && measured.samples.length > 0)
          cell.processMedians.push(median(measured.samples));
        cell.cpu.push(...(measured.cpuSamples ?? []));
        if (measured.buildMs !== undefined) {
          cell.build.push(measured.buildMs);
          cell.first.push(measured.firstMs!);
        }
        if (measured.params !== undefined) cell.params = measured.params;
        if (measured.note !== undefined) cell.note = measured.note;
      }
    }
    console.log(`round ${round + 1}/${rounds} done; load average ${load()}`);
  }

  const fmt = (ms: number) => (ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(1)} ms`);
  console.log('\n| work | engine | median | × PyTorch | × ONNX Runtime | parameters | load (1 min) | note |');
  console.log('| --- | --- | --- | --- | --- | --- | --- | --- |');
  for (const { work, label, engines } of works) {
    const total = (cell: Cell | undefined) =>
      cell === undefined || cell.skipped !== undefined
        ? undefined
        : cell.build.length > 0
          ? median(cell.build.map((b, i) => b + cell.first[i]!))
          : cell.samples.length > 0
            ? median(cell.samples)
            : undefined;
    const torch = total(cells.get(`${work}/pytorch`));
    const ort = total(cells.get(`${work}/onnxruntime`));
    for (const engine of engines) {
      const cell = cells.get(`${work}/${engine}`)!;
      if (cell.skipped !== undefined) {
        console.log(`| ${label} | ${engine} | skipped: ${cell.skipped} | | | | | |`);
        continue;
      }
      const ms = total(cell)!;
      const value =
        cell.build.length > 0
          ? `${fmt(median(cell.build))} + ${fmt(median(cell.first))} = ${fmt(ms)}`
          : fmt(ms);
      const ratio = (anchor: number | undefined) =>
        anchor === undefined ? '' : `${(ms / anchor).toFixed(2)}×`;
      const spread =
        cell.processMedians.length > 1
          ? Math.max(...cell.processMedians) / Math.min(...cell.processMedians)
          : 1;
      // A cell whose processes disagree (PyTorch's ResNet-50: ~47 ms in some, ~100 ms in others)
      // shows each process's median, so its pooled median is not read as the only figure.
      const perProcess =
        spread >= 1.3
          ? `; processes differ ×${spread.toFixed(2)}: ${cell.processMedians.map(fmt).join(' / ')}`
          : '';
      console.log(
        `| ${label} | ${engine} | ${value} | ${ratio(torch)} | ${ratio(ort)} | ${cell.params?.toLocaleString('en-US') ?? ''} | ${median(cell.loads).toFixed(2)} | ${cell.note ?? ''}${perProcess} |`,
      );
    }
  }
  for (const [key, cell] of cells)
    if (cell.cpu.length > 0)
      console.log(
        `${key}: CPU time per step (all threads${key.endsWith('/pytorch') ? "; OpenMP's waiting threads spin, which a busy machine inflates" : ''}), median ${fmt(median(cell.cpu))}`,
      );
  // shape-math's count of the same specs, for the parameter columns.
  for (const { work } of works)
    console.log(
      `shape-math: ${work} has ${analyze(specOf(work)).totals.params.total.toLocaleString('en-US')} parameters (incl. batch-norm statistics)`,
    );
  console.log(`load average at end ${load()}`);
}

await main();
