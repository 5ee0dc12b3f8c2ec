// Fine-tuning a resnet18: freeze everything, replace the classifier, train only that
// (the seed 003 tutorial). Pretrained weights cannot be downloaded here, so the model starts
// from PyTorch's default initialisation.
import * as torch from "torch";
import * as torchvision from "torchvision";

const { nn, optim } = torch;

const model = torchvision.models.resnet18();
const data = torch.rand(1, 3, 64, 64); // one 3-channel 64x64 "image"

// Freeze every parameter of the network...
for (const param of model.parameters()) {
  param.requires_grad = false;
}
// ...then swap in a new classifier for 10 classes: its parameters require grad.
model.fc = new nn.Linear(512, 10);

// Give the optimizer all parameters: only the unfrozen ones will have gradients to apply.
const optimizer = new optim.SGD(model.parameters(), { lr: 1e-2, momentum: 0.9 });

const prediction = model.forward(data);
console.log(prediction.shape); // torch.Size([1, 10])
prediction.sum().backward();

for (const [name, p] of model.named_parameters()) {
  if (p.grad !== null) console.log(`${name} has a gradient`); // fc.weight, fc.bias
}
optimizer.step();
