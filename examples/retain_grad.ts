// Leaf tensors, retain_grad() and ways to stop gradients (the seed 001 tutorial).
import * as torch from "torch";

// Gradients are stored only in leaf tensors: the ones you created with requires_grad.
const x = torch.tensor([1.], { requires_grad: true });
const y = x.pow(2);
y.retain_grad(); // also keep the gradient of this intermediate tensor
const z = y.mul(3);
z.backward();

console.log(x.grad); // dz/dx = 6x = 6
console.log(y.grad); // dz/dy = 3, kept because of retain_grad()
console.log(z.grad); // null, and PyTorch warns on stderr: z is not a leaf

// argmax is not differentiable: its result has no grad_fn, so backward() fails.
try {
  x.argmax().backward();
} catch (e) {
  const err = e as Error;
  console.log(`${err.name}: ${err.message}`);
}

// Three ways to stop tracking:
const frozen = torch.tensor([1.], { requires_grad: true });
frozen.requires_grad = false; // 1. switch the flag off on a leaf
const detached = x.detach(); // 2. a tensor sharing x's data, outside the graph
const untracked = torch.no_grad(() => x.pow(2)); // 3. compute without recording
console.log(frozen.requires_grad, detached.requires_grad, untracked.requires_grad);
