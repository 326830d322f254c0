import { describe, expect, test } from 'vitest';
import { analyseAnswer, foldCase, type Licence, licence } from '../src/grading/claims/analysis';
import { partLexicon } from '../src/grading/claims/lexicon';
import { QUESTIONS } from '../src/questions/bank';
import type { RubricPart } from '../src/questions/schemas';
import { analyseTagged, reasons } from './hand-tagged';

/*
 * The rules of claims/analysis.ts added at stop 23 (issue 18) that the mutation run of 2026-12-06
 * 17:43 UTC left untested (docs/mutation-testing.md, "analysis.ts whole file at stop 24"), one rule
 * per case, at its boundary:
 *   - a list item that opens with a name of the question is a terse point about it, not a keyword
 *     (`named` and `isList` in `analyseAnswer`), and a list written one item a line;
 *   - a gerund opening the clause is its subject and the -s word after it its verb (`gerundSubject`);
 *   - a sentence set at a place outside the field asserts nothing (`sceneOf`);
 *   - a clause said of a foreign thing named with the field's words (`namedSubject`).
 *
 * As in claims-analysis-rules.test.ts, each answer is written with its tags by hand ("word/TAG" or
 * "word/TAG/lemma"; "+word/TAG" is written right after the word before; a bare "." "," or "/" is
 * punctuation written after the word before; a bare "|" is a line break), and the grader's tagger is
 * swapped for that list while the answer is analysed, so each case states the tag pattern it is
 * about. Every expected reading is worked out by hand in the comment beside the case, from the rule
 * as the comment in analysis.ts states it.
 */

/**
 * An imagined part: the verbs that carry its claims ("share" is one, "save", "halve", "pool" and
 * "track" are not) and its field's words.
 */
const CARRIERS: ReadonlySet<string> = new Set(['have', 'use', 'need', 'give', 'share']);
const DOMAIN: ReadonlySet<string> = new Set([
  'cnn',
  'cnns',
  'parameter',
  'parameters',
  'weight',
  'weights',
  'memory',
  'map',
  'maps',
  'feature',
  'features',
  'pooling',
  'translation',
  'translations',
]);

/** Question 6's part (the classic networks), whose subjects are networks. */
const innovations = QUESTIONS.find((q) => q.id === 6)?.parts.find(
  (p) => p.id === 'innovations',
) as RubricPart;

/** Does the hand-tagged answer assert `phrase` (its first occurrence in the normalised text)? */
function licensed(spec: string, phrase: string): Licence {
  const analysis = analyseTagged(spec);
  const from = analysis.text.indexOf(` ${phrase} `) + 1;
  if (from === 0) throw new Error(`"${phrase}" is not in "${analysis.text}"`);
  return licence(analysis, from, from + phrase.length, CARRIERS, (word) => DOMAIN.has(word), new Set());
}
const ASSERTED: Licence = { asserted: true };
const refused = (reason: string): Licence => ({ asserted: false, reason });

describe('a clause that opens with a name of the question is a point about it, not keywords', () => {
  test('"alexnet relu dropout gpus": a name and three words (no keyword string of their own) is a terse point', () => {
    // Four bare terms are a keyword string, but the first is a name and the three after it are too
    // few to be one (four or more): a short point said of AlexNet.
    expect(reasons('alexnet/PROPN relu/NOUN dropout/NOUN gpus/NOUN/gpu', ['alexnet'])).toEqual([undefined]);
  });

  test('"alexnet resnet relu dropout": a second name among the words makes it keywords again', () => {
    // "with no other name in it": two names and two terms are four keywords.
    expect(reasons('alexnet/PROPN resnet/PROPN relu/NOUN dropout/NOUN', ['alexnet', 'resnet'])).toEqual([
      'keyword list',
    ]);
  });

  test('a name before five words is no short point: "alexnet more relu dropout gpus lrn" is keywords', () => {
    // Six words, no verb: a keyword string. The name's point may be five words at most (the name
    // and four), so the name does not save it, though "more relu dropout gpus lrn" alone (with a
    // comparative, five words) is no keyword string.
    expect(
      reasons('alexnet/PROPN more/ADJ relu/NOUN dropout/NOUN gpus/NOUN/gpu lrn/NOUN', ['alexnet']),
    ).toEqual(['keyword list']);
  });
});

