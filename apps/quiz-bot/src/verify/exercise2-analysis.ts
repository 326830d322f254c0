import { type AnalyzedModel, analyzeModel, type Dtype, exercise2Spec } from '@cnnkit/shape-math';
import type { Exercise2Network } from './requests';

/** Analyses kept (a few hundred bytes to a few kB each): the variants in play, and the base. */
const KEPT = 256;
const analyses = new Map<string, AnalyzedModel>();

/**
 * shape-math's analysis of an exercise-2 network (`analyzeModel` of `exercise2Spec(network)`), at
 * most once per network, number format and batch in this process (issue 17: one analysis per
 * answer): the service's plan analyses the network of a request, and the grader's conventions for
 * the same network read that analysis instead of making another. Kept in insertion order, the
 * oldest dropped past 256 networks. The result is shared: callers only read it.
 */
export function analyzeExercise2(
  network: Exercise2Network,
  options: { readonly dtype?: Dtype | undefined; readonly batchSize?: number | undefined } = {},
): AnalyzedModel {
  const dtype = options.dtype ?? 'float32';
  const batchSize = options.batchSize ?? 1;
  const key = JSON.stringify([network, dtype, batchSize]);
  let analyzed = analyses.get(key);
  if (analyzed === undefined) {
    analyzed = analyzeModel(exercise2Spec(network), { dtype, batchSize });
    analyses.set(key, analyzed);
    if (analyses.size > KEPT) analyses.delete(analyses.keys().next().value!);
  }
  return analyzed;
}
