import { describe, expect, test } from 'vitest';
import { analyseAnswer } from '../src/grading/claims/analysis';
import {
  compile,
  contentWords,
  gradeRubric,
  punctuationBetween,
  purposeBetween,
  termInList,
  verbBetween,
} from '../src/grading/rubric';
import type { RubricPart } from '../src/questions/schemas';
import { concept, rubricParts } from './rubric-parts';

/*
 * The reading rules of rubric.ts before its verdicts (lines 1–420: compiling a part, where a subject
 * is named, which subject a claim is about, a negation's reach, the helpers that bound it, a term of
 * a list, how far a comparative is). Written from the rules' doc comments, one case each, on parts
 * of this file (ids no claims/ table knows, a fresh part object per test: a part is compiled once per
 * object). Every expectation is the reading a teacher gives the sentence, worked out beside it; the
 * helpers are called directly where an earlier rule answers first through gradeRubric.
 */

const { pooling, networks } = rubricParts('rules-reading');

/** Offsets of a word in the normalised text: where it starts, and one past its end. */
const startOf = (text: string, word: string) => {
  const at = text.indexOf(` ${word} `);
  if (at < 0) throw new Error(`"${word}" is not in "${text}"`);
  return at + 1;
};
const endOf = (text: string, word: string) => startOf(text, word) + word.length;

describe('compiling a part (compile)', () => {
  test('a part is compiled once per part object', () => {
    const part = pooling();
    expect(compile(part)).toBe(compile(part));
  });

  test('a concept with no lists of its own, in a part no table knows, has no extra phrases, claims or opposites', () => {
    const compiled = compile(pooling({ concepts: [concept('speed', 'faster training', ['faster'])] }));
    const only = compiled.concepts[0]!;
    expect(only.patterns).toHaveLength(1);
    expect(only.undirected).toEqual([]);
    expect(only.opposites).toEqual([]);
    expect(only.claims).toEqual([]);
    expect(only.counterclaims).toEqual([]);
    expect(compiled.subjects).toEqual([]);
  });
});

describe('where a network is named as what a claim is about (subjectMentions)', () => {
  test('mentions are read in the order of the answer, whatever the order of the subject list', () => {
    // LeNet (third in the list) is named first; skip connections are said in ResNet's sentence.
    expect(gradeRubric(networks(), 'LeNet is small. ResNet uses skip connections.').covered).toEqual([
      'skip',
    ]);
  });

  test('a comparison word is looked for in the clause only, not at the end of the sentence before', () => {
    // "… built on." ends the first sentence; "on AlexNet" would be no subject, but AlexNet starts
    // a sentence of its own and is what "uses ReLU" is said of.
    expect(
      gradeRubric(networks(), 'Skip connections are what ResNet is built on. AlexNet uses ReLU.').covered,
    ).toEqual(['skip', 'relu']);
  });

  test('a network named right after another in one clause describes it ("AlexNet LeNet but huge")', () => {
    // Note form: "AlexNet LeNet but huge" = AlexNet is LeNet, but huge. "Huge" is AlexNet's.
    expect(gradeRubric(networks(), 'AlexNet LeNet but huge.').covered).toEqual(['huge']);
  });
});

