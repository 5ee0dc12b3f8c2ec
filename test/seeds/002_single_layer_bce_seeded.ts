// Seed 002 "Automatic differentiation with torch.autograd": a one-layer network with a binary
// cross-entropy loss, its gradients, stopping gradient tracking, and backward() with a vector.
// The tutorial's torch.randn tensors under torch.manual_seed(0); this port passes once our RNG is
// bit-exact with PyTorch's (seeds.test.ts skips it until then).
import * as torch from "torch";

const x = torch.ones(5); // input tensor
const y = torch.zeros(3); // expected output
torch.manual_seed(0);
const w = torch.randn(5, 3, { requires_grad: true });
const b = torch.randn(3, { requires_grad: true });
let z = torch.matmul(x, w).add(b);
const loss = torch.nn.functional.binary_cross_entropy_with_logits(z, y);

console.log(`Gradient function for z = ${z.grad_fn}`);
console.log(`Gradient function for loss = ${loss.grad_fn}`);

// computing gradients
loss.backward();
console.log(w.grad);
console.log(b.grad);

// stopping gradient tracking
z = torch.matmul(x, w).add(b);
console.log(z.requires_grad);

z = torch.no_grad(() => torch.matmul(x, w).add(b));
console.log(z.requires_grad);

z = torch.matmul(x, w).add(b);
const z_det = z.detach();
console.log(z_det.requires_grad);

// backward() with a vector argument
{
  const x = torch.randn(3, { requires_grad: true });

  let y = x.mul(2);
  while ((y.data.norm().item() as number) < 1000) {
    y = y.mul(2);
  }

  console.log(x);
  console.log(y);

  y.backward(torch.ones_like(x), { retain_graph: true });

  console.log(x.grad);
}
