/**
 * The ceiling of wasm SIMD128 float arithmetic on this machine, measured: a hand-assembled wasm
 * function whose loop does nothing but multiply-adds on 128-bit vectors, the way XNNPACK's wasmsimd
 * GEMM micro-kernels do them (wasm SIMD without relaxed-simd has no fused multiply-add: each
 * multiply-add is one f32x4.mul and one f32x4.add, 8 FLOP per pair). Eight independent accumulators,
 * so the loop is bound by the floating-point pipes, not by the add's latency. Reported per CPU-second
 * of one thread (process CPU time, so other work on a shared machine does not count against it): the
 * most a 2-thread wasm convolution could reach is twice that. With `--relaxed` the loop also runs
 * with relaxed-simd's fused f32x4.relaxed_madd (Node 20's V8 11.3 has it only behind
 * `--experimental-wasm-relaxed-simd`; tfjs-backend-wasm 4.22 ships no build that uses it), to see
 * what such a build could gain on this CPU. Figures, not a test.
 *
 * `tsx bench/wasm-simd-ceiling.bench.ts [--iterations 100000000] [--repeats 5] [--relaxed]`
 * (`--relaxed` needs `node --experimental-wasm-relaxed-simd`, e.g. via NODE_OPTIONS)
 */
import { arg, loadAverage, median } from './bench-helpers';

const ACCUMULATORS = 8;
const iterations = Number(arg('iterations') ?? 100_000_000);
const repeats = Number(arg('repeats') ?? 5);

/** Unsigned LEB128, as the wasm binary format writes sizes and indices. */
function leb(value: number): number[] {
  const bytes: number[] = [];
  do {
    let byte = value & 0x7f;
    value >>>= 7;
    if (value !== 0) byte |= 0x80;
    bytes.push(byte);
  } while (value !== 0);
  return bytes;
}
const section = (id: number, body: number[]) => [id, ...leb(body.length), ...body];
const SIMD = 0xfd;
const f32x4 = {
  splat: [SIMD, 0x13],
  extractLane0: [SIMD, 0x1f, 0],
  add: [SIMD, ...leb(228)],
  mul: [SIMD, ...leb(230)],
  /** relaxed-simd's a·b + c, fused where the CPU has FMA (opcode 0x105 of the relaxed-simd proposal). */
  relaxedMadd: [SIMD, ...leb(0x105)],
};
const f32Const = (value: number) => [0x43, ...new Uint8Array(new Float32Array([value]).buffer)];

/**
 * (func (param $n i32) (result f32)): acc[j] += a[j] · b, j < 8, repeated $n times; returns lane 0 of
 * Σacc (so the loop's work is used). Locals: 0 = $n, 1..8 = acc, 9..16 = a, 17 = b.
 */
function multiplyAddModule(fused: boolean): Uint8Array {
  const acc = (j: number) => 1 + j;
  const a = (j: number) => 1 + ACCUMULATORS + j;
  const b = 1 + 2 * ACCUMULATORS;
  const body: number[] = [];
  for (let j = 0; j < ACCUMULATORS; j++) body.push(...f32Const(0.5 + j), ...f32x4.splat, 0x21, a(j));
  body.push(...f32Const(1.0001), ...f32x4.splat, 0x21, b);
  body.push(0x03, 0x40); // loop
  for (let j = 0; j < ACCUMULATORS; j++)
    body.push(
      ...(fused
        ? [0x20, a(j), 0x20, b, 0x20, acc(j), ...f32x4.relaxedMadd]
        : [0x20, acc(j), 0x20, a(j), 0x20, b, ...f32x4.mul, ...f32x4.add]),
      0x21,
      acc(j),
    );
  body.push(0x20, 0, 0x41, 1, 0x6b, 0x22, 0, 0x0d, 0, 0x0b); // $n -= 1; br_if $n ≠ 0; end loop
  body.push(0x20, acc(0));
  for (let j = 1; j < ACCUMULATORS; j++) body.push(0x20, acc(j), ...f32x4.add);
  body.push(...f32x4.extractLane0, 0x0b);
  const locals = [1, ...leb(2 * ACCUMULATORS + 1), 0x7b]; // one group of v128 locals
  const code = [...leb(locals.length + body.length), ...locals, ...body];
  return new Uint8Array([
    ...[0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00],
    ...section(1, [1, 0x60, 1, 0x7f, 1, 0x7d]), // type 0: (i32) -> f32
    ...section(3, [1, 0]), // function 0 has type 0
    ...section(7, [1, 3, ...Array.from('run', (c) => c.charCodeAt(0)), 0x00, 0]), // export "run"
    ...section(10, [1, ...code]),
  ]);
}

/** Node's WebAssembly global (this package's compiler settings do not declare it). */
const wasmApi = (
  globalThis as unknown as {
    WebAssembly: {
      instantiate(bytes: Uint8Array): Promise<{ instance: { exports: Record<string, unknown> } }>;
    };
  }
).WebAssembly;

async function measure(fused: boolean): Promise<void> {
  const { instance } = await wasmApi.instantiate(multiplyAddModule(fused));
  const run = instance.exports.run as (n: number) => number;
  run(1000); // compile
  const flopPerIteration = ACCUMULATORS * 4 * 2; // 8 vectors × 4 lanes × (one multiply + one add)
  const rates: number[] = [];
  for (let r = 0; r < repeats; r++) {
    const cpu = process.cpuUsage();
    run(iterations);
    const used = process.cpuUsage(cpu);
    rates.push((iterations * flopPerIteration) / ((used.user + used.system) * 1e3));
  }
  console.log(
    `wasm SIMD128 ${fused ? 'relaxed_madd (fused)' : 'f32x4.mul + f32x4.add'} ceiling, one thread: median ${median(rates).toFixed(1)} GFLOP per CPU-second (runs ${rates.map((r) => r.toFixed(1)).join(' ')}); load ${loadAverage()}`,
  );
}
await measure(false);
if (process.argv.includes('--relaxed')) await measure(true);
