/**
 * ResNet-50's cold start, beside PyTorch's: build + `optimizeForInference` + first prediction
 * (batch 1), each in a fresh process after its imports and backend start-up, two threads each.
 * The vs-pytorch bench's `cold` cell measures the same wall times; this one also takes the CPU time
 * of each phase (user + system, all the process's threads), which a shared machine distorts far
 * less than wall time, and can pair two builds of layers-gpu run by run (`--baseline`).
 *
 *   tsx bench/cold-start.bench.ts [--rounds 5] [--baseline path/to/old/layers-gpu/src/index.ts]
 *
 * Each round runs cnnkit, the baseline (if given) and PyTorch (scripts/pytorch-anchor.py's SpecNet,
 * built from the same validated spec) in a rotating order; medians and the load average are
 * printed, and with a baseline the median of the paired ratios. Figures, not a timed test.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describeSpec } from '@cnnkit/architectures';
import { modelSpecSchema, validate } from '@cnnkit/shape-math';
import * as tf from '@tensorflow/tfjs-core';

const THREADS = 2;
const SCRIPT = fileURLToPath(import.meta.url);
const PYTHON_SCRIPT = fileURLToPath(new URL('../../../scripts/pytorch-anchor.py', import.meta.url));

/** One cold start: wall and CPU milliseconds per phase. */
interface Cold {
  readonly buildMs: number;
  readonly firstMs: number;
  readonly buildCpuMs: number;
  readonly firstCpuMs: number;
  readonly skipped?: string;
}

const cpuMs = () => {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1000;
};

// ---------------------------------------------------------------- the child: one cold start
async function child(layersGpu: string): Promise<Cold> {
  const lib = (await import(layersGpu)) as typeof import('@cnnkit/layers-gpu');
  const spec = describeSpec('resnet50', {});
  await lib.initBackend({ env: {}, wasmThreads: THREADS });
  const c0 = cpuMs();
  const t0 = performance.now();
  const built = lib.buildModel(spec);
  const t1 = performance.now();
  const c1 = cpuMs();
  const optimized = lib.optimizeForInference(built.model);
  const y = optimized.predict(tf.randomNormal([1, 224, 224, 3])) as tf.Tensor;
  await y.data();
  const t2 = performance.now();
  const c2 = cpuMs();
  return { buildMs: t1 - t0, firstMs: t2 - t1, buildCpuMs: c1 - c0, firstCpuMs: c2 - c1 };
}

// PyTorch: the anchor script's SpecNet, timed the same way (time.process_time is the process's CPU).
const PYTHON_COLD = `
import importlib.util, json, sys, time
import torch
spec_path, anchor = sys.argv[1], sys.argv[2]
s = importlib.util.spec_from_file_location('anchor', anchor); m = importlib.util.module_from_spec(s); s.loader.exec_module(m)
torch.set_num_threads(${THREADS}); torch.set_num_interop_threads(1)
spec = json.load(open(spec_path)); h, w, c = spec['input']
c0, t0 = time.process_time(), time.perf_counter()
model = m.SpecNet(spec)
c1, t1 = time.process_time(), time.perf_counter()
model.eval()
with torch.no_grad():
    model(torch.randn(1, c, h, w))
c2, t2 = time.process_time(), time.perf_counter()
print(json.dumps({'buildMs': (t1 - t0) * 1e3, 'firstMs': (t2 - t1) * 1e3, 'buildCpuMs': (c1 - c0) * 1e3, 'firstCpuMs': (c2 - c1) * 1e3}))
`;

import { arg, median } from './bench-helpers';

function findPython(): string | undefined {
  const candidates = [process.env.CNNKIT_PYTHON, 'python3', '/usr/bin/python3'].filter(
    (c): c is string => c !== undefined && c !== '',
  );
  return candidates.find((c) => spawnSync(c, ['-c', 'import torch'], { stdio: 'ignore' }).status === 0);
}

function lastJson(stdout: string): Cold | undefined {
  const line = stdout
    .split('\n')
    .reverse()
    .find((l) => l.startsWith('{'));
  return line === undefined ? undefined : (JSON.parse(line) as Cold);
}

