/** biome-ignore-all lint/suspicious/noExplicitAny: Discord's JSON payloads, read loosely as tests do */
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type WebSocket, WebSocketServer } from 'ws';

/**
 * A Discord API emulator for end-to-end tests with the real discord.js client: REST under
 * `/api/v10` and a WebSocket gateway, both on 127.0.0.1 and port 0. It keeps what the bot did
 * (command registrations, interaction callbacks, webhook edits and follow-ups) for tests to await,
 * and injects what users do (slash commands, buttons, modal submits) as gateway events.
 *
 * Facts checked against discord.js 14.28: only the client's `rest.api` option needs pointing here
 * (the gateway URL comes from GET /gateway/bot); paths arrive percent-encoded (`%40original`);
 * JSON responses need `Content-Type: application/json`; INTERACTION_CREATE is dropped unless it
 * carries `entitlements` and `authorizing_integration_owners`; READY needs `application`.
 */

const DISCORD_EPOCH = 1_420_070_400_000n;
let increment = 0n;
/** A snowflake for now: milliseconds since Discord's epoch in the top bits, as Discord makes them. */
export function snowflake(at = Date.now()): string {
  increment = (increment + 1n) & 0xfffn;
  return (((BigInt(at) - DISCORD_EPOCH) << 22n) | (1n << 17n) | increment).toString();
}

export interface EmulatedUser {
  readonly id: string;
  readonly username: string;
}

export interface EmulatedGuild {
  readonly id: string;
  readonly name: string;
}

/** Discord permission bits (https://discord.com/developers/docs/topics/permissions). */
export const PERMISSIONS = {
  none: 0n,
  /** View channel, send messages, use application commands. */
  member: (1n << 10n) | (1n << 11n) | (1n << 31n),
  manageGuild: 1n << 5n,
} as const;

/** A file the bot attached, as Discord receives it (the multipart part's file name and bytes). */
export interface Upload {
  readonly name: string;
  readonly bytes: Buffer;
}

export type BotAction =
  | { kind: 'callback'; type: number; data: any; files: number; uploads: Upload[] }
  | { kind: 'edit'; data: any; files: number; uploads: Upload[] }
  | { kind: 'followup'; data: any; files: number; uploads: Upload[] }
  | { kind: 'delete' };

/** One injected interaction, with everything the bot answered to it, in order. */
export class InteractionHandle {
  readonly actions: BotAction[] = [];
  private readonly waiters: (() => void)[] = [];
  constructor(
    readonly id: string,
    readonly token: string,
    readonly sentAt: number,
    /** `performance.now()` when it was sent (sub-millisecond, this thread's clock; see `requests`' `hrAt`). */
    readonly sentHr: number = performance.now(),
  ) {}

  /** The INTERACTION_CREATE payload, for redelivery. */
  payload: unknown;

  record(action: BotAction) {
    this.actions.push(action);
    for (const wake of this.waiters.splice(0)) wake();
  }

  /**
   * Resolves with the first action that matches, waiting up to `timeoutMs`: a guard against a reply
   * that never comes, not a speed check (the bot answers in milliseconds; with two test files at
   * once on a shared two-core machine, 5 s was once not enough).
   */
  async waitFor(predicate: (action: BotAction) => boolean, timeoutMs = 30_000): Promise<BotAction> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.actions.find(predicate);
      if (found !== undefined) return found;
      const left = deadline - Date.now();
      if (left <= 0)
        throw new Error(
          `interaction ${this.id}: nothing matched within ${timeoutMs} ms; got ${JSON.stringify(this.actions).slice(0, 800)}`,
        );
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  /** The interaction callback (reply, defer, modal, update). */
  callback(timeoutMs?: number) {
    return this.waitFor((a) => a.kind === 'callback', timeoutMs) as Promise<
      Extract<BotAction, { kind: 'callback' }>
    >;
  }

