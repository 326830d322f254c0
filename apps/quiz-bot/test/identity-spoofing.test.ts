import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { afterAll, describe, expect, test, vi } from 'vitest';
import { mixedScriptLookalikes, skeleton } from '../src/confusables';
import { nameKey, openStore, QuizEngine, QuizError } from '../src/index';
import { cutGraphemes, withoutInvisible } from '../src/text';

const caught = (run: () => unknown): QuizError => {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(QuizError);
    return error as QuizError;
  }
  throw new Error('not refused');
};

describe('names that render the same are one user, or refused', () => {
  // Each of these was shown as "ada" on the leaderboard, as a different user (issue 22).
  test.each([
    ['ada\u034F', 'U+034F COMBINING GRAPHEME JOINER'],
    ['ada\uFE0F', 'U+FE0F VARIATION SELECTOR-16'],
    ['ada\u3164', 'U+3164 HANGUL FILLER'],
    ['\u115Fada', 'U+115F HANGUL CHOSEONG FILLER'],
    ['a\u180Eda', 'U+180E MONGOLIAN VOWEL SEPARATOR'],
    ['ada\u{E0041}', 'U+E0041 TAG LATIN CAPITAL LETTER A'],
  ])('%j (with %s, a Default_Ignorable_Code_Point) is the user "ada"', (name) => {
    expect(nameKey(name)).toBe('ada');
  });

  test('Cyrillic "аda" is refused, naming the character, its script and what it imitates', () => {
    const error = caught(() => nameKey('\u0430da', 'the user name'));
    expect(error.code).toBe('invalid_name');
    expect(error.message).toBe(
      'the user name "аda" mixes scripts that look alike: "а" (U+0430, Cyrillic) looks like Latin "a"; write it in one script (names in different scripts, such as "Анна" and "Anna", are different people)',
    );
  });

  test.each([
    ['pаypal'], // Cyrillic а inside Latin
    ['Аnna'], // Cyrillic capital А
    ['ρaypal'], // Greek ρ
    ['αlpha'], // Greek α
    ['Ivan Иван'], // the same name in two scripts, side by side, can pass for either
  ])('%j mixes scripts confusably: refused', (name) => {
    expect(caught(() => nameKey(name)).code).toBe('invalid_name');
  });

  // Different scripts stay different people; mixing scripts with nothing to confuse is allowed.
  test.each([
    ['Анна', 'анна'],
    ['Anna', 'anna'],
    ['Ελλάδα', 'ελλάδα'],
    ['José 李', 'josé-李'],
    ['Tokyo東京', 'tokyo東京'],
    ['ヤマダ taro', 'ヤマダ-taro'],
    ['山田さくら', '山田さくら'], // Han with hiragana: Japanese, one writing system (UTS #39 §5.1)
    ['Ωmega', 'ωmega'],
  ])('%j is accepted as %j', (name, key) => {
    expect(nameKey(name)).toBe(key);
  });

  test('the skeleton and the detection come from the full confusables.txt data', () => {
    // UTS #39 §4 examples and well-known rows of confusables.txt (not a list written here).
    expect(skeleton('paypal')).toBe(skeleton('pаypal'));
    expect(skeleton('m')).toBe('rn'); // 006D → 0072 006E
    expect(skeleton('𝖺')).toBe('a'); // mathematical sans-serif a
    expect(skeleton('Ꭺ')).toBe('A'); // Cherokee A
    expect(mixedScriptLookalikes('Ꭺda').map((l) => l.imitates)).toEqual([{ script: 'Latn', character: 'A' }]);
  });
});

