import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { MessageChannel } from 'node:worker_threads';
import { type AnalyzedModel, formatBytes } from '@cnnkit/shape-math';
import Tinypool from 'tinypool';
import { dataFolder } from '../data-folder';
import { QuizError } from '../errors';
import { memoryBudgetFromEnvironment } from '../memory-budget';
import { issueSentence, validate } from '../schemas';
import { chargeWithin, largestAdmittedSide, type RequestCharge, requestCharge } from './admission';
import { analyzeExercise2 } from './exercise2-analysis';
import { PROCESS_BASELINE_BYTES, WORKER_BASELINE_BYTES } from './memory-estimate';
import { MemoryLedger, type Reservation } from './memory-ledger';
import {
  type Measurement,
  type MeasurementRequest,
  type MeasurementRequestInput,
  measurementRequestSchema,
} from './requests';
import {
  readCachedSegmentationRun,
  type SegmentationPicture,
  type SegmentationPictureSettings,
  type SegmentationPictureSettingsInput,
  type SegmentationProgress,
  type SegmentationRun,
  segmentationPictureFiles,
  segmentationPictureKey,
  segmentationPictureSettingsSchema,
} from './segmentation-picture';
import type { MeasurementTask, SegmentationReply, SegmentationTask, WorkerReply } from './worker';

export interface MeasurementServiceOptions {
  /** Worker threads per lane (default 1: on 2 cores, one for users, one for models). */
  readonly threads?: number;
  /** Measurements kept, by request (default 256). */
  readonly cacheSize?: number;
  /**
   * The most resident memory the whole process may use (default: `CNNKIT_MEMORY_BUDGET` when set,
   * else 2 GiB). One ledger (memory-ledger.ts) holds every lane against it: the process's baseline,
   * each worker's, the heap each worker retains, and each run in flight at its calibrated estimate
   * (memory-estimate.ts; both engines' when ONNX Runtime may run beside TensorFlow.js). A request
   * that fits an idle process waits until it fits beside the others; one that does not is refused,
   * naming the largest side that would be admitted. A pass whose wasm heap would pass 90% of the
   * 4 GiB wasm32 ceiling is refused whatever the budget.
   */
  readonly memoryBudgetBytes?: number;
  /** Longest a measurement may run, counted from when it starts running, not from when it was queued (default 120 s). */
  readonly timeoutMs?: number;
  /**
   * Longest question 8's training may run (default 15 min). It is not bounded by `timeoutMs`: a
   * started training runs to the end and is cached, however long its first requester waited (issue 20).
   */
  readonly pictureTimeoutMs?: number;
  /** Refuse exercise-2 networks heavier than this many multiply-accumulates (default 25 G, ~10 s here). */
  readonly macBudget?: number;
  /**
   * A worker whose wasm heap grew past this is retired after its run and replaced, so the memory
   * returns to the system (wasm memory never shrinks; default 512 MiB).
   */
  readonly retireHeapBytes?: number;
  /** Largest wasm heap (calibrated estimate) and MACs a request may need to run in the light lane (768 MiB, 5 G). */
  readonly lightLane?: { readonly maxHeapBytes?: number; readonly maxMacs?: number };
  /**
   * Question 8's picture (FCN-32s, FCN-8s and U-Net trained briefly, masks side by side): how it is
   * trained (default: `segmentationPictureSettingsSchema`'s defaults, 15–30 s on this machine) and the folder
   * that caches it (default: `pictures` in the data folder), so only the first request trains.
   */
  readonly segmentationPicture?: {
    readonly settings?: SegmentationPictureSettingsInput;
    readonly cacheFolder?: string;
  };
  /**
   * Runs one request on a worker of a lane (default: the lane's Tinypool); tests inject a
   * controllable one. `run.allowOnnx` says whether the ledger admitted it with both engines.
   */
  readonly runOnWorker?: (
    lane: Lane,
    request: MeasurementRequest,
    signal: AbortSignal,
    run: WorkerRun,
  ) => Promise<WorkerReply>;
}

