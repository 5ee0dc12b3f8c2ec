// Every possible float32 Box-Muller lane input, both fast kernels (normal_f32.ts and its
// WebAssembly version normal_f32_wasm.ts) against the lane functions (avx_mathfun.ts): all 2^24 radius uniforms, each paired with a distinct angle
// uniform (k·2654435761 mod 2^24 is a bijection), for randn's (0, 1) and a kaiming-like
// (0, 0.0589). Too slow for `npm test` (about a minute); run by hand after changing either file:
//   npx tsc -p . && node build/test/random/exhaustive.js
import { normalLane } from "../../src/engine/random/avx_mathfun";
import { normalFill16F32 } from "../../src/engine/random/normal_f32";
import { normalFill16F32Wasm } from "../../src/engine/random/normal_f32_wasm";

const LANES = 1 << 24;
const CHUNK = 1 << 20; // lanes per pass, 2 values each
let mismatches = 0;
for (const [mean, std] of [[0, 1], [0, Math.fround(0.0589)]]) {
  for (let first = 0; first < LANES; first += CHUNK) {
    const d = new Float32Array(2 * CHUNK);
    for (let i = 0; i < CHUNK; i++) {
      const k = first + i;
      const at = (i >> 3) * 16 + (i & 7);
      d[at] = k * 2 ** -24;
      d[at + 8] = (Math.imul(k, 2654435761) & 0xffffff) * 2 ** -24;
    }
    const js = d.slice();
    normalFill16F32(js, 0, js.length, mean, std);
    const wasm = d.slice();
    if (!normalFill16F32Wasm(wasm, 0, wasm.length, mean, std)) throw new Error("no WebAssembly SIMD");
    for (let at = 0; at < d.length; at += 16) for (let j = at; j < at + 8; j++) normalLane(d, j, mean, std);
    for (let i = 0; i < d.length; i++) {
      for (const [name, fast] of [["js", js], ["wasm", wasm]] as const) {
        if (!Object.is(fast[i], d[i]) && mismatches++ < 10) {
          console.log(`${name}, mean ${mean} std ${std}: value ${first * 2 + i} fast ${fast[i]} lanes ${d[i]}`);
        }
      }
    }
  }
  console.log(`mean ${mean} std ${std}: ${LANES} lanes compared`);
}
console.log(mismatches === 0 ? "all equal" : `${mismatches} mismatches`);
process.exitCode = mismatches === 0 ? 0 : 1;
