// Seed 000 "Tutorial [2] AUTOGRAD", every snippet in order, ported per shared/API.md.
// The tutorial's torch.randn(3, 3) is replaced by fixed values so the run is deterministic
// (000_autograd_basics_seeded.ts keeps randn under torch.manual_seed(0)).
import * as torch from "torch";

// autograd tracking
const x = torch.ones(2, 2, { requires_grad: true });
console.log(x);

// grad_fn: add
const y = x.add(2);
console.log(y);
console.log(y.grad_fn);

// grad_fn: product, mean
const z = y.mul(y).mul(3);
const out = z.mean();
console.log(z);
console.log(out);

// .requires_grad_ switches requires_grad in place
let a = torch.tensor([[0.3367, 0.1288, 0.2345], [0.2303, -1.1229, -0.1863], [2.2082, -0.638, 0.4617]]);
a = a.mul(3).div(a.sub(1));
console.log(a.requires_grad);
a.requires_grad_(true);
console.log(a.requires_grad);
const b = a.mul(a).sum();
console.log(b.grad_fn);

// gradients d(out)/dx
out.backward();
console.log(x.grad);

// no_grad
console.log(x.requires_grad);
console.log(x.pow(2).requires_grad);
torch.no_grad(() => {
  console.log(x.pow(2).requires_grad);
});