  /** The action that shows the reply: the callback (a reply), or the first edit after a deferral. */
  async final(timeoutMs?: number): Promise<Extract<BotAction, { kind: 'callback' | 'edit' }>> {
    const callback = await this.callback(timeoutMs);
    if (callback.type !== 5 && callback.type !== 6) return callback;
    return (await this.waitFor((a) => a.kind === 'edit', timeoutMs)) as Extract<BotAction, { kind: 'edit' }>;
  }

  /** The final visible message: the callback's message or the latest edit of a deferred reply. */
  async message(timeoutMs?: number): Promise<any> {
    const callback = await this.callback(timeoutMs);
    if (callback.type === 5 || callback.type === 6) {
      const edit = await this.waitFor((a) => a.kind === 'edit', timeoutMs);
      return (edit as Extract<BotAction, { kind: 'edit' }>).data;
    }
    return callback.data;
  }
}

interface GatewaySession {
  readonly id: string;
  /** [shard id, shard count] from IDENTIFY. */
  readonly shard: readonly [number, number];
  sequence: number;
  /** Dispatches sent in this session, for RESUME replays. */
  readonly sent: { s: number; t: string; d: unknown }[];
  socket: WebSocket | undefined;
}

export interface FailureRule {
  readonly method?: string;
  readonly path: RegExp;
  readonly status: 429 | 500 | 502 | 503;
  /** How many matching requests fail (default 1). */
  times: number;
  readonly retryAfterSeconds?: number;
}

export interface EmulatorOptions {
  readonly token: string;
  readonly applicationId?: string;
  readonly guilds?: readonly EmulatedGuild[];
  readonly heartbeatIntervalMs?: number;
}

export class DiscordEmulator {
  readonly token: string;
  readonly applicationId: string;
  readonly botUser: EmulatedUser;
  readonly guilds: readonly EmulatedGuild[];
  /** Registered commands: 'global' or a guild id → the commands there. */
  readonly commands = new Map<string, any[]>();
  /**
   * Every REST request answered: method, decoded path, the status answered, its JSON body
   * (payload_json for uploads), `at` in Date.now() ms, `hrAt` in `performance.now()` ms
   * (sub-millisecond), and its size as it came over the wire: `headBytes` (request line and
   * headers, as Node's parser gives them back) and `bodyBytes` (chunked framing not counted).
   */
  readonly requests: {
    method: string;
    path: string;
    status: number;
    body: any;
    at: number;
    hrAt: number;
    headBytes: number;
    bodyBytes: number;
  }[] = [];
  /** TCP connections the HTTP server accepted (REST and gateway alike). */
  connections = 0;
  readonly failures: FailureRule[] = [];
  identifyCount = 0;
  resumeCount = 0;
  private readonly interactions = new Map<string, InteractionHandle>();
  private readonly interactionsByToken = new Map<string, InteractionHandle>();
  private readonly sessions = new Map<string, GatewaySession>();
  private readonly sockets = new Set<WebSocket>();
  private readonly heartbeatIntervalMs: number;
  private readyWaiters: (() => void)[] = [];

  private constructor(
    private readonly server: Server,
    private readonly wss: WebSocketServer,
    options: EmulatorOptions,
  ) {
    this.token = options.token;
    this.applicationId = options.applicationId ?? snowflake();
    this.botUser = { id: this.applicationId, username: 'cnnkit-quiz' };
    this.guilds = options.guilds ?? [{ id: snowflake(), name: 'Study server' }];
    this.heartbeatIntervalMs = options.heartbeatIntervalMs ?? 41_250;
  }