describe('a list of short items (isList): names, bare terms, lone words', () => {
  test('four names alone are a list of keywords: a name by itself is no point about it', () => {
    // Each item is one word: a point said of a name needs the name and at least one word more.
    expect(
      reasons('alexnet/PROPN , googlenet/PROPN , resnet/PROPN , senet/PROPN', [
        'alexnet',
        'googlenet',
        'resnet',
        'senet',
      ]),
    ).toEqual(['keyword list', 'keyword list', 'keyword list', 'keyword list']);
  });

  test('four items each a name and its point ("alexnet relu, googlenet inception, …") are four points', () => {
    // Every item opens with a name and says one thing of it: terse points, though every word is a term.
    expect(
      reasons(
        'alexnet/PROPN relu/NOUN , googlenet/PROPN inception/NOUN , resnet/PROPN skips/NOUN/skip , senet/PROPN gates/NOUN/gate',
        ['alexnet', 'googlenet', 'resnet', 'senet'],
      ),
    ).toEqual([undefined, undefined, undefined, undefined]);
  });

  test('half the items led by names is enough: "alexnet relu, googlenet inception, pooling, dropout"', () => {
    // Two of four items are points said of a name (2 × 2 >= 4): not a list of keywords.
    expect(
      reasons('alexnet/PROPN relu/NOUN , googlenet/PROPN inception/NOUN , pooling/NOUN , dropout/NOUN', [
        'alexnet',
        'googlenet',
      ]),
    ).toEqual([undefined, undefined, undefined, undefined]);
  });

  test('four items of two bare terms each are a list: "weight sharing, local connections, …"', () => {
    // Every word is a bare term (no comparative, number, function word or order), and no item is a
    // lone word: the "every item bare" rule alone makes it a list.
    expect(
      reasons(
        'weight/NOUN sharing/NOUN , local/ADJ connections/NOUN/connection , pooling/NOUN layers/NOUN/layer , translation/NOUN invariance/NOUN',
      ),
    ).toEqual(['keyword list', 'keyword list', 'keyword list', 'keyword list']);
  });

  test('a lone name is no lone topic word: "fewer parameters, anywhere, hierarchy, AlexNet" asserts', () => {
    // Not all bare ("fewer" compares). Lone bare words: "anywhere", "hierarchy" (2); "AlexNet" is a
    // name (PROPN), a point said of a subject, not a topic. 2 of 4 is not most: no list.
    expect(
      reasons(
        'fewer/ADJ/few parameters/NOUN/parameter , anywhere/ADV , hierarchy/NOUN , AlexNet/PROPN/alexnet',
      ),
    ).toEqual([undefined, undefined, undefined, undefined]);
  });
});

describe('a list written one item a line', () => {
  test('four short lines between two sentences are a list; the sentences assert', () => {
    // Lines 2–5 are one word each: a run of four short items, all bare terms → a keyword list. The
    // first and last lines (six and five words) are sentences with a verb, and no item of the run.
    expect(
      reasons(
        'weight/NOUN sharing/NOUN gives/VERB/give far/ADV fewer/ADJ/few parameters/NOUN/parameter | pooling/NOUN | dropout/NOUN | stride/NOUN | relu/NOUN | max/ADJ pooling/NOUN has/VERB/have no/DET weights/NOUN/weight',
      ),
    ).toEqual([undefined, 'keyword list', 'keyword list', 'keyword list', 'keyword list', undefined]);
  });

  test('an item of three words is still a short item: four such lines are a list', () => {
    // Each line is three bare terms (three words at most make a short item).
    expect(
      reasons(
        'max/ADJ pooling/NOUN layers/NOUN/layer | local/ADJ receptive/ADJ fields/NOUN/field | shared/ADJ filter/NOUN weights/NOUN/weight | translation/NOUN invariance/NOUN property/NOUN',
      ),
    ).toEqual(['keyword list', 'keyword list', 'keyword list', 'keyword list']);
  });
});

