# Writes test/nn/fixtures.json from PyTorch 1.13 (run with /usr/bin/python3): every layer
# (default init from a seed, forward, grads, grad_fn, repr), every loss and functional op, and
# a seeded resnet18 forward/backward. The TS tests replay each case and compare.
import json, math, os
import torch
import torch.nn as nn
import torch.nn.functional as F
import torchvision

torch.set_printoptions(precision=4)
HERE = os.path.dirname(os.path.abspath(__file__))


def flat(t):
    return [float(v) for v in t.detach().reshape(-1).tolist()]


def tens(t):
    return {"shape": list(t.shape), "dtype": str(t.dtype).replace("torch.", ""), "values": flat(t) if t.dtype.is_floating_point else [int(v) for v in t.reshape(-1).tolist()]}


LAYERS = [
    ("Linear", [4, 3], {}, [2, 4], "train"),
    ("Linear", [5, 2], {"bias": False}, [3, 5], "train"),
    ("Linear", [4, 3], {}, [2, 3, 4], "train"),
    ("Conv2d", [3, 4, 3], {}, [2, 3, 6, 6], "train"),
    ("Conv2d", [2, 4, 3], {"stride": 2, "padding": 1, "bias": False}, [1, 2, 7, 7], "train"),
    ("Conv2d", [4, 4, [3, 2]], {"dilation": 2, "groups": 2, "padding": [2, 1]}, [1, 4, 8, 7], "train"),
    ("Conv2d", [2, 3, 4], {"padding": "same"}, [1, 2, 5, 5], "train"),
    ("BatchNorm2d", [3], {}, [2, 3, 4, 4], "train"),
    ("BatchNorm2d", [3], {}, [2, 3, 4, 4], "eval"),
    ("BatchNorm2d", [3], {"momentum": None, "affine": False}, [2, 3, 3, 3], "train"),
    ("BatchNorm1d", [4], {}, [5, 4], "train"),
    ("BatchNorm1d", [2], {"eps": 1e-3}, [3, 2, 4], "train"),
    ("LayerNorm", [4], {}, [3, 4], "train"),
    ("LayerNorm", [[2, 3]], {"elementwise_affine": False}, [2, 2, 3], "train"),
    ("Embedding", [6, 3], {}, "idx:[[1, 2, 1], [5, 0, 2]]", "train"),
    ("Embedding", [6, 3], {"padding_idx": 2}, "idx:[1, 2, 2, 4]", "train"),
    ("Dropout", [], {"p": 0.3}, [4, 8], "train"),
    ("Dropout", [], {}, [4, 8], "eval"),
    ("ReLU", [], {}, [3, 4], "train"),
    ("LeakyReLU", [], {"negative_slope": 0.2}, [3, 4], "train"),
    ("GELU", [], {}, [3, 4], "train"),
    ("GELU", [], {"approximate": "tanh"}, [3, 4], "train"),
    ("Sigmoid", [], {}, [3, 4], "train"),
    ("Tanh", [], {}, [3, 4], "train"),
    ("Softmax", [], {"dim": 1}, [3, 4], "train"),
    ("LogSoftmax", [], {"dim": -1}, [3, 4], "train"),
    ("MaxPool2d", [2], {}, [1, 2, 6, 6], "train"),
    ("MaxPool2d", [3], {"stride": 2, "padding": 1}, [2, 2, 7, 7], "train"),
    ("MaxPool2d", [3], {"stride": 2, "ceil_mode": True}, [1, 1, 8, 8], "train"),
    ("AvgPool2d", [2], {}, [1, 2, 6, 6], "train"),
    ("AvgPool2d", [3], {"stride": 2, "padding": 1, "count_include_pad": False}, [1, 2, 7, 7], "train"),
    ("AdaptiveAvgPool2d", [[1, 1]], {}, [2, 3, 5, 5], "train"),
    ("AdaptiveAvgPool2d", [[2, 3]], {}, [1, 2, 5, 7], "train"),
    ("Flatten", [], {}, [2, 3, 2, 2], "train"),
    ("Identity", [], {}, [2, 3], "train"),
]


