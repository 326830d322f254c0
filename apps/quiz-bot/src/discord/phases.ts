/**
 * Per-interaction phase marks for bench/discord.bench.ts (`--phases`): where an interaction's time
 * to its reply goes (gateway packet read, dispatch, resolved, in the lane, scored, reply sent).
 * Off in the bot: `phaseProbe` stays undefined, and each mark is one read of it.
 */
export interface PhaseProbe {
  /** Interaction `interactionId` reached `phase` now. */
  mark(interactionId: string, phase: string): void;
}

/** The probe the bench installs (undefined: no marks, no cost). */
export let phaseProbe: PhaseProbe | undefined;

/** Installs (or, with undefined, removes) the probe. Only the bench calls it. */
export function setPhaseProbe(probe: PhaseProbe | undefined): void {
  phaseProbe = probe;
}
