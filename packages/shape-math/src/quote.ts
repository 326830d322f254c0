/** How many characters of a user-given string a message shows before cutting it. */
export const MESSAGE_QUOTE_MAX_CHARACTERS = 80;

/**
 * Quotes a user-given string (a layer name, a kind, an option value) for an error message, JSON
 * style, cut to `max` characters with "…" and the original length, so a 1 MB name cannot make a
 * 1 MB message: `quoteForMessage('a'.repeat(1000), 5)` is `"aaaaa…" (1000 characters)`.
 */
export function quoteForMessage(value: string, max: number = MESSAGE_QUOTE_MAX_CHARACTERS): string {
  if (value.length <= max) return JSON.stringify(value);
  let shown = value.slice(0, Math.max(0, max));
  // Never end on half of a surrogate pair: it would print as a broken character.
  const last = shown.charCodeAt(shown.length - 1);
  if (last >= 0xd800 && last <= 0xdbff) shown = shown.slice(0, -1);
  return `${JSON.stringify(`${shown}…`)} (${value.length.toLocaleString('en-US')} characters)`;
}
