// Contiguous elementwise ops and reductions: the wasm float32 kernels equal the JS kernels
// (bit for bit for + - * / and relu, whose float32 results are exactly rounded either way; sum
// to float32 rounding), on lengths around the SIMD width and the wasm threshold, with offsets
// and aliasing (out = a). Float64 goes through JS and is checked against plain arithmetic.
import { test } from "node:test";
import assert from "node:assert/strict";
import {
  binaryContiguous, expContiguous, kahanColumnSums, maxContiguous, reluBackwardContiguous, reluContiguous, scalarContiguous, setBackend, sumContiguous, type BinaryOp,
} from "../../src/engine/kernels";
import { randomArray, rng } from "./helpers";

const OPS: BinaryOp[] = ["add", "sub", "mul", "div"];
const LENGTHS = [0, 1, 3, 4, 5, 17, 1023, 1024, 1031, 4099];
const apply = (op: BinaryOp, x: number, y: number): number =>
  op === "add" ? x + y : op === "sub" ? x - y : op === "mul" ? x * y : x / y;

function both<T>(fn: () => T): [T, T] {
  setBackend("wasm");
  const w = fn();
  setBackend("js");
  const j = fn();
  setBackend("wasm");
  return [w, j];
}

test("binary and scalar ops: wasm float32 equals JS bit for bit", () => {
  const r = rng(31);
  for (const n of LENGTHS) {
    const a = randomArray(r, n + 2, (x) => new Float32Array(x));
    const b = randomArray(r, n + 3, (x) => new Float32Array(x));
    if (n > 3) { a[2] = NaN; b[3] = 0; a[4] = Infinity; }
    for (const op of OPS) {
      const [w, j] = both(() => { const o = new Float32Array(n + 1); binaryContiguous(op, n, a, 2, b, 3, o, 1); return o; });
      assert.deepEqual(w, j, `${op} n=${n}`);
      for (let i = 0; i < n; i++) assert.ok(Object.is(j[1 + i], Math.fround(apply(op, a[2 + i], b[3 + i]))), `${op} ${i}`);
      for (const reversed of [false, true]) {
        const [ws, js] = both(() => { const o = new Float32Array(n); scalarContiguous(op, n, a, 2, 0.37, o, 0, reversed); return o; });
        assert.deepEqual(ws, js, `${op} scalar reversed=${reversed} n=${n}`);
        for (let i = 0; i < n; i++) {
          const want = Math.fround(reversed ? apply(op, Math.fround(0.37), a[2 + i]) : apply(op, a[2 + i], Math.fround(0.37)));
          assert.ok(Object.is(js[i], want), `${op} scalar ${i}`);
        }
      }
    }
  }
});

test("out may alias an input", () => {
  const r = rng(32);
  for (const n of [5, 2000]) {
    const [w, j] = both(() => { const a = randomArray(rng(n), n, (x) => new Float32Array(x)); binaryContiguous("mul", n, a, 0, a, 0, a, 0); return a; });
    assert.deepEqual(w, j);
    const a = randomArray(r, n, (x) => new Float32Array(x));
    const want = a.map((x) => Math.fround(x * x));
    binaryContiguous("mul", n, a, 0, a, 0, a, 0);
    assert.deepEqual(a, want);
  }
});

test("relu's backward from its result: wasm equals JS, y <= 0 gives 0, NaN passes the gradient", () => {
  const r = rng(34);
  for (const n of LENGTHS) {
    const g = randomArray(r, n + 1, (x) => new Float32Array(x));
    const y = randomArray(r, n + 2, (x) => new Float32Array(x));
    if (n > 3) { y[2] = NaN; y[3] = -0; y[4] = 0; }
    const [w, j] = both(() => { const o = new Float32Array(n); reluBackwardContiguous(n, g, 1, y, 2, o, 0); return o; });
    assert.deepEqual(w, j, `relu backward n=${n}`);
    for (let i = 0; i < n; i++) assert.ok(Object.is(j[i], y[2 + i] <= 0 ? 0 : g[1 + i]), `relu backward ${i}`);
  }
});

