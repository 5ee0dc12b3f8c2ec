// Seed 001 "[Pytorch] 02 - autograd": leaf tensors, a non-differentiable op, retain_grad(),
// and three ways to stop gradients. Each section is a block so names can be reused as in the
// tutorial. Lines marked "added" print state the tutorial only describes in prose.
import * as torch from "torch";

// 2.1 autograd: the gradient lands in the leaf tensor
{
  const x = torch.tensor([1.], { requires_grad: true });
  const y = x.pow(2);
  console.log(x.grad);
  y.backward(); // differentiate
  console.log(x.grad);
}

// 2.2 not differentiable: argmax has no grad_fn, so backward() raises
{
  const x = torch.tensor([1.], { requires_grad: true });
  const y = x.argmax();
  try {
    y.backward();
    console.log(x.grad);
  } catch (e) {
    const err = e as Error;
    console.log(`${err.name}: ${err.message}`);
  }
}

// 2.3 the gradient of a non-leaf tensor needs retain_grad()
{
  const x = torch.tensor([1.], { requires_grad: true });
  const y = x.pow(2);
  y.retain_grad();
  const z = y.mul(3);
  z.backward();

  console.log(x.grad);
  console.log(y.grad);
  console.log(z.grad); // PyTorch warns on stderr: z is not a leaf and does not retain its grad
}

// 2.4 (1) tensor.requires_grad = false stops tracking
{
  const x = torch.tensor([1.], { requires_grad: true });
  const y = x.pow(2);

  x.requires_grad = false;
  console.log(x.requires_grad, y.requires_grad); // added
}

// 2.4 (2) tensor.detach()
{
  let x = torch.tensor([1.], { requires_grad: true });
  const y = x.pow(2);

  x = x.detach();
  console.log(x.requires_grad, y.requires_grad); // added
}

// 2.4 (3) torch.no_grad() pauses tracking
{
  const x = torch.tensor([1.], { requires_grad: true });
  let y = torch.no_grad(() => x.pow(2));
  console.log(y.requires_grad); // added
  y = x.pow(2);
  console.log(y.requires_grad); // added
}