describe('a short label before a colon names the network what follows is about (subjectMentions)', () => {
  // The networks part's subjects are resnet, alexnet and lenet; "Alex:" begins "alexnet" only.
  const which = (quoted: string) => `Not credited: "${quoted}": say which network this is (ReLU).`;

  test("a label of three or more letters that begins one network's name is that network", () => {
    // "Alex: ReLU." = AlexNet: ReLU. AlexNet's innovation, one of the two groups: 1/2 = 0.5.
    const grade = gradeRubric(networks(), 'Alex: ReLU.');
    expect(grade.covered).toEqual(['relu']);
    expect(grade.score).toBe(0.5);
    // Three letters are enough: "Res:" begins "resnet" only.
    expect(gradeRubric(networks(), 'Res: skip connections.').covered).toEqual(['skip']);
  });

  test('two labels, each before its own points: the second is read although a network is named before it', () => {
    // ResNet: skip connections; AlexNet: ReLU. One innovation for each of the two groups: 1.
    const grade = gradeRubric(networks(), 'Res: skip connections. Alex: ReLU.');
    expect(grade.covered).toEqual(['skip', 'relu']);
    expect(grade.score).toBe(1);
  });

  test('no label: two letters ("Re:", regarding), a word that begins no name, a name before a comma', () => {
    // "Re: ReLU." is "regarding ReLU", not ResNet; "Note:" begins no network; "Alex, …" speaks to
    // someone called Alex. No network is named, so the grader asks which one (0 credit).
    for (const answer of ['Re: ReLU.', 'Note: ReLU.']) {
      const grade = gradeRubric(networks(), answer);
      expect(grade.covered).toEqual([]);
      expect(grade.feedback[1]).toBe(which('relu'));
    }
    const grade = gradeRubric(networks(), 'Alex, the answer is ReLU.');
    expect(grade.covered).toEqual([]);
    expect(grade.feedback[1]).toBe(which('the answer is relu'));
  });

  test("a label that begins two networks' names names neither", () => {
    // ResNet and ResNeXt both begin with "res": "Res: skip connections." does not say which.
    const part = networks();
    const both: RubricPart = {
      ...part,
      subjects: {
        rule: 'owns',
        list: [
          { id: 'resnet', patterns: ['resnet'] },
          { id: 'resnext', patterns: ['resnext'] },
          { id: 'alexnet', patterns: ['alexnet'] },
        ],
      },
    };
    const grade = gradeRubric(both, 'Res: skip connections.');
    expect(grade.covered).toEqual([]);
    expect(grade.feedback[1]).toBe(
      'Not credited: "skip connections": say which network this is (skip connections).',
    );
  });
});

describe('a network named as a complement is not what the clause is about (complementOfVerb)', () => {
  test('the object of a verb with a pronoun or a noun as its subject', () => {
    // "It beat AlexNet": "it" (ResNet, the network named before) did; AlexNet is the object.
    expect(
      gradeRubric(networks(), 'ResNet came later. It beat AlexNet with skip connections.').covered,
    ).toEqual(['skip']);
    expect(
      gradeRubric(networks(), 'ResNet came later. The new network beat AlexNet with skip connections.')
        .covered,
    ).toEqual(['skip']);
    // An article between the verb and the name changes nothing: "beat the AlexNet design".
    expect(
      gradeRubric(networks(), 'ResNet came later. It beat the AlexNet design with skip connections.').covered,
    ).toEqual(['skip']);
  });

  test('after a verb that takes a whole clause, the name is that clause\'s subject ("this shows AlexNet uses ReLU")', () => {
    expect(gradeRubric(networks(), 'This shows AlexNet uses ReLU.').covered).toEqual(['relu']);
  });

  test('a verb with no subject before it takes no object: "then came AlexNet with ReLU"', () => {
    // Inverted order: AlexNet is who came, with ReLU.
    expect(gradeRubric(networks(), 'Then came AlexNet with ReLU.').covered).toEqual(['relu']);
    expect(gradeRubric(networks(), 'Using AlexNet, ReLU was new.').covered).toEqual(['relu']);
  });

  test("after a preposition that follows the clause's verb the name is a complement; before the verb it sets the scene", () => {
    // "ResNet did well against AlexNet thanks to skip connections": the skip connections are ResNet's.
    expect(
      gradeRubric(networks(), 'ResNet did well against AlexNet thanks to skip connections.').covered,
    ).toEqual(['skip']);
    // "Back in AlexNet ReLU was new": the scene is AlexNet, and so is ReLU.
    expect(gradeRubric(networks(), 'Back in AlexNet ReLU was new.').covered).toEqual(['relu']);
    expect(gradeRubric(networks(), 'In AlexNet, ReLU is used.').covered).toEqual(['relu']);
  });
});

