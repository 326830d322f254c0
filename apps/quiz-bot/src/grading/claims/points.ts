/*
 * How a teacher counts the concepts of a part: some concepts are one point said in different ways,
 * or a consequence of another point, and a consequence is no extra point. Géron's own answers (ch. 14
 * exercises) count "far fewer parameters" once, whether the answer goes on to say "so it trains
 * faster and overfits less" or not; max pooling's lack of parameters is one reason with its
 * consequences (less computation, less memory, less overfitting); a converted dense layer's kernel
 * size and its one-filter-per-unit are one recipe. Keyed by part id; a part not listed counts each
 * concept as its own point.
 */

/** A part's points: each a list of concept ids of which any one earns the point. */
export interface PointTable {
  readonly points: readonly (readonly string[])[];
  /**
   * Points of which any `count` earn (beside {@link points}): question 8's "two of upsampling, skip
   * connections and dilated convolutions". Each is earned by any one of its concepts, as a point of
   * `points` is, and at most `count` of them are counted.
   */
  readonly anyOf?: { readonly count: number; readonly points: readonly (readonly string[])[] };
  /** Concepts that earn no point for this part (said, credited in the feedback, not counted). */
  readonly extra?: readonly string[];
  /**
   * Concepts that restate what the question's thing is (its definition) or what it is used for: said alone, they earn
   * their point only when the answer says them as what it is asked for ("the hard part is that
   * every pixel needs a label"; {@link FRAMED_AS_ASKED}), not as a plain description ("semantic
   * segmentation classifies each pixel").
   */
  readonly notAlone?: readonly string[];
  /**
   * Words that say the {@link notAlone} concepts as what the question asks (default
   * {@link FRAMED_AS_ASKED}, a difficulty or a need): question 7's use earns its point alone when
   * the answer says what comes out of the network ("outputs a heatmap", "one prediction per region").
   */
  readonly framedBy?: RegExp;
  /**
   * The part asks for a difficulty ("explain the difficulty …"): an answer that says there is none
   * ("segmentation has no real difficulty") denies what it is asked to explain, and nothing in it is
   * credited (rubric.ts, difficultyDenied).
   */
  readonly asksForDifficulty?: boolean;
  /**
   * Concepts that are what follows from another point ("so it trains faster", "so it needs less
   * data"): drawn from a premise ("…, so …", "… because …"), they are credited only when the premise
   * asserts a point of the part; said bare, they stand.
   */
  readonly consequences?: readonly string[];
}

/** The table, by part id. Every concept of a listed part is in one point or in `extra`. */
export const POINTS: Readonly<Record<string, PointTable>> = {
  // Question 1: fewer parameters, and what follows from it (faster, less overfitting, less data).
  advantages: {
    points: [['fewer-parameters', 'efficiency'], ['translation'], ['spatial-hierarchy']],
    consequences: ['efficiency'],
  },
  // Question 3: gradient accumulation is the way to train with a smaller mini-batch; smaller inputs
  // and fewer filters are remedies of their own (both labelled sets' standard), a GPU with more
  // memory and freeing memory held by other processes too (the fresh set's).
  remedies: {
    points: [
      ['batch', 'accumulation'],
      ['stride'],
      ['smaller-input'],
      ['smaller-model'],
      ['filters'],
      ['precision'],
      ['distribute'],
      ['checkpointing'],
      ['bigger-gpu'],
      ['free-memory'],
    ],
  },
  // Question 4: no parameters (so less computation, memory and overfitting) is one reason.
  why: {
    points: [['no-params', 'compute', 'memory', 'overfitting'], ['invariance']],
    consequences: ['compute', 'memory', 'overfitting'],
  },
  // Question 5: specialised maps are what generalises better; "replaced by batch norm" is history.
  // Better generalisation is what follows from the inhibition and the specialised maps: drawn from
  // another premise ("it zeroes neurons at random, so it overfits less") it stands on a wrong reason.
  when: {
    points: [['where'], ['inhibition'], ['specialise', 'generalisation']],
    extra: ['superseded'],
    consequences: ['generalisation'],
  },
  // Question 7: the first dense layer's conversion (its kernel as large as its input map, one filter
  // per unit) is one recipe; the grid of outputs is what "any size" gives; the fourth point is the
  // later dense layers as 1×1 convolutions, or the dense weights reshaped into kernels (the
  // examiners' standard, test/fixtures/grading-eval-fresh/README.md).
  'what-and-how': {
    points: [
      ['only-conv'],
      ['any-size', 'uses'],
      ['kernel-size', 'filters-units'],
      ['one-by-one', 'weights-copied'],
    ],
    // What FCNs are used for (segmentation, detection) said alone answers neither what an FCN is
    // nor how a dense layer is converted: the paper's use, not the definition (every practice row
    // with the application alone is labelled 0).
    notAlone: ['uses'],
    framedBy:
      / (?:grid|grids|map|maps|heatmap|heatmaps|output|outputs|prediction|predictions|score|scores|region|regions|sweep|sweeps|slide|slides|window|windows|size|sizes)(?= )/,
  },
  // Question 8: resolution lost while every pixel needs a class is the difficulty, and any two of
  // the three remedies (upsampling, skip connections, dilated convolutions) make the other two
  // points: the standard of every labelled set (stop 31 counted the practice sets' concept labels:
  // the loss with skip connections and dilated convolutions and no upsampling is 3/3 in all 4 such
  // rows, the two remedies alone 2/3; the loss with upsampling and dilated convolutions 3/3 in all
  // 8). Stop 29 counted them so and reverted it because "skip connections and dilated convolutions
  // were tried, but they do not help" earned both; a judging denial whose subject is a pronoun now
  // takes back what the clause before it names (rubric.ts, takenBackByPronounSubject). That every
  // pixel gets a class is what the task is: beside a remedy it says what the remedy is for, but
  // said alone ("semantic segmentation classifies each pixel") it defines the task, and names no
  // difficulty.
  difficulty: {
    points: [['resolution-lost', 'per-pixel']],
    anyOf: { count: 2, points: [['upsample'], ['skip'], ['dilated']] },
    notAlone: ['per-pixel'],
    asksForDifficulty: true,
  },
  // Question 6 (two points per network): Xception's depthwise separable convolutions are what
  // replace the inception modules, one point however it is said (Géron ch. 14; Chollet 2017).
  innovations: {
    points: [
      ['alexnet-size'],
      ['alexnet-stacked'],
      ['alexnet-relu'],
      ['alexnet-lrn'],
      ['alexnet-regularisation'],
      ['alexnet-gpu'],
      ['googlenet-inception'],
      ['googlenet-1x1'],
      ['googlenet-gap'],
      ['googlenet-params'],
      ['googlenet-aux'],
      ['resnet-skip'],
      ['resnet-depth'],
      ['resnet-bn'],
      ['senet-block'],
      ['senet-recalibrate'],
      ['xception-separable', 'xception-merge'],
      ['xception-separately'],
      ['xception-skip'],
    ],
  },
};

