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