/** What the plan of a request hands its worker run, as one value (the lane and bytes stay here). */
export interface WorkerRun {
  /** Whether the ledger admitted the run with both engines (ONNX Runtime beside TensorFlow.js). */
  readonly allowOnnx: boolean;
  /** The plan's analysis of an exercise-2 network, which the worker reuses (issue 17). */
  readonly planned?: AnalyzedModel | undefined;
}

/** What a caller may learn about a request while it waits. */
export interface MeasureOptions {
  /** Called once when the request has to wait: behind others in its lane, or for memory the others hold. */
  readonly onQueued?: (info: { readonly lane: Lane; readonly ahead: number }) => void;
}

/** What a caller of `segmentationPicture` may learn while the models train. */
export interface SegmentationPictureOptions extends MeasureOptions {
  /**
   * After each epoch of each model (not called when the picture comes from the cache; a caller
   * that joins a run already under way sees no progress).
   */
  readonly onProgress?: (progress: SegmentationProgress) => void;
}

export type Lane = 'light' | 'heavy';

export type MeasurementResult = Measurement & {
  readonly cached: boolean;
  /** Milliseconds the request waited in its lane before it ran (0 when it ran at once or was cached). */
  readonly queuedMs: number;
  readonly lane: Lane;
};

/** The worker file next to this module: the built one, or the source entry when running from TypeScript. */
function workerFilename(): string {
  const fromSource = import.meta.url.endsWith('.ts');
  return new URL(fromSource ? './worker-source.mjs' : './worker.js', import.meta.url).href;
}

interface LaneState {
  readonly pool: Tinypool;
  running: number;
  retired: number;
  readonly waiting: (() => void)[];
}

/**
 * Measures requests in worker threads, never on the event loop that serves users; caches results
 * by request and shares one run between concurrent identical requests. Two lanes, each with its
 * own workers: light requests (every quiz answer) never wait behind a heavy model.
 */
export class MeasurementService {
  private readonly lanes: Record<Lane, LaneState>;
  private readonly threads: number;
  private readonly cache = new Map<string, Promise<Measurement & { queuedMs: number }>>();
  /** The cache's runs that finished with a measurement (`isMeasured`). */
  private readonly finished = new WeakSet<Promise<Measurement & { queuedMs: number }>>();
  /** Requests already validated, by the object asked about (`validated`). */
  private readonly validatedRequests = new WeakMap<object, MeasurementRequest>();
  private readonly cacheSize: number;
  private readonly memoryBudgetBytes: number;
  private readonly ledger: MemoryLedger;
  private readonly memoryWaiters: { lane: Lane; bytes: number; admit: (r: Reservation) => void }[] = [];
  private draining = false;
  private readonly timeoutMs: number;
  private readonly pictureTimeoutMs: number;
  private readonly macBudget: number;
  private readonly retireHeapBytes: number;
  private readonly lightMaxHeapBytes: number;
  private readonly lightMaxMacs: number;
  private readonly runOnWorker: NonNullable<MeasurementServiceOptions['runOnWorker']>;
  private readonly pictureSettings: SegmentationPictureSettings;
  private readonly pictureFolder: string;
  private readonly picturesInFlight = new Map<string, Promise<SegmentationPicture>>();

