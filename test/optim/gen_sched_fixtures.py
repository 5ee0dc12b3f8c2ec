# Scheduler cases for gen_more_fixtures.py (PyTorch 1.13): learning rates (and momentum / beta1
# where a scheduler cycles it) of two param groups per epoch, stepping optimizer then scheduler.
import warnings
import torch
from torch.optim import lr_scheduler as S

EPOCHS = 40
METRICS = [1.0, 0.9, 0.95, 0.96, 0.97, 0.89, 0.9, 0.9, 0.9, 0.9, 0.9, 0.5, 0.6, 0.6, 0.6, 0.6, 0.6, 0.6, 0.6, 0.6] * 2


def make_opt(kind):
    params = [torch.zeros(1, requires_grad=True), torch.zeros(1, requires_grad=True)]
    groups = [{"params": [params[0]]}, {"params": [params[1]], "lr": 0.01}]
    if kind == "adam":
        return torch.optim.Adam(groups, lr=0.1)
    return torch.optim.SGD(groups, lr=0.1, momentum=0.9)


SPECS = [
    ("MultiplicativeLR", "sgd", {"lr_lambda": "0.95"}),
    ("ConstantLR", "sgd", {}),
    ("ConstantLR", "sgd", {"factor": 0.5, "total_iters": 4}),
    ("LinearLR", "sgd", {}),
    ("LinearLR", "sgd", {"start_factor": 0.25, "end_factor": 0.75, "total_iters": 10}),
    ("PolynomialLR", "sgd", {}),
    ("PolynomialLR", "sgd", {"total_iters": 12, "power": 2.0}),
    ("CosineAnnealingWarmRestarts", "sgd", {"T_0": 5}),
    ("CosineAnnealingWarmRestarts", "sgd", {"T_0": 3, "T_mult": 2, "eta_min": 0.001}),
    ("CyclicLR", "sgd", {"base_lr": 0.01, "max_lr": 0.1, "step_size_up": 4}),
    ("CyclicLR", "sgd", {"base_lr": [0.01, 0.001], "max_lr": 0.1, "step_size_up": 3, "step_size_down": 5, "mode": "triangular2"}),
    ("CyclicLR", "sgd", {"base_lr": 0.01, "max_lr": 0.1, "step_size_up": 4, "mode": "exp_range", "gamma": 0.95, "cycle_momentum": False}),
    ("OneCycleLR", "sgd", {"max_lr": 0.5, "total_steps": 41}),
    ("OneCycleLR", "adam", {"max_lr": [0.5, 0.05], "epochs": 5, "steps_per_epoch": 9, "anneal_strategy": "linear", "three_phase": True}),
    ("OneCycleLR", "sgd", {"max_lr": 0.5, "total_steps": 45, "pct_start": 0.25, "div_factor": 10.0, "final_div_factor": 100.0}),
    ("SequentialLR", "sgd", {}),
    ("ChainedScheduler", "sgd", {}),
    ("ReduceLROnPlateau", "sgd", {"patience": 2}),
    ("ReduceLROnPlateau", "sgd", {"mode": "max", "factor": 0.5, "patience": 1, "threshold": 0.1, "threshold_mode": "abs", "cooldown": 2, "min_lr": [0.02, 0.0]}),
]


def build(name, opt, kw):
    if name == "MultiplicativeLR":
        return S.MultiplicativeLR(opt, lambda e: 0.95)
    if name == "SequentialLR":
        return S.SequentialLR(opt, [S.LinearLR(opt, start_factor=0.1, total_iters=4), S.ExponentialLR(opt, gamma=0.9), S.StepLR(opt, step_size=3, gamma=0.5)], milestones=[5, 12])
    if name == "ChainedScheduler":
        return S.ChainedScheduler([S.ConstantLR(opt, factor=0.1, total_iters=2), S.ExponentialLR(opt, gamma=0.9)])
    kw = {k: tuple(v) if isinstance(v, list) and k == "betas" else v for k, v in kw.items()}
    return getattr(S, name)(opt, **kw)


def scheduler_cases():
    cases = []
    warnings.simplefilter("ignore")
    for name, kind, kw in SPECS:
        opt = make_opt(kind)
        sched = build(name, opt, kw)
        lrs, moms = [], []
        for e in range(EPOCHS):
            opt.step()
            if name == "ReduceLROnPlateau":
                sched.step(METRICS[e])
            else:
                sched.step()
            lrs.append([g["lr"] for g in opt.param_groups])
            moms.append([g["betas"][0] if kind == "adam" else g["momentum"] for g in opt.param_groups])
        cases.append({"scheduler": name, "optimizer": kind, "options": kw, "lrs": lrs, "momentum": moms,
                      "last_lr": sched._last_lr if name == "ReduceLROnPlateau" else sched.get_last_lr()})
    return cases
