// Autograd basics (the seed 000 tutorial): track a tensor, build a small graph, read grad_fn,
// differentiate a scalar, and switch tracking off. Run it with
//   node out/cli.js run examples/autograd_basics.ts
// or open it in VS Code and run "Gradient Inspector: Run" to see every tensor and the graph.
import * as torch from "torch";

// requires_grad: true asks autograd to record every operation on x.
const x = torch.ones(2, 2, { requires_grad: true });
console.log(x);

// y comes from an operation, so it remembers it: grad_fn is an AddBackward0 node.
const y = x.add(2);
console.log(y);
console.log(y.grad_fn);

// More operations extend the graph: z = 3 * y * y, out = mean(z).
const z = y.mul(y).mul(3);
const out = z.mean();
console.log(z);
console.log(out);

// A tensor made without requires_grad is not tracked until requires_grad_(true) says so.
let a = torch.tensor([[0.3367, 0.1288, 0.2345], [0.2303, -1.1229, -0.1863], [2.2082, -0.638, 0.4617]]);
a = a.mul(3).div(a.sub(1));
console.log(a.requires_grad); // false
a.requires_grad_(true);
console.log(a.requires_grad); // true
const b = a.mul(a).sum();
console.log(b.grad_fn); // SumBackward0

// out is a scalar, so backward() needs no argument. d(out)/dx = 3 * 2 * (x + 2) / 4 = 4.5
out.backward();
console.log(x.grad);

// Inside torch.no_grad nothing is recorded (what you want for inference).
console.log(x.requires_grad);
console.log(x.pow(2).requires_grad);
torch.no_grad(() => {
  console.log(x.pow(2).requires_grad);
});
