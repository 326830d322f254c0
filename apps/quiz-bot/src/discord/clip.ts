const GRAPHEMES = new Intl.Segmenter('en', { granularity: 'grapheme' });

/**
 * `text` within `max` UTF-16 code units for one of Discord's limits
 * (https://discord.com/developers/docs/resources/message#embed-object-embed-limits): when longer,
 * cut between user-perceived characters (Intl.Segmenter graphemes, so an emoji, a flag or a letter
 * with its accents is never cut in half and no lone surrogate is sent) and ended with "…".
 * Only the start of a long text is segmented.
 */
export function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  const room = max - 1; // for the "…"
  const window = text.slice(0, room + 64);
  let end = 0;
  for (const { index, segment } of GRAPHEMES.segment(window)) {
    const after = index + segment.length;
    // A cluster reaching the window's edge may go on past it: never kept.
    if (after > room || after === window.length) break;
    end = after;
  }
  return `${text.slice(0, end)}…`;
}
