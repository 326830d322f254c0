import { sql } from 'kysely';
import type { StudyGroupInfo } from './api';
import { type StoreContext, toNumber } from './context';

/** Study groups, their members and the settings of a scope (a server, a group). */
export class Groups {
  constructor(private readonly context: StoreContext) {}

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
    const result = await this.context.db
      .deleteFrom('memberships')
      .where('group_id', '=', groupId)
      .where('user_id', '=', userId)
      .executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }

  /** The groups a user belongs to whose ids start with `idPrefix`, latest joined first. */
  async of(userId: string, idPrefix: string): Promise<StudyGroupInfo[]> {
    const rows = await this.context.db
      .selectFrom('memberships')
      .innerJoin('study_groups', 'study_groups.id', 'memberships.group_id')
      .select(['study_groups.id as id'])
      .where('memberships.user_id', '=', userId)
      // substr, not LIKE: group ids may hold `_`, a LIKE wildcard, and both databases have substr.
      .where(sql<string>`substr(memberships.group_id, 1, ${idPrefix.length})`, '=', idPrefix)
      .orderBy('memberships.joined_at', 'desc')
      .execute();
    return Promise.all(rows.map(async (row) => (await this.get(row.id))!));
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