describe('a gerund opening the clause is its subject; the -s word after it is its verb', () => {
  test('"Sharing saves the memory": "saves" (no carrier) says "the memory", not "sharing"', () => {
    // "Sharing" is the subject, not a verb that carries "memory" (though "share" is a carrier);
    // "saves" is the verb before the phrase and carries nothing.
    expect(licensed('Sharing/VERB/share saves/VERB/save the/DET memory/NOUN .', 'memory')).toEqual(
      refused('not what "saves" says'),
    );
  });

  test('"Pooling halves the maps" with "halves" tagged NOUN: it is the verb all the same', () => {
    // The -s word after the gerund is the verb whatever its tag: "maps" is what "halves" says.
    expect(licensed('Pooling/VERB/pool halves/NOUN/halve the/DET maps/NOUN/map .', 'maps')).toEqual(
      refused('not what "halves" says'),
    );
  });

  test('after the -s word a pronoun, an adjective or an adverb may follow ("… us memory", "… huge memory", "… far more memory")', () => {
    // The third word may be a determiner, a pronoun, an adjective or an adverb: the same reading.
    expect(licensed('Sharing/VERB/share saves/VERB/save us/PRON memory/NOUN .', 'memory')).toEqual(
      refused('not what "saves" says'),
    );
    expect(licensed('Sharing/VERB/share saves/VERB/save huge/ADJ memory/NOUN .', 'memory')).toEqual(
      refused('not what "saves" says'),
    );
    expect(licensed('Sharing/VERB/share saves/VERB/save far/ADV more/ADJ memory/NOUN .', 'memory')).toEqual(
      refused('not what "saves" says'),
    );
  });

  test('two words are no gerund subject: "Using weights." is the carrier "use" and its object', () => {
    // The rule needs a third word; here "using" is the verb, a carrier, and "weights" its object.
    expect(licensed('Using/VERB/use weights/NOUN/weight .', 'weights')).toEqual(ASSERTED);
  });

  test('an -ing word tagged NOUN opens no gerund subject: "Pooling halves the maps" with both nouns', () => {
    // No word is a verb ("halve" is no carrier, so the noun "halves" is not read as one): a verbless
    // fragment of four words, "the maps" with two content words more, a terse point.
    expect(licensed('Pooling/NOUN halves/NOUN/halve the/DET maps/NOUN/map .', 'maps')).toEqual(ASSERTED);
  });

  test('a verb not in -ing is no gerund: "Pooled features often overfit"', () => {
    // "Pooled" is the verb before "features", and "pool" carries nothing; "features" is no verb.
    expect(licensed('Pooled/VERB/pool features/NOUN/feature often/ADV overfit/VERB .', 'features')).toEqual(
      refused('not what "pooled" says'),
    );
  });

  test('the second word must be a noun or a verb: "Using its own weights" asserts the weights', () => {
    // "its" (a pronoun, ending in -s) is no verb: "using", a carrier, carries "own weights".
    expect(licensed('Using/VERB/use its/PRON own/ADJ weights/NOUN/weight .', 'weights')).toEqual(ASSERTED);
  });

  test('the second word must end in -s: "Using half the memory" asserts the memory', () => {
    // "half" is no third-person verb: "using" is the verb, a carrier, and carries "the memory".
    expect(licensed('Using/VERB/use half/NOUN the/DET memory/NOUN .', 'memory')).toEqual(ASSERTED);
  });

  test('a second word in -ss is no third-person verb: "Tracking loss closely helps"', () => {
    // "loss" is the object of "tracking" (no carrier), not a verb of its own.
    expect(licensed('Tracking/VERB/track loss/NOUN closely/ADV helps/VERB/help .', 'loss')).toEqual(
      refused('not what "tracking" says'),
    );
  });
});