  constructor(options: MeasurementServiceOptions = {}) {
    this.cacheSize = options.cacheSize ?? 256;
    this.memoryBudgetBytes = options.memoryBudgetBytes ?? memoryBudgetFromEnvironment();
    if (!(Number.isFinite(this.memoryBudgetBytes) && this.memoryBudgetBytes > 0))
      throw new QuizError(
        'invalid_input',
        `memoryBudgetBytes must be a positive number of bytes, got ${String(options.memoryBudgetBytes)}`,
      );
    this.timeoutMs = options.timeoutMs ?? 120_000;
    this.pictureTimeoutMs = options.pictureTimeoutMs ?? 15 * 60_000;
    this.macBudget = options.macBudget ?? 25e9;
    this.retireHeapBytes = options.retireHeapBytes ?? 512 * 1024 ** 2;
    this.threads = options.threads ?? 1;
    this.ledger = new MemoryLedger({
      budgetBytes: this.memoryBudgetBytes,
      processBaselineBytes: PROCESS_BASELINE_BYTES,
      workerBaselineBytes: WORKER_BASELINE_BYTES,
      workersPerLane: this.threads,
    });
    // A request whose model stays under both bounds runs in the light lane, never behind a heavy model.
    this.lightMaxHeapBytes = options.lightLane?.maxHeapBytes ?? 768 * 1024 ** 2;
    this.lightMaxMacs = options.lightLane?.maxMacs ?? 5e9;
    // Settings are the operator's input: an unknown or misspelt key is refused, named, at start.
    this.pictureSettings = validate(
      segmentationPictureSettingsSchema,
      options.segmentationPicture?.settings ?? {},
      'invalid_input',
    );
    this.pictureFolder = options.segmentationPicture?.cacheFolder ?? join(dataFolder(), 'pictures');
    this.runOnWorker =
      options.runOnWorker ??
      (async (lane, request, signal, run) =>
        (await this.lanes[lane].pool.run({ request, ...run } satisfies MeasurementTask, {
          signal,
        })) as WorkerReply);
    const pool = (lane: Lane) =>
      new Tinypool({
        filename: workerFilename(),
        minThreads: 0,
        maxThreads: this.threads,
        idleTimeout: 60_000,
        // The JS heap of a worker is bounded too (models live in wasm memory, outside it): a runaway
        // worker dies alone and is replaced, instead of taking the bot down.
        resourceLimits: { maxOldGenerationSizeMb: lane === 'heavy' ? 1024 : 512 },
        // Source mode resolves sibling packages to their src/ through this export condition.
        execArgv: import.meta.url.endsWith('.ts') ? ['--conditions=@cnnkit/source'] : [],
      });
    this.lanes = {
      light: { pool: pool('light'), running: 0, retired: 0, waiting: [] },
      heavy: { pool: pool('heavy'), running: 0, retired: 0, waiting: [] },
    };
  }

  /** Validates a request and refuses one whose model would not fit, before any thread allocates it. */
  parse(input: MeasurementRequestInput): MeasurementRequest {
    return this.plan(input).request;
  }

  /**
   * The request validated once per request object: a part's request (a cached variant's) is asked
   * about first (`isMeasured`, for the deferral) and then measured, and is validated only the first
   * time (issue 17: one validation per answer). The objects are the question bank's, never changed.
   */
  private validated(input: MeasurementRequestInput): MeasurementRequest {
    const known = this.validatedRequests.get(input);
    if (known !== undefined) return known;
    const parsed = measurementRequestSchema.safeParse(input);
    if (!parsed.success) {
      throw new QuizError(
        'invalid_variant',
        issueSentence(parsed.error, (issue) => `${issue.path.join('.') || 'request'}: `),
        { cause: parsed.error },
      );
    }
    this.validatedRequests.set(input, parsed.data);
    return parsed.data;
  }

