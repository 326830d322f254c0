// One measurement in a fresh process, for the memory benchmark: prints the process's peak RSS
// (getrusage maxRSS: main thread and worker together) as JSON.
//   rss-probe.ts ARCH SIDE   (SIDE 0: start the worker on a tiny request only, for the baseline)
import { MeasurementService } from '../src/index';

const [architecture = 'vgg16', sideText = '64'] = process.argv.slice(2);
const side = Number(sideText);
const service = new MeasurementService({ timeoutMs: 600_000, memoryBudgetBytes: 64 * 1024 ** 3 });
let outcome = 'ok';
try {
  await service.measure({ kind: 'outputStride', architecture, inputSide: side === 0 ? 32 : side });
} catch (error) {
  outcome =
    error instanceof Error
      ? `${(error as { code?: string }).code ?? 'error'}: ${error.message}`
      : String(error);
}
await service.close();
console.log(
  JSON.stringify({ architecture, side, outcome, maxRssBytes: process.resourceUsage().maxRSS * 1024 }),
);
