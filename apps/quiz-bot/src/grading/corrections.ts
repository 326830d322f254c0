/**
 * The words a student uses to take back what they just wrote ("b. Actually no, a."; "903,400 — no
 * wait, 902,700"), one vocabulary for the choice reader and the figure reader, so a phrase learned
 * by one is known to the other. Phrases are plain words; the readers build their patterns from them
 * (a comma may follow any word: "sorry, I mean", "no, wait").
 */

/** Phrases that take back what came before them, whatever it was. */
export const TAKE_BACK_PHRASES: readonly string[] = [
  'actually no',
  'no wait',
  'wait no',
  'sorry i mean',
  'i meant',
  'scratch that',
  'or rather',
  'make that',
  'correction',
  'oops',
  'nope',
];

/**
 * Words that take back a bare figure or pick, but also open a reason ("b, actually, since c would be
 * instance norm"): each reader decides from what comes before them.
 */
export const HEDGED_TAKE_BACK_PHRASES: readonly string[] = ['actually', 'wait', 'i mean'];

/** A phrase as a pattern's source: any space may be a comma and spaces ("sorry, I mean"). */
export function takeBackSource(phrases: readonly string[]): string {
  return phrases.map((phrase) => phrase.split(' ').join(',?\\s+')).join('|');
}
