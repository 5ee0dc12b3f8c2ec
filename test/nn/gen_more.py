#!/usr/bin/python3
# Writes test/nn/fixtures_more.json from PyTorch 1.13 (run with /usr/bin/python3) for the modules
# added by the nn-coverage work (more activations, distance/loss modules, RNN/LSTM/GRU and their
# cells, MultiheadAttention, Transformer encoder, shape/utility layers). Each case: seeded default
# initialisation (state_dict, bit for bit), repr, inputs (drawn with randn after construction,
# so the TS side draws the same), every output tensor of forward, grad_fn names, and the input and
# parameter grads of sum(out_i * w_i). more_layers.test.ts replays them.
import json
import math
import os

import torch
import torch.nn as nn

HERE = os.path.dirname(os.path.abspath(__file__))


def tens(t):
    vals = t.detach().reshape(-1).tolist()
    return {"shape": list(t.shape), "dtype": str(t.dtype).replace("torch.", ""),
            "values": [float(v) for v in vals] if t.dtype.is_floating_point else [int(v) for v in vals]}


def flatten_out(o):
    if isinstance(o, torch.Tensor):
        return [o]
    if o is None:
        return [None]
    out = []
    for x in o:
        out.extend(flatten_out(x))
    return out


def to_py(v):
    if isinstance(v, list):
        return tuple(to_py(x) for x in v)
    return v


