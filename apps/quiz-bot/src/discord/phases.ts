/**
 * Per-interaction phase marks for bench/discord.bench.ts (`--phases`): where an interaction's time
 * to its reply goes (gateway packet read, dispatch, resolved, in the lane, scored, reply sent).
 * A bot gets its probe from `startBot({ phaseProbe })` (the bench's), kept in its own context, so
 * two bots in one process never mix their marks. Off in the bot: the context has none, and each
 * mark is one read of it.
 */
export interface PhaseProbe {
  /** Interaction `interactionId` reached `phase` now. */
  mark(interactionId: string, phase: string): void;
}
