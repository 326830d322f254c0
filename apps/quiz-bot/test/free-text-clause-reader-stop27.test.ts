import { describe, expect, test } from 'vitest';
import { foldCase } from '../src/grading/claims/analysis';
import { tagWords } from '../src/grading/claims/nlp';
import { covers } from './bank-rubric';

/*
 * Issue 18, stop 27: the clause reader's negation scope and subjects. Each row is an answer written
 * for this file (none is from a labelled evaluation set), with the concept a careful teacher credits
 * or refuses in it and why. Each rule's row was checked to fail with the rule taken out of the
 * grader (the mutant planted by hand).
 */

describe('a negation written without its apostrophe ("dont", "doesnt", "cant") is a negation', () => {
  test.each([
    // Each verb's "nt" gets its apostrophe back; the rest of the text is kept as written.
    ['they dont', "they don't"],
    ['It doesnt', "It doesn't"],
    ['pooling isnt', "pooling isn't"],
    ['we cant', "we can't"],
    ['it wont', "it won't"],
    ['Didnt', "Didn't"],
  ])('%j is read as %j', (written, read) => {
    expect(foldCase(written)).toBe(read);
  });

  test.each([
    // Words that end in "nt" but are no contraction of a listed verb stay as they are.
    'important',
    'want',
    'redundant',
    "don't",
  ])('%j is left alone', (word) => {
    expect(foldCase(word)).toBe(word);
  });

  test('"CNNs dont need a separate weight for every pixel" says they need fewer parameters', () => {
    // "a separate weight for every pixel" is the dense net's way (many parameters); denied by
    // "dont", it says a CNN needs far fewer: the point, as with "don't".
    expect(covers(1, 'CNNs dont need a separate weight for every pixel.')).toContain('fewer-parameters');
    // Control: affirmed, it is the opposite of the point.
    expect(covers(1, 'CNNs do need a separate weight for every pixel.')).not.toContain('fewer-parameters');
  });
});

describe('what "instead of" sets aside ends at a word that adds another item', () => {
  test('"used ReLU instead of tanh plus dropout" says AlexNet used dropout', () => {
    // "plus" adds dropout to what AlexNet used; only tanh is set aside.
    expect(covers(6, 'AlexNet used ReLU instead of tanh plus dropout against overfitting.')).toContain(
      'alexnet-regularisation',
    );
    // Control: dropout as the complement of "instead of" is set aside, not claimed.
    expect(covers(6, 'AlexNet used ReLU instead of dropout.')).not.toContain('alexnet-regularisation');
  });
});

describe('"and" followed by a network and its own verb opens a claim about that network', () => {
  test('"Xception introduced inception modules and SENet introduced skip connections" credits no network', () => {
    // Skip connections are said of SENet (they belong to ResNet, and Xception keeps them): said of
    // the wrong network, a teacher gives them to no one, not to Xception named earlier.
    expect(covers(6, 'Xception introduced inception modules and SENet introduced skip connections.')).toEqual(
      [],
    );
  });

  test('"… and AlexNet introduced batch normalization" is no credit for ResNet named before', () => {
    // Batch norm is said of AlexNet (wrong: ResNet used it); ResNet's own clause is DenseNet's idea.
    expect(
      covers(
        6,
        'ResNet connects each layer to every later layer by concatenation, and AlexNet introduced batch normalization.',
      ),
    ).not.toContain('resnet-bn');
  });

  test('said of the right networks, each claim is credited to its own', () => {
    expect(
      covers(6, 'GoogLeNet introduced inception modules and ResNet introduced skip connections.'),
    ).toEqual(['googlenet-inception', 'resnet-skip']);
  });

  test('after a denial of a whole statement ("it\'s not true that …"), "and" carries on what is denied', () => {
    // Both claims are inside "it's not true that …": nothing is asserted of ResNet.
    expect(
      covers(6, "It's not true that GoogLeNet used inception modules and ResNet used skip connections."),
    ).not.toContain('resnet-skip');
    // A negation of the first clause alone ("never used") leaves the second claim said, of ResNet.
    expect(covers(6, 'AlexNet never used batch norm and ResNet introduced skip connections.')).toContain(
      'resnet-skip',
    );
  });

  test('a name that is one of two things of one claim is no subject ("combines Inception and ResNet ideas")', () => {
    // No verb follows "ResNet": both names are what Xception combines; nothing is said of ResNet.
    expect(covers(6, 'Xception combines Inception and ResNet ideas.')).not.toContain('resnet-skip');
  });
});

