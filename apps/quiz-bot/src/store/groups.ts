import { sql } from 'kysely';
import type { StudyGroupInfo } from './api';
import { type StoreContext, toNumber } from './context';

/**
 * What tells a process whether another connection changed the database since it last looked:
 * SQLite's `PRAGMA data_version` on the store's own connection (sqlite.org/pragma.html#pragma_data_version:
 * it changes when any other connection commits, never for this connection's own commits).
 */
export type DataVersion = () => number;

/** At most this many users' group lists are kept (oldest dropped). */
const GROUPS_OF_CACHE_LIMIT = 10_000;

/** A user's groups with a prefix, latest joined first, each with its member count: one query. */
function compileGroupsOf({ db, compile }: StoreContext) {
  return compile<
    { userId: string; idPrefix: string },
    { id: string; name: string; createdAt: number; members: number }
  >(['userId', 'idPrefix'], (p) =>
    db
      .selectFrom('memberships')
      .innerJoin('study_groups', 'study_groups.id', 'memberships.group_id')
      .select((eb) => [
        'study_groups.id as id',
        'study_groups.name as name',
        'study_groups.created_at as createdAt',
        eb
          .selectFrom('memberships as others')
          .select(eb.fn.countAll<number>().as('n'))
          .whereRef('others.group_id', '=', 'study_groups.id')
          .as('members'),
      ])
      .where('memberships.user_id', '=', p.userId)
      // substr, not LIKE: group ids may hold `_`, a LIKE wildcard, and both databases have substr.
      // The cast names the parameter's type for PostgreSQL (length is overloaded there).
      .where(
        sql<string>`substr(memberships.group_id, 1, length(cast(${p.idPrefix} as text)))`,
        '=',
        sql<string>`cast(${p.idPrefix} as text)`,
      )
      .orderBy('memberships.joined_at', 'desc'),
  );
}

/**
 * Study groups, their members and the settings of a scope (a server, a group). With a `dataVersion`
 * (SQLite), the groups of a user (`of`, asked on every Discord answer) are kept in memory, and
 * dropped:
 * - when another connection (another process, or another store on the same file) has committed
 *   anything since they were read (SQLite's data version moves only for other connections' commits);
 * - when this store changes a membership (a join, a leave, a user's first answer in a group): that
 *   user's lists of the prefixes the group's id has, and every user's list that holds the group (its
 *   member count changed). The others stay: a burst of first answers in the whole-server group does
 *   not empty everyone's, nor the answering users' lists of their named groups (issue 20).
 */
export class Groups {
  private readonly groupsOf: ReturnType<typeof compileGroupsOf>;
  /** Each user's kept lists, one per id prefix. */
  private readonly kept = new Map<string, Map<string, { version: number; groups: StudyGroupInfo[] }>>();
  /** For each group id, the users whose kept lists hold it. */
  private readonly holders = new Map<string, Set<string>>();
  /** Bumped by each of this store's membership writes: a read begun before one is not kept. */
  private writes = 0;

  constructor(
    private readonly context: StoreContext,
    private readonly dataVersion?: DataVersion,
  ) {
    this.groupsOf = compileGroupsOf(context);
  }

  /**
   * This store changed `userId`'s membership of `groupId` (call after the write, committed or not):
   * forgets that user's lists whose prefix the group's id has, and every list that holds the group.
   */
  membershipsChanged(userId: string, groupId: string): void {
    this.writes++;
    // The user's lists of the prefixes the group has (a first answer in the whole-server group
    // leaves the list of its named groups, which Discord asks for, as it was)…
    const lists = this.kept.get(userId);
    for (const idPrefix of [...(lists?.keys() ?? [])])
      if (groupId.startsWith(idPrefix)) lists!.delete(idPrefix);
    // …and every list that holds the group: its member count changed.
    for (const holder of [...(this.holders.get(groupId) ?? [])]) this.forget(holder);
  }

  private forget(userId: string): void {
    const lists = this.kept.get(userId);
    if (lists === undefined) return;
    this.kept.delete(userId);
    for (const { groups } of lists.values())
      for (const group of groups) {
        const holders = this.holders.get(group.id);
        holders?.delete(userId);
        if (holders?.size === 0) this.holders.delete(group.id);
      }
  }

  private keep(userId: string, idPrefix: string, version: number, groups: StudyGroupInfo[]): void {
    let lists = this.kept.get(userId);
    if (lists === undefined) {
      lists = new Map();
      this.kept.set(userId, lists);
      if (this.kept.size > GROUPS_OF_CACHE_LIMIT) this.forget(this.kept.keys().next().value!);
    }
    lists.set(idPrefix, { version, groups });
    // A holder left over from a list this one replaced only costs a needless drop later.
    for (const group of groups) {
      const holders = this.holders.get(group.id);
      if (holders === undefined) this.holders.set(group.id, new Set([userId]));
      else holders.add(userId);
    }
  }

