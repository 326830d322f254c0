import { createRequire } from 'node:module';
import { UNICODE_SCRIPTS } from './unicode-scripts';

/**
 * Unicode Technical Standard #39 (Unicode Security Mechanisms, unicode.org/reports/tr39/):
 * the skeleton of a string (§4) and mixed-script detection (§5.1), from the full confusable
 * mapping, confusables.txt, as the `unhomoglyph` package ships it (every line of the file, as
 * a JSON map from a code point to its prototype).
 */

/** confusables.txt: each confusable code point to its prototype (one or more code points). */
const PROTOTYPES = createRequire(import.meta.url)('unhomoglyph/data.json') as Readonly<
  Record<string, string>
>;

const DEFAULT_IGNORABLE = /\p{Default_Ignorable_Code_Point}/gu;

/**
 * UTS #39 §4: NFD, drop default-ignorable code points, replace each code point by its prototype,
 * NFD again. Two strings with the same skeleton look alike ("аda" with a Cyrillic а and "ada").
 */
export function skeleton(text: string): string {
  let mapped = '';
  for (const character of text.normalize('NFD').replace(DEFAULT_IGNORABLE, ''))
    mapped += PROTOTYPES[character] ?? character;
  return mapped.normalize('NFD');
}

const COMMON = 'Zyyy';
const INHERITED = 'Zinh';
const COMMON_OR_INHERITED = /^[\p{Script_Extensions=Zyyy}\p{Script_Extensions=Zinh}]$/u;
const SCRIPT_PATTERNS = UNICODE_SCRIPTS.map(
  (script) => [script, new RegExp(`^\\p{Script_Extensions=${script}}$`, 'u')] as const,
);

/**
 * The augmented script set of one code point (UTS #39 §5.1): its Script_Extensions, with Han
 * standing for the writing systems that use it (Japanese, Korean, Han with Bopomofo), and
 * Hiragana, Katakana, Hangul and Bopomofo for theirs. `undefined` for Common and Inherited
 * characters, which belong to every script.
 */
export function scriptsOf(character: string): ReadonlySet<string> | undefined {
  if (COMMON_OR_INHERITED.test(character)) return undefined;
  const scripts = new Set<string>();
  for (const [script, pattern] of SCRIPT_PATTERNS) if (pattern.test(character)) scripts.add(script);
  if (scripts.size === 0 || scripts.has(COMMON) || scripts.has(INHERITED)) return undefined;
  if (scripts.has('Hani')) for (const s of ['Hanb', 'Jpan', 'Kore']) scripts.add(s);
  if (scripts.has('Hira') || scripts.has('Kana')) scripts.add('Jpan');
  if (scripts.has('Hang')) scripts.add('Kore');
  if (scripts.has('Bopo')) scripts.add('Hanb');
  return scripts;
}

/** Every code point whose skeleton is `target` (confusables.txt read backwards), built once. */
let lookalikes: Map<string, string[]> | undefined;
function charactersWithSkeleton(target: string): readonly string[] {
  if (lookalikes === undefined) {
    lookalikes = new Map();
    for (const source of Object.keys(PROTOTYPES)) {
      const key = skeleton(source);
      lookalikes.set(key, [...(lookalikes.get(key) ?? []), source]);
    }
  }
  const own = [...target].length === 1 && PROTOTYPES[target] === undefined ? [target] : [];
  return [...own, ...(lookalikes.get(target) ?? [])];
}

/** A character that could pass for one of another script in a mixed-script name. */
export interface Lookalike {
  readonly character: string;
  /** Its scripts (ISO 15924 codes, e.g. Cyrl). */
  readonly scripts: readonly string[];
  /** The script it imitates, and the character of that script it looks like. */
  readonly imitates: { readonly script: string; readonly character: string };
}

/**
 * UTS #39 mixed-script confusable detection for one string. When its characters share no script
 * (the resolved script set of §5.1 is empty), the string's main script is the one most of its
 * characters belong to (each, on a tie); a character outside it that looks like a character of
 * it (the same skeleton, §4) lets the string pass for another: those characters are returned
 * ("аda" with a Cyrillic а: the а, imitating the Latin a). A single-script string, or one that
 * mixes scripts with nothing to confuse ("José 李", "Ωmega"), gives an empty list.
 */
export function mixedScriptLookalikes(text: string): Lookalike[] {
  const specific: (readonly [string, ReadonlySet<string>])[] = [];
  for (const character of text.normalize('NFC')) {
    const scripts = scriptsOf(character);
    if (scripts !== undefined) specific.push([character, scripts]);
  }
  if (specific.length === 0) return [];
  const counts = new Map<string, number>();
  for (const [, scripts] of specific) for (const s of scripts) counts.set(s, (counts.get(s) ?? 0) + 1);
  const most = Math.max(...counts.values());
  // Every character shares a script: single-script (augmented: Han with kana is Japanese).
  if (most === specific.length) return [];
  const found: Lookalike[] = [];
  for (const [script, count] of counts) {
    if (count !== most) continue;
    for (const [character, scripts] of specific) {
      if (scripts.has(script)) continue;
      const twin = charactersWithSkeleton(skeleton(character)).find(
        (other) => other !== character && scriptsOf(other)?.has(script) === true,
      );
      if (twin !== undefined)
        found.push({ character, scripts: [...scripts], imitates: { script, character: twin } });
    }
    if (found.length > 0) return found;
  }
  return found;
}

const SCRIPT_NAMES = new Intl.DisplayNames(['en'], { type: 'script' });

/** "Cyrillic" for Cyrl: the English name of a script. */
export function scriptName(code: string): string {
  return SCRIPT_NAMES.of(code) ?? code;
}
