// The backward engine: walks the graph from the roots in dependency order (latest-created node
// first among the ready ones, like PyTorch's sequence numbers), sums each input's gradient back
// to that input's shape (the one central broadcast reduction), accumulates into leaves, runs
// hooks, and frees saved tensors unless retain_graph.
import { Storage, Tensor } from "../tensor";
import { AccumulateGrad, Node } from "./node";
import { edgeOf } from "../ops/define";
import { withGradMode } from "./grad_mode";
import { RuntimeError, warnOnce } from "../errors";
import { numelOf, sameShape, Size } from "../shape";
import { add, toDtype } from "../ops/elementwise";
import { sum } from "../ops/reduce";
import { reshape, clone } from "../ops/views";
import { dtypeFromName } from "../dtype";

export interface BackwardOptions {
  retain_graph?: boolean | null;
  create_graph?: boolean;
  inputs?: Tensor[] | Tensor | null;
}

/** Sum a gradient in a broadcast shape back to `shape` (leading dims, then size-1 dims). */
export function sumTo(g: Tensor, shape: readonly number[]): Tensor {
  if (sameShape(g._shape, shape)) return g;
  const lead = g._shape.length - shape.length;
  const dims: number[] = [];
  for (let i = 0; i < g._shape.length; i++) {
    if (i < lead || (shape[i - lead] === 1 && g._shape[i] !== 1)) dims.push(i);
  }
  const r = dims.length ? sum(g, dims, true) : g;
  return lead > 0 || !sameShape(r._shape, shape) ? reshape(r, [...shape]) : r;
}

function ones(t: Tensor): Tensor {
  const d = t._dtype.alloc(t.numel()).fill(1);
  return Tensor._make(d, t._shape, t._dtype);
}
function zerosOf(shape: number[], like: Tensor | null, dtypeName: string): Tensor {
  const dt = like ? like._dtype : dtypeFromName(dtypeName as "float32");
  return Tensor._make(dt.alloc(shape.reduce((a, b) => a * b, 1)), shape, dt);
}

interface RunSpec {
  roots: Tensor[];
  grads: Tensor[];
  retainGraph: boolean;
  createGraph: boolean;
  /** autograd.grad: capture gradients at these tensors instead of accumulating into leaves. */
  capture: Tensor[] | null;
}

function validateRoots(roots: Tensor[], grads: (Tensor | null | undefined)[]): Tensor[] {
  return roots.map((r, i) => {
    if (!r.requires_grad) throw new RuntimeError(`element ${i} of tensors does not require grad and does not have a grad_fn`);
    const g = grads[i];
    if (g === null || g === undefined) {
      if (r.numel() !== 1) throw new RuntimeError("grad can be implicitly created only for scalar outputs");
      return ones(r);
    }
    if (!sameShape(g._shape, r._shape)) {
      throw new RuntimeError(`Mismatch in shape: grad_output[${i}] has a shape of ${Size.from_(g._shape)} and output[${i}] has a shape of ${Size.from_(r._shape)}.`);
    }
    return g;
  });
}

/**
 * Which gradients a leaf may adopt instead of cloning (PyTorch steals a gradient nobody else
 * references). Here: storage created during this backward pass (so no tensor from before it
 * aliases it), held by exactly one pending gradient buffer (counted as gradients are handed
 * along edges, released when the node holding them has run), and no hook in the pass that
 * could have kept a reference.
 */
class Adoption {
  private readonly since: number;
  private readonly handed = new Map<Storage, number>();
  enabled: boolean;
  constructor(enabled: boolean) {
    this.since = new Storage(new Float32Array(0))._serial;
    this.enabled = enabled;
  }
  hand(t: Tensor): void {
    if (this.enabled) this.handed.set(t._storage, (this.handed.get(t._storage) ?? 0) + 1);
  }
  release(t: Tensor | null): void {
    if (!t || !this.enabled) return;
    const n = this.handed.get(t._storage);
    if (n !== undefined) this.handed.set(t._storage, n - 1);
  }
  mayAdopt(g: Tensor, leaf: Tensor): boolean {
    const st = g._storage;
    return this.enabled && st._serial > this.since && this.handed.get(st) === 1 && leaf._hooks.size === 0 &&
      g._dtype === leaf._dtype && g._offset === 0 && st.data.length === numelOf(g._shape) && g.is_contiguous() && sameShape(g._shape, leaf._shape);
  }
}