test("relu keeps NaN and -0 (clamp_min) and zeroes negatives; exp matches Math.exp rounded", () => {
  const r = rng(33);
  for (const n of LENGTHS) {
    const a = randomArray(r, n, (x) => new Float32Array(x));
    if (n > 2) { a[0] = NaN; a[1] = -0; }
    const [w, j] = both(() => { const o = new Float32Array(n); reluContiguous(n, a, 0, o, 0); return o; });
    assert.deepEqual(w, j, `relu n=${n}`);
    for (let i = 0; i < n; i++) {
      const x = a[i];
      assert.ok(Number.isNaN(x) ? Number.isNaN(j[i]) : Object.is(j[i], x < 0 ? 0 : x), `relu ${i}`);
      assert.ok(Number.isNaN(x) ? Number.isNaN(w[i]) : Object.is(w[i], x < 0 ? 0 : x), `relu wasm ${i}`);
    }
    const e = new Float32Array(n);
    expContiguous(n, a, 0, e, 0);
    for (let i = 0; i < n; i++) assert.ok(Object.is(e[i], Math.fround(Math.exp(a[i]))), `exp ${i}`);
  }
});

test("sum and max: wasm float32 equals JS up to float32 rounding; NaN and empty cases", () => {
  const r = rng(34);
  for (const n of LENGTHS) {
    const a = randomArray(r, n + 1, (x) => new Float32Array(x));
    const [ws, js] = both(() => sumContiguous(n, a, 1));
    let exact = 0;
    for (let i = 0; i < n; i++) exact += a[1 + i];
    assert.ok(Math.abs(js - exact) <= 1e-9 * Math.max(n, 1), `js sum n=${n}`);
    assert.ok(Math.abs(ws - exact) <= 1e-6 * Math.max(n, 1), `wasm sum n=${n}: ${ws} vs ${exact}`);
    const [wm, jm] = both(() => maxContiguous(n, a, 1));
    assert.equal(wm, jm, `max n=${n}`);
    assert.equal(jm, n === 0 ? -Infinity : Math.max(...a.subarray(1, 1 + n)));
    if (n > 0) {
      a[n] = NaN;
      const [wn, jn] = both(() => maxContiguous(n, a, 1));
      assert.ok(Number.isNaN(wn) && Number.isNaN(jn), `max NaN n=${n}`);
    }
  }
});

test("float64 elementwise ops run in JS at full precision", () => {
  const a = Float64Array.from([1e-20, 1, 2.5, -3]);
  const b = Float64Array.from([1, 1e-17, 0.1, 7]);
  const o = new Float64Array(4);
  binaryContiguous("add", 4, a, 0, b, 0, o, 0);
  assert.deepEqual([...o], [1 + 1e-20, 1 + 1e-17, 2.5 + 0.1, 4]);
  assert.equal(sumContiguous(4, a, 0), 1e-20 + 1 + 2.5 - 3);
});

test("kahanColumnSums: wasm float32 equals the JS kernel and a per-column Kahan loop bit for bit", () => {
  const r = rng(35);
  for (const [rows, cols] of [[1, 1], [3, 5], [64, 256], [64, 10], [7, 1031], [300, 3]]) {
    const a = randomArray(r, 2 + rows * cols, (x) => new Float32Array(x));
    for (let i = 0; i < a.length; i += 7) a[i] *= 2 ** ((i % 40) - 20); // magnitudes far apart
    const [w, j] = both(() => { const o = new Float64Array(cols); kahanColumnSums(rows, cols, a, 2, o); return o; });
    assert.deepEqual(w, j, `${rows}x${cols}`);
    for (let c = 0; c < cols; c++) {
      let s = 0, comp = 0;
      for (let i = 0; i < rows; i++) {
        const y = a[2 + i * cols + c] - comp;
        const t = s + y;
        comp = t - s - y;
        s = t;
      }
      assert.ok(Object.is(j[c], s), `${rows}x${cols} column ${c}`);
    }
  }
});
