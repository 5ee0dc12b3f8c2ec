"""Interpreter of the neutral oracle spec, the Python half (the TS half is spec.ts).

A fixture case is JSON that both sides replay the same way:

  { "id": "add/alpha", "family": "pointwise",
    "inputs": [ { "data": <nested lists>, "dtype": "float32", "requires_grad": true,
                  "permute": [1, 0]? } ],                 # inputs are named $0, $1, ...
    "steps":  [ { "call": { "fn": "torch.add", "args": ["$0", "$1"], "kwargs": {"alpha": 2} },
                  "out": "y",                             # optional name for later steps
                  "backward": { "gradient": {"data": ..., "dtype": ...} }?,   # op cases only
                  "expect": <serialised result> | {"kind": "error", ...},
                  "warnings": [<message>, ...],
                  "loose": true?,                         # compare shape/dtype/values/requires_grad only
                  "grads": [<serialised input .grad>, ...]? } ,
                { "block": "no_grad" | "enable_grad" | "grad_disabled", "steps": [...] } ] }

Argument encoding (JSON cannot tell 2 from 2.0):
  "$name"              a variable (inputs are $0, $1, ...; steps bind their "out")
  {"$float": 2}        a Python float (also "nan", "inf", "-inf"). The TS side passes
                       torch._floatLiteral(v) to factory functions (tensor, arange, full, ...) -
                       what the runner does for a float-spelled literal - and a plain number
                       everywhere else. So cases never combine an integral float scalar with an
                       integer tensor in a non-factory call (gen checks this): a JS number 2 is
                       an int to the engine.
  {"$dtype": "float64"}  torch.float64
  {"$hook": "double" | "zero" | "record:NAME"}   a tensor hook from a fixed library
  other strings, numbers, booleans, null, lists: themselves (lists stay lists).
Input data and expected values encode nan/inf as the strings "nan", "inf", "-inf".

Call names: "torch.a.b" (module path), "method.NAME" (args[0].NAME(*args[1:])), "attr.NAME",
"setattr.NAME" (args[0].NAME = args[1]), "str" (str(x); TS String(x)), "index" (args[0][args[1]],
for the tuple autograd.grad returns).
kwargs map to the TS options object (PyTorch's snake_case names), passed last when non-empty.
"""
import math
import random
import warnings

import torch

FACTORIES = {
    "torch.tensor", "torch.zeros", "torch.ones", "torch.full", "torch.arange", "torch.linspace",
    "torch.eye", "torch.empty", "torch.zeros_like", "torch.ones_like", "torch.full_like",
    "torch.empty_like", "torch.rand", "torch.randn", "torch.randint", "torch.as_tensor",
}


class SpecError(Exception):
    """A case that the spec cannot express faithfully (a bug in a case definition)."""


# ---------------------------------------------------------------- encoding (Python -> JSON)

def enc_num(x):
    """A number inside data/values: exact double; nan/inf as strings."""
    if isinstance(x, bool):
        return x
    if isinstance(x, float):
        if math.isnan(x):
            return "nan"
        if math.isinf(x):
            return "inf" if x > 0 else "-inf"
    return x


def enc_nested(v):
    if isinstance(v, list):
        return [enc_nested(x) for x in v]
    return enc_num(v)


def enc_arg(v):
    """Encodes an argument written in a case definition (Python values) into spec JSON."""
    if isinstance(v, bool) or v is None or isinstance(v, int):
        return v
    if isinstance(v, float):
        if math.isnan(v) or math.isinf(v) or v == int(v):
            return {"$float": enc_num(v)}
        return v
    if isinstance(v, torch.dtype):
        return {"$dtype": dtype_name(v)}
    if isinstance(v, (list, tuple)):
        return [enc_arg(x) for x in v]
    if isinstance(v, dict):
        return {k: enc_arg(x) for k, x in v.items()}
    if isinstance(v, str):
        return v
    raise SpecError(f"cannot encode argument {v!r}")


def dtype_name(dt):
    return str(dt).replace("torch.", "")


# ---------------------------------------------------------------- decoding (JSON -> Python)

def dec_num(x):
    if x == "nan":
        return float("nan")
    if x == "inf":
        return float("inf")
    if x == "-inf":
        return float("-inf")
    return x


def dec_nested(v):
    if isinstance(v, list):
        return [dec_nested(x) for x in v]
    return dec_num(v)


HOOK_RECORDS = {}


