import { describe, expect, test } from 'vitest';
import { analyseAnswer } from '../src/grading/claims/analysis';
import { compileClaim, findClaims } from '../src/grading/claims/synonyms';

/*
 * Paraphrases written as data (claims/synonyms.ts), stated as the rules a teacher would give: a
 * synonym class counts as its words, a word is matched on its dictionary form or as written (with or
 * without its punctuation), a "*" word matches the words it begins and no other, a claim is said in
 * order within a clause unless it says otherwise, and a negation between its words takes it back.
 * Issue 17, mutation testing (docs/mutation-testing.md). Every expected match is read off the
 * sentence by hand in the comment beside it.
 *
 * compileClaim caches by source text, and a mutant is run only against the tests that cover it: each
 * test here compiles claims written in a way no other test writes them, so it compiles them itself.
 */

/** The normalised words of each place the claim is said in the answer. */
const said = (claim: string, answer: string): string[] => {
  const analysis = analyseAnswer(answer);
  return findClaims(analysis, compileClaim(claim)).map(({ from, to }) => analysis.text.slice(from, to));
};

describe('a synonym class counts as any of its words', () => {
  test('"@less @parameter": "fewer weights", "less params", "a smaller number of connections"', () => {
    // SYNONYMS.less holds few/fewer/less/smaller, SYNONYMS.parameter weights/params/connections.
    expect(said(' @less  @parameter', 'CNNs need fewer weights.')).toEqual(['fewer weights']);
    expect(said(' @less  @parameter', 'Less params.')).toEqual(['less params']);
    expect(said(' @less  @parameter', 'A smaller number of connections.')).toEqual([
      'smaller number of connections',
    ]);
    // A word of neither class is not the claim.
    expect(said(' @less  @parameter', 'Fewer pictures.')).toEqual([]);
  });
});

describe('which form of a word a slot matches', () => {
  test('a written word with punctuation inside also matches without it ("re-use" is "reuse")', () => {
    // The slot word is "reuse"; the answer writes "re-use" (one word to the tagger).
    expect(said('reuse  @parameter', 'Re-use the weights.')).toEqual(['re use the weights']);
  });

  test('a "*" word also begins a written word without its punctuation ("reus*" begins "re-use")', () => {
    // "re-use" (one word to the tagger) written without its hyphen is "reuse", which "reus*" begins;
    // neither "re-use" nor its lemma does.
    expect(said('reus*  @parameter', 'Re-use the weights.')).toEqual(['re use the weights']);
  });

  test('a list word written with a hyphen ("low-level") is not said by its first part ("low")', () => {
    // SYNONYMS.simple holds "low-level" and "lowlevel" (and "simple", "basic"…). wink splits
    // "low-level" at its hyphen, and alone it lemmatises to "low"; "low" is no simple feature to a
    // teacher ("low features" says nothing of their level), so only the list's own words count.
    expect(said('@simple    features', 'Low features.')).toEqual([]);
    expect(said('@simple    features', 'Lowlevel features.')).toEqual(['lowlevel features']);
    expect(said('@simple    features', 'Basic features.')).toEqual(['basic features']);
  });

  test('a word without "*" is that word only, not every word it begins', () => {
    // "conv" is not "convolution"; "gpu" is not "gpus" unless the list says so.
    expect(said('conv  layers', 'Add convolution layers.')).toEqual([]);
    expect(said('conv  layers', 'Add conv layers.')).toEqual(['conv layers']);
  });

  test('a "*" word matches the words it begins, on the dictionary form too, and no other word', () => {
    // "recalibrat*" begins "recalibrates"; it does not begin "rescale" (the same first letter).
    expect(said('recalibrat*  channels', 'SE blocks recalibrates the channels.')).toEqual([
      'recalibrates the channels',
    ]);
    expect(said('recalibrat*  channels', 'SE blocks rescale the channels.')).toEqual([]);
    // "ran" is the verb "run": "run*" matches it by its dictionary form, though "ran" does not begin with "run".
    expect(said('run*  faster', 'It ran faster.')).toEqual(['ran faster']);
  });

  test('"#size" is an image size with both sides of at least 16, not a kernel', () => {
    expect(said('at  #size', 'Trained at 256x256.')).toEqual(['at 256x256']);
    expect(said('at  #size', 'Trained at 16x15.')).toEqual([]);
    expect(said('at  #size', 'Trained at 7x7.')).toEqual([]);
  });
});