def layer_case(i, spec):
    kind, args, kwargs, shape, mode = spec
    torch.manual_seed(100 + i)
    m = getattr(nn, kind)(*[tuple(a) if isinstance(a, list) and kind != "LayerNorm" else a for a in args], **{k: tuple(v) if isinstance(v, list) else v for k, v in kwargs.items()})
    init = {k: tens(v) for k, v in m.state_dict().items()}
    if mode == "eval":
        m.eval()
        # eval uses running statistics: give them non-trivial values first
        for b in m.buffers():
            if b.dtype.is_floating_point:
                b.copy_(torch.rand(b.shape) + 0.5)
    if isinstance(shape, str):
        x = torch.tensor(json.loads(shape[4:]))
    else:
        x = torch.randn(*shape).requires_grad_()
    state_before = {k: tens(v) for k, v in m.state_dict().items()}
    out = m(x)
    w = torch.randn(tuple(out.shape))
    (out * w).sum().backward()
    return {
        "name": f"{kind}#{i}", "kind": kind, "args": args, "kwargs": kwargs, "mode": mode, "seed": 100 + i,
        "repr": repr(m), "init": init, "state_before": state_before,
        "input": tens(x), "weight": tens(w), "output": tens(out), "grad_fn": out.grad_fn.name() if out.grad_fn else None,
        "input_grad": tens(x.grad) if x.dtype.is_floating_point else None,
        "param_grads": {n: tens(p.grad) for n, p in m.named_parameters() if p.grad is not None},
        "state_after": {k: tens(v) for k, v in m.state_dict().items()},
    }


def loss_case(name, fn, inputs, kwargs, grad_inputs=(0,)):
    ts = []
    for j, v in enumerate(inputs):
        t = v.clone().detach()
        if j in grad_inputs:
            t.requires_grad_()
        ts.append(t)
    out = getattr(F, fn)(*ts, **kwargs)
    w = torch.randn(tuple(out.shape))
    (out * w).sum().backward()
    return {
        "name": name, "fn": fn, "kwargs": {k: (tens(v) if isinstance(v, torch.Tensor) else v) for k, v in kwargs.items()},
        "inputs": [tens(t) for t in ts], "grad_inputs": list(grad_inputs), "weight": tens(w), "output": tens(out),
        "grad_fn": out.grad_fn.name() if out.grad_fn else None,
        "grads": [tens(ts[j].grad) if ts[j].grad is not None else None for j in range(len(ts))],
    }


def losses():
    torch.manual_seed(7)
    cases = []
    x = torch.randn(4, 5)
    t = torch.tensor([1, 0, 4, 2])
    t_ign = torch.tensor([1, -100, 4, 2])
    wc = torch.rand(5) + 0.5
    for red in ["mean", "sum", "none"]:
        cases.append(loss_case(f"ce-{red}", "cross_entropy", [x, t], {"reduction": red}))
        cases.append(loss_case(f"nll-{red}", "nll_loss", [torch.log_softmax(x, 1), t], {"reduction": red}))
        cases.append(loss_case(f"ce-weight-{red}", "cross_entropy", [x, t], {"weight": wc, "reduction": red}))
        cases.append(loss_case(f"ce-ls-{red}", "cross_entropy", [x, t_ign], {"label_smoothing": 0.1, "reduction": red}))
        cases.append(loss_case(f"ce-ls-weight-{red}", "cross_entropy", [x, t_ign], {"label_smoothing": 0.2, "weight": wc, "reduction": red}))
        cases.append(loss_case(f"ce-probs-{red}", "cross_entropy", [x, torch.softmax(torch.randn(4, 5), 1)], {"reduction": red}))
        cases.append(loss_case(f"ce-probs-ls-weight-{red}", "cross_entropy", [x, torch.softmax(torch.randn(4, 5), 1)], {"reduction": red, "label_smoothing": 0.3, "weight": wc}))
        y = torch.randn(3, 4)
        z = torch.randn(3, 4)
        cases.append(loss_case(f"mse-{red}", "mse_loss", [y, z], {"reduction": red}, (0, 1)))
        cases.append(loss_case(f"l1-{red}", "l1_loss", [y, z], {"reduction": red}, (0, 1)))
        cases.append(loss_case(f"smoothl1-{red}", "smooth_l1_loss", [y, z * 2], {"reduction": red}, (0, 1)))
        cases.append(loss_case(f"smoothl1-beta-{red}", "smooth_l1_loss", [y, z * 2], {"reduction": red, "beta": 0.5}, (0, 1)))
        p = torch.rand(3, 4) * 0.9 + 0.05
        q = torch.rand(3, 4)
        cases.append(loss_case(f"bce-{red}", "binary_cross_entropy", [p, q], {"reduction": red}, (0, 1)))
        cases.append(loss_case(f"bce-weight-{red}", "binary_cross_entropy", [p, q], {"reduction": red, "weight": torch.rand(4)}))
        cases.append(loss_case(f"bcel-{red}", "binary_cross_entropy_with_logits", [y, q], {"reduction": red}, (0, 1)))
        cases.append(loss_case(f"bcel-pos-{red}", "binary_cross_entropy_with_logits", [y, q], {"reduction": red, "pos_weight": torch.rand(4) + 0.5, "weight": torch.rand(3, 4)}, (0, 1)))
    cases.append(loss_case("ce-ignore", "cross_entropy", [x, t_ign], {"ignore_index": -100}))
    cases.append(loss_case("ce-ignore-1", "cross_entropy", [x, t], {"ignore_index": 1}))
    cases.append(loss_case("ce-1d", "cross_entropy", [torch.randn(5), torch.tensor(3)], {}))
    cases.append(loss_case("ce-spatial", "cross_entropy", [torch.randn(2, 3, 2, 2), torch.tensor([[[0, 2], [1, 1]], [[2, 0], [0, 1]]])], {}))
    # functional forms of layers and the rest of nn.functional
    cases.append(loss_case("pad-constant", "pad", [torch.randn(2, 3)], {"pad": [1, 2, 0, 1], "value": 0.5}))
    cases.append(loss_case("pad-crop", "pad", [torch.randn(2, 4)], {"pad": [-1, 1]}))
    cases.append(loss_case("pad-reflect", "pad", [torch.randn(1, 2, 3, 4)], {"pad": [2, 1, 1, 2], "mode": "reflect"}))
    cases.append(loss_case("pad-replicate", "pad", [torch.randn(1, 2, 3, 4)], {"pad": [2, 1, 1, 2], "mode": "replicate"}))
    cases.append(loss_case("softmax", "softmax", [torch.randn(2, 5)], {"dim": 1}))
    cases.append(loss_case("log_softmax", "log_softmax", [torch.randn(2, 5)], {"dim": 0}))
    cases.append(loss_case("leaky_relu", "leaky_relu", [torch.randn(2, 5)], {"negative_slope": 0.1}))
    cases.append(loss_case("gelu", "gelu", [torch.randn(20) * 3], {}))
    cases.append(loss_case("linear", "linear", [torch.randn(3, 4), torch.randn(2, 4), torch.randn(2)], {}, (0, 1, 2)))
    cases.append(loss_case("conv2d", "conv2d", [torch.randn(1, 2, 5, 5), torch.randn(3, 2, 3, 3), torch.randn(3)], {"stride": 2, "padding": 1}, (0, 1, 2)))
    cases.append(loss_case("avg_pool2d-div", "avg_pool2d", [torch.randn(1, 1, 4, 4)], {"kernel_size": 2, "divisor_override": 3}))
    cases.append(loss_case("layer_norm", "layer_norm", [torch.randn(2, 3)], {"normalized_shape": [3], "eps": 1e-3}))
    return cases


