// One measurement in a fresh process, for the memory benchmark and its slow test. Finds the largest
// input side the memory budget admits for ARCH (outputStride: both its passes), runs it through the
// real service (workers, wasm backend, ONNX Runtime where the ledger admits it), and reports the
// process's peak resident memory: the kernel's high-water mark (VmHWM, exact, over the whole life of
// the process) and RSS sampled every 5 ms. Prints JSON.
//   rss-probe.ts ARCH BUDGET_BYTES [SIDE]   (SIDE: run that side instead, if the budget admits it)
import { readFileSync } from 'node:fs';
import { MeasurementService } from '../src/index';
import { largestAdmittedSide } from '../src/verify/admission';

const [architecture = 'mobilenet', budgetText = String(1024 ** 3), sideText] = process.argv.slice(2);
const memoryBudgetBytes = Number(budgetText);
const service = new MeasurementService({ timeoutMs: 600_000, memoryBudgetBytes });
const { fixedBytes } = service.memory();
const side =
  sideText === undefined
    ? largestAdmittedSide(architecture, memoryBudgetBytes - fixedBytes)
    : Number(sideText);
if (side === undefined) {
  console.log(JSON.stringify({ architecture, side: 0, memoryBudgetBytes, outcome: 'no side admitted' }));
  process.exit(0);
}
// The side found is the one the service admits (it throws otherwise), and one more pixel is refused.
const plan = service.plan({ kind: 'outputStride', architecture, inputSide: side });
let nextRefused = side === 4096;
try {
  if (!nextRefused) service.plan({ kind: 'outputStride', architecture, inputSide: side + 1 });
} catch {
  nextRefused = true;
}
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
try {
  engine = (await service.measure({ kind: 'outputStride', architecture, inputSide: side })).engine;
} catch (error) {
  outcome = `${(error as { code?: string }).code ?? 'error'}: ${error instanceof Error ? error.message : String(error)}`;
}
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
    fixedBytes,
    lane: plan.lane,
    engine,
    outcome,
    baselineRssBytes,
    worstRssBytes,
    seconds,
  }),
);