  /** Creates a study group; false when one with this id exists already. */
  async create(group: { id: string; name: string }, at: number): Promise<boolean> {
    const inserted = await this.context.db
      .insertInto('study_groups')
      .values({ id: group.id, name: group.name, created_at: at })
      .onConflict((oc) => oc.column('id').doNothing())
      .returning('id')
      .executeTakeFirst();
    return inserted !== undefined;
  }

  /** A group with its member count, if it exists. */
  async get(id: string): Promise<StudyGroupInfo | undefined> {
    const row = await this.context.db
      .selectFrom('study_groups')
      .leftJoin('memberships', 'memberships.group_id', 'study_groups.id')
      .select((eb) => [
        'study_groups.id as id',
        'study_groups.name as name',
        'study_groups.created_at as createdAt',
        eb.fn.count<number>('memberships.user_id').as('members'),
      ])
      .where('study_groups.id', '=', id)
      .groupBy(['study_groups.id', 'study_groups.name', 'study_groups.created_at'])
      .executeTakeFirst();
    return row === undefined
      ? undefined
      : { id: row.id, name: row.name, createdAt: toNumber(row.createdAt), members: toNumber(row.members) };
  }

  /** Adds (or re-adds) a user to a group, creating or renaming the user. */
  async join(groupId: string, userId: string, displayName: string, at: number): Promise<void> {
    try {
      await this.joinUncached(groupId, userId, displayName, at);
    } finally {
      this.membershipsChanged(userId, groupId);
    }
  }

  private async joinUncached(groupId: string, userId: string, displayName: string, at: number) {
    await this.context.db.transaction().execute(async (trx) => {
      await trx
        .insertInto('users')
        .values({ id: userId, display_name: displayName, created_at: at })
        .onConflict((oc) => oc.column('id').doUpdateSet({ display_name: displayName }))
        .execute();
      await trx
        .insertInto('memberships')
        .values({ group_id: groupId, user_id: userId, joined_at: at })
        .onConflict((oc) => oc.columns(['group_id', 'user_id']).doUpdateSet({ joined_at: at }))
        .execute();
    });
  }

  /** False when the user was not a member. */
  async leave(groupId: string, userId: string): Promise<boolean> {
    try {
      const result = await this.context.db
        .deleteFrom('memberships')
        .where('group_id', '=', groupId)
        .where('user_id', '=', userId)
        .executeTakeFirst();
      return Number(result.numDeletedRows) > 0;
    } finally {
      this.membershipsChanged(userId, groupId);
    }
  }

  /** The groups a user belongs to whose ids start with `idPrefix`, latest joined first. */
  async of(userId: string, idPrefix: string): Promise<StudyGroupInfo[]> {
    if (this.dataVersion === undefined) return this.read(userId, idPrefix);
    // Read before the query: a commit by another connection in between makes the kept list look
    // older than it is (read again next time), never newer.
    const version = this.dataVersion();
    const kept = this.kept.get(userId)?.get(idPrefix);
    if (kept !== undefined && kept.version === version) return kept.groups.map((g) => ({ ...g }));
    const writes = this.writes;
    const groups = await this.read(userId, idPrefix);
    if (writes === this.writes) this.keep(userId, idPrefix, version, groups);
    return groups.map((g) => ({ ...g }));
  }

  private async read(userId: string, idPrefix: string): Promise<StudyGroupInfo[]> {
    const { rows } = await this.groupsOf.run(this.context.db, { userId, idPrefix });
    return rows.map((row) => ({
      id: row.id,
      name: row.name,
      createdAt: toNumber(row.createdAt),
      members: toNumber(row.members),
    }));
  }

  /** A setting of a scope, if set. */
  async setting(scope: string, key: string): Promise<string | undefined> {
    const row = await this.context.db
      .selectFrom('bot_settings')
      .select('value')
      .where('scope', '=', scope)
      .where('key', '=', key)
      .executeTakeFirst();
    return row?.value;
  }

  /** Sets (or replaces) a setting of a scope. */
  async setSetting(scope: string, key: string, value: string, at: number): Promise<void> {
    await this.context.db
      .insertInto('bot_settings')
      .values({ scope, key, value, updated_at: at })
      .onConflict((oc) => oc.columns(['scope', 'key']).doUpdateSet({ value, updated_at: at }))
      .execute();
  }
}