function run(
  engine: string,
  python: string | undefined,
  specFile: string,
  baseline: string | undefined,
): Cold {
  const skipped = (why: string): Cold => ({
    buildMs: 0,
    firstMs: 0,
    buildCpuMs: 0,
    firstCpuMs: 0,
    skipped: why,
  });
  if (engine === 'pytorch') {
    if (python === undefined) return skipped('PyTorch is not installed (bash scripts/install-pytorch.sh)');
    const out = spawnSync(python, ['-c', PYTHON_COLD, specFile, PYTHON_SCRIPT], { encoding: 'utf8' });
    return (
      (out.status === 0 && lastJson(out.stdout)) ||
      skipped(`python failed: ${out.stderr.trim().split('\n').pop()}`)
    );
  }
  const target = engine === 'baseline' ? pathToFileURL(baseline!).href : '@cnnkit/layers-gpu';
  const out = spawnSync(process.execPath, [...process.execArgv, SCRIPT, '--child', target], {
    encoding: 'utf8',
    maxBuffer: 16 * 1024 * 1024,
  });
  return (
    (out.status === 0 && lastJson(out.stdout)) ||
    skipped(`child failed: ${out.stderr.trim().split('\n').slice(-3).join(' / ')}`)
  );
}

async function main(): Promise<void> {
  const childTarget = arg('child');
  if (childTarget !== undefined) {
    console.log(JSON.stringify(await child(childTarget)));
    return;
  }
  const rounds = Number(arg('rounds') ?? 5);
  const baseline = arg('baseline');
  const engines = ['cnnkit', ...(baseline === undefined ? [] : ['baseline']), 'pytorch'];
  const python = findPython();
  const specFile = join(mkdtempSync(join(tmpdir(), 'cnnkit-cold-start-')), 'resnet50.json');
  writeFileSync(specFile, JSON.stringify(validate(modelSpecSchema, describeSpec('resnet50', {}))));
  const load = () =>
    loadavg()
      .map((l) => l.toFixed(2))
      .join(' ');
  console.log(
    `${cpus().length} logical cores of ${cpus()[0]?.model ?? 'an unknown CPU'}; ${THREADS} threads each; ${rounds} rounds; load average at start ${load()}`,
  );
  const results = new Map<string, Cold[]>(engines.map((e) => [e, []]));
  const loads: number[] = [];
  for (let round = 0; round < rounds; round++) {
    const order = engines.map((_, i) => engines[(i + round) % engines.length]!);
    for (const engine of order) {
      const cold = run(engine, python, specFile, baseline);
      loads.push(loadavg()[0]!);
      if (cold.skipped !== undefined) console.log(`  ${engine}: skipped: ${cold.skipped}`);
      else {
        results.get(engine)!.push(cold);
        console.log(
          `  round ${round + 1} ${engine.padEnd(8)} build ${cold.buildMs.toFixed(0)} + first ${cold.firstMs.toFixed(0)} ms wall; CPU ${cold.buildCpuMs.toFixed(0)} + ${cold.firstCpuMs.toFixed(0)} ms (load ${loadavg()[0]!.toFixed(2)})`,
        );
      }
    }
  }
  const total = (c: Cold) => c.buildMs + c.firstMs;
  const totalCpu = (c: Cold) => c.buildCpuMs + c.firstCpuMs;
  const torch = results.get('pytorch')!;
  console.log(
    `\nmedians (load average over the run ${Math.min(...loads).toFixed(1)}–${Math.max(...loads).toFixed(1)}, now ${load()}):`,
  );
  for (const engine of engines) {
    const cells = results.get(engine)!;
    if (cells.length === 0) continue;
    const ratio = (f: (c: Cold) => number) =>
      torch.length === 0 || engine === 'pytorch'
        ? ''
        : ` (${(median(cells.map(f)) / median(torch.map(f))).toFixed(2)}× PyTorch)`;
    console.log(
      `  ${engine.padEnd(8)} wall ${median(cells.map((c) => c.buildMs)).toFixed(0)} + ${median(cells.map((c) => c.firstMs)).toFixed(0)} = ${median(cells.map(total)).toFixed(0)} ms${ratio(total)}; ` +
        `CPU ${median(cells.map((c) => c.buildCpuMs)).toFixed(0)} + ${median(cells.map((c) => c.firstCpuMs)).toFixed(0)} = ${median(cells.map(totalCpu)).toFixed(0)} ms${ratio(totalCpu)}`,
    );
  }
  const base = results.get('baseline') ?? [];
  const now = results.get('cnnkit')!;
  if (base.length > 0 && base.length === now.length) {
    const paired = (f: (c: Cold) => number) => median(now.map((c, i) => f(base[i]!) / f(c)));
    console.log(
      `  paired speed-up over the baseline (${now.length} pairs): wall ${paired(total).toFixed(2)}×, CPU ${paired(totalCpu).toFixed(2)}×`,
    );
  }
}

await main();
