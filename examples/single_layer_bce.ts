// A single-layer network with a binary cross-entropy loss (the seed 002 tutorial).
import * as torch from "torch";

const x = torch.ones(5); // input
const y = torch.zeros(3); // expected output
// Parameters: fixed values here so the output is the same on every run.
const w = torch.tensor([
  [0.5, -0.3, 0.8],
  [0.1, 0.2, -0.6],
  [-0.4, 0.7, 0.3],
  [0.9, -0.1, 0.2],
  [-0.2, 0.4, -0.5],
], { requires_grad: true });
const b = torch.tensor([0.1, -0.2, 0.3], { requires_grad: true });

const z = torch.matmul(x, w).add(b); // logits
const loss = torch.nn.functional.binary_cross_entropy_with_logits(z, y);
console.log(`Gradient function for z = ${z.grad_fn}`);
console.log(`Gradient function for loss = ${loss.grad_fn}`);

// d(loss)/dw and d(loss)/db land in w.grad and b.grad.
loss.backward();
console.log(w.grad);
console.log(b.grad);

// For inference, stop tracking: no_grad or detach().
const inference = torch.no_grad(() => torch.matmul(x, w).add(b));
console.log(inference.requires_grad, z.detach().requires_grad);
