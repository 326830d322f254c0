import { QuizError } from '../errors';
import { type BucketState, type RateLimitPolicy, takeToken } from '../rate-limit';

/** The commands that cost real work (a picture, a model run): limited per user and per server. */
export const EXPENSIVE_COMMANDS: ReadonlySet<string> = new Set(['leaderboard', 'explain', 'compute']);

/** Limits of the expensive commands: each user, and each server all together. */
export interface CommandLimits {
  readonly perUser: RateLimitPolicy;
  readonly perServer: RateLimitPolicy;
}

/** 3 at once then one per 10 s for a user; 10 at once then one per second for a whole server. */
export const DEFAULT_COMMAND_LIMITS: CommandLimits = {
  perUser: { capacity: 3, perSecond: 1 / 10 },
  perServer: { capacity: 10, perSecond: 1 },
};

/**
 * Token buckets for the expensive commands, kept in this process: a server's interactions all
 * reach one shard, so its bucket is exact; a user's is per shard (the answer limit, which guards
 * the scores, is the one kept in the store).
 */
export class CommandLimiter {
  private readonly users = new Map<string, BucketState>();
  private readonly servers = new Map<string, BucketState>();
  constructor(private readonly limits: CommandLimits = DEFAULT_COMMAND_LIMITS) {}

  /** Takes a token for the user and one for the server (if any); throws `rate_limited` with when to retry. */
  take(command: string, userId: string, serverId: string | null, now: number): void {
    const user = takeToken(this.users.get(userId), now, this.limits.perUser);
    const server =
      serverId === null ? undefined : takeToken(this.servers.get(serverId), now, this.limits.perServer);
    if (user.waitMs > 0)
      throw new QuizError(
        'rate_limited',
        `/${command} and the other picture and model commands are limited to ${this.limits.perUser.capacity} at once per person: try again in ${Math.ceil(user.waitMs / 1000)} s`,
        { context: { waitMs: user.waitMs, scope: 'user' } },
      );
    if (server !== undefined && server.waitMs > 0)
      throw new QuizError(
        'rate_limited',
        `this server is using /${command} and the other picture and model commands a lot right now: try again in ${Math.ceil(server.waitMs / 1000)} s`,
        { context: { waitMs: server.waitMs, scope: 'server' } },
      );
    // Both allowed: only now are the tokens spent (a refusal by one costs nothing from the other).
    this.remember(this.users, userId, user.state);
    if (server !== undefined && serverId !== null) this.remember(this.servers, serverId, server.state);
  }

  private remember(map: Map<string, BucketState>, key: string, state: BucketState): void {
    map.delete(key);
    map.set(key, state);
    if (map.size > 50_000) map.delete(map.keys().next().value!);
  }
}