  /**
   * The request, validated, with its lane and its charge in the memory ledger; refuses what the
   * budget does not admit even in an idle process (its passes together, admission.ts). The one
   * validation of a request: the worker trusts what this returns (and reuses `planned`).
   */
  plan(input: MeasurementRequestInput): {
    request: MeasurementRequest;
    lane: Lane;
    bytes: number;
    allowOnnx: boolean;
    planned?: AnalyzedModel;
  } {
    const request = this.validated(input);
    let charge: RequestCharge;
    let planned: AnalyzedModel | undefined;
    try {
      planned = request.kind === 'exercise2' ? exercise2Analysis(request) : undefined;
      charge = requestCharge(request, planned);
    } catch (error) {
      throw new QuizError('invalid_variant', error instanceof Error ? error.message : String(error), {
        cause: error,
      });
    }
    const report = charge.report;
    if (report === undefined) return { request, lane: 'light', bytes: 0, allowOnnx: false };
    const macs = report.totals.macs;
    if (request.kind === 'exercise2' && macs > this.macBudget) {
      throw new QuizError(
        'variant_too_large',
        `that network needs ${(macs / 1e9).toFixed(1)} billion multiply-accumulates per image, over the ${(this.macBudget / 1e9).toFixed(0)} billion the quiz runs: choose a smaller image, a larger stride or fewer filters`,
      );
    }
    const room = this.ledger.roomBytes();
    const { bytes, allowOnnx, label } = chargeWithin(charge, room);
    if (charge.pastWasmCeiling || bytes > room) {
      const fixed = this.ledger.fixedBytes();
      const limit = charge.pastWasmCeiling
        ? 'over the 4 GiB a wasm backend can address'
        : `which with the ${formatBytes(fixed)} the quiz and its workers hold is over the ${formatBytes(this.memoryBudgetBytes)} the quiz allows`;
      const side =
        request.kind === 'outputStride' ? largestAdmittedSide(request.architecture, room) : undefined;
      const advice =
        request.kind === 'exercise2'
          ? 'choose a smaller image or fewer filters'
          : request.kind === 'outputStride'
            ? side === undefined
              ? `no input side of ${request.architecture} fits this budget`
              : `choose a smaller input side: the largest this budget admits for ${request.architecture} is ${side}`
            : `${request.kind === 'architectureParams' ? request.architecture : 'it'} does not fit this budget at all`;
      throw new QuizError(
        request.kind === 'exercise2' ? 'variant_too_large' : 'model_too_large',
        `that network needs about ${formatBytes(bytes)} for ${label} on this backend, ${limit}: ${advice}`,
        {
          context: {
            estimateBytes: bytes,
            budgetBytes: this.memoryBudgetBytes,
            ...(side === undefined ? {} : { largestAdmittedSide: side }),
          },
        },
      );
    }
    // Counting parameters builds the network without running it: only its weights are allocated.
    const light =
      request.kind === 'architectureParams'
        ? bytes <= this.lightMaxHeapBytes
        : bytes <= this.lightMaxHeapBytes && macs <= this.lightMaxMacs;
    return {
      request,
      lane: light ? 'light' : 'heavy',
      bytes,
      allowOnnx,
      ...(planned === undefined ? {} : { planned }),
    };
  }

  /** The memory ledger's view: the budget, the fixed part, and what is charged now (bytes). */
  memory(): { budgetBytes: number; fixedBytes: number; usedBytes: number; waiting: number } {
    return {
      budgetBytes: this.memoryBudgetBytes,
      fixedBytes: this.ledger.fixedBytes(),
      usedBytes: this.ledger.usedBytes(),
      waiting: this.memoryWaiters.length,
    };
  }

  async measure(input: MeasurementRequestInput, options: MeasureOptions = {}): Promise<MeasurementResult> {
    const { request, lane, bytes, ...run } = this.plan(input);
    const key = JSON.stringify(request);
    const hit = this.cache.get(key);
    if (hit !== undefined) {
      // Refresh its place in the LRU order.
      this.cache.delete(key);
      this.cache.set(key, hit);
      return { ...(await hit), cached: true, queuedMs: 0, lane };
    }
    const pending = this.run(request, lane, bytes, run, options);
    pending.then(
      () => this.finished.add(pending),
      () => {},
    );
    this.cache.set(key, pending);
    if (this.cache.size > this.cacheSize) this.cache.delete(this.cache.keys().next().value!);
    try {
      return { ...(await pending), cached: false, lane };
    } catch (error) {
      // Failures are not cached (only this run's entry: a newer one for the key stays).
      if (this.cache.get(key) === pending) this.cache.delete(key);
      throw error;
    }
  }