describe('a sentence set at a place outside the field asserts nothing (sceneOf)', () => {
  test('"At the bakery, CNNs have fewer parameters": set at a bakery', () => {
    // "at" opens a scene; "bakery" is a noun from outside the field: the sentence tells a story there.
    expect(
      licensed(
        'At/ADP the/DET bakery/NOUN , CNNs/NOUN/cnns have/VERB/have fewer/ADJ/few parameters/NOUN/parameter .',
        'fewer parameters',
      ),
    ).toEqual(refused('set at a bakery'));
  });

  test('the scene is set by the sentence it opens, not by an earlier sentence', () => {
    // The second sentence opens with "CNNs": no scene, so its point stands.
    expect(
      licensed(
        'At/ADP the/DET bakery/NOUN , bread/NOUN rises/VERB/rise . CNNs/NOUN/cnns have/VERB/have fewer/ADJ/few parameters/NOUN/parameter .',
        'fewer parameters',
      ),
    ).toEqual(ASSERTED);
  });

  test('only a preposition opens a scene: "Every textbook agrees: CNNs have fewer parameters"', () => {
    // "textbook" is a noun from outside the field, but the sentence does not open with "at", "in", …
    expect(
      licensed(
        'Every/DET textbook/NOUN agrees/VERB/agree : CNNs/NOUN/cnns have/VERB/have fewer/ADJ/few parameters/NOUN/parameter .',
        'fewer parameters',
      ),
    ).toEqual(ASSERTED);
  });

  test('"with" opens a method, not a scene: "With some luck, CNNs have fewer parameters"', () => {
    expect(
      licensed(
        'With/ADP some/DET luck/NOUN , CNNs/NOUN/cnns have/VERB/have fewer/ADJ/few parameters/NOUN/parameter .',
        'fewer parameters',
      ),
    ).toEqual(ASSERTED);
  });

  test('a first clause with no word ("/, CNNs have fewer parameters") opens no scene', () => {
    // The lone slash is a clause of its own (the comma ends it) with no word in it.
    expect(
      licensed(
        '/ , CNNs/NOUN/cnns have/VERB/have fewer/ADJ/few parameters/NOUN/parameter .',
        'fewer parameters',
      ),
    ).toEqual(ASSERTED);
  });

  test('a pronoun or a number may stand before the place: "In my kitchen", "In two kitchens"', () => {
    expect(
      licensed(
        'In/ADP my/PRON kitchen/NOUN , CNNs/NOUN/cnns have/VERB/have fewer/ADJ/few parameters/NOUN/parameter .',
        'fewer parameters',
      ),
    ).toEqual(refused('set at a kitchen'));
    expect(
      licensed(
        'In/ADP two/NUM kitchens/NOUN/kitchen , CNNs/NOUN/cnns have/VERB/have fewer/ADJ/few parameters/NOUN/parameter .',
        'fewer parameters',
      ),
    ).toEqual(refused('set at a kitchens'));
  });

  test('an adjective or a foreign word may stand before the place: "At the old bakery", "At the kebab shop"', () => {
    expect(
      licensed(
        'At/ADP the/DET old/ADJ bakery/NOUN , CNNs/NOUN/cnns have/VERB/have fewer/ADJ/few parameters/NOUN/parameter .',
        'fewer parameters',
      ),
    ).toEqual(refused('set at a bakery'));
    expect(
      licensed(
        'At/ADP the/DET kebab/X shop/NOUN , CNNs/NOUN/cnns have/VERB/have fewer/ADJ/few parameters/NOUN/parameter .',
        'fewer parameters',
      ),
    ).toEqual(refused('set at a shop'));
  });

  test('the place is the noun phrase after the preposition: "At the bakery the baker has …" is set at the bakery', () => {
    // The article after "bakery" starts the clause's subject ("the baker"): the scene ends there.
    expect(
      licensed(
        'At/ADP the/DET bakery/NOUN the/DET baker/NOUN has/VERB/have fewer/ADJ/few parameters/NOUN/parameter .',
        'fewer parameters',
      ),
    ).toEqual(refused('set at a bakery'));
  });

  test('a noun in -ing is no foreign modifier: "In the testing phase, CNNs have fewer parameters" asserts', () => {
    // Only an adjective in -ing ("swimming") makes the noun after it a foreign thing; "testing" is
    // a noun (an abstract one, no place) and "phase" only says what kind of step it is.
    expect(
      licensed(
        'In/ADP the/DET testing/NOUN phase/NOUN , CNNs/NOUN/cnns have/VERB/have fewer/ADJ/few parameters/NOUN/parameter .',
        'fewer parameters',
      ),
    ).toEqual(ASSERTED);
  });

  test('a two-letter noun is no place: "At 10 pm, CNNs have fewer parameters"', () => {
    // "pm" (two letters) says when, not where.
    expect(
      licensed(
        'At/ADP 10/NUM pm/NOUN , CNNs/NOUN/cnns have/VERB/have fewer/ADJ/few parameters/NOUN/parameter .',
        'fewer parameters',
      ),
    ).toEqual(ASSERTED);
  });
});

