// Max and average pooling against PyTorch 1.13 (fixtures/pool.json, made by gen_pool.py):
// outputs, argmax indices (ties keep the first), input gradients; padding, dilation,
// ceil_mode and count_include_pad. Both dtypes run the same JS kernels.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import {
  avgPool2dBackward, avgPool2dForward, maxPool2dBackward, maxPool2dForward, poolOutShape, type Pool2dGeometry,
} from "../../src/engine/kernels";
import { assertClose } from "./helpers";

interface PoolCase {
  shape: number[]; k: number[]; stride: number[]; pad: number[]; dilation: number[];
  ceil_mode: boolean; count_include_pad: boolean; input: number[]; out_shape: number[];
  max_out: number[]; max_indices: number[]; max_grad_out: number[]; max_grad_in: number[];
  avg_out?: number[]; avg_grad_out?: number[]; avg_grad_in?: number[]; avg_shape?: number[];
}

// Compiled tests run from build/test/kernels; the fixture stays in the source tree.
const fixture = JSON.parse(readFileSync(join(__dirname, "../../../test/kernels/fixtures/pool.json"), "utf8")) as { cases: PoolCase[] };

function geometry(c: PoolCase): Pool2dGeometry {
  return {
    batch: c.shape[0], channels: c.shape[1], inH: c.shape[2], inW: c.shape[3], kH: c.k[0], kW: c.k[1],
    strideH: c.stride[0], strideW: c.stride[1], padH: c.pad[0], padW: c.pad[1],
    dilationH: c.dilation[0], dilationW: c.dilation[1], ceilMode: c.ceil_mode,
  };
}

for (const make of [(a: number[]) => Float64Array.from(a), (a: number[]) => Float32Array.from(a)]) {
  const dtype = make([]) instanceof Float64Array ? "float64" : "float32";
  const tol = dtype === "float64" ? 1e-12 : 1e-6;

  test(`max_pool2d (${dtype}) matches PyTorch: values, indices, gradient`, () => {
    assert.ok(fixture.cases.length >= 7);
    for (const c of fixture.cases) {
      const g = geometry(c);
      assert.deepEqual(poolOutShape(g), c.out_shape.slice(2), "output shape");
      const n = c.max_out.length;
      const out = make(new Array(n + 1).fill(0)), idx = new Int32Array(n + 1);
      maxPool2dForward({ ...g, input: make([0, ...c.input]), inputOffset: 1, output: out, outputOffset: 1, indices: idx, indicesOffset: 1 });
      assertClose(out.subarray(1), c.max_out, tol, `max out ${JSON.stringify(g)}`);
      assert.deepEqual([...idx.subarray(1)], c.max_indices, `indices ${JSON.stringify(g)}`);
      const dx = make(new Array(c.input.length).fill(NaN));
      maxPool2dBackward({ ...g, gradOutput: make(c.max_grad_out), gradOutputOffset: 0, indices: idx, indicesOffset: 1, gradInput: dx, gradInputOffset: 0 });
      assertClose(dx, c.max_grad_in, tol, `max grad ${JSON.stringify(g)}`);
    }
  });

  test(`avg_pool2d (${dtype}) matches PyTorch: values and gradient`, () => {
    let checked = 0;
    for (const c of fixture.cases) {
      if (!c.avg_out || !c.avg_grad_out || !c.avg_grad_in) continue;
      const g = { ...geometry(c), countIncludePad: c.count_include_pad };
      const out = make(new Array(c.avg_out.length).fill(0));
      avgPool2dForward({ ...g, input: make(c.input), inputOffset: 0, output: out, outputOffset: 0 });
      assertClose(out, c.avg_out, tol, `avg out ${JSON.stringify(g)}`);
      const dx = make(new Array(c.input.length).fill(NaN));
      avgPool2dBackward({ ...g, gradOutput: make(c.avg_grad_out), gradOutputOffset: 0, gradInput: dx, gradInputOffset: 0 });
      assertClose(dx, c.avg_grad_in, tol, `avg grad ${JSON.stringify(g)}`);
      checked++;
    }
    assert.ok(checked >= 6);
  });
}

test("max_pool2d propagates NaN like torch", () => {
  const g: Pool2dGeometry = { batch: 1, channels: 1, inH: 2, inW: 2, kH: 2, kW: 2, strideH: 2, strideW: 2,
    padH: 0, padW: 0, dilationH: 1, dilationW: 1, ceilMode: false };
  const out = new Float32Array(1), idx = new Int32Array(1);
  maxPool2dForward({ ...g, input: new Float32Array([1, NaN, 3, 2]), inputOffset: 0, output: out, outputOffset: 0, indices: idx, indicesOffset: 0 });
  assert.ok(Number.isNaN(out[0]));
  assert.equal(idx[0], 1);
});

test("max_pool2d picks the window's last NaN, the first tap of an all -inf window and the first of tied zeros, like torch", () => {
  const run = (inH: number, inW: number, k: number, stride: number, pad: number, input: number[]): [number[], number[]] => {
    const g: Pool2dGeometry = { batch: 1, channels: 1, inH, inW, kH: k, kW: k, strideH: stride, strideW: stride,
      padH: pad, padW: pad, dilationH: 1, dilationW: 1, ceilMode: false };
    const [oH, oW] = poolOutShape(g);
    const out = new Float32Array(oH * oW), idx = new Int32Array(oH * oW);
    maxPool2dForward({ ...g, input: new Float32Array(input), inputOffset: 0, output: out, outputOffset: 0, indices: idx, indicesOffset: 0 });
    return [Array.from(out), Array.from(idx)];
  };
  // Values and indices from PyTorch 1.13: F.max_pool2d(x, 3, 1, 0, return_indices=True).
  const [o1, i1] = run(4, 4, 3, 1, 0, [NaN, 1, NaN, 2, -Infinity, -Infinity, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
  assert.deepEqual(i1, [2, 2, 14, 15]);
  assert.ok(Number.isNaN(o1[0]) && Number.isNaN(o1[1]));
  assert.deepEqual(o1.slice(2), [11, 12]);
  // F.max_pool2d(torch.full((1, 1, 3, 3), -inf), 2, 1, 1, return_indices=True).
  const [o2, i2] = run(3, 3, 2, 1, 1, new Array(9).fill(-Infinity));
  assert.deepEqual(i2, [0, 0, 1, 2, 0, 0, 1, 2, 3, 3, 4, 5, 6, 6, 7, 8]);
  assert.ok(o2.every((v) => v === -Infinity));
  // F.max_pool2d([[-0., 0.], [0., -0.]], 2, 1, 1): the first of equal zeros wins, sign included.
  const [o3, i3] = run(2, 2, 2, 1, 1, [-0, 0, 0, -0]);
  assert.deepEqual(i3, [0, 0, 1, 0, 0, 1, 2, 2, 3]);
  assert.ok(Object.is(o3[0], -0) && Object.is(o3[4], -0) && Object.is(o3[2], 0));
});