/**
 * How many points the covered concepts earn for a part: one per point of the part's table with a
 * covered concept, plus those of its `anyOf` points (at most its count), or one per covered concept
 * when the part has no table.
 */
export function pointsEarned(partId: string, covered: readonly string[]): number {
  const table = POINTS[partId];
  if (table === undefined) return covered.length;
  const earned = (points: readonly (readonly string[])[]) =>
    points.filter((point) => point.some((id) => covered.includes(id))).length;
  return earned(table.points) + Math.min(table.anyOf?.count ?? 0, earned(table.anyOf?.points ?? []));
}

/** A point (or several) still to make: `need` of the `points`, each earned by any of its concept ids. */
export interface MissingPoints {
  readonly need: number;
  readonly points: readonly (readonly string[])[];
}

/**
 * What a part still asks for: with a table, each point none of whose concepts is covered (need 1,
 * its concepts as alternatives; those of `open` only: question 6 leaves out a network already full),
 * and, while fewer of its `anyOf` points are earned than it counts, the rest of them (need: how many
 * more); without one, each concept of `open`. Extra concepts earn nothing and are not listed.
 */
export function pointsMissing(
  partId: string,
  open: readonly string[],
  covered: readonly string[],
): MissingPoints[] {
  const table = POINTS[partId];
  if (table === undefined) return open.map((id) => ({ need: 1, points: [[id]] }));
  const unearned = (points: readonly (readonly string[])[]) =>
    points.filter((point) => !point.some((id) => covered.includes(id)));
  const asked = (points: readonly (readonly string[])[]) =>
    points.map((point) => point.filter((id) => open.includes(id))).filter((point) => point.length > 0);
  const missing: MissingPoints[] = asked(unearned(table.points)).map((point) => ({
    need: 1,
    points: [point],
  }));
  if (table.anyOf !== undefined) {
    const rest = unearned(table.anyOf.points);
    const earned = table.anyOf.points.length - rest.length;
    const points = asked(rest);
    const need = Math.min(points.length, table.anyOf.count - earned);
    if (need > 0) missing.push({ need, points });
  }
  return missing;
}

/** Are the covered concepts (at least one) all definitions of the question's thing ({@link PointTable.notAlone})? */
export function definitionOnly(partId: string, covered: readonly string[]): boolean {
  const definitions = POINTS[partId]?.notAlone ?? [];
  return covered.length > 0 && covered.every((id) => definitions.includes(id));
}

/**
 * Words that say a point is a difficulty or a need ("hard", "the problem is", "must", "needs"): an
 * answer with one says its facts as the answer to "what is difficult", not as a definition.
 */
export const FRAMED_AS_ASKED =
  / (?:hard|harder|hardest|difficult|difficulty|difficulties|challenge|challenging|problem|problems|issue|issues|tricky|struggle|struggles|tension|trade ?off|enough|need|needs|needed|must|require|requires|required|have to|has to|but|yet|while|however|although)(?= )/;

/** Does the answer say a part's {@link PointTable.notAlone} concepts as what the question asks? */
export function framedAsAsked(partId: string, text: string): boolean {
  return (POINTS[partId]?.framedBy ?? FRAMED_AS_ASKED).test(text);
}

/** Does the part ask for a difficulty ({@link PointTable.asksForDifficulty})? */
export function asksForDifficulty(partId: string): boolean {
  return POINTS[partId]?.asksForDifficulty === true;
}

/** Do two concepts of a part earn the same point (always false for a part with no table)? */
export function samePoint(partId: string, a: string, b: string): boolean {
  const table = POINTS[partId];
  if (table === undefined) return false;
  return [...table.points, ...(table.anyOf?.points ?? [])].some(
    (point) => point.includes(a) && point.includes(b),
  );
}

/** Is the concept what follows from another point of the part ({@link PointTable.consequences})? */
export function isConsequence(partId: string, id: string): boolean {
  return POINTS[partId]?.consequences?.includes(id) ?? false;
}
