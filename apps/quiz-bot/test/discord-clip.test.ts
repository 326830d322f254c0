import { describe, expect, test } from 'vitest';
import { BotError, friendlyMessage } from '../src/discord/errors';
import { clip, leaderboardMessage } from '../src/discord/render';
import { leaderboardView } from '../src/views/results';

/** True when `text` holds a UTF-16 surrogate without its pair (what a cut inside an emoji leaves). */
const loneSurrogate = (text: string) =>
  /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(text);

/** Discord's limits are cut between user-perceived characters (issue 20: render.ts cut with `.slice`). */
describe('cuts for Discord limits', () => {
  test('text within the limit is kept as it is', () => {
    expect(clip('👩‍💻 ada', 256)).toBe('👩‍💻 ada');
  });

  test.each([
    // 254 letters, then a 5-code-unit emoji (👩 ZWJ 💻) across the 255th unit: the emoji goes whole.
    ['a ZWJ emoji', `${'a'.repeat(254)}👩‍💻tail`, 'a'.repeat(254)],
    // A flag is two regional indicators (4 code units): never one of them alone.
    ['a flag', `${'b'.repeat(253)}🇫🇷🇫🇷`, 'b'.repeat(253)],
    // "e" + U+0301 (combining acute) is one character: cut before the "e", not between the two.
    ['a combining accent', `${'c'.repeat(254)}e\u0301xyz`, 'c'.repeat(254)],
  ])('%s at the limit is left out whole, then "…"', (_name, text, kept) => {
    const cut = clip(text, 256);
    expect(cut).toBe(`${kept}…`);
    expect(cut.length).toBeLessThanOrEqual(256);
    expect(loneSurrogate(cut)).toBe(false);
  });

  test('a long text of emoji: at most the limit, whole characters only', () => {
    const cut = clip('😀'.repeat(3000), 4000);
    // 2 code units each: 1,999 of them (3,998 units) and "…" fit in 3,999 + 1.
    expect(cut).toBe(`${'😀'.repeat(1999)}…`);
    expect(loneSurrogate(cut)).toBe(false);
  });

  test("a group's name in a leaderboard title is cut whole, wherever the limit falls in an emoji", () => {
    for (let pad = 236; pad <= 246; pad++) {
      const { embeds } = leaderboardMessage(leaderboardView([], `${'g'.repeat(pad)}${'🧑‍🔬'.repeat(4)}`));
      const title = embeds[0]!.toJSON().title!;
      expect(title.length).toBeLessThanOrEqual(256);
      expect(loneSurrogate(title)).toBe(false);
    }
  });

  test('an error sentence echoing user text is cut whole at 1,900, wherever the limit falls', () => {
    for (let pad = 1860; pad <= 1900; pad++) {
      const message = friendlyMessage(
        new BotError('unknown_group', `there is no group "${'x'.repeat(pad)}${'🏳️‍🌈'.repeat(6)}"`),
      );
      expect(message.length).toBeLessThanOrEqual(1900);
      expect(loneSurrogate(message)).toBe(false);
    }
  });
});
