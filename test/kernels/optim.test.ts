// The float32 SGD update kernel (sgdStepF32): the wasm kernels (the relaxed-SIMD build, which
// uses relaxed_madd where it is a true fma here, and the plain SIMD128 build, which emulates
// the fma in float64 lanes) equal the JS kernel bit for bit,
// and both equal PyTorch's roundings computed with the reference fmaf (round-to-odd), on
// lengths around the SIMD width and the wasm threshold, halfway cases and special values included.
import { test } from "node:test";
import assert from "node:assert/strict";
import { setBackend, sgdStepF32 } from "../../src/engine/kernels";
import { fmaf } from "../../src/engine/random/exact";
import { rng } from "./helpers";

const f = Math.fround;
const LENGTHS = [1, 3, 4, 5, 255, 256, 257, 1031, 20000];

interface Case { x: Float32Array; g: Float32Array; buf: Float32Array; m: number; nlr: number }

function makeCase(r: () => number, n: number, nlr: number): Case {
  const x = new Float32Array(n), g = new Float32Array(n), buf = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    // Operands binades apart, so that many fused sums land halfway between two float32 values.
    x[i] = (r() - 0.5) * 2 ** Math.floor(r() * 20 - 10);
    g[i] = (r() - 0.5) * 2 ** Math.floor(r() * 20 - 10);
    buf[i] = (r() - 0.5) * 2 ** Math.floor(r() * 20 - 10);
  }
  if (n > 8) {
    x[1] = NaN; g[2] = Infinity; x[3] = -0; g[3] = -0; buf[4] = f(3e38); g[4] = f(3e38); x[5] = f(3e38); g[5] = -f(3e38);
  }
  return { x, g, buf, m: f(0.9), nlr };
}

function reference(c: Case, withBuf: boolean): [Float32Array, Float32Array] {
  const x = c.x.slice(), b = c.buf.slice();
  for (let i = 0; i < x.length; i++) {
    let d = c.g[i];
    if (withBuf) { d = f(d + f(b[i] * c.m)); b[i] = d; }
    x[i] = fmaf(d, c.nlr, x[i]);
  }
  return [x, b];
}

type Kernel = "wasm" | "wasm-simd" | "js";
const KERNELS: Kernel[] = ["wasm", "wasm-simd", "js"];
function use(k: Kernel): void {
  if (k === "wasm-simd") setBackend("wasm", "simd");
  else setBackend(k);
}

function run(c: Case, withBuf: boolean, backend: Kernel): [Float32Array, Float32Array] {
  use(backend);
  const x = c.x.slice(), b = c.buf.slice();
  sgdStepF32(x, c.g, withBuf ? b : null, c.m, c.nlr);
  setBackend("wasm", undefined);
  return [x, b];
}

function sameBits(a: Float32Array, b: Float32Array, what: string): void {
  const ia = new Int32Array(a.buffer, a.byteOffset, a.length), ib = new Int32Array(b.buffer, b.byteOffset, b.length);
  for (let i = 0; i < a.length; i++) {
    const nan = Number.isNaN(a[i]) && Number.isNaN(b[i]);
    if (!nan && ia[i] !== ib[i]) assert.fail(`${what}: element ${i}: ${a[i]} vs ${b[i]}`);
  }
}

test("sgdStepF32: wasm and JS equal the reference roundings, with and without momentum", () => {
  const r = rng(71);
  let halfway = 0;
  for (const n of LENGTHS) {
    for (const nlr of [-1, f(-0.01), f(-(r() * 4))]) {
      const c = makeCase(r, n, nlr);
      for (const withBuf of [false, true]) {
        const [wx, wb] = reference(c, withBuf);
        for (let i = 0; i < n; i++) {
          const d = withBuf ? wb[i] : c.g[i], s = d * nlr + c.x[i], rr = f(s), t = rr + 2 * (s - rr);
          if (t !== rr && f(t) === t) halfway++;
        }
        for (const backend of KERNELS) {
          const [x, b] = run(c, withBuf, backend);
          sameBits(x, wx, `${backend} x n=${n} nlr=${nlr} momentum=${withBuf}`);
          sameBits(b, withBuf ? wb : c.buf, `${backend} buf n=${n} nlr=${nlr} momentum=${withBuf}`);
        }
      }
    }
  }
  assert.ok(halfway > 1000, `too few halfway cases exercised (${halfway})`);
});

test("sgdStepF32 settles fused sums that float64 rounds onto a float32 halfway point", () => {
  // x + d * nlr where d * nlr is half an ulp of x plus or minus 2^-33 of an ulp: the float64
  // sum lands exactly halfway between two float32 values, and rounding it again would be wrong
  // about half the time. (1 + 2^-11)(1 - 2^-11 + 2^-22) = 1 + 2^-33 and its mirror 1 - 2^-33.
  const r = rng(72);
  for (const [up, nlrBase] of [[1 + 2 ** -11, 1 - 2 ** -11 + 2 ** -22], [1 - 2 ** -11, 1 + 2 ** -11 + 2 ** -22]] as const) {
    const nlr = -nlrBase / 8;
    const n = 1031;
    const x = new Float32Array(n), g = new Float32Array(n);
    for (let i = 0; i < n; i++) {
      const xi = f((r() < 0.5 ? -1 : 1) * (1 + r()) * 2 ** Math.floor(r() * 40 - 20));
      const halfUlp = 2 ** (Math.floor(Math.log2(Math.abs(xi))) - 24);
      x[i] = xi;
      // d * nlr has the sign of x half the time, so both rounding directions are exercised.
      g[i] = f((r() < 0.5 ? 1 : -1) * halfUlp * up * 8);
    }
    let wrongByDoubleRounding = 0;
    for (let i = 0; i < n; i++) if (f(g[i] * nlr + x[i]) !== f(fmaf(g[i], nlr, x[i]))) wrongByDoubleRounding++;
    assert.ok(wrongByDoubleRounding > n / 4, `the inputs should defeat plain rounding (${wrongByDoubleRounding})`);
    const want = x.map((xi, i) => fmaf(g[i], nlr, xi));
    for (const backend of KERNELS) {
      for (const withBuf of [false, true]) {
        use(backend);
        const got = x.slice();
        sgdStepF32(got, g, withBuf ? new Float32Array(n) : null, f(0.9), nlr);
        setBackend("wasm", undefined);
        sameBits(got, want, `${backend} momentum=${withBuf}`);
      }
    }
  }
});