describe('a clause said of a foreign thing named with the field words (namedSubject)', () => {
  test('a hyphenated word with one field part names the thing: "The weight-sharing bicycle has fewer parameters"', () => {
    // "weight-sharing": "weight" is a field word; the bicycle is what has the parameters.
    expect(
      licensed(
        'The/DET weight-sharing/ADJ bicycle/NOUN has/VERB/have fewer/ADJ/few parameters/NOUN/parameter .',
        'fewer parameters',
      ),
    ).toEqual(refused('said of a bicycle'));
  });

  test('the field word may open the clause: "Pooling pumps have no parameters"', () => {
    // "pooling" (a field word) is the first word of the compound "pooling pumps".
    expect(
      licensed(
        'Pooling/NOUN pumps/NOUN/pump have/VERB/have no/DET parameters/NOUN/parameter .',
        'parameters',
      ),
    ).toEqual(refused('said of a pumps'));
  });

  test('"Small translations of curtains are invariant": the clause is about curtains', () => {
    // The field word ("translations") is a property of the thing its "of" names.
    expect(
      licensed(
        'Small/ADJ translations/NOUN/translation of/ADP curtains/NOUN/curtain are/AUX/be invariant/ADJ .',
        'small translations',
      ),
    ).toEqual(refused('said of a curtains'));
  });

  test('"Translations of the curtains are invariant": the same, with an article after "of"', () => {
    expect(
      licensed(
        'Translations/NOUN/translation of/ADP the/DET curtains/NOUN/curtain are/AUX/be invariant/ADJ .',
        'translations',
      ),
    ).toEqual(refused('said of a curtains'));
  });

  test('"Colours of the curtains are invariant": no field word owns the "of", so no foreign thing is named', () => {
    // "colours" is no field word, so namedSubject names nothing; the phrase is then followed by "of"
    // and a noun from outside the field ("curtains"): it is about that noun.
    expect(
      licensed(
        'Colours/NOUN/colour of/ADP the/DET curtains/NOUN/curtain are/AUX/be invariant/ADJ .',
        'colours',
      ),
    ).toEqual(refused('about curtains'));
  });

  test('a field word right after "of" names the thing too: "Colours of pooling pumps are invariant" is about pumps', () => {
    // "pooling pumps": "pooling" (a field word) is the first word of the compound before the verb,
    // so the clause is about pumps, whatever owns the "of" before it ("colours", no field word).
    expect(
      licensed(
        'Colours/NOUN/colour of/ADP pooling/NOUN pumps/NOUN/pump are/AUX/be invariant/ADJ .',
        'colours',
      ),
    ).toEqual(refused('said of a pumps'));
  });

  test('an "of" that opens the clause has no owner: "Of big pumps, …" names no foreign thing', () => {
    // Nothing stands before "of", so no field word owns it; "fewer parameters" is what "have" says.
    expect(
      licensed(
        'Of/ADP big/ADJ pumps/NOUN/pump have/VERB/have fewer/ADJ/few parameters/NOUN/parameter .',
        'fewer parameters',
      ),
    ).toEqual(ASSERTED);
  });

  test('the owner of "of" must be a noun: "Pooling of pumps is fast" (pooling a verb) is not said of a pump', () => {
    // "Pooling" tagged VERB is no noun that "of pumps" qualifies, so the clause is not said of a pump;
    // the phrase "pooling" is then followed by "of" and a noun from outside the field: about pumps.
    expect(licensed('Pooling/VERB/pool of/ADP pumps/NOUN/pump is/AUX/be fast/ADJ .', 'pooling')).toEqual(
      refused('about pumps'),
    );
  });

  test('a foreign word (X) may stand inside the compound: "The pooling pro pump has no parameters"', () => {
    expect(
      licensed(
        'The/DET pooling/NOUN pro/X pump/NOUN has/VERB/have no/DET parameters/NOUN/parameter .',
        'parameters',
      ),
    ).toEqual(refused('said of a pump'));
  });
});

