/*
 * The memory budget of the whole process (issue 22): one ledger for every lane of a
 * MeasurementService. Pure bookkeeping and decisions, no timers, no workers; the service asks it
 * before each run and tells it when a run ended.
 *
 * What it counts, all together against one budget:
 * - the process's own baseline (Node, the quiz, the service, no worker);
 * - every worker a lane may hold, at its warm baseline (counted whether or not Tinypool has started
 *   it: a worker may start at any moment);
 * - each worker's wasm heap left from its last run (wasm memory never shrinks: the heap stays
 *   resident until the worker is retired);
 * - each run in flight, at its estimate (both engines' when ONNX Runtime may run beside
 *   TensorFlow.js), on top of its worker's retained heap: a run does not fit its tensors into the
 *   blocks an earlier run freed (admission.ts, `sequentialBytes`: measured, the heap grows again by
 *   up to a whole pass), so a worker counts its retained heap plus its run's estimate.
 */

/** The service's lanes: quiz-sized requests, and big models. */
export type LedgerLane = 'light' | 'heavy';

/** What the ledger needs to know of the process. */
export interface LedgerSettings {
  /** The budget for the whole process, in bytes. */
  readonly budgetBytes: number;
  /** Resident memory of the process with no worker. */
  readonly processBaselineBytes: number;
  /** Resident memory one warm worker adds before any run. */
  readonly workerBaselineBytes: number;
  /** Workers per lane. */
  readonly workersPerLane: number;
}

/** A run admitted by the ledger: which worker slot it holds and the bytes it was charged. */
export interface Reservation {
  readonly lane: LedgerLane;
  readonly slot: number;
  readonly bytes: number;
}

/**
 * What the ledger says of a run charged `bytes`: `now` (reserved), `wait` (it fits an idle process
 * but not beside what runs or is retained now), or `never` (over the budget even alone).
 */
export type LedgerDecision =
  | { readonly verdict: 'now'; readonly reservation: Reservation }
  | { readonly verdict: 'wait'; readonly freeBytes: number }
  | { readonly verdict: 'never'; readonly roomBytes: number };

interface Slot {
  /** Bytes charged to the run in flight on this slot, if any. */
  running: number | undefined;
  /** The worker's heap left from its last run. */
  retained: number;
}

/** One budget for all lanes, all workers and both engines of a process. */
export class MemoryLedger {
  private readonly slots: Record<LedgerLane, Slot[]>;

  constructor(readonly settings: LedgerSettings) {
    const slots = () =>
      Array.from({ length: settings.workersPerLane }, (): Slot => ({ running: undefined, retained: 0 }));
    this.slots = { light: slots(), heavy: slots() };
  }

  /** What the process holds with every worker warm and idle: the part of the budget no run can use. */
  fixedBytes(): number {
    return (
      this.settings.processBaselineBytes +
      2 * this.settings.workersPerLane * this.settings.workerBaselineBytes
    );
  }

  /** The most one run may be charged: the budget less the fixed part (0 when that alone passes the budget). */
  roomBytes(): number {
    return Math.max(0, this.settings.budgetBytes - this.fixedBytes());
  }

  /** Whether a run charged `bytes` fits the budget in an otherwise idle process with no retained heap. */
  fitsAlone(bytes: number): boolean {
    return bytes <= this.roomBytes();
  }

  /** The process's charge now: the fixed part, and each worker's retained heap plus its run. */
  usedBytes(): number {
    let used = this.fixedBytes();
    for (const lane of ['light', 'heavy'] as const)
      for (const slot of this.slots[lane]) used += slot.retained + (slot.running ?? 0);
    return used;
  }

  /**
   * Reserves a free worker of `lane` for a run charged `bytes` when the process stays within the
   * budget; else says whether waiting can help (an idle lane's workers may be retired to free their
   * heaps). Every free worker adds `bytes`: the first is taken.
   */
  decide(lane: LedgerLane, bytes: number): LedgerDecision {
    if (!this.fitsAlone(bytes)) return { verdict: 'never', roomBytes: this.roomBytes() };
    const free = this.slots[lane]
      .map((slot, index) => ({ slot, index }))
      .filter(({ slot }) => slot.running === undefined);
    const used = this.usedBytes();
    const chosen = free[0];
    if (chosen === undefined || used + bytes > this.settings.budgetBytes)
      return { verdict: 'wait', freeBytes: Math.max(0, this.settings.budgetBytes - used) };
    chosen.slot.running = bytes;
    return { verdict: 'now', reservation: { lane, slot: chosen.index, bytes } };
  }

  /** A run ended: its worker now retains `retainedBytes` of heap (0 when the worker was retired). */
  release(reservation: Reservation, retainedBytes: number): void {
    const slot = this.slots[reservation.lane][reservation.slot]!;
    slot.running = undefined;
    slot.retained = Math.max(0, retainedBytes);
  }

  /** Lanes with no run in flight whose workers retain heap: retiring them frees that much. */
  idleLanesRetaining(): LedgerLane[] {
    return (['light', 'heavy'] as const).filter(
      (lane) =>
        this.slots[lane].every((slot) => slot.running === undefined) &&
        this.slots[lane].some((slot) => slot.retained > 0),
    );
  }

  /** The workers of an idle lane were retired: their heaps went back to the system. */
  retired(lane: LedgerLane): void {
    for (const slot of this.slots[lane]) if (slot.running === undefined) slot.retained = 0;
  }
}
