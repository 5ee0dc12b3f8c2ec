// Convolution (forward, grad input, grad weight, grad bias) against a naive direct
// convolution written from the definition, for float64 (JS) and float32 (wasm and JS), on
// random geometries: stride, padding, dilation, groups, 1x1 (the no-im2col path), odd sizes.
import { test } from "node:test";
import assert from "node:assert/strict";
import {
  conv2dBackwardBias, conv2dBackwardInput, conv2dBackwardWeight, conv2dForward, convOutSize, isResidentF32, residentF32, setBackend,
  type Conv2dGeometry, type FloatArray,
} from "../../src/engine/kernels";
import { assertClose, pick, randomArray, rng } from "./helpers";

function randomGeometry(r: () => number): Conv2dGeometry {
  const groups = pick(r, [1, 1, 1, 2, 3]);
  const kH = pick(r, [1, 1, 2, 3, 5]), kW = pick(r, [1, 2, 3]);
  const g: Conv2dGeometry = {
    batch: pick(r, [1, 2, 3]), inChannels: groups * pick(r, [1, 2, 3, 4]), inH: pick(r, [1, 5, 7, 8, 11]),
    inW: pick(r, [1, 4, 6, 9, 13]), outChannels: groups * pick(r, [1, 2, 5]), kH, kW,
    strideH: pick(r, [1, 1, 2, 3]), strideW: pick(r, [1, 1, 2]), padH: pick(r, [0, 0, 1, 2]), padW: pick(r, [0, 1, 3]),
    dilationH: pick(r, [1, 1, 2]), dilationW: pick(r, [1, 1, 3]), groups,
  };
  return g;
}

function outShape(g: Conv2dGeometry): [number, number] {
  return [convOutSize(g.inH, g.kH, g.strideH, g.padH, g.dilationH), convOutSize(g.inW, g.kW, g.strideW, g.padW, g.dilationW)];
}

// Calls fn(n, o, oh, ow, c, i, j, xIndex, wIndex) for every (output, tap) pair reading the input.
function eachTap(g: Conv2dGeometry, fn: (yIdx: number, xIdx: number, wIdx: number) => void): void {
  const [oH, oW] = outShape(g);
  const cG = g.inChannels / g.groups, oG = g.outChannels / g.groups;
  for (let n = 0; n < g.batch; n++) for (let o = 0; o < g.outChannels; o++) {
    const grp = Math.floor(o / oG);
    for (let oh = 0; oh < oH; oh++) for (let ow = 0; ow < oW; ow++) {
      const yIdx = ((n * g.outChannels + o) * oH + oh) * oW + ow;
      for (let c = 0; c < cG; c++) for (let i = 0; i < g.kH; i++) for (let j = 0; j < g.kW; j++) {
        const h = oh * g.strideH - g.padH + i * g.dilationH, w = ow * g.strideW - g.padW + j * g.dilationW;
        if (h < 0 || h >= g.inH || w < 0 || w >= g.inW) continue;
        const xIdx = ((n * g.inChannels + grp * cG + c) * g.inH + h) * g.inW + w;
        fn(yIdx, xIdx, ((o * cG + c) * g.kH + i) * g.kW + j);
      }
    }
  }
}

