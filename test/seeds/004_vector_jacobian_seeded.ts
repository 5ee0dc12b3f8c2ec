// Seed 004 "PyTorch Autograd": requires_grad, grad_fn, requires_grad_(), gradients, the
// vector-Jacobian product, and no_grad, with the tutorial's torch.randn tensors under
// torch.manual_seed(0): passes once our RNG is bit-exact with PyTorch's (seeds.test.ts skips it
// until then).
import * as torch from "torch";

// create a tensor and track computation with it
const x = torch.ones(2, 2, { requires_grad: true });
console.log(x);

// an operation on the tensor
const y = x.add(2);
console.log(y);

// y was created by an operation, so it has a grad_fn
console.log(y.grad_fn);

// more operations on y
const z = y.mul(y).mul(3);
const out = z.mean();

console.log(z, out);

// .requires_grad_( ... ) changes requires_grad in place
torch.manual_seed(0);
let a = torch.randn(2, 2);
a = a.mul(3).div(a.sub(1));
console.log(a.requires_grad);
a.requires_grad_(true);
console.log(a.requires_grad);
const b = a.mul(a).sum();
console.log(b.grad_fn);

// gradients: out holds a single scalar, so out.backward() == out.backward(torch.tensor(1.))
out.backward();

// print gradients d(out)/dx
console.log(x.grad);

// a vector-Jacobian product
{
  const x = torch.randn(3, { requires_grad: true });

  let y = x.mul(2);
  while ((y.data.norm().item() as number) < 1000) { // data.norm() == torch.sqrt(torch.sum(torch.pow(y, 2)))
    y = y.mul(2);
  }

  console.log(y);

  const v = torch.tensor([0.1, 1.0, 0.0001], { dtype: torch.float });
  y.backward(v);

  console.log(x.grad);

  console.log(x.requires_grad);
  console.log(x.pow(2).requires_grad);

  torch.no_grad(() => {
    console.log(x.pow(2).requires_grad);
  });
}