describe('which network a claim is about (subjectAt)', () => {
  test('a network named in the clause after the claim, before it, or else the last one named', () => {
    // "It also has skip connections" names no network: "it" is AlexNet, the one named before, not
    // ResNet, named only in the next sentence.
    const grade = gradeRubric(networks(), 'AlexNet uses ReLU. It also has skip connections. ResNet is deep.');
    expect(grade.covered).toEqual(['relu']);
    expect(grade.feedback[1]).toBe(
      'Not credited: "it also has skip connections" is said of alexnet, but it belongs to resnet: skip connections.',
    );
  });

  test('a network named before the claim in its clause wins over one named after it', () => {
    // "ResNet's skip connections made AlexNet look old": the skip connections are ResNet's.
    expect(gradeRubric(networks(), "ResNet's skip connections made AlexNet look old.").covered).toEqual([
      'skip',
    ]);
  });
});

describe("a negation's reach (isNegated, cuesOf)", () => {
  test('a negation in the clause before an "and" does not reach the clause after it', () => {
    // "not slow" and "gives invariance" are two claims: the second is affirmed.
    expect(gradeRubric(pooling(), 'Pooling is not slow and it gives invariance.').covered).toEqual(['shift']);
  });

  test('a verb of losing turns a negation back only when it stands between the negation and the phrase', () => {
    // "loses" is in the next clause: "does not give invariance" is still a denial.
    const grade = gradeRubric(pooling(), 'Pooling does not give invariance; it loses detail.');
    expect(grade.covered).toEqual([]);
    expect(grade.feedback[1]).toBe(
      'Not credited: "pooling does not give invariance" denies: shift invariance.',
    );
  });

  test('a negation that opens a clause after a comma negates what follows it', () => {
    // "…, not sensitive to shifts": the opposite denied, so invariance is affirmed (with speed).
    expect(gradeRubric(pooling(), 'Pooling trains faster, not sensitive to shifts.').covered).toEqual([
      'shift',
      'speed',
    ]);
  });

  test('a negation after a phrase at the end of its clause does not reach back over the comma', () => {
    // "…, it does not matter where the object is": the "does not" is about mattering, in a clause of its own.
    expect(
      gradeRubric(pooling(), 'Pooling gives invariance, it does not matter where the object is.').covered,
    ).toEqual(['shift']);
  });

  test('a concept denied of a dense layer ("a dense layer never gives invariance") is no denial of ours', () => {
    expect(
      gradeRubric(pooling(), 'Pooling gives invariance. A dense layer never gives invariance.').covered,
    ).toEqual(['shift']);
  });
});

describe('a phrase that spans two clauses (spanningClause)', () => {
  test('is judged in both: a negation after it in the second clause denies it, and both are quoted', () => {
    const fusion = () =>
      pooling({
        id: 'rules-reading-fusion',
        required: 1,
        concepts: [concept('fuse', 'features combined', ['low level and high level features'])],
      });
    // "low level | and high level features are not combined": "and" starts a clause inside the phrase.
    const grade = gradeRubric(fusion(), 'Low level and high level features are not combined.');
    expect(grade.covered).toEqual([]);
    expect(grade.feedback[1]).toBe(
      'Not credited: "low level and high level features are not combined" denies: features combined.',
    );
    expect(gradeRubric(fusion(), 'Low level and high level features are combined.').covered).toEqual([
      'fuse',
    ]);
  });
});

