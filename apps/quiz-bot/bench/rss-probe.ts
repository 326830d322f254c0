// One measurement in a fresh process, for the memory benchmark and its slow test. Finds the largest
// input side the memory budget admits for ARCH (outputStride: both its passes), runs it through the
// real service (workers, wasm backend, ONNX Runtime where the ledger admits it), and reports the
// process's peak resident memory: the kernel's high-water mark (VmHWM, exact, over the whole life of
// the process) and RSS sampled every 5 ms. Prints JSON.
//   rss-probe.ts ARCH BUDGET_BYTES [SIDE|-] [LIGHT@SIDE]
// ARCH: a registry network, or an exercise-2 variant named as in the memory calibration
// (exercise2/k7/f1,2,4: an `inferenceBytes` request for it, largest admitted side found by asking
// the service). SIDE: run that side instead, if the budget admits it ('-': the largest). LIGHT@SIDE:
// an exercise-2 variant at SIDE asked 1.5 s after the first request starts, while it runs; ARCH's
// largest side is then the largest admitted beside it (a pair the ledger runs together), and its
// charge is reported as `lightChargedBytes`.
import { readFileSync } from 'node:fs';
import { MeasurementService } from '../src/index';
import { largestAdmittedSide, MAX_REQUEST_SIDE } from '../src/verify/admission';
import type { MeasurementRequestInput } from '../src/verify/requests';
import { exercise2Variant } from './memory-calibration';

const [architecture = 'mobilenet', budgetText = String(1024 ** 3), sideText = '-', lightText] =
  process.argv.slice(2);
const memoryBudgetBytes = Number(budgetText);
const service = new MeasurementService({ timeoutMs: 600_000, memoryBudgetBytes });
const { fixedBytes } = service.memory();

/** The request ARCH names at `side`. */
function requestAt(name: string, side: number): MeasurementRequestInput {
  const variant = exercise2Variant(name);
  if (variant === undefined) return { kind: 'outputStride', architecture: name, inputSide: side };
  return {
    kind: 'exercise2',
    quantity: 'inferenceBytes',
    network: { ...variant, filters: [...variant.filters], height: side, width: side },
  };
}
const [lightName, lightSideText] = lightText?.split('@') ?? [];
const light = lightName === undefined ? undefined : requestAt(lightName, Number(lightSideText));
const lightChargedBytes = light === undefined ? 0 : service.plan(light).bytes;
/** Whether the service admits ARCH at `side`, and with the light request beside it when there is one. */
const admits = (name: string, side: number) => {
  try {
    return service.plan(requestAt(name, side)).bytes + lightChargedBytes <= memoryBudgetBytes - fixedBytes;
  } catch {
    return false;
  }
};
/** The largest side of an exercise-2 variant the service admits, by bisection (its charge grows with the side). */
function largestExercise2Side(name: string): number | undefined {
  let low = 8;
  if (!admits(name, low)) return undefined;
  let high = MAX_REQUEST_SIDE;
  if (admits(name, high)) return high;
  while (high - low > 1) {
    const middle = Math.floor((low + high) / 2);
    if (admits(name, middle)) low = middle;
    else high = middle;
  }
  return low;
}
const side =
  sideText !== '-'
    ? Number(sideText)
    : exercise2Variant(architecture) !== undefined
      ? largestExercise2Side(architecture)
      : largestAdmittedSide(architecture, memoryBudgetBytes - fixedBytes);
if (side === undefined) {
  console.log(JSON.stringify({ architecture, side: 0, memoryBudgetBytes, outcome: 'no side admitted' }));
  process.exit(0);
}
// The side found is the one the service admits (it throws otherwise), and one more pixel is refused.
const plan = service.plan(requestAt(architecture, side));
const nextRefused = side === MAX_REQUEST_SIDE || !admits(architecture, side + 1);
const highWater = () => {
  const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'));
  return match === null ? 0 : Number(match[1]) * 1024;
};
// Start a worker in each lane on a tiny request first, so the figure covers a warm process as a bot would be.
await service.measure({ kind: 'outputStride', architecture: 'lenet5', inputSide: 32 });
await service.measure({ kind: 'poolVersusConv', channels: 2, window: 2 });
const baselineRssBytes = process.memoryUsage.rss();
let sampledRssBytes = baselineRssBytes;
const sampler = setInterval(() => {
  sampledRssBytes = Math.max(sampledRssBytes, process.memoryUsage.rss());
}, 5);
const start = performance.now();
let outcome = 'ok';
let engine = '';
const failure = (error: unknown) =>
  `${(error as { code?: string }).code ?? 'error'}: ${error instanceof Error ? error.message : String(error)}`;
const lightRun =
  light === undefined
    ? Promise.resolve('none')
    : new Promise((resolve) => setTimeout(resolve, 1500))
        .then(() => service.measure(light))
        .then(
          () => 'ok',
          (error: unknown) => failure(error),
        );
try {
  engine = (await service.measure(requestAt(architecture, side))).engine;
} catch (error) {
  outcome = failure(error);
}
const lightOutcome = await lightRun;
clearInterval(sampler);
const worstRssBytes = Math.max(sampledRssBytes, process.memoryUsage.rss(), highWater());
const seconds = (performance.now() - start) / 1000;
await service.close();
console.log(
  JSON.stringify({
    architecture,
    side,
    nextRefused,
    memoryBudgetBytes,
    chargedBytes: plan.bytes,
    lightChargedBytes,
    lightOutcome,
    fixedBytes,
    lane: plan.lane,
    engine,
    outcome,
    baselineRssBytes,
    worstRssBytes,
    seconds,
  }),
);
