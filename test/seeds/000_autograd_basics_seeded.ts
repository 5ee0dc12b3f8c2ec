// Seed 000 with the tutorial's random tensor kept (torch.manual_seed(0) makes it reproducible).
// The tutorial's torch.randn(3, 3) under torch.manual_seed(0): its values are not printed, but the
// run exercises the RNG (enabled in seeds.test.ts once our RNG is bit-exact with PyTorch).
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
torch.manual_seed(0);
let a = torch.randn(3, 3);
console.log(a); // added to the tutorial: the seeded values, which must be PyTorch's
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