describe('verbs the tagger misses in non-native forms', () => {
  const tagsOf = (text: string) =>
    Object.fromEntries(tagWords(text).map((t) => [t.norm, t.pos] as const)) as Record<string, string>;

  test('"when object moves": a subject without its article after a subordinator, then its verb', () => {
    // wink reads "object" as a verb and "moves" as a noun; in "when object moves" the noun comes
    // first, as in "when the object moves".
    expect(tagsOf('When object moves a little, the output stays the same.')).toMatchObject({
      object: 'NOUN',
      moves: 'VERB',
    });
    // The base form, as a non-native writer has it, before an adjective ("move little bit").
    expect(tagsOf('When object move little bit, result stay same.')).toMatchObject({
      object: 'NOUN',
      move: 'VERB',
    });
    // An order after "if" keeps its verb: "batch" is followed by a noun ("batch size").
    expect(tagsOf('If reduce batch size, memory drops.')).toMatchObject({ reduce: 'VERB', batch: 'NOUN' });
  });

  test('"the two pixels both land in …": the word after a floating "both" is the verb', () => {
    expect(tagsOf('The two pixels both land in the same cell.')).toMatchObject({ land: 'VERB' });
    // "both halves of the network" (a run-on after "cards"): "of" makes it a noun phrase, not a verb.
    expect(tagsOf('Put the model on two cards both halves of the network train in parallel.')).toMatchObject({
      halves: 'NOUN',
    });
  });

  test('"not use so many layers": a verb after "not" with no auxiliary', () => {
    // wink reads "use" after a bare "not" as a noun; an object follows ("so many"), so it is the verb.
    expect(tagsOf('Not use so many layers.')).toMatchObject({ use: 'VERB' });
    // "not memory but time": no object follows, "memory" stays a noun.
    expect(tagsOf('It is not memory but time.')).toMatchObject({ memory: 'NOUN' });
    // "not weights any more": a plural is no verb's base form, however an object-like word follows.
    expect(tagsOf('The scales are not weights any more.')).toMatchObject({ weights: 'NOUN' });
    // Graded: fewer layers said as a negation without its auxiliary, the point of a smaller model.
    expect(covers(3, 'Not use so many convolution layers.')).toContain('smaller-model');
  });

  test('graded: a shift that leaves the pooled output the same, said without articles', () => {
    // Pooling's invariance to small shifts: the object moves, the result stays the same.
    expect(covers(4, 'When object move little bit, result of pooling stay same.')).toContain('invariance');
    // Two shifted edges end in the same pooled cell: the same invariance, shown by an example.
    expect(
      covers(
        4,
        'An edge at column 3 or at column 4: after a 2x2 max pool both land in the same output cell.',
      ),
    ).toContain('invariance');
  });
});

describe('a claim whose stated reason is wrong stands on nothing', () => {
  test('"cheaper: it has one weight per channel" earns no "less computation"', () => {
    // The colon gives the reason; max pooling has no weights at all, so the reason is a wrong
    // claim, and the cheapness it explains is not the point made.
    expect(covers(4, 'Max pooling is cheaper: it has one weight per channel.')).not.toContain('compute');
    // Control: the same claim with a right reason is credited, even where the answer gets another
    // point wrong in a later sentence ("more memory" contradicts "less memory"; no reason of it).
    expect(covers(4, 'Max pooling is cheaper: it has no weights at all.')).toContain('compute');
    expect(
      covers(4, 'Max pooling is cheaper: it has no weights. It uses more memory than a conv layer.'),
    ).toContain('compute');
  });

  test('"cheaper because it has one weight per channel": a "because" reason, the same', () => {
    expect(covers(4, 'Max pooling is cheaper because it has one weight per channel.')).not.toContain(
      'compute',
    );
    expect(covers(4, 'Max pooling is cheaper, since it has one weight per channel.')).not.toContain(
      'compute',
    );
    // Control: without the reason clause the claim stands.
    expect(covers(4, 'Max pooling is cheaper.')).toContain('compute');
  });
});

