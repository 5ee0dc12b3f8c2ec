# Writes test/optim/more_fixtures.json from PyTorch 1.13 (run with /usr/bin/python3): Adadelta,
# Adamax, NAdam, RAdam, ASGD and LBFGS trajectories over several steps from fixed parameters and
# gradients (float32 and float64), and the learning rates of the added lr schedulers per epoch.
import json, math, os
import torch

HERE = os.path.dirname(os.path.abspath(__file__))
STEPS = 8


def flat(t):
    return [float(v) for v in t.detach().reshape(-1).tolist()]


OPTIMIZERS = [
    ("Adadelta", {}),
    ("Adadelta", {"lr": 0.5, "rho": 0.8, "eps": 1e-4, "weight_decay": 0.05}),
    ("Adadelta", {"lr": 0.5, "maximize": True}),
    ("Adamax", {}),
    ("Adamax", {"lr": 0.01, "betas": [0.8, 0.95], "eps": 1e-6, "weight_decay": 0.1}),
    ("Adamax", {"lr": 0.01, "maximize": True}),
    ("NAdam", {}),
    ("NAdam", {"lr": 0.01, "betas": [0.85, 0.99], "weight_decay": 0.1, "momentum_decay": 0.01}),
    ("RAdam", {}),
    ("RAdam", {"lr": 0.01, "betas": [0.5, 0.8], "weight_decay": 0.05}),
    ("ASGD", {}),
    ("ASGD", {"lr": 0.05, "lambd": 0.01, "alpha": 0.5, "t0": 3, "weight_decay": 0.01}),
    ("ASGD", {"lr": 0.05, "t0": 2, "maximize": True}),
]


def optimizer_case(i, name, opts, dtype):
    torch.manual_seed(2000 + i)
    params = [torch.randn(3, 4, dtype=dtype).requires_grad_(), torch.randn(5, dtype=dtype).requires_grad_(), torch.randn(2, dtype=dtype).requires_grad_()]
    init = [flat(p) for p in params]
    grads = [[flat(torch.randn(p.shape, dtype=dtype)) for p in params] for _ in range(STEPS)]
    kw = {k: tuple(v) if isinstance(v, list) else v for k, v in opts.items()}
    opt = getattr(torch.optim, name)([{"params": params[:2]}, {"params": params[2:], "lr": 0.003}], **kw)
    history = []
    for s in range(STEPS):
        for j, p in enumerate(params):
            p.grad = None if (j == 2 and s % 2 == 1) else torch.tensor(grads[s][j], dtype=dtype).reshape(p.shape)
        opt.step()
        history.append([flat(p) for p in params])
    return {"name": f"{name}#{i}", "optimizer": name, "options": opts, "dtype": str(dtype).replace("torch.", ""),
            "shapes": [list(p.shape) for p in params], "init": init, "grads": grads, "history": history,
            "state_keys": sorted(opt.state_dict()["state"][0].keys())}


def lbfgs_case(opts):
    # Rosenbrock-like smooth objective on a small float64 vector; LBFGS calls the closure many times.
    torch.manual_seed(3)
    x = torch.randn(4, dtype=torch.float64).requires_grad_()
    init = flat(x)
    opt = torch.optim.LBFGS([x], **opts)
    calls = [0]

    def closure():
        calls[0] += 1
        opt.zero_grad()
        loss = ((1 - x[:-1]) ** 2).sum() + 10 * ((x[1:] - x[:-1] ** 2) ** 2).sum()
        loss.backward()
        return loss
    history, losses = [], []
    for _ in range(3):
        losses.append(float(opt.step(closure)))
        history.append(flat(x))
    return {"options": opts, "init": init, "history": history, "losses": losses, "calls": calls[0],
            "n_iter": opt.state[opt._params[0]]["n_iter"], "func_evals": opt.state[opt._params[0]]["func_evals"]}


optimizers = []
for i, (name, opts) in enumerate(OPTIMIZERS):
    optimizers.append(optimizer_case(i, name, opts, torch.float32))
    if i % 2 == 0:
        optimizers.append(optimizer_case(i, name, opts, torch.float64))

lbfgs = [lbfgs_case({}), lbfgs_case({"lr": 0.5, "max_iter": 5, "history_size": 3}), lbfgs_case({"line_search_fn": "strong_wolfe"}),
         lbfgs_case({"lr": 1, "max_iter": 7, "line_search_fn": "strong_wolfe", "history_size": 2})]

out = {"optimizers": optimizers, "lbfgs": lbfgs}
if os.environ.get("NO_SCHED") is None:
    from gen_sched_fixtures import scheduler_cases
    out["schedulers"] = scheduler_cases()
json.dump(out, open(os.path.join(HERE, "more_fixtures.json"), "w"))
print(len(optimizers), "optimizer cases")