function run(spec: RunSpec): (Tensor | null)[] {
  const adoption = new Adoption(!spec.createGraph && !spec.capture);
  const rootEdges = spec.roots.map((r) => edgeOf(r));
  // Capture points: for a leaf, its AccumulateGrad (not run); for a non-leaf, its grad_fn's input slot.
  const captureAt = new Map<Node, Map<number, number[]>>();
  const captured: (Tensor | null)[] = spec.capture ? spec.capture.map(() => null) : [];
  if (spec.capture) {
    spec.capture.forEach((t, i) => {
      if (!t.requires_grad) throw new RuntimeError("One of the differentiated Tensors does not require grad");
      const [node, nr] = edgeOf(t) as [Node, number];
      const m = captureAt.get(node) ?? new Map<number, number[]>();
      m.set(nr, [...(m.get(nr) ?? []), i]);
      captureAt.set(node, m);
    });
  }
  // Discover the graph and which nodes lead to a capture point (autograd.grad runs only those).
  const nodes = new Set<Node>();
  const stack: Node[] = rootEdges.map((e) => e[0]).filter((n): n is Node => n !== null);
  while (stack.length) {
    const n = stack.pop() as Node;
    if (nodes.has(n)) continue;
    nodes.add(n);
    for (const [nx] of n.next_functions) if (nx && !nodes.has(nx)) stack.push(nx);
  }
  let needed: Set<Node> = nodes;
  if (spec.capture) {
    needed = new Set();
    const memo = new Map<Node, boolean>();
    const visit = (n: Node): boolean => {
      const m = memo.get(n);
      if (m !== undefined) return m;
      memo.set(n, false);
      let r = captureAt.has(n);
      for (const [nx] of n.next_functions) if (nx && visit(nx)) r = true;
      memo.set(n, r);
      if (r) needed.add(n);
      return r;
    };
    for (const n of nodes) visit(n);
  }
  const deps = new Map<Node, number>();
  for (const n of needed) for (const [nx] of n.next_functions) if (nx && needed.has(nx)) deps.set(nx, (deps.get(nx) ?? 0) + 1);

  const buffers = new Map<Node, (Tensor | null)[]>();
  const accumulate = (node: Node, nr: number, g: Tensor) => {
    const buf = buffers.get(node) ?? new Array<Tensor | null>(node._numOutputs).fill(null);
    const prev = buf[nr];
    if (prev) {
      const total = add(prev, g);
      adoption.release(prev);
      adoption.release(g);
      adoption.hand(total);
      buf[nr] = total;
    } else buf[nr] = g;
    buffers.set(node, buf);
  };
  rootEdges.forEach(([node, nr], i) => { if (node && needed.has(node)) accumulate(node, nr, spec.grads[i]); });

  const ready: Node[] = [];
  for (const n of needed) if (!deps.get(n) && buffers.has(n)) ready.push(n);
  /** One input edge of `nx` delivered no gradient; when none delivered any, its own inputs get none either. */
  const arrived = (nx: Node): void => {
    const left = (deps.get(nx) ?? 1) - 1;
    deps.set(nx, left);
    if (left !== 0) return;
    if (buffers.has(nx)) ready.push(nx);
    else for (const [c] of nx.next_functions) if (c && needed.has(c)) arrived(c);
  };
  const seen = new Set<Node>();
  while (ready.length) {
    // Highest sequence number first: the most recently created node runs first.
    let bi = 0;
    for (let i = 1; i < ready.length; i++) if (ready[i]._seq > ready[bi]._seq) bi = i;
    const node = ready.splice(bi, 1)[0];
    if (seen.has(node)) continue;
    seen.add(node);
    const buf = buffers.get(node) ?? [];
    buffers.delete(node);
    const grads = buf.map((g, i) => g ?? zerosOf(node._outputShapes[i], null, "float32"));
    // Tensor hooks on this node's outputs (register_hook on a non-leaf), then retain_grad.
    grads.forEach((g, i) => {
      const hooks = node._tensorPreHooks[i];
      if (hooks && hooks.size) adoption.enabled = false;
      if (hooks) for (const h of hooks.values()) { const r = h(g); if (r instanceof Tensor) grads[i] = r; }
      const keep = node._retainGradTensors[i]?.deref();
      if (keep) keep._grad = keep._grad ? add(keep._grad, grads[i]).detach() : spec.createGraph ? grads[i] : clone(grads[i].detach());
    });
    const cap = captureAt.get(node);
    if (cap) for (const [nr, idxs] of cap) for (const i of idxs) captured[i] = grads[nr];
    if (node instanceof AccumulateGrad) {
      if (!spec.capture) accumulateIntoLeaf(node.variable, grads[0], spec.createGraph, adoption.mayAdopt(grads[0], node.variable));
      continue;
    }
    if (spec.capture && !node.next_functions.some(([nx]) => nx && needed.has(nx))) continue;
    if (!node._backward) continue;
    const saved = node._unpackSaved();
    let gradInputs = withGradMode(spec.createGraph, () => node._backward!(grads, saved));
    if (node._hooks.size) adoption.enabled = false;
    for (const h of node._hooks.values()) {
      const r = h(gradInputs, grads);
      if (Array.isArray(r)) gradInputs = r;
    }
    if (!spec.retainGraph) node._freeSaved();
    for (const g of buf) adoption.release(g); // this node's buffer is dropped now
    node.next_functions.forEach(([nx, nr], i) => {
      const g = gradInputs[i];
      if (!nx || !needed.has(nx)) return;
      // An undefined gradient (a backward that returns null, e.g. linalg.vector_norm(ord=0)) still
      // counts as this edge's arrival, or nodes waiting for it would never run.
      if (!g) { arrived(nx); return; }
      const meta = node._inputs[i];
      const target = dtypeFromName(meta.dtype);
      // PyTorch reduces in the gradient's dtype, then casts to the input's (validate_outputs).
      let r = withGradMode(spec.createGraph, () => sumTo(g, meta.shape));
      if (r._dtype !== target) r = withGradMode(spec.createGraph, () => toDtype(r, target));
      adoption.hand(r);
      accumulate(nx, nr, spec.createGraph ? r : r.detach());
      const left = (deps.get(nx) ?? 1) - 1;
      deps.set(nx, left);
      if (left === 0) ready.push(nx);
    });
  }
  return captured;
}

