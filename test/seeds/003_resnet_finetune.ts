// Seed 003 "[PyTorch] Autograd and Variable": Variable, a resnet18 forward/backward/SGD step,
// differentiating Q = 3a^3 - b^2, excluding tensors from the DAG, and fine-tuning only a new
// classifier. Changes from the tutorial: pretrained weights cannot be downloaded here, so
// resnet18() starts from its default initialisation; torch.rand inputs are replaced by fixed
// values; matplotlib and warnings.filterwarnings are left out (not torch). Lines marked
// "added" print what the tutorial states in prose (shapes, counts, which parameters learn).
import * as torch from "torch";
import * as torchvision from "torchvision";

// Variable: a deprecated alias, it returns a tensor
let a = torch.tensor([0.3861, 0.8243, 0.2681, 0.1612, 0.562]);
a = torch.autograd.Variable(a);
console.log(a);

// usage in PyTorch: forward, backward, one optimizer step
const model = torchvision.models.resnet18();
const data = torch.linspace(0, 1, 3 * 64 * 64).reshape(1, 3, 64, 64); // an image-like input
const labels = torch.linspace(-1, 1, 1000).reshape(1, 1000); // matching "labels"

const prediction = model.forward(data); // forward pass
console.log(prediction.shape); // added

const loss = prediction.sub(labels).sum(); // backward pass
loss.backward();

let parameterCount = 0;
let withGrad = 0;
for (const p of model.parameters()) {
  parameterCount += p.numel();
  if (p.grad !== null) withGrad += 1;
}
console.log(`parameters: ${parameterCount}, tensors with a gradient: ${withGrad}`); // added

const optim = new torch.optim.SGD(model.parameters(), { lr: 1e-2, momentum: 0.9 });
optim.step(); // gradient descent

// differentiation in autograd
{
  const a = torch.tensor([2., 3.], { requires_grad: true });
  const b = torch.tensor([6., 4.], { requires_grad: true });
  const Q = a.pow(3).mul(3).sub(b.pow(2));

  const external_grad = torch.tensor([1., 1.]);
  Q.backward(external_grad);

  // the gradients
  console.log(a.pow(2).mul(9).eq(a.grad!));
  console.log(b.mul(-2).eq(b.grad!));
}

// excluding from the DAG
{
  const x = torch.full([5, 5], 0.25);
  const y = torch.full([5, 5], 0.5);
  const z = torch.full([5, 5], 0.75, { requires_grad: true });

  const a = x.add(y);
  console.log(`Does \`a\` require gradients? : ${a.requires_grad}`);
  const b = x.add(z);
  console.log(`Does \`b\` require gradients? : ${b.requires_grad}`);
}

// fine-tuning: freeze every parameter, then replace the classifier
{
  const { nn, optim } = torch;

  const model = torchvision.models.resnet18();
  // freeze all the parameters of the network
  for (const param of model.parameters()) {
    param.requires_grad = false;
  }

  model.fc = new nn.Linear(512, 10);

  // optimize only the classifier
  const optimizer = new optim.SGD(model.parameters(), { lr: 1e-2, momentum: 0.9 });

  // added: one training step, to show that only model.fc receives gradients and changes
  const before = new Map<string, torch.Tensor>();
  for (const [name, p] of model.named_parameters()) before.set(name, p.detach().clone());
  model.forward(data).sum().backward();
  const gotGrad: string[] = [];
  for (const [name, p] of model.named_parameters()) if (p.grad !== null) gotGrad.push(name);
  console.log(`with a gradient: ${gotGrad.join(", ")}`);
  optimizer.step();
  const changed: string[] = [];
  for (const [name, p] of model.named_parameters()) if (!torch.equal(p, before.get(name)!)) changed.push(name);
  console.log(`changed by SGD: ${changed.join(", ")}`);
  let trainable = 0;
  for (const p of model.parameters()) if (p.requires_grad) trainable += p.numel();
  console.log(`trainable parameters: ${trainable}`);
}