def one_hot_cases():
    return [
        {"input": [0, 2, 1], "num_classes": -1, "output": F.one_hot(torch.tensor([0, 2, 1])).tolist()},
        {"input": [[1], [3]], "num_classes": 5, "output": F.one_hot(torch.tensor([[1], [3]]), 5).tolist()},
    ]


def resnet_case():
    torch.manual_seed(0)
    model = torchvision.models.resnet18()
    data = torch.rand(1, 3, 64, 64)
    labels = torch.rand(1, 1000)
    out = model(data)
    loss = (out - labels).sum()
    loss.backward()
    return {
        "repr": repr(model),
        "param_count": sum(p.numel() for p in model.parameters()),
        "param_names": [n for n, _ in model.named_parameters()],
        "buffer_names": [n for n, _ in model.named_buffers()],
        "conv1_weight_head": flat(model.conv1.weight.reshape(-1)[:16]),
        "fc_weight_head": flat(model.fc.weight.reshape(-1)[:16]),
        "fc_bias_head": flat(model.fc.bias[:16]),
        "output": flat(out),
        "loss": float(loss),
        "grads_head": {n: flat(p.grad.reshape(-1)[:8]) for n, p in model.named_parameters()},
        "grad_norms": {n: float(p.grad.norm()) for n, p in model.named_parameters()},
        "running_mean_bn1": flat(model.bn1.running_mean[:8]),
        "running_var_bn1": flat(model.bn1.running_var[:8]),
        "grad_fn": out.grad_fn.name(),
    }


def main():
    fixtures = {
        "torch": torch.__version__,
        "layers": [layer_case(i, s) for i, s in enumerate(LAYERS)],
        "functional": losses(),
        "one_hot": one_hot_cases(),
        "resnet18": resnet_case(),
        "resnet50_repr": repr(torchvision.models.resnet50()),
        "resnet50_param_count": sum(p.numel() for p in torchvision.models.resnet50().parameters()),
        "resnet34_param_count": sum(p.numel() for p in torchvision.models.resnet34().parameters()),
    }
    with open(os.path.join(HERE, "fixtures.json"), "w") as f:
        json.dump(fixtures, f)


if __name__ == "__main__":
    main()
