/**
 * ResNet-50's cold start, beside PyTorch's: build + `optimizeForInference` + first prediction
 * (batch 1), each in a fresh process after its imports and backend start-up, two threads each.
 * The vs-pytorch bench's `cold` cell measures the same wall times; this one takes, per phase (build,
 * optimize, first prediction, and a second prediction shown apart), the wall time, the CPU time
 * (user + system, all the process's threads) and the minor page faults, which a shared machine
 * distorts far less than wall time: on this kind of VM the first touch of fresh memory costs ~10 µs
 * per 4 KiB page, so the faults say how much fresh memory each phase wrote. Each phase also shows the
 * main thread's own CPU time and faults (Linux): what the critical path paid itself, the rest being
 * helper threads (XNNPACK's pool, cnnkit's heap warming, PyTorch's OpenMP threads).
 *
 *   tsx bench/cold-start.bench.ts [--rounds 5] [--baseline path/to/old/layers-gpu/src/index.ts]
 *
 * Each round runs, in a rotating order: `cnnkit` (the default `optimizeForInference`), `in-place`
 * (`optimizeForInference(model, { foldInPlace: true })`, for a model built only to predict), the
 * baseline if given (an older layers-gpu, e.g. `git archive <commit> packages/layers-gpu/src` unpacked
 * as packages/layers-gpu/old/src so that it resolves the same node_modules; default options) and
 * PyTorch (scripts/pytorch-anchor.py's SpecNet, built from the same validated spec; its "optimize"
 * is `eval()`). Medians and the load average are printed, and with a baseline the median of the
 * paired ratios. Figures, not a timed test.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describeSpec } from '@cnnkit/architectures';
import { modelSpecSchema, validate } from '@cnnkit/shape-math';
import * as tf from '@tensorflow/tfjs-core';

const THREADS = 2;
const SCRIPT = fileURLToPath(import.meta.url);
const PYTHON_SCRIPT = fileURLToPath(new URL('../../../scripts/pytorch-anchor.py', import.meta.url));

/** The phases of one cold start, in order. */
const PHASES = ['build', 'optimize', 'first', 'second'] as const;
type Phase = (typeof PHASES)[number];

/**
 * Wall ms, CPU ms (user + system, all threads) and minor page faults of one phase, and of those the
 * main thread's (Linux: /proc/self/task/<pid>/stat; NaN elsewhere): what the main thread, the
 * critical path, paid itself, which helper threads can take over (cnnkit's heap warming) and a
 * loaded machine distorts less than wall time.
 */
interface PhaseCost {
  readonly wallMs: number;
  readonly cpuMs: number;
  readonly minorFaults: number;
  readonly mainCpuMs: number;
  readonly mainFaults: number;
}

/**
 * One cold start: each phase's cost. `optimize` is PyTorch's `eval()` (nothing to prepare), and
 * `second` (a second prediction, not part of the cold start) shows what of `first` is set-up.
 */
interface Cold {
  readonly phases?: Record<Phase, PhaseCost>;
  readonly skipped?: string;
}

/*
 * Minor page faults: on this kind of VM the first touch of fresh memory costs ~10 µs per 4 KiB page
 * (100 MB: ~290 ms), so the faults of a phase say how much fresh memory it wrote, and are not
 * distorted by other processes' load as wall time is.
 */
