#!/usr/bin/python3
"""Writes test/seeds/NNN_*.expected.txt (stdout) and NNN_*.expected.stderr.txt (warning messages)
by running, in PyTorch 1.13, the Python program each TypeScript port translates line by line.

Run: /usr/bin/python3 test/seeds/gen_expected.py

The expected text is what the *TypeScript* program must print. Python prints True/False/None
where console.log prints true/false/null, so `log` below formats Python values the way
console.log formats the JS values the port passes it (booleans, null, integers); tensors,
torch.Size and grad_fn nodes print PyTorch's own text on both sides. grad_fn nodes print a
memory address (<AddBackward0 object at 0x7f...>): seeds.test.ts compares those lines with
the address masked, since no two runs share one.

Also writes rng_probe.json: what torch.rand/randn give after torch.manual_seed(0), so the
seeded ports (*_seeded.ts) run only once our RNG reproduces PyTorch's bit for bit.
"""
import contextlib
import io
import json
import os
import warnings

import torch
import torchvision

HERE = os.path.dirname(os.path.abspath(__file__))
_out = []


def js(v):
    """console.log's text for the JS value the port prints."""
    if v is True:
        return "true"
    if v is False:
        return "false"
    if v is None:
        return "null"
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    return str(v)


def log(*args):
    _out.append(" ".join(js(a) for a in args))


# ------------------------------------------------------------------ seed 000

def seed_000(seeded):
    x = torch.ones(2, 2, requires_grad=True)
    log(x)
    y = x + 2
    log(y)
    log(y.grad_fn)
    z = y * y * 3
    out = z.mean()
    log(z)
    log(out)
    if seeded:
        torch.manual_seed(0)
        a = torch.randn(3, 3)
        log(a)
    else:
        a = torch.tensor([[0.3367, 0.1288, 0.2345], [0.2303, -1.1229, -0.1863], [2.2082, -0.638, 0.4617]])
    a = ((a * 3) / (a - 1))
    log(a.requires_grad)
    a.requires_grad_(True)
    log(a.requires_grad)
    b = (a * a).sum()
    log(b.grad_fn)
    out.backward()
    log(x.grad)
    log(x.requires_grad)
    log((x ** 2).requires_grad)
    with torch.no_grad():
        log((x ** 2).requires_grad)


# ------------------------------------------------------------------ seed 001

def seed_001(_seeded):
    x = torch.tensor([1.], requires_grad=True)
    y = x ** 2
    log(x.grad)
    y.backward()
    log(x.grad)

    x = torch.tensor([1.], requires_grad=True)
    y = x.argmax()
    try:
        y.backward()
        log(x.grad)
    except RuntimeError as e:
        log(f"RuntimeError: {e}")

    x = torch.tensor([1.], requires_grad=True)
    y = x ** 2
    y.retain_grad()
    z = 3 * y
    z.backward()
    log(x.grad)
    log(y.grad)
    log(z.grad)

    x = torch.tensor([1.], requires_grad=True)
    y = x ** 2
    x.requires_grad = False
    log(x.requires_grad, y.requires_grad)

    x = torch.tensor([1.], requires_grad=True)
    y = x ** 2
    x = x.detach()
    log(x.requires_grad, y.requires_grad)

    x = torch.tensor([1.], requires_grad=True)
    with torch.no_grad():
        y = x ** 2
    log(y.requires_grad)
    y = x ** 2
    log(y.requires_grad)


# ------------------------------------------------------------------ seed 002

def seed_002(seeded):
    x = torch.ones(5)
    y = torch.zeros(3)
    if seeded:
        torch.manual_seed(0)
        w = torch.randn(5, 3, requires_grad=True)
        b = torch.randn(3, requires_grad=True)
    else:
        w = torch.tensor([[0.5, -0.3, 0.8], [0.1, 0.2, -0.6], [-0.4, 0.7, 0.3], [0.9, -0.1, 0.2], [-0.2, 0.4, -0.5]],
                         requires_grad=True)
        b = torch.tensor([0.1, -0.2, 0.3], requires_grad=True)
    z = torch.matmul(x, w) + b
    loss = torch.nn.functional.binary_cross_entropy_with_logits(z, y)
    log(f"Gradient function for z = {z.grad_fn}")
    log(f"Gradient function for loss = {loss.grad_fn}")
    loss.backward()
    log(w.grad)
    log(b.grad)
    z = torch.matmul(x, w) + b
    log(z.requires_grad)
    with torch.no_grad():
        z = torch.matmul(x, w) + b
    log(z.requires_grad)
    z = torch.matmul(x, w) + b
    z_det = z.detach()
    log(z_det.requires_grad)

    if seeded:
        x = torch.randn(3, requires_grad=True)
    else:
        x = torch.tensor([-0.661, 1.3232, 0.0371], requires_grad=True)
    y = x * 2
    while y.data.norm() < 1000:
        y = y * 2
    log(x)
    log(y)
    y.backward(torch.ones_like(x), retain_graph=True)
    log(x.grad)


# ------------------------------------------------------------------ seed 003

