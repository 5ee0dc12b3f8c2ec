// torch/nn/utils/convert_parameters.py.
import { Tensor } from "../../tensor";
import { cat } from "../../ops/views";
import { TorchTypeError } from "../../errors";

/** One vector of all parameters (views flattened and concatenated: differentiable, CatBackward0). */
export function parameters_to_vector(parameters: Iterable<Tensor>): Tensor {
  return cat([...parameters].map((p) => p.view(-1)));
}

/** Each parameter's .data becomes the next slice of `vec`, viewed as the parameter. */
export function vector_to_parameters(vec: Tensor, parameters: Iterable<Tensor>): void {
  if (!(vec instanceof Tensor)) throw new TorchTypeError(`expected torch.Tensor, but got: ${typeof vec}`);
  let pointer = 0;
  for (const param of parameters) {
    const n = param.numel();
    param.data = vec.narrow(0, pointer, n).view_as(param).data;
    pointer += n;
  }
}