describe('where in the answer a claim is said', () => {
  test('a claim of one slot is said by any one of its words', () => {
    expect(said('fp16|float16 ', 'Store the weights in fp16.')).toEqual(['fp16']);
    expect(said('fp16|float16 ', 'Store the weights in fp32.')).toEqual([]);
  });

  test('an ordered claim is read inside one clause, not across a ";"', () => {
    // "It is smaller; the weights stay": what is smaller is not the weights.
    expect(said(' @less @parameter ', 'It is smaller; the weights stay.')).toEqual([]);
    expect(said(' @less @parameter ', 'It is smaller and the weights stay.')).toEqual([]);
  });

  test("the span is the claim's words as the normalised answer writes them, whatever the spacing", () => {
    // Spaces, capitals and an accent do not move the span: "fewer weights".
    expect(said('@less   @parameter', 'It has  Fewer   weights, and more.')).toEqual(['fewer weights']);
    expect(said('@less   @parameter', 'Café: fewer weights')).toEqual(['fewer weights']);
  });

  test('an ordered claim is matched from each word that can start it, not only the first', () => {
    // "fewer layers, fewer weights" in one clause: the first "fewer" leads to no @parameter within
    // reach before "layers" stops it; the second "fewer" does.
    expect(said('@less    @parameter', 'It has fewer layers and also fewer weights')).toEqual([
      'fewer weights',
    ]);
  });

  test('a negation written without an apostrophe or with a curly one still takes the claim back', () => {
    // "arent" and "aren’t" are "are not": the parameters are not fewer.
    expect(said('~  @less @parameter', 'The parameters arent fewer.')).toEqual([]);
    expect(said('~  @less @parameter', 'The parameters aren’t fewer.')).toEqual([]);
    expect(said('~  @less @parameter', 'The parameters are fewer.')).toEqual(['parameters are fewer']);
    // In order too: "reduce, not the weights" (the negation between the slots).
    expect(said('@less  @parameter', 'It cuts nothing of the weights.')).toEqual([]);
  });

  test("a negation outside the claim's words does not take it back", () => {
    // "not" before "fewer weights" is outside the span "fewer weights": the claim is found (its
    // negation is for the rubric to judge in the clause), as is "fewer weights" before "not".
    expect(said('@less  @parameter', 'Not fewer weights.')).toEqual(['fewer weights']);
    expect(said('~ @less  @parameter', 'Fewer weights, not more.')).toEqual(['fewer weights']);
    // Unordered too: "not" before the first of its words is outside it.
    expect(said('~ @less  @parameter', 'Not fewer weights.')).toEqual(['fewer weights']);
  });

  test('an unordered claim is found in each clause that says it, in any order', () => {
    expect(said('~ @less   @parameter', 'The weights are fewer. Fewer params.')).toEqual([
      'weights are fewer',
      'fewer params',
    ]);
    // A slot no word of the clause says: not found.
    expect(said('~ @less   @parameter', 'The weights are shared.')).toEqual([]);
  });

  test('a far slot ("...") is sought over the sentence: once per sentence, in each sentence', () => {
    // Géron ch. 14: edges are assembled into shapes; two sentences, each says it once.
    expect(said('@simple ...  @complex', 'Edges, then shapes. Lines, later faces.')).toEqual([
      'edges then shapes',
      'lines later faces',
    ]);
    // A far slot may cross a noun that no slot names ("textures").
    expect(said('@simple ...  @complex', 'Edges and textures and shapes.')).toEqual([
      'edges and textures and shapes',
    ]);
  });

  test('a far slot reaches the end of a long sentence; a near one reaches four words', () => {
    // "objects" stands seven words after "edges", across a noun ("layers") no slot names.
    expect(said('@simple ...   @complex', 'Edges first, then after a few more layers, objects.')).toEqual([
      'edges first then after a few more layers objects',
    ]);
    // No word of @complex in the sentence: nothing, however far the search goes.
    expect(said('@simple ...   @complex', 'Edges come first in every network.')).toEqual([]);
    // Five words between two near slots: too far.
    expect(said('  @less @parameter', 'Fewer of all of these old parameters.')).toEqual([]);
  });

  test('a word that only ends like "-nt" inside, such as "intermediate", is no negation', () => {
    expect(said('  @less @parameter', 'It has fewer intermediate weights.')).toEqual([
      'fewer intermediate weights',
    ]);
    expect(said('~  @less @parameter', 'Weights in intermediate layers are fewer.')).toEqual([
      'weights in intermediate layers are fewer',
    ]);
  });

  test('a negation that a slot asks for is part of the claim ("the output doesnt change")', () => {
    // "doesnt" is read as "doesn't" (foldCase puts the apostrophe back: "does" + "n't", lemma
    // "not"), a word of @unchanged; the normalised text writes it "doesn t".
    expect(said('@output  @unchanged  @change', 'The output doesnt change.')).toEqual([
      'output doesn t change',
    ]);
    expect(said('~ @output  @unchanged  @change', 'The output doesnt change.')).toEqual([
      'output doesn t change',
    ]);
  });

  test('a near slot stops at a noun that is no slot of the claim and is no measure', () => {
    // "cut the size of the weights": "size" measures, the claim reads on to "weights".
    expect(said('@less   @parameter', 'Cut the size of the weights.')).toEqual([
      'cut the size of the weights',
    ]);
    // "cut the bias of the weights": "bias" is the object of "cut"; the weights are not cut.
    expect(said('@less   @parameter', 'Cut the bias of the weights.')).toEqual([]);
    // A noun another slot of the claim names ("layer", of @layer) does not stop it: "fewer layer
    // weights per layer" is fewer weights per layer.
    expect(said('@less @parameter   @layer', 'Fewer layer weights per layer.')).toEqual([
      'fewer layer weights per layer',
    ]);
  });
});

describe('only a negation takes a claim back, not every word that ends in "nt"', () => {
  test('"fewer redundant weights" is "@less @parameter"; "fewer but not weights", "dont", "isnt" are negations', () => {
    // "redundant", "important" and "different" end in "nt" and negate nothing (a bug the mutation
    // run of synonyms.ts found: any word ending in "nt" counted as "n't").
    expect(said(' @less  @parameter', 'CNNs have fewer redundant weights.')).toEqual([
      'fewer redundant weights',
    ]);
    expect(said(' @less  @parameter', 'Fewer important weights.')).toEqual(['fewer important weights']);
    // A contraction written with or without its apostrophe between the words does take it back.
    expect(said('share  @parameter', 'They share no weights.')).toEqual([]);
    expect(said('share  @parameter', 'They share dont weights.')).toEqual([]);
    expect(said('share  @parameter', 'They share isnt weights.')).toEqual([]);
    expect(said('share  @parameter', 'They share weights.')).toEqual(['share weights']);
  });
});