# (kind, args, kwargs, inputs, mode, options). inputs: list of
#   [shape]              randn(shape).requires_grad_() drawn after construction, in order
#   {"const": [...], "dtype": d}  a fixed tensor (no grad)
#   None                 None
CASES = [
    ("ReLU6", [], {}, [[3, 5]]),
    ("ReLU6", [], {"inplace": True}, [[2, 3]]),
    ("ELU", [], {}, [[3, 5]]),
    ("ELU", [], {"alpha": 0.5, "inplace": True}, [[2, 3]]),
    ("SELU", [], {}, [[3, 5]]),
    ("CELU", [], {"alpha": 2.0}, [[3, 5]]),
    ("SiLU", [], {}, [[3, 5]]),
    ("Mish", [], {}, [[3, 5]]),
    ("Softplus", [], {}, [[3, 5]]),
    ("Softplus", [2, 1], {}, [[3, 5]]),
    ("Softsign", [], {}, [[3, 5]]),
    ("Hardtanh", [], {}, [[3, 5]]),
    ("Hardtanh", [-0.5, 0.25], {}, [[3, 5]]),
    ("Hardswish", [], {}, [[3, 5]]),
    ("Hardsigmoid", [], {}, [[3, 5]]),
    ("Threshold", [0.1, 20], {}, [[3, 5]]),
    ("PReLU", [], {}, [[3, 5]]),
    ("PReLU", [3], {"init": 0.1}, [[2, 3, 4]]),
    ("LogSigmoid", [], {}, [[3, 5]]),
    ("GLU", [], {}, [[3, 4]]),
    ("GLU", [0], {}, [[4, 3]]),
    ("Tanhshrink", [], {}, [[3, 5]]),
    ("Softmin", [1], {}, [[3, 5]]),
    ("Softmax2d", [], {}, [[2, 3, 2, 2]]),
    ("Hardshrink", [], {}, [[3, 5]]),
    ("Softshrink", [1.0], {}, [[3, 5]]),
    ("CosineSimilarity", [], {}, [[3, 5], [3, 5]]),
    ("CosineSimilarity", [0], {"eps": 1e-6}, [[3, 5], [3, 5]]),
    ("PairwiseDistance", [], {"keepdim": True}, [[3, 5], [3, 5]]),
    ("HuberLoss", [], {"delta": 0.5}, [[3, 5], [3, 5]]),
    ("KLDivLoss", [], {"reduction": "batchmean", "log_target": True}, [[3, 5], [3, 5]]),
    ("TripletMarginLoss", [], {"margin": 0.5}, [[3, 5], [3, 5], [3, 5]]),
    ("MarginRankingLoss", [0.1], {}, [[6], [6], {"const": [1.0, -1.0, 1.0, 1.0, -1.0, -1.0]}]),
    ("CosineEmbeddingLoss", [], {"margin": 0.1, "reduction": "sum"}, [[3, 5], [3, 5], {"const": [1.0, -1.0, -1.0]}]),
    ("SoftMarginLoss", [], {}, [[3], {"const": [1.0, -1.0, 1.0]}]),
    ("MultiLabelSoftMarginLoss", [], {}, [[3, 4], {"const": [[1.0, 0.0, 0.0, 1.0], [0.0, 1.0, 1.0, 1.0], [0.0, 0.0, 0.0, 1.0]]}]),
    ("PoissonNLLLoss", [], {}, [[3, 5], [3, 5]]),
    ("HingeEmbeddingLoss", [], {"margin": 0.5}, [[2, 3], {"const": [[1.0, -1.0, 1.0], [-1.0, -1.0, 1.0]]}]),
    ("MultiMarginLoss", [], {"p": 2}, [[3, 4], {"const": [0, 3, 1], "dtype": "int64"}]),
    ("GaussianNLLLoss", [], {"full": True}, [[3, 5], [3, 5], {"const": [0.5, 1.0, 2.0]}]),
    ("RNN", [3, 4], {}, [[5, 2, 3]]),
    ("RNN", [3, 4, 2], {"nonlinearity": "relu", "bias": False}, [[4, 2, 3], [2, 2, 4]]),
    ("RNN", [3, 4], {"batch_first": True, "bidirectional": True}, [[2, 5, 3]]),
    ("RNN", [3, 4], {}, [[5, 3]]),
    ("LSTM", [3, 4], {}, [[5, 2, 3]]),
    ("LSTM", [3, 5, 2], {"batch_first": True}, [[2, 4, 3], {"tuple": [[2, 2, 5], [2, 2, 5]]}]),
    ("LSTM", [3, 4, 2], {"bidirectional": True, "dropout": 0.5}, [[4, 3, 3]]),
    ("LSTM", [3, 4, 2], {"bidirectional": True, "dropout": 0.5}, [[4, 3, 3]], "eval"),
    ("LSTM", [3, 4], {"bias": False}, [[6, 3], {"tuple": [[1, 4], [1, 4]]}]),
    ("GRU", [3, 4], {}, [[5, 2, 3]]),
    ("GRU", [3, 4, 3], {"batch_first": True, "bidirectional": True, "dropout": 0.3}, [[2, 4, 3], [6, 2, 4]]),
    ("GRU", [2, 3], {}, [[4, 2]]),
    ("RNNCell", [3, 4], {}, [[2, 3]]),
    ("RNNCell", [3, 4], {"nonlinearity": "relu", "bias": False}, [[2, 3], [2, 4]]),
    ("RNNCell", [3, 4], {}, [[3]]),
    ("LSTMCell", [3, 4], {}, [[2, 3]]),
    ("LSTMCell", [3, 4], {}, [[2, 3], {"tuple": [[2, 4], [2, 4]]}]),
    ("LSTMCell", [3, 4], {}, [[3]]),
    ("GRUCell", [3, 4], {}, [[2, 3]]),
    ("GRUCell", [3, 4], {"bias": False}, [[3], [4]]),
    ("MultiheadAttention", [4, 2], {}, [[3, 2, 4], {"ref": 0}, {"ref": 0}]),
    ("MultiheadAttention", [4, 2], {"batch_first": True}, [[2, 3, 4], [2, 5, 4], {"ref": 1},
        {"const": [[False, False, False, True, True], [False, False, False, False, False]], "dtype": "bool"}]),
    ("MultiheadAttention", [4, 1], {"kdim": 3, "vdim": 5}, [[3, 2, 4], [6, 2, 3], [6, 2, 5], None, {"lit": False},
        {"const": [[0.0, -1.0, 0.5, 0.0, 0.0, -2.0]] * 3}]),
    ("MultiheadAttention", [6, 3], {}, [[4, 6], {"ref": 0}, {"ref": 0}, None, {"lit": True},
        {"const": [[j > i for j in range(4)] for i in range(4)], "dtype": "bool"}, {"lit": False}]),
    ("MultiheadAttention", [4, 2], {"dropout": 0.3}, [[3, 2, 4], {"ref": 0}, {"ref": 0}]),
    ("MultiheadAttention", [4, 2], {"bias": False}, [[3, 2, 4], [4, 2, 4], [4, 2, 4]], "eval"),
    ("TransformerEncoderLayer", [8, 2, 16], {}, [[5, 3, 8]]),
    ("TransformerEncoderLayer", [8, 2, 16, 0.0, "gelu"], {"batch_first": True, "norm_first": True}, [[3, 5, 8]]),
    ("TransformerEncoderLayer", [8, 4], {"dim_feedforward": 12}, [[4, 2, 8]], "eval"),
    ("TransformerEncoder", [8, 2, 16, 2], {}, [[5, 3, 8]]),
    ("Conv1d", [3, 4, 3], {}, [[2, 3, 8]]),
    ("Conv1d", [4, 6, 2], {"stride": 2, "padding": 1, "groups": 2, "bias": False}, [[2, 4, 9]]),
    ("Conv1d", [3, 2, 4], {"padding": "same", "dilation": 2}, [[3, 10]]),
    ("MaxPool1d", [2], {}, [[2, 3, 8]]),
    ("MaxPool1d", [3], {"stride": 2, "padding": 1}, [[2, 3, 9]]),
    ("AvgPool1d", [2], {}, [[2, 3, 8]]),
    ("AdaptiveAvgPool1d", [3], {}, [[2, 3, 8]]),
    ("AdaptiveMaxPool1d", [3], {}, [[2, 3, 8]]),
    ("AdaptiveMaxPool2d", [[2, 3]], {}, [[1, 2, 5, 7]]),
    ("Unflatten", [1, [2, 3]], {}, [[4, 6, 2]]),
    ("PixelShuffle", [2], {}, [[1, 8, 2, 3]]),
    ("PixelUnshuffle", [3], {}, [[1, 1, 6, 3]]),
    ("Upsample", [], {"scale_factor": 2}, [[1, 2, 3, 3]]),
    ("Upsample", [], {"size": [5, 4], "mode": "bilinear", "align_corners": True}, [[1, 2, 3, 3]]),
    ("ZeroPad2d", [1], {}, [[1, 2, 3, 3]]),
    ("ZeroPad2d", [[1, 0, 2, 1]], {}, [[1, 2, 3, 3]]),
    ("ConstantPad1d", [[1, 2], 3.5], {}, [[2, 3, 4]]),
    ("ConstantPad2d", [1, 0.5], {}, [[1, 2, 3, 3]]),
    ("ReflectionPad1d", [2], {}, [[2, 3, 4]]),
    ("ReflectionPad2d", [[1, 1, 2, 0]], {}, [[1, 2, 3, 3]]),
    ("ReplicationPad1d", [[2, 1]], {}, [[2, 3, 4]]),
    ("ReplicationPad2d", [1], {}, [[1, 2, 3, 3]]),
    ("Dropout1d", [], {}, [[4, 3, 5]]),
    ("Dropout2d", [0.3], {}, [[2, 6, 2, 2]]),
    ("Dropout2d", [], {}, [[2, 6, 2, 2]], "eval"),
    ("GroupNorm", [2, 4], {}, [[2, 4, 3, 3]]),
    ("GroupNorm", [3, 6], {"eps": 1e-3, "affine": False}, [[2, 6, 5]]),
    ("InstanceNorm1d", [3], {}, [[2, 3, 6]]),
    ("InstanceNorm2d", [4], {"affine": True}, [[2, 4, 3, 3]]),
    ("InstanceNorm2d", [4], {"affine": True, "track_running_stats": True}, [[2, 4, 3, 3]]),
    ("InstanceNorm1d", [3], {"track_running_stats": True}, [[3, 5]], "eval"),
    ("ConvTranspose2d", [4, 2, 3], {"stride": 2}, [[1, 4, 4, 4]]),
    ("ConvTranspose2d", [4, 6, [3, 2]], {"stride": [2, 1], "padding": 1, "output_padding": [1, 0], "groups": 2, "bias": False}, [[2, 4, 3, 5]]),
    ("ConvTranspose2d", [3, 2, 2], {"dilation": 2, "padding": [0, 1]}, [[3, 4, 4]]),
    ("Bilinear", [4, 3, 5], {}, [[6, 4], [6, 3]]),
    ("Unfold", [[2, 3]], {"padding": 1, "stride": [2, 1]}, [[2, 2, 4, 5]]),
    ("Fold", [[4, 5], 2], {}, [[2, 8, 12]]),
    ("Bilinear", [2, 3, 4], {"bias": False}, [[2, 3, 2], [2, 3, 3]]),
    ("TransformerDecoderLayer", [8, 2, 16], {}, [[4, 2, 8], [5, 2, 8], {"const": [[j > i for j in range(4)] for i in range(4)], "dtype": "bool"}]),
    ("TransformerDecoderLayer", [8, 2, 16, 0.0], {"batch_first": True, "norm_first": True, "activation": "gelu"}, [[2, 4, 8], [2, 3, 8]]),
    ("TransformerDecoder", [8, 2, 16, 2], {}, [[4, 2, 8], [5, 2, 8]]),
    ("Transformer", [], {"d_model": 8, "nhead": 2, "num_encoder_layers": 1, "num_decoder_layers": 2, "dim_feedforward": 16},
        [[5, 2, 8], [4, 2, 8], None, {"const": [[j > i for j in range(4)] for i in range(4)], "dtype": "bool"}]),
]