function check<T extends FloatArray>(g: Conv2dGeometry, make: (n: number) => T, r: () => number, tol: number, what: string): void {
  const [oH, oW] = outShape(g);
  if (oH <= 0 || oW <= 0) return;
  const xLen = g.batch * g.inChannels * g.inH * g.inW, wLen = g.outChannels * (g.inChannels / g.groups) * g.kH * g.kW;
  const yLen = g.batch * g.outChannels * oH * oW;
  const x = randomArray(r, xLen + 2, make), w = randomArray(r, wLen + 1, make), bias = randomArray(r, g.outChannels + 3, make);
  const dy = randomArray(r, yLen + 4, make);
  const label = `${what} ${JSON.stringify(g)}`;

  // Expected values from the definition, in float64, on the same (offset) data.
  const y = new Float64Array(yLen), dx = new Float64Array(xLen), dw = new Float64Array(wLen), db = new Float64Array(g.outChannels);
  const P = oH * oW;
  for (let i = 0; i < yLen; i++) y[i] = bias[3 + Math.floor(i / P) % g.outChannels];
  eachTap(g, (yi, xi, wi) => {
    y[yi] += x[2 + xi] * w[1 + wi];
    dx[xi] += dy[4 + yi] * w[1 + wi];
    dw[wi] += dy[4 + yi] * x[2 + xi];
  });
  for (let i = 0; i < yLen; i++) db[Math.floor(i / P) % g.outChannels] += dy[4 + i];

  const yGot = make(yLen + 5), dxGot = make(xLen + 1), dwGot = make(wLen + 2), dbGot = make(g.outChannels);
  conv2dForward({ ...g, input: x, inputOffset: 2, weight: w, weightOffset: 1, bias, biasOffset: 3, output: yGot, outputOffset: 5 });
  assertClose(yGot.subarray(5), y, tol, `forward ${label}`);
  dxGot.fill(NaN); // written, not accumulated
  conv2dBackwardInput({ ...g, gradOutput: dy, gradOutputOffset: 4, weight: w, weightOffset: 1, gradInput: dxGot, gradInputOffset: 1 });
  assertClose(dxGot.subarray(1), dx, tol, `grad input ${label}`);
  dwGot.fill(NaN);
  conv2dBackwardWeight({ ...g, input: x, inputOffset: 2, gradOutput: dy, gradOutputOffset: 4, gradWeight: dwGot, gradWeightOffset: 2 });
  assertClose(dwGot.subarray(2), dw, tol, `grad weight ${label}`);
  conv2dBackwardBias(dy, 4, g.batch, g.outChannels, P, dbGot, 0);
  assertClose(dbGot, db, tol, `grad bias ${label}`);
}

test("conv2d float64 (JS) equals the direct definition", () => {
  const r = rng(21);
  for (let t = 0; t < 80; t++) check(randomGeometry(r), (n) => new Float64Array(n), r, 1e-12, "f64");
});

for (const backend of ["wasm", "js"] as const) {
  test(`conv2d float32 (${backend}) equals the direct definition`, () => {
    setBackend(backend);
    const r = rng(backend === "wasm" ? 22 : 23);
    for (let t = 0; t < 80; t++) check(randomGeometry(r), (n) => new Float32Array(n), r, 2e-5, backend);
    setBackend("wasm");
  });
}

test("conv2d float32 (wasm) on a ResNet-sized layer (3x3, 64 channels, stride 2)", () => {
  setBackend("wasm");
  const r = rng(24);
  check({ batch: 1, inChannels: 64, inH: 16, inW: 16, outChannels: 128, kH: 3, kW: 3, strideH: 2, strideW: 2,
    padH: 1, padW: 1, dilationH: 1, dilationW: 1, groups: 1 }, (n) => new Float32Array(n), r, 1e-4, "resnet");
});

// Few output positions per image (1..32) take the skinny kernels (wasm/conv_skinny.ts) for some
// of the three products; odd channel counts and patch sizes exercise their edge tiles (rows past
// a group of 2 or 4, columns past a group of 4 or 8, patch lengths that are not multiples of 4).
function skinnyGeometry(r: () => number): Conv2dGeometry {
  const groups = pick(r, [1, 1, 1, 2, 3]);
  const k = pick(r, [1, 1, 2, 3]);
  const outSide = pick(r, [1, 1, 2, 2, 3, 4, 5]), outW = pick(r, [1, 2, 3, 4, 5, 7]);
  const strideH = pick(r, [1, 2]), strideW = pick(r, [1, 2]), padH = pick(r, [0, 1]), padW = pick(r, [0, 1]);
  return {
    batch: pick(r, [1, 1, 2, 3]), inChannels: groups * pick(r, [1, 3, 5, 8, 13, 37]),
    inH: Math.max(1, (outSide - 1) * strideH + k - 2 * padH), inW: Math.max(1, (outW - 1) * strideW + k - 2 * padW),
    outChannels: groups * pick(r, [1, 2, 3, 5, 9, 16, 17]), kH: k, kW: k, strideH, strideW, padH, padW,
    dilationH: 1, dilationW: 1, groups,
  };
}

