import { describe, expect, test } from 'vitest';
import { GroupMemberships, MEMBERSHIP_TTL_MS } from '../src/discord/memberships';
import type { StudyGroupInfo } from '../src/store/api';

/**
 * The remembered group memberships (issue 20: no store read per answer for the answer's group).
 * A fake store counts the reads and answers what the test says; the clock is the test's.
 */
describe('group memberships remembered between answers', () => {
  const PREFIX = 'discord-1-';
  const owls = { id: 'discord-1-night-owls', name: 'Night Owls' } as StudyGroupInfo;

  function fixture() {
    const state = { groups: [] as StudyGroupInfo[], reads: 0, now: 0 };
    const held: (() => void)[] = [];
    let hold = false;
    const store = {
      async groupsOf(_userId: string, _prefix: string) {
        state.reads++;
        const answer = [...state.groups];
        if (hold) await new Promise<void>((resolve) => held.push(resolve));
        return answer;
      },
    };
    const memberships = new GroupMemberships(store, () => state.now);
    return {
      state,
      memberships,
      /** Reads wait until the function returned is called (each answers what the store held when it began). */
      holdReads: () => {
        hold = true;
        return () => {
          hold = false;
          for (const resolve of held.splice(0)) resolve();
        };
      },
    };
  }

  test('read once, then answered from memory until the TTL runs out', async () => {
    const { state, memberships } = fixture();
    state.groups = [owls];
    expect(await memberships.of('discord:ada', PREFIX)).toEqual({ id: owls.id, name: owls.name });
    expect(await memberships.of('discord:ada', PREFIX)).toEqual({ id: owls.id, name: owls.name });
    expect(state.reads).toBe(1);
    // Another user, or another server, is another read.
    expect(await memberships.of('discord:grace', PREFIX)).toEqual({ id: owls.id, name: owls.name });
    expect(await memberships.of('discord:ada', 'discord-2-')).toEqual({ id: owls.id, name: owls.name });
    expect(state.reads).toBe(3);
    // The whole server (no named group) is remembered too.
    state.groups = [];
    state.now = MEMBERSHIP_TTL_MS - 1;
    expect(await memberships.of('discord:ada', PREFIX)).toEqual({ id: owls.id, name: owls.name });
    state.now = MEMBERSHIP_TTL_MS;
    expect(await memberships.of('discord:ada', PREFIX)).toBeNull();
    expect(await memberships.of('discord:ada', PREFIX)).toBeNull();
    expect(state.reads).toBe(4);
  });

  test("a user's answers sent together share one read", async () => {
    const { state, memberships, holdReads } = fixture();
    state.groups = [owls];
    const release = holdReads();
    const both = [memberships.of('discord:ada', PREFIX), memberships.of('discord:ada', PREFIX)];
    release();
    expect(await Promise.all(both)).toEqual([owls, owls].map(({ id, name }) => ({ id, name })));
    expect(state.reads).toBe(1);
  });

  test('a /group join or leave is seen at once: forgotten after its write', async () => {
    const { state, memberships } = fixture();
    expect(await memberships.of('discord:ada', PREFIX)).toBeNull();
    state.groups = [owls];
    memberships.forget('discord:ada', PREFIX);
    expect(await memberships.of('discord:ada', PREFIX)).toEqual({ id: owls.id, name: owls.name });
    expect(state.reads).toBe(2);
  });

  test('a read begun before a change is not remembered: it may be older than the write', async () => {
    const { state, memberships, holdReads } = fixture();
    const release = holdReads();
    // An answer reads (the server, no group yet) while the user's /group join is being stored.
    const answering = memberships.of('discord:ada', PREFIX);
    state.groups = [owls];
    memberships.forget('discord:ada', PREFIX);
    // An answer after the change does not share the read begun before it.
    const after = memberships.of('discord:ada', PREFIX);
    release();
    expect(await after).toEqual({ id: owls.id, name: owls.name });
    expect(await answering).toBeNull(); // what it read, for that answer
    // The next answer is answered from memory: the read after the change.
    expect(await memberships.of('discord:ada', PREFIX)).toEqual({ id: owls.id, name: owls.name });
    expect(state.reads).toBe(2);
  });
});