describe('what bounds a negation (punctuationBetween, purposeBetween, verbBetween)', () => {
  test('punctuation: a clause cut at a comma between the offsets, not a conjunction, not at the first offset', () => {
    const rather = analyseAnswer('Rather than increasing the batch, reduce it.');
    const t = rather.text;
    // "rather than | increasing the batch, reduce": the comma's clause starts between.
    expect(punctuationBetween(rather, endOf(t, 'than'), endOf(t, 'reduce'))).toBe(true);
    // From the end of "batch", where the comma's clause starts: (from, to) is open, nothing starts inside.
    expect(punctuationBetween(rather, endOf(t, 'batch'), endOf(t, 'reduce'))).toBe(false);
    // "do not | combine low level and high level features": "and" cuts no punctuation.
    const and = analyseAnswer('Do not combine low level and high level features.');
    expect(punctuationBetween(and, endOf(and.text, 'not'), endOf(and.text, 'features'))).toBe(false);
  });

  test('purpose: "to" and a verb after a noun or "enough" between the offsets', () => {
    const purpose = (answer: string, from: string, to: string) => {
      const a = analyseAnswer(answer);
      return purposeBetween(a, endOf(a.text, from), startOf(a.text, to));
    };
    // "doesn't have enough resolution | to label | every pixel": the aim is its own predicate.
    expect(purpose("It doesn't have enough resolution to label every pixel.", 'doesn t', 'every')).toBe(true);
    expect(purpose('It does not see enough to label every pixel.', 'not', 'every')).toBe(true);
    // "to be": an auxiliary is a verb too.
    expect(purpose('It does not have enough memory to be fast.', 'not', 'fast')).toBe(true);
    // "doesn't need to upsample": no noun before "to", the negation reaches "the output".
    expect(purpose("It doesn't need to upsample the output.", 'doesn t', 'output')).toBe(false);
    // "noise to images": "to" before a noun is no aim.
    expect(purpose('It does not add noise to images.', 'not', 'images')).toBe(false);
    // The "to" after the range does not count ("not have enough | resolution to label …").
    expect(purpose('It does not have enough resolution to label every pixel.', 'not', 'resolution')).toBe(
      false,
    );
    // Nor one before it: "pooling layers to train" stands before "not".
    expect(
      purpose('It uses pooling layers to train and does not lose invariance.', 'not', 'invariance'),
    ).toBe(false);
    // A "to" that opens the clause has no noun before it.
    const opening = analyseAnswer('To label every pixel the network needs resolution.');
    expect(purposeBetween(opening, 0, startOf(opening.text, 'resolution'))).toBe(false);
  });

  test('verb: a verb between a phrase and the negation after it, not a plural noun before "do"', () => {
    const verb = (answer: string, from: string, to: string) => {
      const a = analyseAnswer(answer);
      return verbBetween(a, endOf(a.text, from), startOf(a.text, to));
    };
    // "upsampling | is not needed": nothing between.
    expect(verb('Upsampling is not needed.', 'upsampling', 'is')).toBe(false);
    // "skip connections | mean a unit | doesn't have to": "mean" stands between.
    expect(
      verb("Skip connections mean a unit doesn't have to learn the mapping.", 'connections', 'doesn'),
    ).toBe(true);
    // "shift invariance | helps | nothing": the verb right before the negation.
    expect(verb('Shift invariance helps nothing.', 'invariance', 'nothing')).toBe(true);
    // "16 bit | floats do not help": "floats", tagged a verb, stands before "do": a noun.
    expect(verb('16-bit floats do not help.', 'bit', 'do')).toBe(false);
    // A verb before the phrase is not between: "uses | upsampling which | is not needed".
    expect(verb('It uses upsampling which is not needed.', 'upsampling', 'is')).toBe(false);
  });
});

describe('a short verbless item of a list (termInList)', () => {
  const term = (answer: string, word: string) => {
    const a = analyseAnswer(answer);
    return termInList(a, startOf(a.text, word));
  };

  test('three items or more of three words or fewer, with no verb', () => {
    expect(term('Parameters, invariance, faster.', 'parameters')).toBe(true);
    // Three words: "all the parameters".
    expect(term('All the parameters, invariance, speed.', 'parameters')).toBe(true);
    // Two items are no list.
    expect(term('Parameters, invariance.', 'parameters')).toBe(false);
    // Only the clauses of its own sentence count: one sentence before, two items here.
    expect(term('Pooling. Parameters, invariance.', 'parameters')).toBe(false);
  });

  test('an item of more than three words, or with a verb, is a claim', () => {
    // "the total number of parameters": five words.
    expect(term('The total number of parameters, invariance, speed.', 'parameters')).toBe(false);
    // "a lot of parameters": four words.
    expect(term('A lot of parameters, invariance, speed.', 'parameters')).toBe(false);
    expect(term('It has parameters, invariance, speed.', 'parameters')).toBe(false);
  });
});

