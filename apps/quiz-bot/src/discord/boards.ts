import { AttachmentBuilder } from 'discord.js';
import type { QuizStore } from '../store/store';
import { leaderboardChart, leaderboardView } from '../views/index';
import type { PicturePool } from '../views/picture-pool';
import { leaderboardMessage } from './render';

/** A cached board is redrawn after this long even unchanged (a safety net: every recorded answer bumps it). */
export const BOARD_TTL_MS = 30_000;

interface CachedBoard {
  readonly version: number;
  readonly at: number;
  readonly message: ReturnType<typeof leaderboardMessage>;
  readonly png: Buffer | undefined;
}

/**
 * Leaderboards served from a cache that answers invalidate: a board (rows and its PNG) is kept until
 * its group's version changes (every answer recorded bumps it, in its own transaction, in any process:
 * see QuizStore.recordAttempt) or 30 s pass.
 * A `/leaderboard` of an unchanged board costs one indexed read; the picture is drawn in the
 * picture worker, once per change.
 */
export class LeaderboardCache {
  private readonly boards = new Map<string, CachedBoard>();
  constructor(
    private readonly store: QuizStore,
    private readonly pictures: PicturePool,
    private readonly now: () => number,
  ) {}

  /** The reply for a group's board since `since`, titled `title`. */
  async message(groupId: string, since: number, title: string) {
    const key = JSON.stringify([groupId, since, title]);
    const version = await this.store.rounds.boardVersion(groupId);
    const now = this.now();
    let board = this.boards.get(key);
    if (board === undefined || board.version !== version || now - board.at > BOARD_TTL_MS) {
      const view = leaderboardView(await this.store.leaderboard(groupId, { since, limit: 10 }), title);
      const png = view.empty ? undefined : await this.pictures.renderPng(leaderboardChart(view).svg);
      board = { version, at: now, message: leaderboardMessage(view), png };
      this.boards.delete(key);
      this.boards.set(key, board);
      if (this.boards.size > 1_000) this.boards.delete(this.boards.keys().next().value!);
    }
    return {
      embeds: board.message.embeds,
      files: board.png === undefined ? [] : [new AttachmentBuilder(board.png, { name: 'leaderboard.png' })],
    };
  }
}
