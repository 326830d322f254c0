import {
  analyze,
  checkMemoryBudget,
  DEFAULT_MEMORY_BUDGET_BYTES,
  exercise2Spec,
  formatBytes,
} from '@cnnkit/shape-math';
import Tinypool from 'tinypool';
import { QuizError } from '../errors';
import {
  type Measurement,
  type MeasurementRequest,
  type MeasurementRequestInput,
  measurementRequestSchema,
} from './requests';
import type { WorkerReply } from './worker';

export interface MeasurementServiceOptions {
  /** Worker threads running models (default 1: on 2 cores, one for users, one for models). */
  readonly threads?: number;
  /** Measurements kept, by request (default 256). */
  readonly cacheSize?: number;
  /** Refuse requests whose model would need more than this for inference (default 2 GiB). */
  readonly memoryBudgetBytes?: number;
  /** Longest a measurement may take before it is abandoned (default 120 s). */
  readonly timeoutMs?: number;
  /** Refuse exercise-2 networks heavier than this many multiply-accumulates (default 25 G, ~10 s here). */
  readonly macBudget?: number;
}

/** The worker file next to this module: the built one, or the source entry when running from TypeScript. */
function workerFilename(): string {
  const fromSource = import.meta.url.endsWith('.ts');
  return new URL(fromSource ? './worker-source.mjs' : './worker.js', import.meta.url).href;
}

/**
 * Measures requests in a worker pool, never on the event loop that serves users; caches results
 * by request and shares one run between concurrent identical requests.
 */
export class MeasurementService {
  private readonly pool: Tinypool;
  private readonly cache = new Map<string, Promise<Measurement>>();
  private readonly cacheSize: number;
  private readonly memoryBudgetBytes: number;
  private readonly timeoutMs: number;
  private readonly macBudget: number;

  constructor(options: MeasurementServiceOptions = {}) {
    this.cacheSize = options.cacheSize ?? 256;
    this.memoryBudgetBytes = options.memoryBudgetBytes ?? DEFAULT_MEMORY_BUDGET_BYTES;
    this.timeoutMs = options.timeoutMs ?? 120_000;
    this.macBudget = options.macBudget ?? 25e9;
    this.pool = new Tinypool({
      filename: workerFilename(),
      minThreads: 0,
      maxThreads: options.threads ?? 1,
      idleTimeout: 60_000,
      // Source mode resolves sibling packages to their src/ through this export condition.
      execArgv: import.meta.url.endsWith('.ts') ? ['--conditions=@cnnkit/source'] : [],
    });
  }

  /** Validates a request and refuses one whose model would not fit, before any thread allocates it. */
  parse(input: MeasurementRequestInput): MeasurementRequest {
    const parsed = measurementRequestSchema.safeParse(input);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      throw new QuizError('invalid_variant', `${issue.path.join('.') || 'request'}: ${issue.message}`, {
        cause: parsed.error,
      });
    }
    const request = parsed.data;
    if (request.kind === 'exercise2') {
      let budget: ReturnType<typeof checkMemoryBudget>;
      let macs: number;
      try {
        const report = analyze(exercise2Spec(request.network));
        budget = checkMemoryBudget(report.memory, { budgetBytes: this.memoryBudgetBytes });
        macs = report.totals.macs;
      } catch (error) {
        throw new QuizError('invalid_variant', error instanceof Error ? error.message : String(error), {
          cause: error,
        });
      }
      if (!budget.fits) {
        throw new QuizError(
          'variant_too_large',
          `that network needs about ${formatBytes(budget.estimateBytes)} to run one image, over the ${formatBytes(budget.budgetBytes)} the quiz allows: choose a smaller image or fewer filters`,
        );
      }
      if (macs > this.macBudget) {
        throw new QuizError(
          'variant_too_large',
          `that network needs ${(macs / 1e9).toFixed(1)} billion multiply-accumulates per image, over the ${(this.macBudget / 1e9).toFixed(0)} billion the quiz runs: choose a smaller image, a larger stride or fewer filters`,
        );
      }
    }
    return request;
  }

  async measure(input: MeasurementRequestInput): Promise<Measurement & { cached: boolean }> {
    const request = this.parse(input);
    const key = JSON.stringify(request);
    const hit = this.cache.get(key);
    if (hit !== undefined) {
      // Refresh its place in the LRU order.
      this.cache.delete(key);
      this.cache.set(key, hit);
      return { ...(await hit), cached: true };
    }
    const pending = this.run(request);
    this.cache.set(key, pending);
    if (this.cache.size > this.cacheSize) this.cache.delete(this.cache.keys().next().value!);
    try {
      return { ...(await pending), cached: false };
    } catch (error) {
      this.cache.delete(key); // failures are not cached
      throw error;
    }
  }

  private async run(request: MeasurementRequest): Promise<Measurement> {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), this.timeoutMs);
    let reply: WorkerReply;
    try {
      reply = (await this.pool.run(request, { signal: controller.signal })) as WorkerReply;
    } catch (error) {
      if (controller.signal.aborted) {
        throw new QuizError(
          'measurement_timeout',
          `building and measuring the model took over ${this.timeoutMs / 1000} s and was stopped`,
        );
      }
      throw new QuizError(
        'measurement_failed',
        `the model run failed: ${error instanceof Error ? error.message : String(error)}`,
        { cause: error },
      );
    } finally {
      clearTimeout(timer);
    }
    if (!reply.ok) {
      const code = reply.code === 'memory_budget_exceeded' ? 'variant_too_large' : 'measurement_failed';
      throw new QuizError(code, reply.message);
    }
    return reply.measurement;
  }

  async close(): Promise<void> {
    await this.pool.destroy();
  }
}
