// Seed 002 "Automatic differentiation with torch.autograd": a one-layer network with a binary
// cross-entropy loss, its gradients, stopping gradient tracking, and backward() with a vector.
// The tutorial's torch.randn tensors are replaced by fixed values (the x values are the ones
// the tutorial printed); 002_single_layer_bce_seeded.ts keeps randn under torch.manual_seed(0).
import * as torch from "torch";

const x = torch.ones(5); // input tensor
const y = torch.zeros(3); // expected output
const w = torch.tensor([
  [0.5, -0.3, 0.8],
  [0.1, 0.2, -0.6],
  [-0.4, 0.7, 0.3],
  [0.9, -0.1, 0.2],
  [-0.2, 0.4, -0.5],
], { requires_grad: true });
const b = torch.tensor([0.1, -0.2, 0.3], { requires_grad: true });
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
  const x = torch.tensor([-0.661, 1.3232, 0.0371], { requires_grad: true });

  let y = x.mul(2);
  while ((y.data.norm().item() as number) < 1000) {
    y = y.mul(2);
  }

  console.log(x);
  console.log(y);

  y.backward(torch.ones_like(x), { retain_graph: true });

  console.log(x.grad);
}