test("conv2d float32 (wasm) with few output positions (the skinny kernels) equals the direct definition", () => {
  for (const variant of ["relaxed", "simd"] as const) {
    setBackend("wasm", variant);
    const r = rng(variant === "relaxed" ? 25 : 26);
    for (let t = 0; t < 150; t++) check(skinnyGeometry(r), (n) => new Float32Array(n), r, 2e-5, `skinny ${variant}`);
  }
  setBackend("wasm");
});

test("conv2d float32 (wasm) on ResNet-18's last stage (512 channels, 2x2 outputs) and a 1x1 downsample", () => {
  setBackend("wasm");
  const r = rng(27);
  const base = { batch: 1, strideH: 1, strideW: 1, padH: 1, padW: 1, dilationH: 1, dilationW: 1, groups: 1 };
  check({ ...base, inChannels: 512, inH: 2, inW: 2, outChannels: 512, kH: 3, kW: 3 }, (n) => new Float32Array(n), r, 1e-4, "layer4");
  check({ ...base, inChannels: 256, inH: 4, inW: 4, outChannels: 512, kH: 1, kW: 1, strideH: 2, strideW: 2, padH: 0, padW: 0 },
    (n) => new Float32Array(n), r, 1e-4, "layer4 downsample");
  check({ ...base, inChannels: 259, inH: 3, inW: 3, outChannels: 7, kH: 1, kW: 1, padH: 0, padW: 0 }, (n) => new Float32Array(n), r, 1e-4, "1x1 direct");
});

test("conv2d float32 (wasm) reads resident weights and inputs in place with the same results", () => {
  setBackend("wasm");
  const r = rng(28);
  const shapes: Conv2dGeometry[] = [
    { batch: 1, inChannels: 64, inH: 9, inW: 9, outChannels: 80, kH: 3, kW: 3, strideH: 1, strideW: 1, padH: 1, padW: 1, dilationH: 1, dilationW: 1, groups: 1 },
    { batch: 8, inChannels: 128, inH: 2, inW: 2, outChannels: 64, kH: 3, kW: 3, strideH: 1, strideW: 1, padH: 1, padW: 1, dilationH: 1, dilationW: 1, groups: 2 },
  ];
  for (const g of shapes) {
    const [oH, oW] = outShape(g);
    const wLen = g.outChannels * (g.inChannels / g.groups) * g.kH * g.kW;
    const xLen = g.batch * g.inChannels * g.inH * g.inW, yLen = g.batch * g.outChannels * oH * oW;
    const w = randomArray(r, wLen, (n) => new Float32Array(n)), x = randomArray(r, xLen, (n) => new Float32Array(n));
    const dy = randomArray(r, yLen, (n) => new Float32Array(n));
    const rw = residentF32(wLen), rx = residentF32(xLen);
    assert.ok(rw && rx && isResidentF32(rw), "wasm kernels make resident arrays");
    rw.set(w);
    rx.set(x);
    const run = (wa: Float32Array, xa: Float32Array): Float32Array[] => {
      const y = new Float32Array(yLen), dx = new Float32Array(xLen), dw = new Float32Array(wLen);
      conv2dForward({ ...g, input: xa, inputOffset: 0, weight: wa, weightOffset: 0, output: y, outputOffset: 0 });
      conv2dBackwardInput({ ...g, gradOutput: dy, gradOutputOffset: 0, weight: wa, weightOffset: 0, gradInput: dx, gradInputOffset: 0 });
      conv2dBackwardWeight({ ...g, input: xa, inputOffset: 0, gradOutput: dy, gradOutputOffset: 0, gradWeight: dw, gradWeightOffset: 0 });
      return [y, dx, dw];
    };
    const plain = run(w, x), resident = run(rw, rx);
    for (let i = 0; i < 3; i++) assert.deepEqual(resident[i], plain[i]);
    assert.deepEqual(rw, w, "weights unchanged");
  }
});