function accumulateIntoLeaf(v: Tensor, g: Tensor, createGraph: boolean, adopt = false): void {
  // A leaf whose requires_grad was switched off after the graph was built gets nothing (as PyTorch).
  if (!v.requires_grad) return;
  let grad = g;
  for (const h of v._hooks.values()) { const r = h(grad); if (r instanceof Tensor) grad = r; }
  if (v._grad === null) {
    // The leaf must own its gradient: never alias a tensor the graph (or user) still holds.
    v._grad = createGraph ? grad : adopt ? grad.detach() : clone(grad.detach()).detach();
  } else if (createGraph) {
    v._grad = add(v._grad, grad);
  } else {
    // Accumulate in place, as PyTorch does when grad mode is off.
    const dst = v._grad;
    const sum = add(dst.detach(), grad.detach());
    const d = dst._storage.data, s = sum._storage.data;
    if (dst.is_contiguous() && dst._offset === 0 && d.length === s.length) d.set(s as Float32Array);
    else v._grad = sum;
    dst._vc.value++;
  }
}

export function backward(tensors: Tensor | Tensor[], gradTensors?: Tensor | (Tensor | null)[] | null, opts: BackwardOptions = {}): void {
  const roots = Array.isArray(tensors) ? tensors : [tensors];
  const gs = gradTensors === undefined || gradTensors === null ? [] : Array.isArray(gradTensors) ? gradTensors : [gradTensors];
  const grads = validateRoots(roots, gs);
  const createGraph = opts.create_graph ?? false;
  if (createGraph) {
    warnOnce("Using backward() with create_graph=True will create a reference cycle between the parameter and its gradient which can cause a memory leak. We recommend using autograd.grad when creating the graph to avoid this. If you have to use this function, make sure to reset the .grad fields of your parameters to None after use to break the cycle and avoid the leak. (Triggered internally at ../torch/csrc/autograd/engine.cpp:1156.)",
    );
  }
  const inputs = opts.inputs ? (Array.isArray(opts.inputs) ? opts.inputs : [opts.inputs]) : null;
  if (inputs) {
    // backward(inputs=...): accumulate only into these tensors.
    const got = run({ roots, grads, retainGraph: opts.retain_graph ?? createGraph, createGraph, capture: inputs });
    inputs.forEach((t, i) => { const g = got[i]; if (g) accumulateIntoLeaf(t, g, createGraph); });
    return;
  }
  run({ roots, grads, retainGraph: opts.retain_graph ?? createGraph, createGraph, capture: null });
}

export interface GradOptions {
  grad_outputs?: Tensor | (Tensor | null)[] | null;
  retain_graph?: boolean | null;
  create_graph?: boolean;
  allow_unused?: boolean;
}

export function grad(outputs: Tensor | Tensor[], inputs: Tensor | Tensor[], opts: GradOptions = {}): (Tensor | null)[] {
  const outs = Array.isArray(outputs) ? outputs : [outputs];
  const ins = Array.isArray(inputs) ? inputs : [inputs];
  const go = opts.grad_outputs === undefined || opts.grad_outputs === null ? [] : Array.isArray(opts.grad_outputs) ? opts.grad_outputs : [opts.grad_outputs];
  const grads = validateRoots(outs, go);
  const createGraph = opts.create_graph ?? false;
  const got = run({ roots: outs, grads, retainGraph: opts.retain_graph ?? createGraph, createGraph, capture: ins });
  return got.map((g) => {
    if (g === null && !opts.allow_unused) {
      throw new RuntimeError("One of the differentiated Tensors appears to not have been used in the graph. Set allow_unused=True if this is the desired behavior.");
    }
    return g === null ? null : createGraph ? g : g.detach();
  });
}

export { clone };
