// Builds the snapshot's tensors, bindings and graph inside the worker, at the end of a run
// (also after an error: whatever was recorded is kept). Values are read through the engine's
// internal `_values` in bounded chunks, so statistics cover every element without copying a
// large tensor at once, and previews never hold more than `previewElements` values.
import type { Binding, DTypeName, GraphData, GraphEdge, GraphNode, TensorInfo, TensorStats, ValuePreview } from "../protocol";
import type { EngineNode, EngineTensor } from "./engine-types";
import type { Recorder } from "./hooks";
import type { Site } from "./instrument";

const CHUNK = 1 << 16;

export interface SnapshotData {
  tensors: TensorInfo[];
  bindings: Binding[];
  graph: GraphData;
  /** Every tensor of the snapshot by id, for page requests. */
  registry: Map<number, EngineTensor>;
}

export function dtypeName(name: string): DTypeName {
  const n = name.replace(/^torch\./, "");
  return n === "float64" || n === "int64" || n === "bool" ? n : "float32";
}

export function computeStats(t: EngineTensor): TensorStats {
  const n = t.numel();
  let count = 0, mean = 0, m2 = 0, sumSq = 0, nanCount = 0, infCount = 0;
  let min = Infinity, max = -Infinity;
  for (let off = 0; off < n; off += CHUNK) {
    const vals = t._values(off, Math.min(CHUNK, n - off));
    for (const v of vals) {
      if (Number.isNaN(v)) { nanCount++; continue; }
      if (v === Infinity || v === -Infinity) { infCount++; continue; }
      count++;
      if (v < min) min = v;
      if (v > max) max = v;
      // Welford: stable mean and variance in one pass.
      const d = v - mean;
      mean += d / count;
      m2 += d * (v - mean);
      sumSq += v * v;
    }
  }
  if (count === 0) return { min: null, max: null, mean: null, std: null, norm: null, nanCount, infCount };
  // PyTorch's std() is the unbiased one (divides by n - 1).
  return { min, max, mean, std: count > 1 ? Math.sqrt(m2 / (count - 1)) : null, norm: Math.sqrt(sumSq), nanCount, infCount };
}

export function preview(t: EngineTensor, previewElements: number): ValuePreview {
  const n = t.numel();
  const k = Math.max(0, Math.min(n, previewElements));
  let text: string;
  try {
    text = t.toString();
  } catch (e) {
    text = `<unprintable tensor: ${e instanceof Error ? e.message : String(e)}>`;
  }
  return { text, values: k > 0 ? t._values(0, k) : [], complete: k === n, stats: computeStats(t) };
}

export function buildSnapshot(rec: Recorder, sites: Site[], previewElements: number): SnapshotData {
  const bindings: Binding[] = [];
  for (const [siteId, r] of rec.sites) {
    const s = sites[siteId];
    if (!s) continue;
    bindings.push({
      name: s.name,
      pos: { line: s.line, column: s.column, endLine: s.endLine, endColumn: s.endColumn },
      count: r.count,
      tensorId: r.tensor._id,
      seq: r.seq,
    });
  }
  bindings.sort((a, b) => a.seq - b.seq);

  const registry = new Map<number, EngineTensor>();
  const pending: EngineTensor[] = [];
  const addTensor = (t: EngineTensor | null | undefined): void => {
    if (t && !registry.has(t._id)) {
      registry.set(t._id, t);
      pending.push(t);
    }
  };
  for (const r of rec.sites.values()) addTensor(r.tensor);

  const paramPath = new Map<number, string>();
  for (const mod of rec.modules.values()) {
    try {
      for (const [name, p] of mod.named_parameters()) {
        if (!paramPath.has(p._id)) paramPath.set(p._id, name);
        addTensor(p);
      }
    } catch {
      // A half-built module (the program failed in its constructor): no paths from it.
    }
  }

  // Walk the autograd graph from every tensor we know; tensors found in it join the walk.
  const nodes = new Map<number, EngineNode>();
  const accumulateOf = new Map<number, number>(); // leaf tensor id -> AccumulateGrad node id
  const edges: GraphEdge[] = [];
  const nodeQueue: EngineNode[] = [];
  const addNode = (n: EngineNode | null | undefined): void => {
    if (n && !nodes.has(n._id)) {
      nodes.set(n._id, n);
      nodeQueue.push(n);
    }
  };
  while (pending.length > 0 || nodeQueue.length > 0) {
    while (pending.length > 0) addNode((pending.pop() as EngineTensor).grad_fn);
    const n = nodeQueue.pop();
    if (!n) continue;
    n.next_functions.forEach(([next], index) => {
      if (!next) return;
      edges.push({ from: n._id, to: next._id, index });
      addNode(next);
    });
    if (n.variable) {
      accumulateOf.set(n.variable._id, n._id);
      addTensor(n.variable);
    }
    for (const s of n._saved ?? []) addTensor(s.tensor);
    addTensor(n._output?.deref());
  }

  const namesOf = new Map<number, string[]>();
  for (const b of bindings) {
    const list = namesOf.get(b.tensorId) ?? [];
    if (!list.includes(b.name)) list.push(b.name);
    namesOf.set(b.tensorId, list);
  }

  const tensors: TensorInfo[] = [...registry.values()].sort((a, b) => a._id - b._id).map((t) => {
    const g = t._grad;
    return {
      id: t._id,
      shape: Array.from(t.shape),
      dtype: dtypeName(t.dtype.name),
      requiresGrad: t.requires_grad,
      isLeaf: t.is_leaf,
      retainsGrad: t.retains_grad,
      gradFn: t.grad_fn ? t.grad_fn.name() : null,
      nodeId: t.grad_fn ? t.grad_fn._id : accumulateOf.get(t._id) ?? null,
      isParameter: t._isParameter,
      modulePath: paramPath.get(t._id) ?? t.grad_fn?._module ?? null,
      data: preview(t, previewElements),
      grad: g ? { ...preview(g, previewElements), shape: Array.from(g.shape), dtype: dtypeName(g.dtype.name) } : null,
      names: namesOf.get(t._id) ?? [],
    };
  });

  const graphNodes: GraphNode[] = [...nodes.values()].sort((a, b) => a._id - b._id).map((n) => {
    const accumulate = n.variable !== undefined && n.variable !== null;
    const tensorId = accumulate ? (n.variable as EngineTensor)._id : n._output?.deref()?._id ?? null;
    return {
      id: n._id,
      kind: accumulate ? "accumulate" : "function",
      // PyTorch's name() of a leaf's sink is "torch::autograd::AccumulateGrad"; the graph shows the short name.
      name: n.name().replace(/^torch::autograd::/, ""),
      tensorId,
      label: tensorId !== null ? namesOf.get(tensorId)?.[0] ?? null : null,
      saved: (n._saved ?? []).map((s) => ({
        name: s.name,
        tensorId: s.tensor ? s.tensor._id : null,
        shape: [...s.shape],
        dtype: dtypeName(s.dtype),
        freed: s.freed ?? s.tensor === null,
      })),
      module: n._module ?? null,
    };
  });

  return { tensors, bindings, graph: { nodes: graphNodes, edges }, registry };
}