  static async start(options: EmulatorOptions): Promise<DiscordEmulator> {
    const server = createServer();
    const wss = new WebSocketServer({ noServer: true });
    const emulator = new DiscordEmulator(server, wss, options);
    server.on('request', (req, res) => {
      emulator.handleHttp(req, res).catch((error) => {
        res.writeHead(500, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ message: String(error), code: 0 }));
      });
    });
    server.on('connection', () => {
      emulator.connections++;
    });
    server.on('upgrade', (req, socket, head) => {
      wss.handleUpgrade(req, socket, head, (ws) => emulator.handleSocket(ws));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return emulator;
  }

  get port(): number {
    return (this.server.address() as AddressInfo).port;
  }
  /** What discord.js' `rest.api` option takes. */
  get apiUrl(): string {
    return `http://127.0.0.1:${this.port}/api`;
  }
  get gatewayUrl(): string {
    return `ws://127.0.0.1:${this.port}`;
  }

  async close(): Promise<void> {
    for (const socket of this.sockets) socket.terminate();
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  // ---------------------------------------------------------------- REST

  private async handleHttp(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const method = req.method ?? 'GET';
    const path = decodeURIComponent(url.pathname).replace(/^\/api\/v10/, '');
    const body = await readBody(req);
    const headBytes = requestHeadBytes(req);
    const reply = (status: number, payload?: unknown, extraHeaders: Record<string, string> = {}) => {
      this.requests.push({
        method,
        path,
        status,
        body: body.json,
        at: Date.now(),
        hrAt: performance.now(),
        headBytes,
        bodyBytes: body.bytes,
      });
      const headers: Record<string, string> = {
        'x-ratelimit-limit': '50',
        'x-ratelimit-remaining': '49',
        'x-ratelimit-reset-after': '1',
        'x-ratelimit-reset': String(Date.now() / 1000 + 1),
        'x-ratelimit-bucket': `bucket-${path.split('/')[1] ?? 'root'}`,
        ...extraHeaders,
      };
      if (payload === undefined) {
        res.writeHead(status, headers);
        res.end();
      } else {
        res.writeHead(status, { ...headers, 'content-type': 'application/json' });
        res.end(JSON.stringify(payload));
      }
    };

    // Interaction callbacks and webhooks authenticate by the interaction token in the path, as on Discord.
    const tokenInPath = /^\/(interactions|webhooks)\//.test(path);
    if (!tokenInPath && req.headers.authorization !== `Bot ${this.token}`) {
      return reply(401, { message: '401: Unauthorized', code: 0 });
    }
    const rule = this.failures.find(
      (r) => r.times > 0 && r.path.test(path) && (r.method ?? method) === method,
    );
    if (rule !== undefined) {
      rule.times--;
      if (rule.status === 429) {
        const after = rule.retryAfterSeconds ?? 0.05;
        return reply(
          429,
          { message: 'You are being rate limited.', retry_after: after, global: false },
          { 'retry-after': String(after), 'x-ratelimit-remaining': '0', 'x-ratelimit-scope': 'user' },
        );
      }
      return reply(rule.status, { message: 'Internal Server Error', code: 0 });
    }

    const app = this.applicationId;
    const commandsMatch = path.match(
      new RegExp(`^/applications/${app}(?:/guilds/(\\d+))?/commands(?:/(\\d+))?$`),
    );
    const callbackMatch = path.match(/^\/interactions\/(\d+)\/([^/]+)\/callback$/);
    const webhookMatch = path.match(new RegExp(`^/webhooks/${app}/([^/]+)(?:/messages/([^/]+))?$`));
    if (method === 'GET' && path === '/gateway/bot') {
      return reply(200, {
        url: this.gatewayUrl,
        shards: 1,
        session_start_limit: { total: 1000, remaining: 999, reset_after: 0, max_concurrency: 1 },
      });
    }
    if (method === 'GET' && path === '/users/@me') return reply(200, this.userObject(this.botUser, true));
    if (commandsMatch !== null) {
      const match = commandsMatch;
      const scope = match[1] ?? 'global';
      const list = this.commands.get(scope) ?? [];
      this.commands.set(scope, list);
      const id = match[2];
      const json = body.json as any;
      const stored = (command: any, existingId?: string) => ({
        type: 1,
        ...command,
        id: existingId ?? snowflake(),
        application_id: app,
        version: snowflake(),
        ...(scope === 'global' ? {} : { guild_id: scope }),
      });
      if (method === 'GET' && id === undefined) return reply(200, list);
      if (method === 'PUT' && id === undefined) {
        const next = (json as any[]).map((c) => stored(c, list.find((o) => o.name === c.name)?.id));
        list.splice(0, list.length, ...next);
        return reply(200, list);
      }
      if (method === 'POST' && id === undefined) {
        const index = list.findIndex((c) => c.name === json.name);
        const command = stored(json, index >= 0 ? list[index].id : undefined);
        if (index >= 0) list[index] = command;
        else list.push(command);
        return reply(index >= 0 ? 200 : 201, command);
      }
      const index = list.findIndex((c) => c.id === id);
      if (index < 0) return reply(404, { message: 'Unknown application command', code: 10063 });
      if (method === 'GET') return reply(200, list[index]);
      if (method === 'PATCH') {
        list[index] = { ...list[index], ...json, version: snowflake() };
        return reply(200, list[index]);
      }
      if (method === 'DELETE') {
        list.splice(index, 1);
        return reply(204);
      }
    }
    if (callbackMatch !== null && method === 'POST') {
      const match = callbackMatch;
      const handle = this.interactions.get(match[1]!);
      if (handle === undefined || handle.token !== match[2])
        return reply(404, { message: 'Unknown interaction', code: 10062 });
      if (handle.actions.some((a) => a.kind === 'callback'))
        return reply(400, { message: 'Interaction has already been acknowledged.', code: 40060 });
      const payload = body.json as any;
      handle.record({
        kind: 'callback',
        type: payload.type,
        data: payload.data ?? {},
        files: body.files,
        uploads: body.uploads,
      });
      if (url.searchParams.get('with_response') === 'true') {
        return reply(200, {
          interaction: { id: handle.id, type: 2, response_message_id: snowflake() },
          resource: { type: payload.type, message: this.messageObject(payload.data ?? {}) },
        });
      }
      return reply(204);
    }
    if (webhookMatch !== null) {
      const match = webhookMatch;
      const handle = this.interactionsByToken.get(match[1]!);
      if (handle === undefined) return reply(404, { message: 'Unknown Webhook', code: 10015 });
      const message = match[2];
      if (message === undefined && method === 'POST') {
        handle.record({ kind: 'followup', data: body.json, files: body.files, uploads: body.uploads });
        return reply(200, this.messageObject(body.json));
      }
      if (method === 'PATCH') {
        handle.record({ kind: 'edit', data: body.json, files: body.files, uploads: body.uploads });
        return reply(200, this.messageObject(body.json));
      }
      if (method === 'GET') return reply(200, this.messageObject({}));
      if (method === 'DELETE') {
        handle.record({ kind: 'delete' });
        return reply(204);
      }
    }
    return reply(404, { message: `404: Not Found (${method} ${path})`, code: 0 });
  }

  /** The next `times` requests to a path fail with `status` (a 429 carries retry_after). */
  failNext(rule: Omit<FailureRule, 'times'> & { times?: number }) {
    this.failures.push({ ...rule, times: rule.times ?? 1 });
  }

  private userObject(user: EmulatedUser, bot = false) {
    return {
      id: user.id,
      username: user.username,
      global_name: user.username,
      discriminator: '0',
      avatar: null,
      bot,
      flags: 0,
      public_flags: 0,
    };
  }

  private messageObject(data: any) {
    return {
      id: snowflake(),
      type: 0,
      channel_id: '1',
      author: this.userObject(this.botUser, true),
      content: data?.content ?? '',
      embeds: data?.embeds ?? [],
      components: data?.components ?? [],
      attachments: [],
      mentions: [],
      mention_roles: [],
      mention_everyone: false,
      pinned: false,
      tts: false,
      timestamp: new Date().toISOString(),
      edited_timestamp: null,
      flags: data?.flags ?? 0,
    };
  }

  // ---------------------------------------------------------------- gateway

  private handleSocket(socket: WebSocket) {
    this.sockets.add(socket);
    let session: GatewaySession | undefined;
    const send = (payload: unknown) => socket.send(JSON.stringify(payload));
    send({ op: 10, s: null, t: null, d: { heartbeat_interval: this.heartbeatIntervalMs } });
    socket.on('close', () => {
      this.sockets.delete(socket);
      if (session?.socket === socket) session.socket = undefined;
    });
    socket.on('message', (raw) => {
      let payload: { op: number; d: any };
      try {
        payload = JSON.parse(String(raw));
      } catch {
        socket.close(4002, 'Decode error');
        return;
      }
      switch (payload.op) {
        case 1:
          send({ op: 11, s: null, t: null, d: null });
          return;
        case 2: {
          if (payload.d?.token !== this.token) {
            socket.close(4004, 'Authentication failed.');
            return;
          }
          this.identifyCount++;
          const shard: [number, number] = Array.isArray(payload.d.shard)
            ? [Number(payload.d.shard[0]), Number(payload.d.shard[1])]
            : [0, 1];
          // A new IDENTIFY of a shard ends that shard's previous session.
          for (const [id, old] of this.sessions) if (old.shard[0] === shard[0]) this.sessions.delete(id);
          session = { id: randomBytes(16).toString('hex'), shard, sequence: 0, sent: [], socket };
          this.sessions.set(session.id, session);
          this.dispatch(session, 'READY', {
            v: 10,
            user: this.userObject(this.botUser, true),
            guilds: this.guildsOf(shard).map((g) => ({ id: g.id, unavailable: true })),
            session_id: session.id,
            resume_gateway_url: this.gatewayUrl,
            application: { id: this.applicationId, flags: 0 },
            shard,
          });
          for (const guild of this.guildsOf(shard))
            this.dispatch(session, 'GUILD_CREATE', this.guildObject(guild));
          for (const wake of this.readyWaiters.splice(0)) wake();
          return;
        }
        case 6: {
          const resumed = this.sessions.get(payload.d?.session_id);
          if (resumed === undefined || payload.d?.token !== this.token) {
            send({ op: 9, s: null, t: null, d: false });
            return;
          }
          this.resumeCount++;
          session = resumed;
          session.socket = socket;
          for (const event of session.sent.filter((e) => e.s > Number(payload.d.seq ?? 0)))
            send({ op: 0, ...event });
          this.dispatch(session, 'RESUMED', {});
          for (const wake of this.readyWaiters.splice(0)) wake();
          return;
        }
        default:
          return;
      }
    });
  }

  private dispatch(session: GatewaySession, t: string, d: unknown) {
    const event = { s: ++session.sequence, t, d };
    session.sent.push(event);
    if (session.sent.length > 1000) session.sent.shift();
    session.socket?.send(JSON.stringify({ op: 0, ...event }));
  }

  private guildObject(guild: EmulatedGuild) {
    return {
      id: guild.id,
      name: guild.name,
      icon: null,
      owner_id: snowflake(),
      unavailable: false,
      member_count: 1,
      large: false,
      joined_at: new Date().toISOString(),
      features: [],
      roles: [
        {
          id: guild.id,
          name: '@everyone',
          permissions: String(PERMISSIONS.member),
          position: 0,
          color: 0,
          hoist: false,
          managed: false,
          mentionable: false,
          flags: 0,
        },
      ],
      emojis: [],
      stickers: [],
      channels: [
        {
          id: guild.id,
          type: 0,
          name: 'general',
          position: 0,
          guild_id: guild.id,
          permission_overwrites: [],
        },
      ],
      threads: [],
      members: [],
      presences: [],
      voice_states: [],
      stage_instances: [],
      guild_scheduled_events: [],
      soundboard_sounds: [],
      preferred_locale: 'en-US',
      premium_tier: 0,
      verification_level: 0,
      default_message_notifications: 0,
      explicit_content_filter: 0,
      mfa_level: 0,
      nsfw_level: 0,
      system_channel_flags: 0,
    };
  }

  /** Discord's routing: a server belongs to shard (server id >> 22) % shard count. */
  private static shardOf(guildId: string, count: number): number {
    return Number((BigInt(guildId) >> 22n) % BigInt(count));
  }

  private guildsOf(shard: readonly [number, number]): EmulatedGuild[] {
    return this.guilds.filter((g) => DiscordEmulator.shardOf(g.id, shard[1]) === shard[0]);
  }

  /** The current session: the latest IDENTIFY's, or the one of the shard that serves a server. */
  private sessionFor(guildId?: string): GatewaySession {
    const all = [...this.sessions.values()];
    const session =
      guildId === undefined
        ? all.at(-1)
        : [...all].reverse().find((s) => DiscordEmulator.shardOf(guildId, s.shard[1]) === s.shard[0]);
    if (session === undefined) throw new Error('no bot has identified for that server yet');
    return session;
  }

  private get currentSession(): GatewaySession {
    return this.sessionFor();
  }

  /** Resolves when the bot is connected (a READY or RESUMED was sent). */
  async waitForConnection(timeoutMs = 30_000): Promise<void> {
    if ([...this.sessions.values()].some((s) => s.socket !== undefined)) return;
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('the bot did not connect')), timeoutMs);
      this.readyWaiters.push(() => {
        clearTimeout(timer);
        resolve();
      });
    });
  }

  /** Closes the bot's gateway connection as a network fault would (the client should RESUME). */
  dropConnection(code = 4000) {
    const session = this.currentSession;
    const socket = session.socket;
    session.socket = undefined;
    if (code === 1006) socket?.terminate();
    else socket?.close(code, 'emulated drop');
  }

  /** Ends the session: op 9 INVALID_SESSION (not resumable), so the client must IDENTIFY again. */
  invalidateSession() {
    const session = this.currentSession;
    session.socket?.send(JSON.stringify({ op: 9, s: null, t: null, d: false }));
    this.sessions.delete(session.id);
  }

  // ---------------------------------------------------------------- interactions

  private inject(as: Actor, type: number, data: unknown, message?: unknown): InteractionHandle {
    const id = snowflake();
    const token = `tok_${randomBytes(24).toString('base64url')}`;
    const handle = new InteractionHandle(id, token, Date.now(), performance.now());
    this.interactions.set(id, handle);
    this.interactionsByToken.set(token, handle);
    const dispatchPayload = (payload: unknown) => {
      handle.payload = payload;
      this.dispatch(this.sessionFor(guildId), 'INTERACTION_CREATE', payload);
    };
    const guildId = as.guildId ?? this.guilds[0]!.id;
    const user = this.userObject(as.user);
    const permissions = String(as.permissions ?? PERMISSIONS.member);
    if (as.dm === true) {
      // A direct message to the bot: no server, no member; `user` and a DM channel instead (context 1).
      const channelId = snowflake();
      dispatchPayload({
        id,
        application_id: this.applicationId,
        type,
        token,
        version: 1,
        channel_id: channelId,
        channel: { id: channelId, type: 1, recipients: [user] },
        user,
        app_permissions: String(PERMISSIONS.member),
        locale: 'en-US',
        entitlements: [],
        authorizing_integration_owners: { '1': as.user.id },
        context: 1,
        data,
      });
      return handle;
    }
    dispatchPayload({
      id,
      application_id: this.applicationId,
      type,
      token,
      version: 1,
      guild_id: guildId,
      channel_id: guildId,
      channel: { id: guildId, type: 0, guild_id: guildId, name: 'general' },
      member: {
        user,
        roles: [],
        permissions,
        joined_at: new Date().toISOString(),
        nick: null,
        avatar: null,
        deaf: false,
        mute: false,
        flags: 0,
        pending: false,
        premium_since: null,
        communication_disabled_until: null,
      },
      app_permissions: String(PERMISSIONS.member),
      locale: 'en-US',
      guild_locale: 'en-US',
      entitlements: [],
      authorizing_integration_owners: { '0': guildId },
      context: 0,
      data,
      ...(message === undefined ? {} : { message }),
    });
    return handle;
  }

  /** Sends any gateway dispatch as is (malformed payloads included). */
  dispatchRaw(t: string, d: unknown) {
    this.dispatch(this.currentSession, t, d);
  }

  /** Delivers the same INTERACTION_CREATE again, as a gateway may after a reconnect. */
  redeliver(handle: InteractionHandle) {
    this.dispatch(
      this.sessionFor((handle.payload as { guild_id: string }).guild_id),
      'INTERACTION_CREATE',
      handle.payload,
    );
  }

  /** A user runs a slash command: `options` as Discord sends them ({ name, type, value } or subcommands). */
  slash(as: Actor, name: string, options: readonly SlashOption[] = []): InteractionHandle {
    const registered = [...this.commands.values()].flat().find((c) => c.name === name);
    return this.inject(as, 2, { id: registered?.id ?? snowflake(), name, type: 1, options });
  }

  /** A user clicks a button on a message the bot sent. */
  button(as: Actor, customId: string, message: any = {}): InteractionHandle {
    return this.inject(as, 3, { custom_id: customId, component_type: 2 }, this.messageObject(message));
  }

  /** A user submits a modal: `fields` are the text inputs' custom ids and values. */
  modalSubmit(as: Actor, customId: string, fields: Record<string, string>): InteractionHandle {
    return this.inject(as, 5, {
      custom_id: customId,
      components: Object.entries(fields).map(([id, value]) => ({
        type: 1,
        components: [{ type: 4, custom_id: id, value }],
      })),
    });
  }

  /** Anything else: an interaction type or payload the bot does not know. */
  raw(as: Actor, type: number, data: unknown): InteractionHandle {
    return this.inject(as, type, data);
  }
}