/** The main thread's minor faults and CPU ms (utime + stime, in clock ticks of 10 ms), or NaN. */
function mainThread(): { faults: number; cpuMs: number } {
  try {
    // Fields after "(comm) ": state is the 1st, minflt the 8th, utime the 12th, stime the 13th.
    const fields = readFileSync(`/proc/self/task/${process.pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return { faults: Number(fields[7]), cpuMs: (Number(fields[11]) + Number(fields[12])) * 10 };
  } catch {
    return { faults: Number.NaN, cpuMs: Number.NaN };
  }
}
const sample = (): PhaseCost => {
  const usage = process.resourceUsage();
  const main = mainThread();
  return {
    wallMs: performance.now(),
    cpuMs: (usage.userCPUTime + usage.systemCPUTime) / 1000,
    minorFaults: usage.minorPageFault,
    mainCpuMs: main.cpuMs,
    mainFaults: main.faults,
  };
};
const between = (a: PhaseCost, b: PhaseCost): PhaseCost => ({
  wallMs: b.wallMs - a.wallMs,
  cpuMs: b.cpuMs - a.cpuMs,
  minorFaults: b.minorFaults - a.minorFaults,
  mainCpuMs: b.mainCpuMs - a.mainCpuMs,
  mainFaults: b.mainFaults - a.mainFaults,
});

// ---------------------------------------------------------------- the child: one cold start
async function child(layersGpu: string, foldInPlace: boolean): Promise<Cold> {
  const lib = (await import(layersGpu)) as typeof import('@cnnkit/layers-gpu');
  const spec = describeSpec('resnet50', {});
  await lib.initBackend({ env: {}, wasmThreads: THREADS });
  const x = tf.randomNormal([1, 224, 224, 3]);
  const s0 = sample();
  const built = lib.buildModel(spec);
  const s1 = sample();
  const optimized = lib.optimizeForInference(built.model, foldInPlace ? { foldInPlace } : {});
  const s2 = sample();
  const y = optimized.predict(x) as tf.Tensor;
  await y.data();
  const s3 = sample();
  const y2 = optimized.predict(x) as tf.Tensor;
  await y2.data();
  const s4 = sample();
  return {
    phases: {
      build: between(s0, s1),
      optimize: between(s1, s2),
      first: between(s2, s3),
      second: between(s3, s4),
    },
  };
}

// PyTorch: the anchor script's SpecNet, timed the same way (time.process_time is the process's CPU).
const PYTHON_COLD = `
import importlib.util, json, resource, sys, time
import torch
spec_path, anchor = sys.argv[1], sys.argv[2]
s = importlib.util.spec_from_file_location('anchor', anchor); m = importlib.util.module_from_spec(s); s.loader.exec_module(m)
torch.set_num_threads(${THREADS}); torch.set_num_interop_threads(1)
spec = json.load(open(spec_path)); h, w, c = spec['input']
x = torch.randn(1, c, h, w)
import os
def main_thread():
    try:
        f = open('/proc/self/task/%d/stat' % os.getpid()).read().split(') ')[1].split(' ')
        return (float(f[7]), (float(f[11]) + float(f[12])) * 10)
    except OSError:
        return (float('nan'), float('nan'))
def sample():
    m = main_thread()
    return (time.perf_counter() * 1e3, time.process_time() * 1e3, resource.getrusage(resource.RUSAGE_SELF).ru_minflt, m[1], m[0])
def between(a, b):
    return {'wallMs': b[0] - a[0], 'cpuMs': b[1] - a[1], 'minorFaults': b[2] - a[2], 'mainCpuMs': b[3] - a[3], 'mainFaults': b[4] - a[4]}
s0 = sample()
model = m.SpecNet(spec)
s1 = sample()
model.eval()
s2 = sample()
with torch.no_grad():
    model(x)
s3 = sample()
with torch.no_grad():
    model(x)
s4 = sample()
print(json.dumps({'phases': {'build': between(s0, s1), 'optimize': between(s1, s2), 'first': between(s2, s3), 'second': between(s3, s4)}}))
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
  const skipped = (why: string): Cold => ({ skipped: why });
  if (engine === 'pytorch') {
    if (python === undefined) return skipped('PyTorch is not installed (bash scripts/install-pytorch.sh)');
    const out = spawnSync(python, ['-c', PYTHON_COLD, specFile, PYTHON_SCRIPT], { encoding: 'utf8' });
    return (
      (out.status === 0 && lastJson(out.stdout)) ||
      skipped(`python failed: ${out.stderr.trim().split('\n').pop()}`)
    );
  }
  const target = engine === 'baseline' ? pathToFileURL(baseline!).href : '@cnnkit/layers-gpu';
  const inPlace = engine === 'in-place' ? ['--fold-in-place'] : [];
  const out = spawnSync(process.execPath, [...process.execArgv, SCRIPT, '--child', target, ...inPlace], {
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
    console.log(JSON.stringify(await child(childTarget, process.argv.includes('--fold-in-place'))));
    return;
  }
  const rounds = Number(arg('rounds') ?? 5);
  const baseline = arg('baseline');
  const engines = ['cnnkit', 'in-place', ...(baseline === undefined ? [] : ['baseline']), 'pytorch'];
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
  const results = new Map<string, Record<Phase, PhaseCost>[]>(engines.map((e) => [e, []]));
  const loads: number[] = [];
  // The cold start: build + optimize + first prediction (the second is shown, not counted).
  const COLD: readonly Phase[] = ['build', 'optimize', 'first'];
  const total = (p: Record<Phase, PhaseCost>, f: keyof PhaseCost) => COLD.reduce((a, k) => a + p[k][f], 0);
  const cell = (p: Record<Phase, PhaseCost>) =>
    [
      ...PHASES.map(
        (k) =>
          `${k} ${p[k].wallMs.toFixed(0)}/${p[k].cpuMs.toFixed(0)}/${(p[k].minorFaults / 1000).toFixed(1)}k (main ${p[k].mainCpuMs.toFixed(0)}/${(p[k].mainFaults / 1000).toFixed(1)}k)`,
      ),
    ].join(', ');
  console.log(
    "  (each phase: wall ms / CPU ms / minor page faults, and the main thread's CPU ms / faults; cold = build + optimize + first)",
  );
  for (let round = 0; round < rounds; round++) {
    const order = engines.map((_, i) => engines[(i + round) % engines.length]!);
    for (const engine of order) {
      const cold = run(engine, python, specFile, baseline);
      loads.push(loadavg()[0]!);
      if (cold.phases === undefined) console.log(`  ${engine}: skipped: ${cold.skipped}`);
      else {
        results.get(engine)!.push(cold.phases);
        console.log(
          `  round ${round + 1} ${engine.padEnd(8)} cold ${total(cold.phases, 'wallMs').toFixed(0)} ms wall, ${total(cold.phases, 'cpuMs').toFixed(0)} ms CPU; ${cell(cold.phases)} (load ${loadavg()[0]!.toFixed(2)})`,
        );
      }
    }
  }
  const torch = results.get('pytorch')!;
  console.log(
    `\nmedians (load average over the run ${Math.min(...loads).toFixed(1)}–${Math.max(...loads).toFixed(1)}, now ${load()}):`,
  );
  for (const engine of engines) {
    const cells = results.get(engine)!;
    if (cells.length === 0) continue;
    const ratio = (f: keyof PhaseCost) =>
      torch.length === 0 || engine === 'pytorch'
        ? ''
        : ` (${(median(cells.map((c) => total(c, f))) / median(torch.map((c) => total(c, f)))).toFixed(2)}× PyTorch)`;
    const per = (f: keyof PhaseCost, scale = 1) =>
      PHASES.map((k) => (median(cells.map((c) => c[k][f])) / scale).toFixed(scale === 1 ? 0 : 1)).join(' + ');
    console.log(
      `  ${engine.padEnd(8)} cold wall ${median(cells.map((c) => total(c, 'wallMs'))).toFixed(0)} ms${ratio('wallMs')}, CPU ${median(cells.map((c) => total(c, 'cpuMs'))).toFixed(0)} ms${ratio('cpuMs')}, minor faults ${(median(cells.map((c) => total(c, 'minorFaults'))) / 1000).toFixed(1)}k\n` +
        `           per phase (${PHASES.join(' + ')}): wall ${per('wallMs')} ms; CPU ${per('cpuMs')} ms; faults ${per('minorFaults', 1000)} k\n` +
        `           main thread: CPU ${per('mainCpuMs')} ms (cold ${median(cells.map((c) => total(c, 'mainCpuMs'))).toFixed(0)}); faults ${per('mainFaults', 1000)} k (cold ${(median(cells.map((c) => total(c, 'mainFaults'))) / 1000).toFixed(1)}k)`,
    );
  }
  const base = results.get('baseline') ?? [];
  for (const engine of ['cnnkit', 'in-place']) {
    const now = results.get(engine)!;
    if (base.length === 0 || base.length !== now.length) continue;
    const paired = (f: keyof PhaseCost) => median(now.map((c, i) => total(base[i]!, f) / total(c, f)));
    console.log(
      `  ${engine} paired against the baseline (${now.length} pairs): wall ${paired('wallMs').toFixed(2)}×, CPU ${paired('cpuMs').toFixed(2)}× faster, minor faults ${paired('minorFaults').toFixed(2)}× fewer; main thread CPU ${paired('mainCpuMs').toFixed(2)}× less, faults ${paired('mainFaults').toFixed(2)}× fewer`,
    );
  }
}

await main();
