// backward() on a non-scalar: a vector-Jacobian product (the seed 004 tutorial).
import * as torch from "torch";

const x = torch.tensor([0.3801, -0.3282, 0.3534], { requires_grad: true });

// Keep doubling until the norm passes 1000: y = x * 2^k.
let y = x.mul(2);
while ((y.data.norm().item() as number) < 1000) {
  y = y.mul(2);
}
console.log(y);

// y is a vector, so backward() needs the vector v of v^T J; x.grad = v * 2^k.
const v = torch.tensor([0.1, 1.0, 0.0001], { dtype: torch.float });
y.backward(v);
console.log(x.grad);

// Without a gradient argument, a non-scalar backward() fails the way PyTorch does.
try {
  x.mul(2).backward();
} catch (e) {
  console.log((e as Error).message); // grad can be implicitly created only for scalar outputs
}