def make_hook(kind, env):
    if kind == "double":
        return lambda g: g * 2
    if kind == "zero":
        return lambda g: torch.zeros_like(g)
    if kind.startswith("record:"):
        name = kind[len("record:"):]

        def record(g):
            env[name] = g.clone()
        return record
    raise SpecError(f"unknown hook {kind}")


def dec_arg(v, env):
    if isinstance(v, str):
        if v.startswith("$"):
            return env[v[1:]]
        return v
    if isinstance(v, list):
        return [dec_arg(x, env) for x in v]
    if isinstance(v, dict):
        if "$float" in v:
            return float(dec_num(v["$float"]))
        if "$dtype" in v:
            return getattr(torch, v["$dtype"])
        if "$hook" in v:
            return make_hook(v["$hook"], env)
        return {k: dec_arg(x, env) for k, x in v.items()}
    return v


def make_input(spec):
    # Nested lists lose the shape when a dimension is 0 ([] for (0, 3)), hence "shape". The
    # input must not be a view (in-place errors differ for views of leaves), so no reshape().
    dtype = getattr(torch, spec["dtype"])
    if 0 in spec["shape"]:
        t = torch.zeros(spec["shape"], dtype=dtype)
    else:
        t = torch.tensor(dec_nested(spec["data"]), dtype=dtype)
    if "permute" in spec:
        t = t.permute(*spec["permute"])
    if spec.get("requires_grad"):
        t.requires_grad_(True)
    return t


# ---------------------------------------------------------------- serialising results

# Where PyTorch 2.x names a node differently from our 1.13 oracle, we follow 2.x (project rule):
# 2.x lowers a viewable reshape()/flatten() to view(), so its node is ViewBackward0.
TORCH2_NODE_NAMES = {"ReshapeAliasBackward0": "ViewBackward0"}


def node_name(node):
    """The class name, as print(node) shows it. PyTorch's name() agrees for every backward node
    but spells a leaf's node "torch::autograd::AccumulateGrad"; we keep the printed form."""
    name = type(node).__name__
    return TORCH2_NODE_NAMES.get(name, name)


def torch2_text(s):
    for old, new in TORCH2_NODE_NAMES.items():
        s = s.replace(f"<{old}>", f"<{new}>")
    return s


def node_next(node):
    return [[None if n is None else node_name(n), i] for n, i in node.next_functions]


def ser_tensor(t, with_values=True):
    out = {
        "kind": "tensor",
        "shape": list(t.shape),
        "dtype": dtype_name(t.dtype),
        "requires_grad": t.requires_grad,
        "is_leaf": t.is_leaf,
        "grad_fn": None if t.grad_fn is None else node_name(t.grad_fn),
        "grad_fn_next": None if t.grad_fn is None else node_next(t.grad_fn),
    }
    if with_values:
        out["values"] = [enc_num(x) for x in t.detach().reshape(-1).tolist()]
        out["str"] = torch2_text(str(t))
    else:
        out["values"] = None
        out["str"] = None
    return out


def ser(v, with_values=True):
    if isinstance(v, torch.Tensor):
        return ser_tensor(v, with_values)
    if isinstance(v, torch.Size):
        return {"kind": "size", "value": list(v), "str": str(v)}
    # max(dim), min(dim): (values, indices); other return types (linalg_qr, ...) serialise as tuples below.
    if type(v).__module__ == "torch.return_types" and hasattr(v, "indices"):
        return {"kind": "namedtuple", "fields": {f: ser(getattr(v, f), with_values) for f in ("values", "indices")}}
    if isinstance(v, (list, tuple)):
        if all(x is None or isinstance(x, torch.Tensor) for x in v) and len(v) > 0:
            return {"kind": "list", "items": [ser(x, with_values) for x in v]}
        return {"kind": "pylist", "value": enc_nested(list(v))}
    if v is None:
        return {"kind": "none"}
    if isinstance(v, bool):
        return {"kind": "bool", "value": v}
    if isinstance(v, (int, float)):
        return {"kind": "number", "value": enc_num(v)}
    if isinstance(v, torch.dtype):
        return {"kind": "dtype", "name": dtype_name(v), "str": str(v)}
    if isinstance(v, str):
        return {"kind": "string", "value": v}
    if hasattr(v, "next_functions") and hasattr(v, "name"):
        return {"kind": "node", "name": node_name(v), "next": node_next(v)}
    if type(v).__name__ == "RemovableHandle":
        return {"kind": "handle"}
    raise SpecError(f"cannot serialise {type(v)}")


def strip_internal(msg):
    """PyTorch appends where a C++ warning came from; that location is not part of the text."""
    i = msg.find(" (Triggered internally at")
    return msg if i < 0 else msg[:i]