  /**
   * True when `measure(input)` would answer from a finished measurement in the cache, without a
   * model run or waiting for one in flight. Input that `measure` would refuse is not measured: false.
   */
  isMeasured(input: MeasurementRequestInput): boolean {
    let key: string;
    try {
      key = JSON.stringify(this.validated(input));
    } catch {
      return false;
    }
    const hit = this.cache.get(key);
    return hit !== undefined && this.finished.has(hit);
  }

  /** How many measurements the cache holds (successes, and runs still in flight). */
  cachedCount(): number {
    return this.cache.size;
  }

  /** Requests per lane: running now, waiting behind them, and workers retired so far. */
  load(): Record<Lane, { running: number; waiting: number; retired: number }> {
    const of = (state: LaneState) => ({
      running: state.running,
      waiting: state.waiting.length,
      retired: state.retired,
    });
    return { light: of(this.lanes.light), heavy: of(this.lanes.heavy) };
  }

  private async run(
    request: MeasurementRequest,
    lane: Lane,
    bytes: number,
    run: WorkerRun,
    options: MeasureOptions,
  ): Promise<Measurement & { queuedMs: number }> {
    const { value, queuedMs } = await this.inLane(lane, bytes, options, (reservation) =>
      this.runNow(request, lane, reservation, run),
    );
    return { ...value, queuedMs };
  }

  /**
   * Runs `work` when the lane has a free worker and the memory ledger has room for `bytes` beside
   * everything else the process holds, in arrival order; `work` must release its reservation (with
   * what its worker retains) before it returns, or it is released with nothing retained.
   */
  private async inLane<T>(
    lane: Lane,
    bytes: number,
    options: MeasureOptions,
    work: (reservation: { current: Reservation; retained: number }) => Promise<T>,
  ): Promise<{ value: T; queuedMs: number }> {
    const state = this.lanes[lane];
    const queuedAt = performance.now();
    let told = false;
    const tell = () => {
      if (told) return;
      told = true;
      options.onQueued?.({ lane, ahead: state.running + state.waiting.length + this.memoryWaiters.length });
    };
    if (state.running >= this.threads) {
      tell();
      // The finishing run hands its slot straight to the next in line (running stays the same).
      await new Promise<void>((resolve) => state.waiting.push(resolve));
    } else state.running++;
    try {
      const reservation = await this.reserveMemory(lane, bytes, tell);
      const held = { current: reservation, retained: 0 };
      try {
        const value = await work(held);
        return { value, queuedMs: told ? performance.now() - queuedAt : 0 };
      } finally {
        this.ledger.release(held.current, held.retained);
        void this.drainMemory();
      }
    } finally {
      const next = state.waiting.shift();
      if (next === undefined) state.running--;
      else next();
    }
  }

  /** A reservation of `bytes` in the ledger: at once when nobody waits and it fits, else in arrival order. */
  private reserveMemory(lane: Lane, bytes: number, onWait: () => void): Promise<Reservation> {
    if (this.memoryWaiters.length === 0) {
      const decision = this.ledger.decide(lane, bytes);
      if (decision.verdict === 'now') return Promise.resolve(decision.reservation);
      if (decision.verdict === 'never')
        return Promise.reject(
          new QuizError(
            'model_too_large',
            `that run needs about ${formatBytes(bytes)}, over the ${formatBytes(decision.roomBytes)} the memory budget leaves beside the quiz and its workers`,
          ),
        );
    }
    onWait();
    return new Promise<Reservation>((admit) => {
      this.memoryWaiters.push({ lane, bytes, admit });
      void this.drainMemory();
    });
  }

  /**
   * Admits waiting runs while the ledger has room; when the first does not fit and an idle lane's
   * workers still hold heaps from earlier runs, retires those workers (their memory goes back to
   * the system) and tries again. Otherwise a run's end calls this again.
   */
  private async drainMemory(): Promise<void> {
    if (this.draining) return;
    this.draining = true;
    try {
      for (;;) {
        const head = this.memoryWaiters[0];
        if (head === undefined) return;
        const decision = this.ledger.decide(head.lane, head.bytes);
        if (decision.verdict === 'now') {
          this.memoryWaiters.shift();
          head.admit(decision.reservation);
          continue;
        }
        const idle = this.ledger.idleLanesRetaining();
        if (idle.length === 0 || this.closing) return;
        for (const lane of idle) {
          this.lanes[lane].retired++;
          await this.lanes[lane].pool.recycleWorkers();
          this.ledger.retired(lane);
        }
      }
    } finally {
      this.draining = false;
    }
  }