def run_case(i, spec):
    kind, args, kwargs, inputs = spec[:4]
    mode = spec[4] if len(spec) > 4 else "train"
    seed = 1000 + i
    torch.manual_seed(seed)
    if kind == "TransformerEncoder":
        # args: [d_model, nhead, dim_feedforward, num_layers]; the layer is deep-copied num_layers times
        m = nn.TransformerEncoder(nn.TransformerEncoderLayer(args[0], args[1], args[2]), args[3], **kwargs)
    elif kind == "TransformerDecoder":
        m = nn.TransformerDecoder(nn.TransformerDecoderLayer(args[0], args[1], args[2]), args[3], **kwargs)
    else:
        m = getattr(nn, kind)(*[to_py(a) for a in args], **{k: to_py(v) for k, v in kwargs.items()})
    init = {k: tens(v) for k, v in m.state_dict().items()}
    if mode == "eval":
        m.eval()
    leaves = []

    def make(s):
        if s is None:
            return None, None
        if isinstance(s, dict) and "lit" in s:
            return s["lit"], {"lit": s["lit"]}
        if isinstance(s, dict) and "ref" in s:
            return made_so_far[s["ref"]], {"ref": s["ref"]}
        if isinstance(s, dict) and "tuple" in s:
            parts = [make(p) for p in s["tuple"]]
            return tuple(p[0] for p in parts), {"tuple": [p[1] for p in parts]}
        if isinstance(s, dict):
            t = torch.tensor(s["const"], dtype=getattr(torch, s.get("dtype", "float32")))
            return t, {"const": tens(t)}
        t = torch.randn(*s).requires_grad_()
        leaves.append(t)
        return t, {"randn": tens(t)}
    made_so_far = []
    made = []
    for s in inputs:
        made.append(make(s))
        made_so_far.append(made[-1][0])
    xs, enc = [x for x, _ in made], [e for _, e in made]
    # In-place modules would write into a leaf: feed them a clone (as users do after a layer).
    feed = [x.clone() if x is not None and getattr(m, "inplace", False) else x for x in xs]
    out = m(*feed)
    outs = flatten_out(out)
    ws = [torch.randn(tuple(o.shape)) if o is not None and o.requires_grad else None for o in outs]
    total = sum((o * w).sum() for o, w in zip(outs, ws) if w is not None)
    if isinstance(total, torch.Tensor):
        total.backward()
    return {
        "name": f"{kind}#{i}", "kind": kind, "args": args, "kwargs": kwargs, "mode": mode, "seed": seed,
        "repr": repr(m), "init": init, "inputs": enc,
        "outputs": [tens(o) if o is not None else None for o in outs],
        "grad_fns": [o.grad_fn.name() if o is not None and o.grad_fn else None for o in outs],
        "weights": [tens(w) if w is not None else None for w in ws],
        "input_grads": [tens(x.grad) if x.grad is not None else None for x in leaves],
        "param_grads": {n: tens(p.grad) for n, p in m.named_parameters() if p.grad is not None},
    }


