# PyTorch side of `npm run bench`: runs the workloads named in the JSON spec (argv[1]) on one
# thread and prints one JSON object per line: {"id", "value", "runs", "note"}.
# Run by test/bench/bench.ts with /usr/bin/python3 (Debian's python3-torch 1.13 + OpenBLAS).
import json, statistics, sys, time

import torch

torch.set_num_threads(1)
torch.manual_seed(0)


MIN_RUNS = 5


def median_seconds(fn, runs, max_seconds):
    # At least MIN_RUNS timed runs, fewer than `runs` when one run is slow; the first call is
    # the warm-up (allocations, OpenBLAS set-up) and the estimate.
    t0 = time.perf_counter()
    fn()
    once = time.perf_counter() - t0
    if once * MIN_RUNS > max_seconds:
        return None, 0, f"skipped: one run takes {once:.1f} s"
    n = max(MIN_RUNS, min(runs, int(max_seconds / max(once, 1e-9))))
    fn()
    times = []
    for _ in range(n):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times), n, ""


def matmul(spec):
    n = spec["n"]
    a, b = torch.randn(n, n), torch.randn(n, n)
    out = torch.empty(n, n)
    s, runs, note = median_seconds(lambda: torch.mm(a, b, out=out), spec["runs"], spec["maxSeconds"])
    return (2 * n ** 3 / s / 1e9 if s else None), runs, note


def mlp_step(spec):
    # Linear(784,256) -> ReLU -> Linear(256,10), batch 64, cross-entropy, SGD momentum 0.9.
    model = torch.nn.Sequential(torch.nn.Linear(784, 256), torch.nn.ReLU(), torch.nn.Linear(256, 10))
    opt = torch.optim.SGD(model.parameters(), lr=0.01, momentum=0.9)
    x, y = torch.randn(64, 784), torch.randint(0, 10, (64,))

    def step():
        opt.zero_grad()
        loss = torch.nn.functional.cross_entropy(model(x), y)
        loss.backward()
        opt.step()

    s, runs, note = median_seconds(step, spec["runs"], spec["maxSeconds"])
    return (s * 1e3 if s else None), runs, note


def resnet18(spec):
    # The tutorial's model (untrained: weights cannot be downloaded here; the work is the same).
    import torchvision
    model = torchvision.models.resnet18()
    data, labels = torch.rand(1, 3, 64, 64), torch.rand(1, 1000)
    if spec["kind"] == "resnet18-fwd":
        fn = lambda: model(data)
    else:
        def fn():
            model.zero_grad()
            (model(data) - labels).sum().backward()
    s, runs, note = median_seconds(fn, spec["runs"], spec["maxSeconds"])
    return (s * 1e3 if s else None), runs, note


KINDS = {"matmul": matmul, "mlp-step": mlp_step, "resnet18-fwd": resnet18, "resnet18-fwdbwd": resnet18}

for spec in json.loads(sys.argv[1]):
    kind = KINDS.get(spec["kind"])
    if kind is None:
        print(json.dumps({"id": spec["id"], "value": None, "runs": 0, "note": "not supported"}), flush=True)
        continue
    value, runs, note = kind(spec)
    print(json.dumps({"id": spec["id"], "value": value, "runs": runs, "note": note}), flush=True)