export interface Actor {
  readonly user: EmulatedUser;
  /** True: the interaction comes from a direct message with the bot, not from a server. */
  readonly dm?: boolean;
  readonly guildId?: string;
  readonly permissions?: bigint;
}

export type SlashOption =
  | { name: string; type: number; value: string | number | boolean }
  | { name: string; type: 1 | 2; options: SlashOption[] };

/** Option builders, with Discord's option type numbers. */
export const opt = {
  string: (name: string, value: string): SlashOption => ({ name, type: 3, value }),
  integer: (name: string, value: number): SlashOption => ({ name, type: 4, value }),
  sub: (name: string, options: SlashOption[] = []): SlashOption => ({ name, type: 1, options }),
};

/** The bytes of a request's line and headers as sent: `METHOD url HTTP/1.1`, `name: value` lines, a blank line. */
function requestHeadBytes(req: IncomingMessage): number {
  let bytes = Buffer.byteLength(`${req.method} ${req.url} HTTP/${req.httpVersion}\r\n\r\n`);
  for (let i = 0; i < req.rawHeaders.length; i += 2)
    bytes += Buffer.byteLength(`${req.rawHeaders[i]}: ${req.rawHeaders[i + 1]}\r\n`);
  return bytes;
}

/** Reads a request body: JSON, or multipart (payload_json plus files) when the bot attaches files. */
async function readBody(
  req: IncomingMessage,
): Promise<{ json: unknown; files: number; uploads: Upload[]; bytes: number }> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const buffer = Buffer.concat(chunks);
  if (buffer.length === 0) return { json: undefined, files: 0, uploads: [], bytes: 0 };
  const type = req.headers['content-type'] ?? '';
  if (type.startsWith('multipart/form-data')) {
    const form = await new Response(buffer, { headers: { 'content-type': type } }).formData();
    const uploads: Upload[] = [];
    for (const [key, value] of form.entries())
      if (key.startsWith('files[') && typeof value !== 'string')
        uploads.push({ name: value.name, bytes: Buffer.from(await value.arrayBuffer()) });
    const payload = form.get('payload_json');
    return {
      json: typeof payload === 'string' ? JSON.parse(payload) : undefined,
      files: uploads.length,
      uploads,
      bytes: buffer.length,
    };
  }
  return { json: JSON.parse(buffer.toString('utf8')), files: 0, uploads: [], bytes: buffer.length };
}