/*
 * Rules of the whole file that only the suites grading whole answers (free-text-clauses, not in the
 * mutation run: they load the question bank through the app) or no suite held at the clause level.
 * These answers are tagged by wink itself (no hand tags): each rule is about words, not tags.
 */
describe('notes, corrections and trailing conditions, at the clause level (wink tags)', () => {
  const realReasons = (answer: string) => analyseAnswer(answer).clauses.map((c) => c.reason);

  test('shorthand arrows and the minus sign read as words: "↓batch, ↑stride, −layers"', () => {
    // "↓" → " less ", "↑" → " more ", "−" before a letter → " fewer " (each with its spaces).
    expect(foldCase('↓batch, ↑stride, −layers')).toBe(' less batch,  more stride,  fewer layers');
    // A minus sign before a digit is part of a number: left as written.
    expect(foldCase('layers: −3 dB')).toBe('layers: −3 dB');
  });

  test('"…, or rather increase it" withdraws the clause it corrects; the correction stands', () => {
    expect(realReasons('Reduce the batch size, or rather increase it.')).toEqual(['denied', undefined]);
  });

  test('a correction with nothing before it withdraws nothing: "Or rather, increase the batch size."', () => {
    expect(realReasons('Or rather, increase the batch size.')).toEqual([undefined, undefined]);
  });

  test('a denial with a trailing condition ("… not really true once you stack enough filters") still denies', () => {
    // "once you stack …" only says when: left out, "but that's not really true" denies the clause
    // before it, and is itself no claim.
    expect(
      realReasons("CNNs have fewer parameters, but that's not really true once you stack enough filters."),
    ).toEqual(['denied', 'denied']);
  });

  test('six words whose only verb opens the string are keywords: "saves 90 percent gpu memory time"', () => {
    // A verb with something after it makes a sentence only after the first word ("weight sharing
    // saves …"); a number keeps the four-bare-terms rule out of it.
    expect(realReasons('saves 90 percent gpu memory time')).toEqual(['keyword list']);
  });
});

describe('a clause that opens with a preposition opens with no subject', () => {
  test('"After pooling the fewer parameters remain": "pooling" is no other thing the phrase is said of', () => {
    // "After pooling" is an adverbial; "the fewer parameters" is the subject of "remain".
    expect(
      licensed(
        'After/ADP pooling/NOUN the/DET fewer/ADJ/few parameters/NOUN/parameter remain/VERB/remain .',
        'fewer parameters',
      ),
    ).toEqual(ASSERTED);
  });
});

describe("the one-word names of a part's subjects (lexicon.ts), which lead terse points in a list", () => {
  test('a subject id of one word of letters and digits is a name, lower case; an id with a hyphen or a space is not', () => {
    // "AlexNet" and "VGG16" are single words; "Res-Net 2" is three pieces, none of them the name.
    const part: RubricPart = {
      ...innovations,
      subjects: {
        rule: 'owns',
        list: [
          { id: 'AlexNet', patterns: ['alexnet'] },
          { id: 'VGG16', patterns: ['vgg16'] },
          { id: 'Res-Net 2', patterns: ['resnet'] },
        ],
      },
    };
    expect([...partLexicon(part).names].sort()).toEqual(['alexnet', 'vgg16']);
  });
});

/*
 * A terse point (a clause with no verb) is the phrase give or take two content words; what it
 * replaces ("instead of …", "in place of …", "rather than …") is its contrast and does not count
 * (licence, issue 18). Hand tags; each count of the other content words is in the comment.
 */