  /** Runs on a worker now: the timeout counts from here, not from when the request was queued. */
  private async runNow(
    request: MeasurementRequest,
    lane: Lane,
    held: { retained: number },
    run: WorkerRun,
  ): Promise<Measurement> {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), this.timeoutMs);
    let reply: WorkerReply;
    try {
      reply = await this.runOnWorker(lane, request, controller.signal, run);
    } catch (error) {
      // Destroying the pools ends every run in flight: that is a restart, not a model too large.
      if (this.closing) throw restartingError(error);
      if (controller.signal.aborted) {
        throw new QuizError(
          'measurement_timeout',
          `building and measuring the model took over ${this.timeoutMs / 1000} s and was stopped`,
        );
      }
      // The worker died (out of memory, or killed by its resource limits); Tinypool starts a new one.
      throw new QuizError(
        'model_too_large',
        'that model was too large to run here: its worker ran out of memory and was replaced; choose a smaller input',
        { cause: error },
      );
    } finally {
      clearTimeout(timer);
    }
    // What the worker keeps after the run (wasm memory never shrinks), unless it was retired.
    held.retained = (await this.retireIfNeeded(lane, reply)) ? 0 : (reply.wasmHeapBytes ?? 0);
    if (!reply.ok) throw replyError(reply);
    return reply.measurement;
  }

  /**
   * wasm memory never shrinks: a worker whose heap grew large is retired, so the memory goes back
   * to the system, and one whose wasm state broke is never reused.
   */
  private async retireIfNeeded(
    lane: Lane,
    reply: { ok: boolean; code?: string; wasmHeapBytes?: number },
  ): Promise<boolean> {
    if (
      (reply.wasmHeapBytes ?? 0) > this.retireHeapBytes ||
      (!reply.ok && reply.code === 'model_too_large')
    ) {
      const state = this.lanes[lane];
      state.retired++;
      await state.pool.recycleWorkers();
      return true;
    }
    return false;
  }

  /**
   * Question 8's picture: from the cache folder when this run was drawn before (same settings and
   * versions: instant), else trained and drawn on a heavy-lane worker, then cached. Concurrent
   * callers share one run.
   */
  async segmentationPicture(options: SegmentationPictureOptions = {}): Promise<SegmentationPicture> {
    const settings = this.pictureSettings;
    const key = segmentationPictureKey(settings);
    const files = segmentationPictureFiles(this.pictureFolder, key);
    const start = performance.now();
    const cached = readCachedSegmentationRun(files);
    if (cached !== undefined)
      return { ...cached, path: files.png, settings, cached: true, elapsedMs: performance.now() - start };
    let pending = this.picturesInFlight.get(key);
    if (pending === undefined) {
      pending = this.inLane('heavy', this.pictureBytes(), options, (held) =>
        this.drawPicture(settings, files, options.onProgress, held),
      )
        .then(({ value }) => ({
          ...value,
          path: files.png,
          settings,
          cached: false,
          elapsedMs: performance.now() - start,
        }))
        .finally(() => this.picturesInFlight.delete(key));
      this.picturesInFlight.set(key, pending);
    }
    return pending;
  }

  /** Whether question 8's picture is cached, being trained now (in this process), or neither. */
  segmentationPictureState(): 'cached' | 'training' | 'none' {
    const key = segmentationPictureKey(this.pictureSettings);
    if (this.picturesInFlight.has(key)) return 'training';
    return readCachedSegmentationRun(segmentationPictureFiles(this.pictureFolder, key)) === undefined
      ? 'none'
      : 'cached';
  }

  /** Trains and draws on a worker, then moves the PNG into the cache with its numbers beside it. */
  private async drawPicture(
    settings: SegmentationPictureSettings,
    files: { png: string; json: string },
    onProgress: ((progress: SegmentationProgress) => void) | undefined,
    held: { retained: number },
  ): Promise<SegmentationRun> {
    try {
      mkdirSync(this.pictureFolder, { recursive: true });
    } catch (error) {
      throw new QuizError(
        'storage_failed',
        `cannot create the picture cache folder ${this.pictureFolder}: ${(error as Error).message}`,
        { cause: error },
      );
    }
    // Written under a temporary name, then renamed: another process never reads half a file.
    const suffix = `.${process.pid}-${Math.random().toString(36).slice(2)}.tmp`;
    const channel = new MessageChannel();
    channel.port1.on('message', (progress: SegmentationProgress) => onProgress?.(progress));
    const task: SegmentationTask = { settings, pngPath: files.png + suffix, progress: channel.port2 };
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), this.pictureTimeoutMs);
    let reply: SegmentationReply;
    try {
      reply = (await this.lanes.heavy.pool.run(task, {
        name: 'drawSegmentationComparison',
        transferList: [channel.port2],
        signal: controller.signal,
      })) as SegmentationReply;
    } catch (error) {
      rmSync(files.png + suffix, { force: true });
      if (this.closing) throw restartingError(error);
      if (controller.signal.aborted)
        throw new QuizError(
          'measurement_timeout',
          `training the segmentation models took over ${this.pictureTimeoutMs / 1000} s and was stopped`,
        );
      throw new QuizError('measurement_failed', 'the worker training the segmentation models stopped', {
        cause: error,
      });
    } finally {
      clearTimeout(timer);
      channel.port1.close();
    }
    held.retained = (await this.retireIfNeeded('heavy', reply)) ? 0 : (reply.wasmHeapBytes ?? 0);
    if (!reply.ok) {
      rmSync(files.png + suffix, { force: true });
      throw replyError(reply);
    }
    renameSync(files.png + suffix, files.png);
    writeFileSync(files.json + suffix, `${JSON.stringify(reply.run, null, 2)}\n`);
    renameSync(files.json + suffix, files.json);
    return reply.run;
  }

  /**
   * What question 8's training is charged in the ledger: not calibrated like the passes (its models
   * and images are small and fixed), so the retire threshold, the most a worker keeps between
   * runs, within what the budget leaves.
   */
  private pictureBytes(): number {
    return Math.min(this.retireHeapBytes, this.ledger.roomBytes());
  }

  /** Set by close(): runs that end after it failed because their workers were stopped. */
  private closing = false;

  async close(): Promise<void> {
    this.closing = true;
    await Promise.all([this.lanes.light.pool.destroy(), this.lanes.heavy.pool.destroy()]);
  }
}

function restartingError(cause: unknown): QuizError {
  return new QuizError(
    'service_restarting',
    'the measuring workers are shutting down (the quiz is stopping or restarting): try again in a minute',
    { cause },
  );
}

/** A worker's error reply as a QuizError with the quiz's code. */
function replyError(reply: { code: string; message: string }): QuizError {
  const code =
    reply.code === 'memory_budget_exceeded'
      ? 'variant_too_large'
      : reply.code === 'model_too_large'
        ? 'model_too_large'
        : 'measurement_failed';
  return new QuizError(code, reply.message);
}

/**
 * The one analysis of an exercise-2 network per request (issue 17), at the request's number format
 * and batch: the ledger charges from it (read as float32, as TensorFlow.js runs every format:
 * admission.ts), the worker builds and prices from it, and the grader's counting conventions read
 * the same cached analysis (a float16 variant was analysed again at float16 by both before).
 */
function exercise2Analysis(request: Extract<MeasurementRequest, { kind: 'exercise2' }>): AnalyzedModel {
  return analyzeExercise2(request.network, { dtype: request.dtype, batchSize: request.batchSize });
}