describe('a loss said as an attribute is presupposed, not denied', () => {
  test('"upsampling can\'t recover lost detail" says the detail is lost', () => {
    // "can't" denies "recover"; "lost detail" is what there is to recover: the loss stands.
    expect(covers(8, "Upsampling can't recover the lost detail.")).toContain('resolution-lost');
    // Control: the loss itself denied ("does not lose detail") is no loss.
    expect(covers(8, 'Pooling does not lose detail.')).not.toContain('resolution-lost');
    // "no lost detail": the negation is of the phrase itself, with no verb between: no loss.
    expect(covers(8, 'With dilated convolutions there is no lost detail.')).not.toContain('resolution-lost');
  });
});

describe('a denial followed by its correction takes back the last claim before it', () => {
  test('"…, so it takes any image size. Actually no, it needs the same size" keeps the first claim', () => {
    // The correction is about the input size: only the size claim is taken back; "only
    // convolutions" still stands.
    const said = covers(
      7,
      'FCN: only convolutions, so it can take any image size. Actually no, it still needs the same input size as in training.',
    );
    expect(said).toContain('only-conv');
    expect(said).not.toContain('any-size');
  });

  test('a bare "No." with no correction still takes back the whole sentence before it', () => {
    // Nothing says which claim is meant: both go.
    expect(covers(4, 'Pooling has no parameters and it gives shift invariance. No.')).toEqual([]);
  });
});

describe('nothing preventing a remedy says it may be done', () => {
  test('"nothing stops you from running the model on two GPUs" proposes two GPUs', () => {
    // "nothing" is the subject of "stops": no denial of the running, which is permitted.
    expect(covers(3, 'Nothing stops you from running the model on two GPUs.')).toContain('distribute');
    // Control: a plain order not to do it denies it.
    expect(covers(3, "Don't run the model on two GPUs.")).not.toContain('distribute');
    // Control: "nothing" with a verb that prevents nothing ("is gained from") still denies it.
    expect(covers(3, 'Nothing is gained from running the model on two GPUs.')).not.toContain('distribute');
  });

  test('"nobody prevents you from …", "it doesn\'t stop you from …": the same', () => {
    expect(covers(3, 'Nobody prevents you from using 16-bit floats.')).toContain('precision');
    expect(covers(3, "The framework doesn't stop you from using 16-bit floats.")).toContain('precision');
    // Control: "stop using" (no object, no "from") is to give it up: denied.
    expect(covers(3, 'Stop using 16-bit floats.')).not.toContain('precision');
  });
});

describe('a negation of when is no denial of what', () => {
  test('"not a smaller model at first …, then fewer layers" is no contradiction', () => {
    // "at first" puts the smaller model off; "fewer layers" later proposes it: credited.
    expect(
      covers(3, 'Use smaller batches; not a smaller model at first. If that is not enough, fewer layers.'),
    ).toContain('smaller-model');
    // Control: denied with no time, then proposed: the answer holds both, no credit.
    expect(
      covers(3, 'Use smaller batches; not a smaller model. If that is not enough, fewer layers.'),
    ).not.toContain('smaller-model');
  });
});

describe('the subject of a relative clause is the thing named right before it', () => {
  test('"a CNN beats a dense net, which assumes that nearby pixels are related" says it of the dense net', () => {
    // "which" opens a relative clause on "a dense net": locality is said of the dense net, not the
    // CNN (a wrong claim; a teacher gives the CNN nothing for it).
    expect(
      covers(1, 'A CNN beats a dense net, which assumes that pixels close together are related.'),
    ).not.toContain('spatial-hierarchy');
    // Control: said of the CNN itself, the same words are the point.
    expect(covers(1, 'A CNN assumes that pixels close together are related.')).toContain('spatial-hierarchy');
  });

  test('only a "which" right after the thing, and only a relative "which" or "who"', () => {
    // "… a dense net on images, which shows …": "which" follows "images", not the net; it takes up
    // the whole clause, and "it uses the 2D structure" is the CNN's.
    expect(
      covers(1, 'A CNN beats a dense net on images, which shows that it uses the 2D structure.'),
    ).toContain('spatial-hierarchy');
    // "because it …" opens no relative clause: "it" is the CNN.
    expect(covers(1, 'A CNN beats a dense net because it uses the 2D structure.')).toContain(
      'spatial-hierarchy',
    );
  });

  test('the relative clause\'s subject is for that clause only: "…, and they …" goes back to the CNN', () => {
    // "which needs far more parameters" is said of the dense net (in a contrast: the CNN has
    // fewer); "and they detect a feature anywhere" is about the CNNs again.
    const said = covers(
      1,
      'CNNs beat a dense net, which needs far more parameters, and they detect a feature anywhere in the image.',
    );
    expect(said).toEqual(expect.arrayContaining(['fewer-parameters', 'translation']));
  });
});

