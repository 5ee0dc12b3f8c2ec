// The fast samplers against the simple ones they replace: normal_f32.ts's flat Box-Muller loop
// and its WebAssembly version (normal_f32_wasm.ts) against avx_mathfun.ts's lane functions, the bulk mt19937 fill against one random() at a time,
// and the bulk uniform against one fmaf per draw. fixtures.json checks PyTorch's values on a few
// thousand elements; these check equality on millions, where the rare FMA halfway cases occur.
import { test } from "node:test";
import assert from "node:assert/strict";
import { Generator, normal, uniform } from "../../src/engine/random";
import { normalLane } from "../../src/engine/random/avx_mathfun";
import { fmaf } from "../../src/engine/random/exact";
import { normalFill16F32 } from "../../src/engine/random/normal_f32";
import { normalFill16F32Wasm, useWasmNormal, wasmNormalAvailable } from "../../src/engine/random/normal_f32_wasm";

const fr = Math.fround;

/** normal(gen, n, mean, std, "float32") for n >= 16, built from one draw and one lane at a time. */
function slowNormal(gen: Generator, n: number, mean: number, std: number): Float32Array {
  const d = new Float32Array(n);
  const m = fr(mean);
  const s = fr(std);
  const blocks = (d: Float32Array, at: number): void => {
    for (let j = at; j < at + 8; j++) normalLane(d, j, m, s);
  };
  for (let i = 0; i < n; i++) d[i] = (gen.random() & 0xffffff) * 2 ** -24;
  for (let at = 0; at + 16 <= n; at += 16) blocks(d, at);
  if (n % 16 !== 0) {
    for (let i = n - 16; i < n; i++) d[i] = (gen.random() & 0xffffff) * 2 ** -24;
    blocks(d, n - 16);
  }
  return d;
}

function firstDifference(a: Float32Array, b: Float32Array): number {
  assert.equal(a.length, b.length);
  for (let i = 0; i < a.length; i++) if (!Object.is(a[i], b[i])) return i;
  return -1;
}

test("bulk mt19937 fill equals random() one at a time, state included", () => {
  const a = new Generator().manual_seed(7);
  const b = new Generator().manual_seed(7);
  const buf = new Uint32Array(5000);
  // Sizes that start and end at every position relative to the 624-word regeneration.
  for (const count of [1, 623, 624, 625, 5000, 3, 1248, 0, 624 * 3 + 1]) {
    a.fillRandom(buf, 0, count);
    for (let i = 0; i < count; i++) assert.equal(buf[i], b.random(), `count ${count}, draw ${i}`);
    assert.deepEqual(a.get_state(), b.get_state(), `state after ${count}`);
  }
});

test("the WebAssembly Box-Muller kernel compiles under Node", () => {
  // Node 20 has WebAssembly SIMD; without it normal() silently uses the JS loop, which the
  // tests below would then cover twice while the wasm path went untested.
  assert.equal(wasmNormalAvailable(), true);
});

for (const kernel of ["wasm", "js"] as const) test(`float32 normal (${kernel} kernel) equals the lane functions on 3M values`, () => {
  useWasmNormal(kernel === "wasm");
  const cases: [number, number, number, number][] = [
    // seed, n, mean, std: randn, kaiming_normal_-like stds, a far mean, tiny and huge stds, ragged n
    [0, 1 << 20, 0, 1], [1, 1 << 19, 0, 0.0589], [2, (1 << 19) + 7, 0, 0.01],
    [3, 1 << 18, 3.7, 2.5], [4, 1 << 18, -1e3, 1e-3], [5, 99991, 0, 1e-40], [6, 65536, 1, 3e38],
    [7, 1 << 18, -0.5, 0.5], [8, 17, 0, 1], [9, 31, 0.25, 0.125],
  ];
  for (const [seed, n, mean, std] of cases) {
    const fast = normal(new Generator().manual_seed(seed), n, mean, std, "float32") as Float32Array;
    const slow = slowNormal(new Generator().manual_seed(seed), n, mean, std);
    const i = firstDifference(fast, slow);
    assert.equal(i, -1, `seed ${seed} n ${n} mean ${mean} std ${std}: element ${i} is ${fast[i]}, lanes give ${slow[i]}`);
  }
  useWasmNormal(true);
});

test("float32 normal: both kernels equal the lane functions at the edges of the uniforms", () => {
  // Uniforms (multiples of 2^-24, as the kernel requires) at 0, 2^-24, 1 - 2^-24, powers of two
  // and about 1/3: log of exactly 1, tiny and huge radii, angles 0 and just below 2π.
  const edges = [0, 2 ** -24, 2 ** -23, 0.25, 0.5, 0.75, 1 - 2 ** -24, 1 - 2 ** -23, 0.125, 5592405 * 2 ** -24];
  const n = edges.length * edges.length * 2;
  const d = new Float32Array(Math.ceil(n / 16) * 16);
  let k = 0;
  for (const a of edges) for (const b of edges) {
    const at = (k >> 3) * 16 + (k & 7);
    d[at] = a;
    d[at + 8] = b;
    k++;
  }
  for (const [mean, std] of [[0, 1], [0, -0], [-0, 1], [2, 0.5]]) {
    const slow = d.slice();
    for (let at = 0; at < slow.length; at += 16) for (let j = at; j < at + 8; j++) normalLane(slow, j, fr(mean), fr(std));
    const js = d.slice();
    normalFill16F32(js, 0, js.length, fr(mean), fr(std));
    const wasm = d.slice();
    assert.ok(normalFill16F32Wasm(wasm, 0, wasm.length, fr(mean), fr(std)));
    for (const [name, fast] of [["js", js], ["wasm", wasm]] as const) {
      const i = firstDifference(fast, slow);
      assert.equal(i, -1, `${name}, mean ${mean} std ${std}: element ${i} is ${fast[i]}, lanes give ${slow[i]}`);
    }
  }
});

test("float32 uniform: bulk draws equal one fmaf per draw", () => {
  for (const [seed, n, from, to] of [[0, 1 << 20, 0, 1], [1, 300001, -0.0441, 0.0441], [2, 1000, -1.5e38, 1.5e38], [3, 5, 2, 2]]) {
    const fast = uniform(new Generator().manual_seed(seed), n, from, to, "float32") as Float32Array;
    const gen = new Generator().manual_seed(seed);
    const lo = fr(from);
    const range = fr(fr(to) - lo);
    const slow = new Float32Array(n);
    for (let i = 0; i < n; i++) slow[i] = fmaf((gen.random() & 0xffffff) * 2 ** -24, range, lo);
    const i = firstDifference(fast, slow);
    assert.equal(i, -1, `seed ${seed} [${from}, ${to}): element ${i}`);
  }
});
