# Writes test/nn/utils_fixtures.json from PyTorch 1.13 (run with /usr/bin/python3):
# clip_grad_norm_ (norm types 2, 1, 3.5, inf, float64, a clip that does not bind), its total norm
# and the clipped grads; clip_grad_value_; parameters_to_vector / vector_to_parameters.
import json, math, os
import torch

HERE = os.path.dirname(os.path.abspath(__file__))


def flat(t):
    return [float(v) if math.isfinite(v) else str(v) for v in t.detach().reshape(-1).tolist()]


cases = []
for i, (max_norm, norm_type, dtype) in enumerate([(1.0, 2.0, torch.float32), (0.5, 1.0, torch.float32), (2.0, 3.5, torch.float32),
                                                  (0.3, math.inf, torch.float32), (100.0, 2.0, torch.float32), (0.7, 2.0, torch.float64),
                                                  (0.1, math.inf, torch.float64)]):
    torch.manual_seed(100 + i)
    params = [torch.randn(3, 4, dtype=dtype, requires_grad=True), torch.randn(5, dtype=dtype, requires_grad=True), torch.randn(2, dtype=dtype, requires_grad=True)]
    grads = [torch.randn(p.shape, dtype=dtype) * 3 for p in params]
    for p, g in zip(params[:2], grads[:2]):
        p.grad = g.clone()
    total = torch.nn.utils.clip_grad_norm_(params, max_norm, norm_type)
    cases.append({"max_norm": max_norm, "norm_type": "inf" if norm_type == math.inf else norm_type, "dtype": str(dtype).replace("torch.", ""),
                  "params": [flat(p) for p in params], "shapes": [list(p.shape) for p in params], "grads": [flat(g) for g in grads[:2]],
                  "total": total.item(), "total_dtype": str(total.dtype), "clipped": [flat(p.grad) for p in params[:2]]})

torch.manual_seed(7)
p = torch.randn(6, requires_grad=True)
g = torch.randn(6) * 2
p.grad = g.clone()
torch.nn.utils.clip_grad_value_([p], 0.8)
value_case = {"grad": flat(g), "clipped": flat(p.grad)}

lin = torch.nn.Linear(3, 2)
vec = torch.nn.utils.parameters_to_vector(lin.parameters())
vec_case = {"vec": flat(vec), "grad_fn": type(vec.grad_fn).__name__}

json.dump({"clip_norm": cases, "clip_value": value_case, "vector": vec_case}, open(os.path.join(HERE, "utils_fixtures.json"), "w"))
