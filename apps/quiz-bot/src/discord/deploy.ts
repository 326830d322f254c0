import { type REST, Routes } from 'discord.js';
import { COMMANDS } from './commands/index';

export interface DeployPlan {
  readonly create: readonly string[];
  readonly update: readonly string[];
  readonly remove: readonly string[];
  readonly unchanged: readonly string[];
}

/** The fields we set, in a canonical form: Discord adds ids, versions and defaults we compare without. */
function comparable(command: Record<string, unknown>): string {
  const pick = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(pick);
    if (value !== null && typeof value === 'object') {
      const out: Record<string, unknown> = {};
      for (const key of Object.keys(value).sort()) {
        const v = (value as Record<string, unknown>)[key];
        if (
          [
            'id',
            'application_id',
            'version',
            'guild_id',
            'dm_permission',
            'nsfw',
            'integration_types',
            'name_localizations',
            'description_localizations',
          ].includes(key)
        )
          continue;
        if (
          v === undefined ||
          v === null ||
          (key === 'required' && v === false) ||
          (Array.isArray(v) && v.length === 0)
        )
          continue;
        out[key] = pick(v);
      }
      return out;
    }
    return value;
  };
  return JSON.stringify(pick({ type: 1, ...command }));
}

/** What to change so the registered commands equal the desired ones: pure, for tests and dry runs. */
export function planDeploy(
  registered: readonly { id: string; name: string; [key: string]: unknown }[],
  desired: readonly { name: string; [key: string]: unknown }[],
): DeployPlan & { updates: { id: string; name: string }[]; removals: { id: string; name: string }[] } {
  const byName = new Map(registered.map((c) => [c.name, c]));
  const wanted = new Set(desired.map((c) => c.name));
  const create: string[] = [];
  const updates: { id: string; name: string }[] = [];
  const unchanged: string[] = [];
  for (const command of desired) {
    const existing = byName.get(command.name);
    if (existing === undefined) create.push(command.name);
    else if (comparable(existing) !== comparable(command))
      updates.push({ id: existing.id, name: command.name });
    else unchanged.push(command.name);
  }
  const removals = registered.filter((c) => !wanted.has(c.name)).map((c) => ({ id: c.id, name: c.name }));
  return {
    create,
    update: updates.map((u) => u.name),
    remove: removals.map((r) => r.name),
    unchanged,
    updates,
    removals,
  };
}

/** Registers the commands globally or on one server, changing only those that differ. */
export async function deployCommands(
  rest: REST,
  applicationId: string,
  guildId?: string,
): Promise<DeployPlan> {
  const list =
    guildId === undefined
      ? Routes.applicationCommands(applicationId)
      : Routes.applicationGuildCommands(applicationId, guildId);
  const one = (id: string) =>
    guildId === undefined
      ? Routes.applicationCommand(applicationId, id)
      : Routes.applicationGuildCommand(applicationId, guildId, id);
  const registered = (await rest.get(list)) as { id: string; name: string }[];
  const desired = COMMANDS.map((c) => c.data);
  const plan = planDeploy(registered, desired as never);
  for (const name of plan.create) await rest.post(list, { body: desired.find((c) => c.name === name) });
  for (const { id, name } of plan.updates)
    await rest.patch(one(id), { body: desired.find((c) => c.name === name) });
  for (const { id } of plan.removals) await rest.delete(one(id));
  return { create: plan.create, update: plan.update, remove: plan.remove, unchanged: plan.unchanged };
}
