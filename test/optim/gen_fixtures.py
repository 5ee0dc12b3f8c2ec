# Writes test/optim/fixtures.json from PyTorch 1.13 (run with /usr/bin/python3): every optimizer
# with several option sets over several steps from fixed parameters and gradients, lr schedulers,
# and a seeded MLP training run whose loss curve the TS test must reproduce.
import json, math, os
import torch
import torch.nn as nn
import torch.nn.functional as F

HERE = os.path.dirname(os.path.abspath(__file__))
STEPS = 5


def flat(t):
    return [float(v) for v in t.detach().reshape(-1).tolist()]


OPTIMIZERS = [
    ("SGD", {"lr": 0.1}),
    ("SGD", {"lr": 0.01, "momentum": 0.9}),
    ("SGD", {"lr": 0.05, "momentum": 0.9, "dampening": 0.1, "weight_decay": 0.01}),
    ("SGD", {"lr": 0.05, "momentum": 0.8, "nesterov": True, "weight_decay": 1e-3}),
    ("SGD", {"lr": 0.1, "momentum": 0.5, "maximize": True}),
    ("Adam", {}),
    ("Adam", {"lr": 0.01, "betas": [0.8, 0.99], "eps": 1e-6, "weight_decay": 0.1}),
    ("Adam", {"lr": 0.02, "amsgrad": True}),
    ("Adam", {"lr": 0.01, "maximize": True}),
    ("AdamW", {}),
    ("AdamW", {"lr": 0.01, "weight_decay": 0.1, "amsgrad": True}),
    ("RMSprop", {}),
    ("RMSprop", {"lr": 0.01, "alpha": 0.9, "momentum": 0.5, "weight_decay": 0.01}),
    ("RMSprop", {"lr": 0.01, "centered": True, "eps": 1e-4}),
    ("RMSprop", {"lr": 0.01, "centered": True, "momentum": 0.9, "maximize": True}),
    ("Adagrad", {}),
    ("Adagrad", {"lr": 0.1, "lr_decay": 0.01, "weight_decay": 0.05, "initial_accumulator_value": 0.1, "eps": 1e-6}),
]


def optimizer_case(i, name, opts):
    torch.manual_seed(1000 + i)
    params = [torch.randn(3, 4).requires_grad_(), torch.randn(5).requires_grad_(), torch.randn(2).requires_grad_()]
    init = [flat(p) for p in params]
    grads = [[flat(torch.randn(p.shape)) for p in params] for _ in range(STEPS)]
    kw = {k: tuple(v) if isinstance(v, list) else v for k, v in opts.items()}
    opt = getattr(torch.optim, name)([{"params": params[:2]}, {"params": params[2:], "lr": 0.003}], **kw)
    history = []
    for s in range(STEPS):
        for j, p in enumerate(params):
            # the last parameter gets no gradient on odd steps: it must be skipped then
            p.grad = None if (j == 2 and s % 2 == 1) else torch.tensor(grads[s][j]).reshape(p.shape)
        opt.step()
        history.append([flat(p) for p in params])
    return {"name": f"{name}#{i}", "optimizer": name, "options": opts, "shapes": [list(p.shape) for p in params],
            "init": init, "grads": grads, "history": history,
            "state_keys": sorted(opt.state_dict()["state"][0].keys())}


def scheduler_cases():
    cases = []
    specs = [
        ("StepLR", {"step_size": 3, "gamma": 0.5}),
        ("MultiStepLR", {"milestones": [2, 5, 5, 9], "gamma": 0.3}),
        ("ExponentialLR", {"gamma": 0.9}),
        ("CosineAnnealingLR", {"T_max": 5, "eta_min": 0.001}),
        ("CosineAnnealingLR", {"T_max": 7}),
    ]
    for name, kw in specs:
        p = torch.zeros(1, requires_grad=True)
        opt = torch.optim.SGD([p], lr=0.1)
        sched = getattr(torch.optim.lr_scheduler, name)(opt, **kw)
        lrs = []
        for _ in range(15):
            opt.step()
            sched.step()
            lrs.append(sched.get_last_lr()[0])
        cases.append({"scheduler": name, "options": kw, "lrs": lrs})
    p = torch.zeros(1, requires_grad=True)
    opt = torch.optim.SGD([p], lr=0.1)
    sched = torch.optim.lr_scheduler.LambdaLR(opt, lambda e: 0.95 ** e)
    lrs = []
    for _ in range(15):
        opt.step()
        sched.step()
        lrs.append(sched.get_last_lr()[0])
    cases.append({"scheduler": "LambdaLR", "options": {"lambda": "0.95 ** epoch"}, "lrs": lrs})
    return cases


def mlp_run():
    # Must match test/optim/training.test.ts line for line.
    torch.manual_seed(0)
    X = torch.randn(64, 2)
    y = (X[:, 0] * X[:, 1] > 0).long()
    model = nn.Sequential(nn.Linear(2, 16), nn.ReLU(), nn.Linear(16, 2))
    opt = torch.optim.SGD(model.parameters(), lr=0.1, momentum=0.9)
    losses = []
    for epoch in range(30):
        opt.zero_grad()
        loss = F.cross_entropy(model(X), y)
        loss.backward()
        opt.step()
        losses.append(float(loss))
    model2 = nn.Sequential(nn.Linear(2, 8), nn.Tanh(), nn.Linear(8, 1))
    opt2 = torch.optim.Adam(model2.parameters(), lr=0.05)
    losses2 = []
    target = X[:, :1] * 2 - X[:, 1:] ** 2
    for epoch in range(30):
        opt2.zero_grad()
        loss = F.mse_loss(model2(X), target)
        loss.backward()
        opt2.step()
        losses2.append(float(loss))
    return {"sgd_ce": losses, "adam_mse": losses2, "final_fc_weight": flat(model[2].weight)}


def main():
    fixtures = {
        "torch": torch.__version__,
        "optimizers": [optimizer_case(i, n, o) for i, (n, o) in enumerate(OPTIMIZERS)],
        "schedulers": scheduler_cases(),
        "mlp": mlp_run(),
    }
    with open(os.path.join(HERE, "fixtures.json"), "w") as f:
        json.dump(fixtures, f)


if __name__ == "__main__":
    main()