describe('a negation carried into an adjunct stops at its punctuation', () => {
  test('"you don\'t fix that with a plain resize alone; you upsample …" proposes upsampling', () => {
    // "with a plain resize alone" continues the denied "don't fix that"; the claim read from there
    // on past the semicolon ("… you upsample with transposed convolutions …") is said in its own
    // clause, which the negation does not reach. (Written for this file: "skips that bring back
    // finer maps" makes the upsampling claim run on through the semicolon.)
    expect(
      covers(
        8,
        "You don't fix that with a plain resize alone; you upsample with transposed convolutions, and instead of relying only on the coarse maps you add skips that bring back finer maps from early layers.",
      ),
    ).toContain('upsample');
  });
});

describe('"the … thing is wrong" takes back the point that word names', () => {
  test('"the locality thing is wrong" takes back the 2-D structure said before', () => {
    // "locality" is a word of the 2-D structure point ("spatial|2d|local structure|layout|locality"
    // in its claims): called wrong after it was said, the point is withdrawn.
    expect(
      covers(1, 'CNNs build on the 2D structure of images. Though the locality thing is wrong actually.'),
    ).not.toContain('spatial-hierarchy');
    // Control: the same point with no such clause is credited.
    expect(covers(1, 'CNNs build on the 2D structure of images.')).toContain('spatial-hierarchy');
  });

  test('only a point said before it, and only one its word names', () => {
    // Called wrong first, then said: nothing said before it to take back.
    expect(
      covers(1, 'The locality thing is wrong, people say. CNNs build on the 2D structure of images.'),
    ).toContain('spatial-hierarchy');
    // "the pooling thing": no word of the 2-D structure point; it stands.
    expect(
      covers(1, 'CNNs build on the 2D structure of images. Though the pooling thing is wrong actually.'),
    ).toContain('spatial-hierarchy');
  });
});

describe('an inability said of a coarse thing is the difficulty itself, not a denial of the task', () => {
  test('"a low-res output can\'t classify each pixel" says both what is lost and what is needed', () => {
    // Question 8: "low-res output" is resolution lost, and "can't classify each pixel" says the task
    // is to label every pixel (what the coarse map fails at): both points, stated, not denied.
    expect(covers(8, "A low-res output can't classify each pixel.")).toEqual([
      'resolution-lost',
      'per-pixel',
    ]);
  });

  test('control: the same inability said of the network itself denies the task', () => {
    // "The network can't label each pixel" says segmentation is impossible: the per-pixel point is
    // refused, as before this rule.
    expect(covers(8, "The network can't label each pixel.")).not.toContain('per-pixel');
  });

  test('only an inability to do the labelling: "a coarse map can\'t recover the resolution" is no remedy', () => {
    // Denied recovery says the detail stays lost; read as stated it would claim upsampling (the
    // remedy that recovers resolution), which the answer says cannot happen.
    expect(covers(8, "A coarse output map can't recover the resolution.")).not.toContain('upsample');
  });
});

describe('a verb written with its "n\'t" carries the claim after it, as the verb and "not" do', () => {
  test('"a max pool isn\'t invariant to much" takes back the invariance claimed before it', () => {
    // Question 4: the second sentence denies what the first asserts (invariance); a teacher gives
    // the point to neither, as for "is not invariant".
    const answer = 'Pooling adds some shift invariance. But a max pool isn’t invariant to much, honestly.';
    expect(covers(4, answer)).not.toContain('invariance');
    // Control: without the denial the same first sentence earns the point.
    expect(covers(4, 'Pooling adds some shift invariance.')).toContain('invariance');
  });
});

describe('"not only" before a phrase that itself says "only" denies it', () => {
  test('"the network is not only convolutional layers" refuses the only-convolutional point', () => {
    // Question 7: "not only convolutional layers" says it has other layers too, the opposite of a
    // fully convolutional network's point ("only convolutional layers").
    expect(covers(7, 'The network is not only convolutional layers.')).not.toContain('only-conv');
    // Control: the same phrase said plainly earns it.
    expect(covers(7, 'The network has only convolutional layers.')).toContain('only-conv');
  });
});