describe('how far a comparative is (contentWords)', () => {
  test('words that are not fillers, the spaces at the ends counted for nothing', () => {
    // "the number of" are fillers: "reduces | the number of | parameters" is no word away.
    expect(contentWords(' the number of ')).toBe(0);
    expect(contentWords(' pooling layers ')).toBe(2);
    expect(contentWords(' the large pooling window ')).toBe(3);
    expect(contentWords('')).toBe(0);
  });
});

describe('more of the reading rules, one case each (survivors of the first runs)', () => {
  test('a network named after a comparison word is no subject: "unlike AlexNet it …" asks which network', () => {
    const grade = gradeRubric(networks(), 'Unlike AlexNet it uses skip connections.');
    expect(grade.covered).toEqual([]);
    expect(grade.feedback[1]).toBe(
      'Not credited: "unlike alexnet it uses skip connections": say which network this is (skip connections).',
    );
  });

  test('a network named right after another describes it only in one clause, or after a name standing alone', () => {
    // "The 2012 winner was AlexNet, | ResNet added skip connections": adjacent across a comma, but
    // AlexNet is no clause on its own: ResNet is a subject of its own, and the skip connections are its.
    expect(
      gradeRubric(networks(), 'The 2012 winner was AlexNet, ResNet added skip connections.').covered,
    ).toEqual(['skip']);
    // "AlexNet: huge. | ResNet: skip connections.": a heading two clauses back describes nothing.
    expect(gradeRubric(networks(), 'AlexNet: huge. ResNet: skip connections.').covered).toEqual([
      'skip',
      'huge',
    ]);
    // "Beating LeNet made AlexNet famous for its ReLU": two networks in one clause, not side by side.
    expect(gradeRubric(networks(), 'Beating LeNet made AlexNet famous for its ReLU.').covered).toEqual([
      'relu',
    ]);
  });

  test('after a preposition that follows a full verb ("won against AlexNet") the name is a complement', () => {
    expect(gradeRubric(networks(), 'ResNet won against AlexNet thanks to skip connections.').covered).toEqual(
      ['skip'],
    );
  });

  test('purpose: the aim\'s verb may be the phrase itself; other words than "to", or "to" after a verb, open none', () => {
    const purpose = (answer: string, from: string, to: string) => {
      const a = analyseAnswer(answer);
      return purposeBetween(a, endOf(a.text, from), startOf(a.text, to));
    };
    // "doesn't have enough resolution to | label every pixel": "to" ends right before the phrase.
    expect(purpose("It doesn't have enough resolution to label every pixel.", 'doesn t', 'label')).toBe(true);
    // "noise that hurts": a pronoun between a noun and a verb is no "to".
    expect(purpose('It does not add noise that hurts the output.', 'not', 'output')).toBe(false);
    // "need to learn": "to" after a verb, not a noun.
    expect(purpose('It does not need to learn the output.', 'not', 'output')).toBe(false);
    // "pooling layers to train" stands before "not", in the same clause.
    expect(purpose('Pooling layers to train faster do not lose invariance.', 'not', 'invariance')).toBe(
      false,
    );
    // A "to" that ends its clause opens no aim.
    expect(purpose('It does not have the resolution to, so it fails.', 'not', 'fails')).toBe(false);
  });

  test('verb: only the words between count, and only verbs', () => {
    const verb = (answer: string, from: string, to: string) => {
      const a = analyseAnswer(answer);
      return verbBetween(a, endOf(a.text, from), startOf(a.text, to));
    };
    // "Using" stands before the phrase: "using upsampling | is not needed".
    expect(verb('Using upsampling is not needed.', 'upsampling', 'is')).toBe(false);
    // "at all levels" holds no verb.
    expect(verb('Upsampling at all levels is not needed.', 'upsampling', 'is')).toBe(false);
  });

  test('list: an item with a full verb is a claim', () => {
    const a = analyseAnswer('It needs parameters, invariance, speed.');
    expect(termInList(a, startOf(a.text, 'parameters'))).toBe(false);
  });
});
