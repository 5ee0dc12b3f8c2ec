// Tensor-by-scalar multiply and divide as PyTorch's C++ compositions record them (MulBackward1,
// DivBackward1: the Scalar overloads), used where a loss composes `loss / n` in C++.
import { op1 } from "../ops/define";
import { Tensor } from "../tensor";
import { mul } from "../ops/elementwise";
import { floatData } from "./tensors";

function scaled(x: Tensor, f: number): Tensor {
  const src = floatData(x);
  const out = x._dtype.alloc(src.length);
  const s = x._dtype.cast(f);
  for (let i = 0; i < src.length; i++) out[i] = src[i] * s;
  return Tensor._make(out, x._shape, x._dtype);
}

export const mulScalarOp = op1<{ s: number }>("mul_scalar", {
  name: "MulBackward1",
  forward: ([x], p) => scaled(x, p.s),
  backward: ([g], _s, p) => [mul(g, p.s)],
});
export const divScalarOp = op1<{ s: number }>("div_scalar", {
  name: "DivBackward1",
  forward: ([x], p) => {
    const src = floatData(x);
    const out = x._dtype.alloc(src.length);
    const s = x._dtype.cast(p.s);
    for (let i = 0; i < src.length; i++) out[i] = src[i] / s;
    return Tensor._make(out, x._shape, x._dtype);
  },
  backward: ([g], _s, p) => [mul(g, 1 / p.s)],
});
