import type { QuizStore } from '../store/store';

/** A remembered membership is read again from the store after this long (a safety net: see GroupMemberships). */
export const MEMBERSHIP_TTL_MS = 60_000;
/** At most this many (user, server) pairs are remembered; the oldest go first. */
export const MEMBERSHIPS_KEPT = 10_000;

/** The named group a user plays in on a server, or null for the whole server. */
export type Membership = { readonly id: string; readonly name: string } | null;

interface Remembered {
  readonly membership: Membership;
  readonly at: number;
}

/**
 * The named group each user plays in on each server, remembered so that an answer (every one reads
 * it, to score in the right group) does not query the store each time (issue 20: a store read on
 * the interaction thread per answer). A membership changes only through `/group create`, `join` and
 * `leave` on that server, which Discord routes to the one process (shard) serving it: those call
 * `forget` once their write is stored. A read that began before a `forget` is not remembered (it
 * may be older than the write), nor shared with a later one. Anything else that changes a membership (the store edited by hand,
 * two processes serving one server during a deploy) is seen after MEMBERSHIP_TTL_MS (60 s) at most.
 */
export class GroupMemberships {
  private readonly kept = new Map<string, Remembered>();
  private readonly reading = new Map<string, Promise<Membership>>();
  private generation = 0;
  /**
   * @param store - where memberships are read (`groupsOf`)
   * @param now - the clock for the TTL (ms)
   * @param ttlMs - how long a membership is remembered (default MEMBERSHIP_TTL_MS)
   */
  constructor(
    private readonly store: Pick<QuizStore, 'groupsOf'>,
    private readonly now: () => number,
    private readonly ttlMs = MEMBERSHIP_TTL_MS,
  ) {}

  /**
   * The named group (id and name) that `userId` joined last among `groupIdPrefix`'s (a server's
   * groups), or null when none: remembered, else read from the store (`groupsOf`).
   */
  async of(userId: string, groupIdPrefix: string): Promise<Membership> {
    const key = `${userId}\n${groupIdPrefix}`;
    const at = this.now();
    const remembered = this.kept.get(key);
    if (remembered !== undefined && at - remembered.at < this.ttlMs) return remembered.membership;
    // A user's two answers sent together share one read.
    const reading = this.reading.get(key);
    if (reading !== undefined) return reading;
    const generation = this.generation;
    const read = this.store.groupsOf(userId, groupIdPrefix).then(([latest]) => {
      const membership: Membership = latest === undefined ? null : { id: latest.id, name: latest.name };
      if (generation === this.generation) {
        this.kept.delete(key); // re-inserted last: the Map's order is the eviction order
        this.kept.set(key, { membership, at });
        if (this.kept.size > MEMBERSHIPS_KEPT) this.kept.delete(this.kept.keys().next().value as string);
      }
      return membership;
    });
    this.reading.set(key, read);
    const done = () => {
      if (this.reading.get(key) === read) this.reading.delete(key);
    };
    read.then(done, done);
    return read;
  }

  /** A membership of `userId` among `groupIdPrefix`'s groups changed (after the write is stored). */
  forget(userId: string, groupIdPrefix: string): void {
    this.generation++;
    this.kept.delete(`${userId}\n${groupIdPrefix}`);
    this.reading.delete(`${userId}\n${groupIdPrefix}`);
  }
}