def sdpa_reference(q, k, v, attn_mask=None, is_causal=False, scale=None):
    """F.scaled_dot_product_attention (PyTorch 2.x, absent from 1.13) as its documentation defines it."""
    L, S = q.size(-2), k.size(-2)
    scale_factor = 1 / math.sqrt(q.size(-1)) if scale is None else scale
    bias = torch.zeros(L, S, dtype=q.dtype)
    if is_causal:
        bias.masked_fill_(torch.ones(L, S, dtype=torch.bool).tril(diagonal=0).logical_not(), float("-inf"))
    if attn_mask is not None:
        if attn_mask.dtype == torch.bool:
            bias.masked_fill_(attn_mask.logical_not(), float("-inf"))
        else:
            bias = attn_mask + bias
    w = torch.softmax(q @ k.transpose(-2, -1) * scale_factor + bias, dim=-1)
    return w @ v


def sdpa_cases():
    out = []
    for i, (shape_q, shape_k, opts) in enumerate([
        ([2, 3, 4], [2, 5, 4], {}),
        ([2, 2, 4, 8], [2, 2, 4, 8], {"is_causal": True}),
        ([3, 4], [6, 4], {"scale": 0.3}),
        ([2, 3, 4], [2, 5, 4], {"attn_mask": "bool"}),
        ([2, 3, 4], [2, 5, 4], {"attn_mask": "float"}),
    ]):
        torch.manual_seed(2000 + i)
        q = torch.randn(*shape_q).requires_grad_()
        k = torch.randn(*shape_k).requires_grad_()
        v = torch.randn(*shape_k).requires_grad_()
        kw = dict(opts)
        enc = {k2: v2 for k2, v2 in opts.items() if k2 != "attn_mask"}
        if opts.get("attn_mask") == "bool":
            kw["attn_mask"] = torch.rand(shape_q[-2], shape_k[-2]) > 0.3
            kw["attn_mask"][:, 0] = True
        elif opts.get("attn_mask") == "float":
            kw["attn_mask"] = torch.randn(shape_q[-2], shape_k[-2])
        o = sdpa_reference(q, k, v, **kw)
        w = torch.randn(tuple(o.shape))
        (o * w).sum().backward()
        out.append({"seed": 2000 + i, "q": tens(q), "k": tens(k), "v": tens(v), "opts": enc,
                    "mask": tens(kw["attn_mask"]) if "attn_mask" in kw else None,
                    "output": tens(o), "weight": tens(w), "grads": [tens(q.grad), tens(k.grad), tens(v.grad)]})
    return out


def containers():
    torch.manual_seed(3000)
    pl = nn.ParameterList([nn.Parameter(torch.randn(3, 4)), nn.Parameter(torch.randn(5, dtype=torch.float64))])
    pd = nn.ParameterDict({"alpha": nn.Parameter(torch.randn(2)), "beta": nn.Parameter(torch.randn(2, 3))})
    return {"seed": 3000, "list_repr": repr(pl), "dict_repr": repr(pd),
            "list_names": [n for n, _ in pl.named_parameters()], "dict_names": [n for n, _ in pd.named_parameters()]}


def main():
    doc = {"torch": torch.__version__, "generator": "test/nn/gen_more.py",
           "modules": [run_case(i, s) for i, s in enumerate(CASES)], "sdpa": sdpa_cases(), "containers": containers()}
    with open(os.path.join(HERE, "fixtures_more.json"), "w") as f:
        json.dump(doc, f)
    print(f"{len(doc['modules'])} module cases")


if __name__ == "__main__":
    main()
