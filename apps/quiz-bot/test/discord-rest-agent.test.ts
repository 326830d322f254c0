import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { REST } from 'discord.js';
import { Agent } from 'undici';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { restAgent } from '../src/discord/bot';
import { opt, snowflake } from './discord-emulator/emulator';
import { startHarness } from './discord-emulator/harness';

/**
 * The bot's REST requests go through a bounded, kept-alive agent (issue 20: under a burst, undici's
 * global agent opened a connection for every request that found none idle, ~9% of the bot's thread).
 * A local HTTP server on 127.0.0.1 counts the TCP connections it accepts.
 */
describe('the REST agent', () => {
  let server: Server;
  let connections = 0;
  let api = '';

  beforeAll(async () => {
    server = createServer((_req, res) => {
      // A slow API: each request holds its connection for 30 ms, so concurrent requests need several.
      setTimeout(() => {
        res.writeHead(204);
        res.end();
      }, 30);
    });
    server.on('connection', () => connections++);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    api = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  /** 20 interaction callbacks at once (each its own rate-limit bucket: all sent together). */
  async function burst(rest: REST): Promise<number> {
    connections = 0;
    await Promise.all(
      Array.from({ length: 20 }, () =>
        rest.post(`/interactions/${snowflake()}/token/callback`, { auth: false, body: { type: 5 } }),
      ),
    );
    return connections;
  }

  test('20 requests at once open at most the bound of connections, and all go through', async () => {
    const agent = restAgent(4);
    const rest = new REST({ api, agent, globalRequestsPerSecond: 10_000 });
    expect(await burst(rest)).toBeLessThanOrEqual(4);
    // Kept alive: a second burst opens none.
    expect(await burst(rest)).toBe(0);
    await agent.destroy();
  });

  test('the control: without it (undici global agent) the same burst opens a connection per request', async () => {
    const rest = new REST({ api, globalRequestsPerSecond: 10_000 });
    expect(await burst(rest)).toBeGreaterThan(4);
  });

  test('the bot sends on such an agent, and still answers', async () => {
    const h = await startHarness({
      measurer: { measure: () => Promise.reject(new Error('no model here')), close: async () => {} },
    });
    try {
      const agent = (h.bot.client.rest as unknown as { agent: unknown }).agent;
      expect(agent).toBeInstanceOf(Agent);
      const handle = h.emulator.slash(
        { user: { id: snowflake(), username: 'ada' }, guildId: h.guild.id },
        'answer',
        [opt.integer('question', 5), opt.string('part', 'across'), opt.string('answer', 'b')],
      );
      const message = await handle.message(10_000);
      expect(JSON.stringify(message)).toContain('points');
    } finally {
      await h.close();
    }
  });
});
