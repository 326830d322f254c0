// One measurement in a fresh process, for the memory benchmark and its slow test. Finds the largest
// input side the memory budget admits for ARCH (outputStride), runs it through the real service
// (worker, wasm backend), samples the whole process's RSS every 5 ms meanwhile, and prints JSON.
//   rss-probe.ts ARCH BUDGET_BYTES
import { MeasurementService } from '../src/index';

const [architecture = 'mobilenet', budgetText = String(1024 ** 3)] = process.argv.slice(2);
const memoryBudgetBytes = Number(budgetText);
const service = new MeasurementService({ timeoutMs: 600_000, memoryBudgetBytes });
const admitted = (side: number) => {
  try {
    service.plan({ kind: 'outputStride', architecture, inputSide: side });
    return true;
  } catch {
    return false;
  }
};
let low = 32;
let high = 4096;
while (low < high) {
  const middle = Math.ceil((low + high) / 2);
  if (admitted(middle)) low = middle;
  else high = middle - 1;
}
const side = low;
// Start the worker on a tiny request first, so the sample covers a warm process as a bot would be.
await service.measure({ kind: 'outputStride', architecture, inputSide: 32 });
const baselineRssBytes = process.memoryUsage.rss();
let worstRssBytes = baselineRssBytes;
const sampler = setInterval(() => {
  worstRssBytes = Math.max(worstRssBytes, process.memoryUsage.rss());
}, 5);
const start = performance.now();
let outcome = 'ok';
try {
  await service.measure({ kind: 'outputStride', architecture, inputSide: side });
} catch (error) {
  outcome = `${(error as { code?: string }).code ?? 'error'}: ${error instanceof Error ? error.message : String(error)}`;
}
clearInterval(sampler);
worstRssBytes = Math.max(worstRssBytes, process.memoryUsage.rss());
const seconds = (performance.now() - start) / 1000;
await service.close();
console.log(
  JSON.stringify({
    architecture,
    side,
    memoryBudgetBytes,
    outcome,
    baselineRssBytes,
    worstRssBytes,
    seconds,
  }),
);