def seed_003(seeded):
    if seeded:
        torch.manual_seed(0)
        a = torch.rand(5)
    else:
        a = torch.tensor([0.3861, 0.8243, 0.2681, 0.1612, 0.562])
    a = torch.autograd.Variable(a)
    log(a)

    model = torchvision.models.resnet18()
    if seeded:
        data = torch.rand(1, 3, 64, 64)
        labels = torch.rand(1, 1000)
    else:
        data = torch.linspace(0, 1, 3 * 64 * 64).reshape(1, 3, 64, 64)
        labels = torch.linspace(-1, 1, 1000).reshape(1, 1000)
    prediction = model(data)
    log(prediction.shape)
    loss = (prediction - labels).sum()
    loss.backward()
    count = 0
    with_grad = 0
    for p in model.parameters():
        count += p.numel()
        if p.grad is not None:
            with_grad += 1
    log(f"parameters: {count}, tensors with a gradient: {with_grad}")
    optim = torch.optim.SGD(model.parameters(), lr=1e-2, momentum=0.9)
    optim.step()

    a = torch.tensor([2., 3.], requires_grad=True)
    b = torch.tensor([6., 4.], requires_grad=True)
    Q = 3 * a ** 3 - b ** 2
    external_grad = torch.tensor([1., 1.])
    Q.backward(gradient=external_grad)
    log(9 * a ** 2 == a.grad)
    log(-2 * b == b.grad)

    if seeded:
        x = torch.rand(5, 5)
        y = torch.rand(5, 5)
        z = torch.rand((5, 5), requires_grad=True)
    else:
        x = torch.full([5, 5], 0.25)
        y = torch.full([5, 5], 0.5)
        z = torch.full([5, 5], 0.75, requires_grad=True)
    a = x + y
    log(f"Does `a` require gradients? : {js(a.requires_grad)}")
    b = x + z
    log(f"Does `b` require gradients? : {js(b.requires_grad)}")

    from torch import nn, optim
    model = torchvision.models.resnet18()
    for param in model.parameters():
        param.requires_grad = False
    model.fc = nn.Linear(512, 10)
    optimizer = optim.SGD(model.parameters(), lr=1e-2, momentum=0.9)
    before = {name: p.detach().clone() for name, p in model.named_parameters()}
    model(data).sum().backward()
    got_grad = [name for name, p in model.named_parameters() if p.grad is not None]
    log(f"with a gradient: {', '.join(got_grad)}")
    optimizer.step()
    changed = [name for name, p in model.named_parameters() if not torch.equal(p, before[name])]
    log(f"changed by SGD: {', '.join(changed)}")
    trainable = sum(p.numel() for p in model.parameters() if p.requires_grad)
    log(f"trainable parameters: {trainable}")


# ------------------------------------------------------------------ seed 004

def seed_004(seeded):
    x = torch.ones(2, 2, requires_grad=True)
    log(x)
    y = x + 2
    log(y)
    log(y.grad_fn)
    z = y * y * 3
    out = z.mean()
    log(z, out)
    if seeded:
        torch.manual_seed(0)
        a = torch.randn(2, 2)
    else:
        a = torch.tensor([[0.5, -1.2], [2.0, 0.25]])
    a = ((a * 3) / (a - 1))
    log(a.requires_grad)
    a.requires_grad_(True)
    log(a.requires_grad)
    b = (a * a).sum()
    log(b.grad_fn)
    out.backward()
    log(x.grad)

    if seeded:
        x = torch.randn(3, requires_grad=True)
    else:
        x = torch.tensor([0.3801, -0.3282, 0.3534], requires_grad=True)
    y = x * 2
    while y.data.norm() < 1000:
        y = y * 2
    log(y)
    v = torch.tensor([0.1, 1.0, 0.0001], dtype=torch.float)
    y.backward(v)
    log(x.grad)
    log(x.requires_grad)
    log((x ** 2).requires_grad)
    with torch.no_grad():
        log((x ** 2).requires_grad)


PROGRAMS = [
    ("000_autograd_basics", seed_000, (False, True)),
    ("001_autograd_leaf", seed_001, (False,)),
    ("002_single_layer_bce", seed_002, (False, True)),
    ("003_resnet_finetune", seed_003, (False, True)),
    ("004_vector_jacobian", seed_004, (False, True)),
]


def strip_internal(msg):
    i = msg.find(" (Triggered internally at")
    return msg if i < 0 else msg[:i]


def main():
    for name, fn, variants in PROGRAMS:
        for seeded in variants:
            stem = name + ("_seeded" if seeded else "")
            _out.clear()
            torch.manual_seed(12345)  # fixed-value ports must not depend on the seed
            with warnings.catch_warnings(record=True) as caught, contextlib.redirect_stdout(io.StringIO()) as stray:
                warnings.simplefilter("always")
                fn(seeded)
            if stray.getvalue():
                raise SystemExit(f"{stem}: program printed outside log(): {stray.getvalue()!r}")
            with open(os.path.join(HERE, stem + ".expected.txt"), "w") as f:
                f.write("\n".join(_out) + "\n")
            msgs = [f"{w.category.__name__}: {strip_internal(str(w.message))}" for w in caught]
            path = os.path.join(HERE, stem + ".expected.stderr.txt")
            if msgs:
                with open(path, "w") as f:
                    f.write("\n".join(msgs) + "\n")
            elif os.path.exists(path):
                os.remove(path)
            print(f"{stem}: {len(_out)} lines, {len(msgs)} warnings")
    probe = {}
    torch.manual_seed(0)
    probe["rand5"] = torch.rand(5).tolist()
    torch.manual_seed(0)
    probe["randn20"] = torch.randn(20).tolist()
    with open(os.path.join(HERE, "rng_probe.json"), "w") as f:
        json.dump({"generator": "test/seeds/gen_expected.py", "torch": torch.__version__, **probe}, f, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main()
