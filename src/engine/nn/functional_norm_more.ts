// group_norm and instance_norm of torch.nn.functional. instance_norm is ATen's composition: the
// input viewed as one sample of N·C channels (ViewBackward0), weight and bias repeated N times
// (RepeatBackward0), batch_norm, the result viewed back; running stats averaged over the batch.
import { Tensor } from "../tensor";
import { RuntimeError } from "../errors";
import { no_grad } from "../autograd/index";
import { parseArgs } from "./args";
import { batchNormWith } from "./functional";
import { groupNormOp } from "./group_norm_ops";

export interface GroupNormOpts { weight?: Tensor | null; bias?: Tensor | null; eps?: number }
export function group_norm(input: Tensor, num_groups: number, ...rest: (Tensor | null | number | GroupNormOpts | undefined)[]): Tensor {
  const o = parseArgs<GroupNormOpts>(["weight", "bias", "eps"], rest);
  if (input.dim() < 2) throw new RuntimeError(`Expected at least 2 dimensions for input tensor but received ${input.dim()}`);
  const C = input._shape[1];
  if (C % num_groups !== 0) throw new RuntimeError(`Expected number of channels in input to be divisible by num_groups, but got input of shape [${input._shape.join(", ")}] and num_groups=${num_groups}`);
  const w = o.weight ?? null, b = o.bias ?? null;
  for (const [name, t] of [["weight", w], ["bias", b]] as const) {
    if (t && t.numel() !== C) throw new RuntimeError(`Expected ${name} to be a vector of size equal to the number of channels in input, but got ${name} of shape [${t._shape.join(", ")}] and input of shape [${input._shape.join(", ")}]`);
  }
  // Always three edges (input, weight, bias), None where absent, as native_group_norm's node has.
  return groupNormOp([input, w, b], { groups: num_groups, eps: o.eps ?? 1e-5, hasWeight: w !== null, hasBias: b !== null })[0];
}

export interface InstanceNormOpts {
  running_mean?: Tensor | null; running_var?: Tensor | null; weight?: Tensor | null; bias?: Tensor | null;
  use_input_stats?: boolean; momentum?: number; eps?: number;
}
export function instance_norm(input: Tensor, ...rest: (Tensor | null | boolean | number | InstanceNormOpts | undefined)[]): Tensor {
  const o = parseArgs<InstanceNormOpts>(["running_mean", "running_var", "weight", "bias", "use_input_stats", "momentum", "eps"], rest);
  const [N, C] = input._shape;
  const rm = o.running_mean ?? null, rv = o.running_var ?? null;
  const useInput = o.use_input_stats ?? true;
  if (!useInput && (!rm || !rv)) throw new RuntimeError("Expected running_mean and running_var to be defined when use_input_stats is false");
  const x = input.view([1, N * C, ...input._shape.slice(2)]);
  const rep = (t: Tensor | null): Tensor | null => (t ? t.repeat(N) : null);
  const rm_ = rm ? no_grad(() => rm.repeat(N)) : null, rv_ = rv ? no_grad(() => rv.repeat(N)) : null;
  const out = batchNormWith(x, rm_, rv_, { weight: rep(o.weight ?? null), bias: rep(o.bias ?? null), training: useInput, momentum: o.momentum ?? 0.1, eps: o.eps ?? 1e-5 }, 0);
  // ATen copies the per-sample running statistics back as their mean over the batch.
  if (rm && rm_) no_grad(() => rm.copy_(rm_.view(N, C).mean(0)));
  if (rv && rv_) no_grad(() => rv.copy_(rv_.view(N, C).mean(0)));
  return out.view_as(input);
}