describe('text is cut between graphemes, and printed without invisible characters', () => {
  test('cutGraphemes never cuts an emoji in half', () => {
    const family = '👨‍👩‍👧‍👦'; // one grapheme, 11 UTF-16 code units
    const name = `${'a'.repeat(60)}${family}${family}`;
    expect(name.slice(0, 61)).toMatch(/[\uD800-\uDBFF]$/); // the old cut: half a surrogate pair
    expect(cutGraphemes(name, 61)).toBe(`${'a'.repeat(60)}${family}`);
    expect(cutGraphemes('🇫🇷🇩🇪', 1)).toBe('🇫🇷');
    // A cut string is always well-formed UTF-16 (encodes to valid UTF-8 and back unchanged).
    const cut = cutGraphemes(`${'x'.repeat(63)}😀`, 64);
    expect(Buffer.from(cut, 'utf8').toString('utf8')).toBe(cut);
  });

  test('a text of at most max code units is kept whole without segmenting it; a longer one is cut', () => {
    const segment = vi.spyOn(Intl.Segmenter.prototype, 'segment');
    try {
      // 3 graphemes in 6 code units (e + a combining acute each): within 6, kept as it is.
      expect(cutGraphemes('e\u0301'.repeat(3), 6)).toBe('e\u0301'.repeat(3));
      expect(cutGraphemes('', 0)).toBe('');
      expect(segment).not.toHaveBeenCalled();
      // One unit past max: segmented and cut, though within 4 × max units.
      expect(cutGraphemes('abc', 2)).toBe('ab');
      expect(cutGraphemes('e\u0301'.repeat(3), 2)).toBe('e\u0301'.repeat(2));
      expect(segment).toHaveBeenCalledTimes(2);
    } finally {
      segment.mockRestore();
    }
  });

  test('withoutInvisible removes controls and default-ignorables but keeps emoji whole', () => {
    expect(withoutInvisible('\u001b[2Jada\u034F\u200B')).toBe('[2Jada');
    expect(withoutInvisible('👩‍💻 ❤️')).toBe('👩‍💻 ❤️');
    expect(withoutInvisible('a\nb', { keepNewlines: true })).toBe('a\nb');
    expect(withoutInvisible('a\nb')).toBe('ab');
  });

  test('printable ASCII, kept whole at once, is what the character walk keeps too', () => {
    const ascii = Array.from({ length: 0x7f - 0x20 }, (_, i) => String.fromCharCode(0x20 + i)).join('');
    // The shortcut: all 95 printable ASCII characters come back as they are.
    expect(withoutInvisible(ascii)).toBe(ascii);
    // The walk (an "é" makes the text leave ASCII): it keeps every one of them as well.
    expect(withoutInvisible(`${ascii}é`)).toBe(`${ascii}é`);
    expect(withoutInvisible(`${ascii}é`, { keepNewlines: true })).toBe(`${ascii}é`);
    // Just outside: DEL and a tab are controls, removed in both ways.
    expect(withoutInvisible('a\u007fb\tc')).toBe('abc');
  });
});

describe('through the engine, on a real database', () => {
  const folder = mkdtempSync(join(tmpdir(), 'cnnkit-identity-'));
  afterAll(() => rmSync(folder, { recursive: true, force: true }));
  const noModels = { measure: () => Promise.reject(new Error('no model runs in this test')) };

  test('a display name of 64 graphemes ending in an emoji is stored whole, valid UTF-8 for any reader', async () => {
    const path = join(folder, 'names.db');
    const store = await openStore({ sqlitePath: path });
    const engine = new QuizEngine({ store, measurer: noModels });
    const name = `${'b'.repeat(63)}👨‍👩‍👧‍👦xyz`;
    await engine.answer({
      userId: 'b',
      displayName: name,
      groupId: 'g',
      questionId: 3,
      answer: 'smaller batch and fp16',
    });
    const [row] = await engine.leaderboard('g', 'all');
    expect(row?.displayName).toBe(`${'b'.repeat(63)}👨‍👩‍👧‍👦`);
    await store.close();
    // Read back as bytes, as Python's sqlite3 would: valid UTF-8.
    const raw = new SqliteDatabase(path, { readonly: true });
    raw.defaultSafeIntegers(false);
    const bytes = raw.prepare('select cast(display_name as blob) as b from users').get() as { b: Buffer };
    raw.close();
    expect(new TextDecoder('utf-8', { fatal: true }).decode(bytes.b)).toBe(row?.displayName);
  });

  test('an answer that is only invalid UTF-8 is refused as unreadable: not stored, not graded, streak kept', async () => {
    const store = await openStore({ sqlitePath: join(folder, 'answers.db') });
    const engine = new QuizEngine({ store, measurer: noModels });
    const who = { userId: 'c', displayName: 'C', groupId: 'g' };
    // Question 5, part "across": option b is right (src/questions/q05-local-response-normalization.ts).
    const first = await engine.answer({ ...who, questionId: 5, partId: 'across', answer: 'b' });
    expect(first.grade.correct).toBe(true);
    expect(first.streak).toBe(1);
    // What Node makes of the bytes FF FE (no UTF-8 at all) on the command line.
    const unreadable = Buffer.from([0xff, 0xfe, 0x20, 0xc3]).toString('utf8');
    expect(unreadable).toMatch(/^\uFFFD+ \uFFFD$/u);
    const error = await engine.answer({ ...who, questionId: 1, answer: unreadable }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect((error as QuizError).code).toBe('invalid_answer');
    expect((error as QuizError).message).toContain('could not be read');
    expect(await store.countAttempts({ userId: 'c' })).toBe(1);
    expect((await store.userStats('c', 'g')).streak).toBe(first.streak);
    await store.close();
  });
});