# ---------------------------------------------------------------- running

def resolve(path):
    obj = torch
    for part in path.split(".")[1:]:
        obj = getattr(obj, part)
    return obj


def invoke(call, env):
    fn = call["fn"]
    args = [dec_arg(a, env) for a in call.get("args", [])]
    kwargs = {k: dec_arg(v, env) for k, v in call.get("kwargs", {}).items()}
    if fn.startswith("torch."):
        return resolve(fn)(*args, **kwargs)
    if fn.startswith("method."):
        return getattr(args[0], fn[len("method."):])(*args[1:], **kwargs)
    if fn.startswith("attr."):
        return getattr(args[0], fn[len("attr."):])
    if fn.startswith("setattr."):
        setattr(args[0], fn[len("setattr."):], args[1])
        return None
    if fn == "index":  # an element of a returned tuple (autograd.grad)
        return args[0][args[1]]
    if fn == "str":
        return torch2_text(str(args[0]))
    raise SpecError(f"unknown fn {fn}")


def check_literals(call, env):
    """An integral float scalar reaches the TS engine as a plain (int) number outside factories."""
    if call["fn"] in FACTORIES:
        return
    def has_float_marker(v):
        if isinstance(v, dict):
            return "$float" in v or any(has_float_marker(x) for x in v.values())
        if isinstance(v, list):
            return any(has_float_marker(x) for x in v)
        return False
    items = list(call.get("args", [])) + list(call.get("kwargs", {}).values())
    if not any(has_float_marker(x) for x in items):
        return
    for a in items:
        if isinstance(a, str) and a.startswith("$"):
            t = env.get(a[1:])
            if isinstance(t, torch.Tensor) and not t.is_floating_point():
                raise SpecError(f"integral float scalar with a {t.dtype} tensor in {call}")


def gradient_pattern(shape, dtype):
    """The upstream gradient G of an op case: fixed 4-decimal values. (Quarter-valued G made
    many grads land on printing ties such as x.xxxx5, where float32 summation order decides
    the last printed digit; 4-decimal factors make such ties rare.)"""
    n = 1
    for s in shape:
        n *= s
    rng = random.Random(1000 + n)
    flat = [round(rng.uniform(-1.5, 1.5), 4) for _ in range(n)]
    return torch.tensor(flat, dtype=dtype).reshape(shape)


def run_step(step, env, inputs, nondeterministic):
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        check_literals(step["call"], env)
        try:
            result = invoke(step["call"], env)
        except Exception as e:  # noqa: BLE001 - the oracle records whatever PyTorch raises
            step["expect"] = {"kind": "error", "type": type(e).__name__, "message": str(e)}
            step.pop("backward", None)
            result = None
        else:
            step["expect"] = ser(result, with_values=not nondeterministic)
            if "out" in step:
                env[step["out"]] = result
        if "backward" in step and step["expect"]["kind"] != "error":
            target = result
            if "out_index" in step:
                target = result[step["out_index"]]
            if not (isinstance(target, torch.Tensor) and target.grad_fn is not None):
                del step["backward"]
            else:
                g = gradient_pattern(list(target.shape), target.dtype)
                step["backward"] = {"gradient": {"data": enc_nested(g.tolist()), "dtype": dtype_name(g.dtype)}}
                try:
                    target.backward(g)
                except Exception as e:  # noqa: BLE001
                    step["backward"]["error"] = {"type": type(e).__name__, "message": str(e)}
                step["grads"] = [
                    None if not x.requires_grad or x.grad is None else ser_tensor(x.grad) for x in inputs
                ]
    msgs = [strip_internal(str(w.message)) for w in caught]
    if msgs:
        step["warnings"] = msgs


def run_steps(steps, env, inputs, nondeterministic):
    for step in steps:
        if "block" in step:
            kind = step["block"]
            ctx = {"no_grad": torch.no_grad, "enable_grad": torch.enable_grad,
                   "grad_disabled": lambda: torch.set_grad_enabled(False)}[kind]()
            with ctx:
                run_steps(step["steps"], env, inputs, nondeterministic)
        else:
            run_step(step, env, inputs, nondeterministic)


def run_case(case):
    """Fills every step's "expect" (and backward/grads/warnings) by running PyTorch."""
    env = {}
    inputs = []
    for i, spec in enumerate(case.get("inputs", [])):
        t = make_input(spec)
        env[str(i)] = t
        inputs.append(t)
    run_steps(case["steps"], env, inputs, case.get("nondeterministic", False))
    return case