describe('a terse point and its contrast (licence, the words around a verbless phrase)', () => {
  const phrase = 'depthwise separable convolutions';
  test('"stride 2 instead of 1 in early layers": the contrast is no extra word of the point', () => {
    // "instead" opens a clause of its own, except after a number ("2 instead of 1"): then the words
    // from "instead" on are the contrast. Before it: only the phrase, so nothing extra.
    expect(
      licensed('stride/NOUN 2/NUM instead/ADV of/ADP 1/NUM in/ADP early/ADJ layers/NOUN/layer .', 'stride 2'),
    ).toEqual(ASSERTED);
  });

  test('"… in place of inception modules" and "… rather than inception modules": the same', () => {
    expect(
      licensed(
        'depthwise/ADJ separable/ADJ convolutions/NOUN/convolution in/ADP place/NOUN of/ADP inception/NOUN modules/NOUN/module .',
        phrase,
      ),
    ).toEqual(ASSERTED);
    expect(
      licensed(
        'depthwise/ADJ separable/ADJ convolutions/NOUN/convolution rather/ADV than/ADP inception/NOUN modules/NOUN/module .',
        phrase,
      ),
    ).toEqual(ASSERTED);
  });

  test('two other words before "in place of" still make a terse point; "place" itself is not counted', () => {
    // "everywhere", "today": 2 other content words, the most a terse point allows.
    expect(
      licensed(
        'depthwise/ADJ separable/ADJ convolutions/NOUN/convolution everywhere/ADV today/NOUN in/ADP place/NOUN of/ADP inception/NOUN modules/NOUN/module .',
        phrase,
      ),
    ).toEqual(ASSERTED);
  });

  test('three other words before "rather than" are too many: no claim', () => {
    // "everywhere", "today", "again": 3 other content words before the contrast.
    expect(
      licensed(
        'depthwise/ADJ separable/ADJ convolutions/NOUN/convolution everywhere/ADV today/NOUN again/ADV rather/ADV than/ADP inception/NOUN modules/NOUN/module .',
        phrase,
      ),
    ).toEqual(refused('no claim'));
  });

  test('with no contrast, three content words after the phrase are too many: "fewer parameters for big deep nets"', () => {
    // "big", "deep", "nets": 3 other content words ("for" is none).
    expect(
      licensed(
        'fewer/ADJ/few parameters/NOUN/parameter for/ADP big/ADJ deep/ADJ nets/NOUN/net .',
        'fewer parameters',
      ),
    ).toEqual(refused('no claim'));
  });

  test('an "of" after another word is no contrast: "fewer parameters for copies of big nets"', () => {
    // "copies", "big", "nets": 3 other content words; only "instead of" and "in place of" end the point.
    expect(
      licensed(
        'fewer/ADJ/few parameters/NOUN/parameter for/ADP copies/NOUN/copy of/ADP big/ADJ nets/NOUN/net .',
        'fewer parameters',
      ),
    ).toEqual(refused('no claim'));
  });

  test('"in lots of" is no "in place of", and "each place of" has no "in": both leave three extra words', () => {
    // "lots" is a filler; "big", "deep", "nets" are 3 other content words.
    expect(
      licensed(
        'fewer/ADJ/few parameters/NOUN/parameter in/ADP lots/NOUN/lot of/ADP big/ADJ deep/ADJ nets/NOUN/net .',
        'fewer parameters',
      ),
    ).toEqual(refused('no claim'));
    // "place", "big", "nets": 3 other content words.
    expect(
      licensed(
        'fewer/ADJ/few parameters/NOUN/parameter at/ADP each/DET place/NOUN of/ADP big/ADJ nets/NOUN/net .',
        'fewer parameters',
      ),
    ).toEqual(refused('no claim'));
  });

  test('after an article, the phrase may name a foreign thing: "An upsampling DVD player." names a player', () => {
    // The nouns after "upsampling" make one compound whose head, "player", is no word of the field.
    expect(licensed('An/DET upsampling/NOUN DVD/PROPN/dvd player/NOUN .', 'upsampling')).toEqual(
      refused('names a player'),
    );
  });
});

