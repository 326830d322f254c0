import type { QuizStore } from '../store/store';
import { BotError } from './errors';

/**
 * The bot's view of its store, for `stop()` (bot.ts): until `close`, every call goes through as it
 * is (counted while under way); from `close` on, a call that starts is refused at once with a
 * `bot_restarting` error, and a call under way that fails fails with one too (its cause kept).
 * So an answer still being scored when the store goes away ends in one of two truthful ways: its
 * write committed before (and its reply shows it), or it never started or was rolled back (a write
 * is one transaction: one that fails commits nothing), and its user is told nothing was recorded,
 * never a store error. `settled` waits for the calls under way (bounded) before the store closes.
 */
export class StoreGate {
  /** The gated store: hand this one to the engine and the handlers. */
  readonly store: QuizStore;
  private closedBy: BotError | undefined;
  private underWay = 0;
  private idle: (() => void)[] = [];

  constructor(target: QuizStore) {
    this.store = this.gated(target) as QuizStore;
  }

  /** Store calls started and not yet settled. */
  get pending(): number {
    return this.underWay;
  }

  /** From now on no store call starts (each is refused with `reason`). Once. */
  close(reason: BotError): void {
    this.closedBy ??= reason;
  }

  /** Waits until no store call is under way, or `ms` passed; true when none is. */
  async settled(ms: number): Promise<boolean> {
    if (this.underWay === 0) return true;
    let timer: NodeJS.Timeout | undefined;
    let idle: (() => void) | undefined;
    await Promise.race([
      new Promise<void>((resolve) => {
        idle = resolve;
        this.idle.push(resolve);
      }),
      new Promise<void>((resolve) => {
        timer = setTimeout(resolve, ms);
      }),
    ]);
    clearTimeout(timer);
    // Timed out: its waiter leaves the list (it would otherwise stay until the calls settle).
    this.idle = this.idle.filter((waiting) => waiting !== idle);
    return this.underWay === 0;
  }

  /**
   * A proxy of `target` whose methods are gated (a wrapper made once per method, not per call) and whose
   * `rounds` (an object of methods) is gated too; `close` and plain values pass through.
   */
  private gated(target: object): object {
    // By the method itself, not its name: a method replaced on the target (a test's spy) is seen.
    const methods = new WeakMap<object, unknown>();
    let rounds: object | undefined;
    return new Proxy(target, {
      get: (object, property, receiver) => {
        const value: unknown = Reflect.get(object, property, receiver);
        if (property === 'rounds' && typeof value === 'object' && value !== null) {
          rounds ??= this.gated(value);
          return rounds;
        }
        if (typeof value !== 'function' || property === 'close') return value;
        let method = methods.get(value);
        if (method === undefined) {
          method = this.gatedMethod(object, value as (...args: unknown[]) => unknown);
          methods.set(value, method);
        }
        return method;
      },
    });
  }

  private gatedMethod(target: object, method: (...args: unknown[]) => unknown) {
    const done = () => {
      this.underWay--;
      if (this.underWay === 0 && this.idle.length > 0) {
        const waiting = this.idle;
        this.idle = [];
        for (const resolve of waiting) resolve();
      }
    };
    return (...args: unknown[]): unknown => {
      if (this.closedBy !== undefined) return Promise.reject(this.closedBy);
      const result = Reflect.apply(method, target, args);
      if (!(result instanceof Promise)) return result;
      this.underWay++;
      return result.then(
        (value: unknown) => {
          done();
          return value;
        },
        (error: unknown) => {
          done();
          const closedBy = this.closedBy;
          throw closedBy === undefined
            ? error
            : new BotError('bot_restarting', closedBy.message, { cause: error });
        },
      );
    };
  }
}
