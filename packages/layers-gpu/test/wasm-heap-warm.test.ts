import { existsSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { startPageToucher } from '../src/wasm-threads';
import { runScriptInFreshProcess } from './helpers';

/*
 * warmWasmHeap (wasm-heap.ts): on the threaded wasm build a helper thread touches the fresh heap
 * pages the next allocations will use, so the main thread does not take their page faults. Each
 * case runs in a fresh process (a small heap, and the threaded build). Page faults per thread come
 * from Linux's /proc/self/task/<tid>/stat (field 10, minflt): Linux only.
 */
const onLinux = existsSync(`/proc/self/task/${process.pid}/stat`);

const PRELUDE = [
  "import { readFileSync } from 'node:fs';",
  "import * as tf from '@tensorflow/tfjs-core';",
  "import { initBackend } from './src/index';",
  "import { tensorFilledInPlace, warmWasmHeap } from './src/wasm-heap';",
  'await initBackend({ force: "wasm", env: {}, wasmThreads: 2 });',
  // minflt of the main thread (its tid is the pid): the 10th field, the 8th after "(comm) ".
  "const mainFaults = () => Number(readFileSync('/proc/self/task/' + process.pid + '/stat', 'utf8').split(') ')[1].split(' ')[7]);",
  'const allFaults = () => process.resourceUsage().minorPageFault;',
  'const BYTES = 32 * 2 ** 20;',
  'const PAGES = BYTES / 4096;',
  // The helper is done when the process has taken (nearly) one fault per page since `from`.
  'const settle = async (from) => { const end = Date.now() + 15_000; while (allFaults() - from < 0.95 * PAGES && Date.now() < end) await new Promise((r) => setTimeout(r, 20)); };',
];

describe.runIf(onLinux)('warmWasmHeap: fresh heap pages touched ahead in a helper thread', () => {
  test('the pages of the next allocation are faulted by the helper, not by the main thread that fills it', () => {
    const result = runScriptInFreshProcess('warm-heap', [
      ...PRELUDE,
      // Three tries, each on a fresh block (the tensors are kept, so each next block is new heap):
      // the best one counts, as another process's paging or a busy core can steal a try's pages.
      // Without the helper every try takes one fault per page.
      'let warmed = true, mainFill = Infinity, wrong = 0;',
      'for (let trial = 0; trial < 3; trial++) {',
      '  const all0 = allFaults();',
      '  warmed = warmWasmHeap(BYTES) && warmed;',
      '  await settle(all0);',
      '  const main0 = mainFaults();',
      '  const t = tensorFilledInPlace([BYTES / 4], (out) => { for (let i = 0; i < out.length; i++) out[i] = i % 1000; });',
      '  mainFill = Math.min(mainFill, mainFaults() - main0);',
      '  const values = t.dataSync();',
      '  for (let i = 0; i < values.length; i++) if (values[i] !== i % 1000) wrong++;',
      '}',
      'console.log(JSON.stringify({ warmed, mainFill, wrong, pages: PAGES }));',
    ]);
    expect(result.stderr).not.toMatch(/Error/);
    const out = JSON.parse(result.stdout.trim().split('\n').at(-1)!);
    expect(out.warmed).toBe(true);
    // Without the helper the fill takes one fault per page (8 192); with it, a few stragglers.
    expect(out.mainFill).toBeLessThan(out.pages / 10);
    expect(out.wrong).toBe(0);
  }, 70_000);

  test('a block that lies within the heap as it was (written before) is not handed to the helper', () => {
    const result = runScriptInFreshProcess('warm-heap-reuse', [
      ...PRELUDE,
      // A block allocated and freed: the heap has room for the next one of that size.
      'tensorFilledInPlace([BYTES / 4], (out) => out.fill(1)).dispose();',
      'console.log(JSON.stringify({ again: warmWasmHeap(BYTES) }));',
    ]);
    expect(result.stderr).not.toMatch(/Error/);
    expect(JSON.parse(result.stdout.trim().split('\n').at(-1)!)).toEqual({ again: false });
  }, 70_000);
});

describe('the page-touching helper thread', () => {
  test('touching changes no value: memory that holds data is left as it was', async () => {
    const length = 4 * 2 ** 20;
    const heap = new SharedArrayBuffer(length);
    const values = new Float32Array(heap);
    // Fractions, so that every byte of a value counts (a small integer's low bytes are zeros).
    const pattern = (i: number) => Math.fround(1 + (i % 997) / 997);
    for (let i = 0; i < values.length; i++) values[i] = pattern(i);
    const touched = new Promise<number>((resolve) => {
      const toucher = startPageToucher(resolve);
      expect(toucher).toBeDefined();
      toucher!(heap, 100, length);
    });
    expect(await touched).toBe(length);
    let wrong = 0;
    for (let i = 0; i < values.length; i++) if (values[i] !== pattern(i)) wrong++;
    expect(wrong).toBe(0);
  });
});
