import { describe, expect, test } from 'vitest';
import { externalUserKey, nameKey, QuizError } from '../src/index';

describe('user and group keys from names: Unicode-aware, never merging two people', () => {
  // Each row: two names that must get different keys (the old ASCII-only key merged every pair).
  test.each([
    ['Анна', '李雷'], // Cyrillic and Han: both were "me"
    ['José', 'Jos'], // a letter with an accent is a letter
    ['Анна', 'Anna'], // Cyrillic А (U+0410) looks like Latin A: a different person
    ['Ιωάννης', 'Ιωαννης'], // Greek, with and without tonos
    ['محمد', 'محمود'], // Arabic
    ['राम', 'रम'], // Devanagari: the vowel sign (a mark) is kept
    ['さくら', 'サクラ'], // hiragana and katakana
    ['김민준', '김민'], // Hangul
    ['Zoë', 'Zoe'],
    ['ada1', 'ada2'], // digits
    ['x٣', 'x3'], // Arabic-Indic digit three is a different character from 3
  ])('%j and %j are two users', (a, b) => {
    expect(nameKey(a)).not.toBe(nameKey(b));
  });

  // Each row: spellings of one name that must get one key (NFKC and case folding).
  test.each([
    ['Anna', 'ANNA', 'anna'],
    ['Ａｎｎａ', 'anna', 'anna'], // fullwidth letters (NFKC)
    ['José', 'Jose\u0301', 'josé'], // precomposed é and e + combining acute (NFC/NFKC)
    ['Straße', 'STRASSE', 'strasse'], // full case folding: ß → ss
    ['ΟΔΥΣΣΕΥΣ', 'οδυσσευς', 'οδυσσευσ'], // final sigma folds to σ
    ['ﬁona', 'Fiona', 'fiona'], // the fi ligature (NFKC)
    ['An\u200bna', 'Anna', 'anna'], // a zero-width space names nothing
    ['Study group', 'study  group', 'study-group'], // spaces: one dash, as before
    ['Анна', 'АННА', 'анна'],
    ['李雷', '李雷', '李雷'],
  ])('%j and %j are one user, keyed %j', (a, b, key) => {
    expect(nameKey(a)).toBe(key);
    expect(nameKey(b)).toBe(key);
  });

  test('ASCII keys stay what they were, so existing users keep their history', () => {
    expect(nameKey('Ada')).toBe('ada');
    expect(nameKey('jo.se_b@x-y')).toBe('jo.se_b@x-y');
    expect(nameKey('  Study group!  ')).toBe('study-group');
  });

  test.each([
    ['!!!', 'has no letter or digit'],
    ['   ', 'has no letter or digit'],
    ['\u200b\u200b', 'has no letter or digit'],
    ['-_-', 'has no letter or digit'],
    ['An\uFFFDna', 'is not valid text (invalid UTF-8'], // what Node makes of invalid UTF-8 bytes
    ['\uD800abc', 'is not valid text'], // a lone surrogate
    ['a'.repeat(65), 'at most 64 are allowed'],
  ])('%j is refused: %s', (name, message) => {
    const error = (() => {
      try {
        nameKey(name);
      } catch (e) {
        return e;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(QuizError);
    expect((error as QuizError).code).toBe('invalid_name');
    expect((error as QuizError).message).toContain(message);
  });

  test('invalid UTF-8 bytes decoded by Node are refused, not keyed as another user', () => {
    const decoded = Buffer.from([0x41, 0xff, 0xfe, 0x42]).toString('utf8');
    expect(() => nameKey(decoded)).toThrow(/not valid text/);
  });

  test('a refused huge name is quoted short', () => {
    const error = (() => {
      try {
        nameKey('!'.repeat(1_000_000));
      } catch (e) {
        return e as Error;
      }
      return undefined;
    })();
    expect(error!.message.length).toBeLessThan(200);
  });
});

describe('Discord users are keyed by snowflake, in a namespace no terminal name can reach', () => {
  test('discord:<snowflake>', () => {
    expect(externalUserKey('discord', '80351110224678912')).toBe('discord:80351110224678912');
  });

  test('a terminal user named like a Discord key gets another key', () => {
    expect(nameKey('discord:80351110224678912')).toBe('discord-80351110224678912');
    expect(nameKey('discord:80351110224678912')).not.toContain(':');
  });

  test.each([['Ada'], ['123abc'], [''], ['18446744073709551616']])('%j is not a snowflake', (id) => {
    expect(() => externalUserKey('discord', id)).toThrow(/is not a snowflake/);
  });
});