/*
 * How an answer is cut (analyseAnswer, lines 1–317), rules the whole-file run of 18:19 UTC found
 * untested in the fast suites; wink's tags, each case's cut worked out from the rule by hand.
 */
describe('cutting an answer: a preposition after a verb, labels, sentences, what a disowning takes back', () => {
  const cuts = (answer: string) => {
    const analysis = analyseAnswer(answer);
    return analysis.clauses.map((c) => analysis.text.slice(c.start, c.end).trim());
  };
  const realReasons = (answer: string) => analyseAnswer(answer).clauses.map((c) => c.reason);

  test('an ampersand with two spaces each side is still "and": "weight sharing  &  local connections"', () => {
    expect(foldCase('weight sharing  &  local connections')).toBe('weight sharing and local connections');
  });

  test('a preposition opening a line joins nothing: "CNNs need fewer parameters\nBy sharing weights."', () => {
    // The line break ends the sentence: "by sharing weights" opens the next one, with no clause
    // before it in its sentence to be the complement of.
    expect(cuts('CNNs need fewer parameters\nBy sharing weights.')).toEqual([
      'cnns need fewer parameters',
      'by sharing weights',
    ]);
  });

  test('a preposition after a comma joins nothing, and opens a clause of its own: "Pooling comes, with no weights."', () => {
    // The comma ends "pooling comes"; "with no weights" opens the next stretch of text and is no
    // complement of "comes" (the verb is on the other side of the comma). Since stop 24's rule (a
    // cue right after punctuation opens a clause cut at the punctuation, with no words before it in
    // its stretch), that clause is hard, not soft.
    const analysis = analyseAnswer('Pooling comes, with no weights.');
    expect(cuts('Pooling comes, with no weights.')).toEqual(['pooling comes', 'with no weights']);
    expect(analysis.clauses.map((c) => c.soft)).toEqual([false, false]);
  });

  test('a preposition right after the opening verb is its complement: "Works with any input size." is one clause', () => {
    // "works" (wink: VERB) is the first word of the clause before "with".
    expect(cuts('Works with any input size.')).toEqual(['works with any input size']);
  });

  test('after a noun, "with" starts a clause of its own: "CNNs share weights with fewer parameters."', () => {
    // wink tags "share" NOUN here, so the word before "with" is the noun "weights": no verb to complete.
    expect(cuts('CNNs share weights with fewer parameters.')).toEqual([
      'cnns share weights',
      'with fewer parameters',
    ]);
  });

  test('after a verb in -ing, "with" starts a clause of its own: "The model is training with fp16."', () => {
    // "training" (VERB) ends in -ing: it is no verb whose complement "with" would be.
    expect(cuts('The model is training with fp16.')).toEqual(['the model is training', 'with fp16']);
  });

  test('"and" after a verb still starts a clause: "Pooling helps and dropout helps too."', () => {
    // Only a preposition is a verb's complement; "and dropout helps too" is a clause of its own.
    expect(cuts('Pooling helps and dropout helps too.')).toEqual(['pooling helps', 'and dropout helps too']);
  });

  test('only the clause before a colon is a label: "Alex: ReLU and dropout."', () => {
    expect(analyseAnswer('Alex: ReLU and dropout.').clauses.map((c) => c.beforeColon)).toEqual([
      true,
      false,
      false,
    ]);
  });

  test('each sentence is its normalised text, with the space before it and none after it', () => {
    expect(analyseAnswer('CNNs share weights. Pooling has no weights.').sentences).toEqual([
      ' cnns share weights',
      ' pooling has no weights',
    ]);
  });

  test('"I doubt that X and Y" takes back both; a full stop at the end is no punctuation between them', () => {
    expect(realReasons('I doubt that CNNs share weights and pooling has no parameters.')).toEqual([
      'denied',
      'denied',
    ]);
  });

  test('"I doubt that X with one or two kernels": a clause joined by "with" is not taken back', () => {
    // Only the clauses that open with "and", "or" or "nor" share the doubt ("or" inside "one or two"
    // is no such opening).
    expect(realReasons('I doubt that CNNs share weights with one or two kernels.')).toEqual([
      'denied',
      undefined,
    ]);
  });
});
