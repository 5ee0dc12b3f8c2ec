// Turns the snapshot's autograd graph into what the panel draws, in torchviz's visual language:
// grad_fn nodes (grey), AccumulateGrad leaves as the variable's name and shape (light blue),
// outputs (green), saved tensors on demand (orange), and nn.Module groups folded into one node.
// Edges run the way torchviz draws them: from an input (a next_function) down to its consumer.
// Pure data, no DOM: unit-tested in node.
import type { GraphData, GraphNode, TensorInfo } from "../../src/protocol";

export type VKind = "fn" | "leaf" | "output" | "saved" | "group";

export interface VNode {
  key: string;
  kind: VKind;
  /** Text lines drawn in the box (escaped by the renderer through textContent). */
  lines: string[];
  width: number;
  height: number;
  /** Graph node this box stands for (fn, leaf, output, saved: the node they attach to). */
  nodeId: number | null;
  /** Tensor selected when the box is clicked. */
  tensorId: number | null;
  /** Module path of a collapsed group, or the module a node belongs to. */
  module: string | null;
  /** Nodes folded into a group. */
  members: number;
  /** Longer description for tooltips and accessible names. */
  title: string;
}

export interface VEdge {
  from: number;
  to: number;
  kind: "flow" | "saved" | "output";
}

export interface VisibleGraph {
  nodes: VNode[];
  edges: VEdge[];
  /** Graph node id -> index of the box that shows it (itself or its collapsed group). */
  boxOfNode: Map<number, number>;
}

export interface ViewOptions {
  /** Module paths drawn as one node. */
  collapsed: ReadonlySet<string>;
  /** Show saved tensors of every node (otherwise only those of `savedFor`). */
  showSaved: boolean;
  savedFor: number | null;
}

export const formatShape = (shape: readonly number[]): string => `(${shape.join(", ")}${shape.length === 1 ? "," : ""})`;

const CHAR_W = 7;
const LINE_H = 16;

function box(lines: string[]): { width: number; height: number } {
  const longest = lines.reduce((m, l) => Math.max(m, l.length), 0);
  return { width: Math.max(48, longest * CHAR_W + 20), height: lines.length * LINE_H + 12 };
}

/** Every dotted prefix of a module path: "a.b.c" -> ["a", "a.b", "a.b.c"]. */
export function modulePrefixes(path: string): string[] {
  const parts = path.split(".");
  return parts.map((_, i) => parts.slice(0, i + 1).join("."));
}

/** The outermost collapsed prefix of a node's module, if any. */
function collapsedGroup(module: string | null, collapsed: ReadonlySet<string>): string | null {
  if (!module || collapsed.size === 0) return null;
  for (const p of modulePrefixes(module)) if (collapsed.has(p)) return p;
  return null;
}

/**
 * Default folding: leave small graphs alone; otherwise pick the deepest module depth at which
 * folding every module of that depth leaves at most `limit` boxes (a ResNet-18 folds its
 * convolutions and batch norms with their weights, keeping every block's structure visible).
 */
export function defaultCollapsed(graph: GraphData, limit = 90): Set<string> {
  if (graph.nodes.length <= limit) return new Set();
  let maxDepth = 0;
  for (const n of graph.nodes) if (n.module) maxDepth = Math.max(maxDepth, n.module.split(".").length);
  let chosen: Set<string> | null = null;
  for (let depth = 1; depth <= maxDepth; depth++) {
    const groups = new Map<string, number>();
    let loose = 0;
    for (const n of graph.nodes) {
      const parts = n.module ? n.module.split(".") : [];
      if (parts.length >= depth) {
        const g = parts.slice(0, depth).join(".");
        groups.set(g, (groups.get(g) ?? 0) + 1);
      } else loose++;
    }
    // Singletons stay plain nodes: folding them gains nothing.
    const set = acyclicGroups(graph, new Set([...groups].filter(([, c]) => c > 1).map(([g]) => g)));
    const visible = loose + groups.size;
    if (visible <= limit || chosen === null) chosen = set;
    if (visible > limit) break;
  }
  return chosen ?? new Set();
}

/**
 * A module called twice (torchvision's BasicBlock reuses `self.relu`) folds into a box that
 * feeds itself through the ops between the calls: a cycle, drawn with an upward edge. Such
 * groups stay unfolded. Found as groups in a strongly connected component of the folded graph.
 */
export function acyclicGroups(graph: GraphData, groups: Set<string>): Set<string> {
  const out = new Set<string>();
  // First each group alone: does a path leave it and come back?
  const succ = new Map<number, number[]>();
  for (const e of graph.edges) {
    const list = succ.get(e.to);
    if (list) list.push(e.from);
    else succ.set(e.to, [e.from]);
  }
  const members = new Map<string, Set<number>>();
  for (const n of graph.nodes) {
    const g = collapsedGroup(n.module, groups);
    if (g) members.set(g, (members.get(g) ?? new Set()).add(n.id));
  }
  for (const [g, inside] of members) {
    const seen = new Set<number>();
    const stack: number[] = [];
    for (const v of inside) for (const w of succ.get(v) ?? []) if (!inside.has(w)) stack.push(w);
    let cyclic = false;
    while (stack.length && !cyclic) {
      const v = stack.pop() as number;
      if (seen.has(v)) continue;
      seen.add(v);
      for (const w of succ.get(v) ?? []) {
        if (inside.has(w)) cyclic = true;
        else if (!seen.has(w)) stack.push(w);
      }
    }
    if (!cyclic) out.add(g);
  }
  // Then together, as a guard: groups on a cycle of the folded graph unfold.
  for (let round = 0; round < 8; round++) {
    const rep = new Map<number, string>();
    for (const n of graph.nodes) rep.set(n.id, collapsedGroup(n.module, out) ?? `#${n.id}`);
    const adj = new Map<string, string[]>();
    for (const e of graph.edges) {
      const a = rep.get(e.to);
      const b = rep.get(e.from);
      if (a === undefined || b === undefined || a === b) continue;
      const list = adj.get(a);
      if (list) list.push(b);
      else adj.set(a, [b]);
    }
    const bad = new Set<string>();
    for (const comp of stronglyConnected([...new Set(rep.values())], adj)) {
      if (comp.length > 1) for (const k of comp) if (!k.startsWith("#")) bad.add(k);
    }
    if (!bad.size) break;
    for (const k of bad) out.delete(k);
  }
  return out;
}

/** Tarjan's algorithm, iterative (graphs of thousands of nodes would overflow recursion). */
function stronglyConnected(keys: string[], adj: Map<string, string[]>): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const comps: string[][] = [];
  let counter = 0;
  for (const root of keys) {
    if (index.has(root)) continue;
    const work: [string, number][] = [[root, 0]];
    index.set(root, counter);
    low.set(root, counter++);
    stack.push(root);
    onStack.add(root);
    while (work.length) {
      const top = work[work.length - 1];
      const [v, i] = top;
      const next = adj.get(v) ?? [];
      if (i < next.length) {
        top[1]++;
        const w = next[i];
        if (!index.has(w)) {
          index.set(w, counter);
          low.set(w, counter++);
          stack.push(w);
          onStack.add(w);
          work.push([w, 0]);
        } else if (onStack.has(w)) low.set(v, Math.min(low.get(v) ?? 0, index.get(w) ?? 0));
        continue;
      }
      work.pop();
      if (work.length) {
        const u = work[work.length - 1][0];
        low.set(u, Math.min(low.get(u) ?? 0, low.get(v) ?? 0));
      }
      if (low.get(v) === index.get(v)) {
        const comp: string[] = [];
        let w: string | undefined;
        do {
          w = stack.pop();
          if (w === undefined) break;
          onStack.delete(w);
          comp.push(w);
        } while (w !== v);
        comps.push(comp);
      }
    }
  }
  return comps;
}

export function buildVisibleGraph(graph: GraphData, tensors: readonly TensorInfo[], opts: ViewOptions): VisibleGraph {
  const tensorById = new Map(tensors.map((t) => [t.id, t]));
  const nodes: VNode[] = [];
  const edges: VEdge[] = [];
  const boxOfNode = new Map<number, number>();
  const groupIndex = new Map<string, number>();
  const hasConsumer = new Set<number>();
  for (const e of graph.edges) hasConsumer.add(e.to);

  const add = (n: Omit<VNode, "width" | "height">): number => {
    nodes.push({ ...n, ...box(n.lines) });
    return nodes.length - 1;
  };

  const nodeBox = (n: GraphNode): number => {
    const t = n.tensorId !== null ? tensorById.get(n.tensorId) : undefined;
    if (n.kind === "accumulate") {
      const name = n.label ?? t?.names[0] ?? t?.modulePath ?? `tensor ${n.tensorId ?? "?"}`;
      const lines = t ? [name, formatShape(t.shape)] : [name];
      return add({
        key: `n${n.id}`, kind: "leaf", lines, nodeId: n.id, tensorId: n.tensorId, module: n.module, members: 1,
        title: `AccumulateGrad for ${name}${t ? ` ${formatShape(t.shape)}` : ""}${n.module ? ` in ${n.module}` : ""}`,
      });
    }
    return add({
      key: `n${n.id}`, kind: "fn", lines: [n.name], nodeId: n.id, tensorId: n.tensorId, module: n.module, members: 1,
      title: `${n.name}${n.label ? ` producing ${n.label}` : ""}${n.module ? ` in ${n.module}` : ""}`,
    });
  };

  const memberCount = new Map<string, number>();
  for (const n of graph.nodes) {
    const g = collapsedGroup(n.module, opts.collapsed);
    if (g) memberCount.set(g, (memberCount.get(g) ?? 0) + 1);
  }
  for (const n of graph.nodes) {
    const g = collapsedGroup(n.module, opts.collapsed);
    if (g) {
      let gi = groupIndex.get(g);
      if (gi === undefined) {
        const count = memberCount.get(g) ?? 0;
        gi = add({
          key: `g${g}`, kind: "group", lines: [g, `${count} nodes`], nodeId: null, tensorId: null, module: g,
          members: count, title: `module ${g}: ${count} nodes, folded`,
        });
        groupIndex.set(g, gi);
      }
      boxOfNode.set(n.id, gi);
      continue;
    }
    boxOfNode.set(n.id, nodeBox(n));
  }

  const seen = new Set<string>();
  for (const e of graph.edges) {
    // GraphEdge runs along next_functions (consumer -> input); draw input -> consumer.
    const a = boxOfNode.get(e.to);
    const b = boxOfNode.get(e.from);
    if (a === undefined || b === undefined || a === b) continue;
    const k = `${a}>${b}`;
    if (seen.has(k)) continue;
    seen.add(k);
    edges.push({ from: a, to: b, kind: "flow" });
  }

  // Outputs: roots of the graph whose tensor was recorded, drawn below their grad_fn in green.
  for (const n of graph.nodes) {
    if (n.kind !== "function" || hasConsumer.has(n.id) || n.tensorId === null) continue;
    const t = tensorById.get(n.tensorId);
    if (!t) continue;
    const name = n.label ?? t.names[0] ?? t.modulePath ?? `tensor ${t.id}`;
    const o = add({
      key: `o${n.id}`, kind: "output", lines: [name, formatShape(t.shape)], nodeId: n.id, tensorId: t.id,
      module: null, members: 1, title: `output ${name} ${formatShape(t.shape)}`,
    });
    const from = boxOfNode.get(n.id);
    if (from !== undefined) edges.push({ from, to: o, kind: "output" });
  }

  // Saved tensors (orange), attached above the node that saved them.
  for (const n of graph.nodes) {
    if (!n.saved.length || (!opts.showSaved && opts.savedFor !== n.id)) continue;
    const target = boxOfNode.get(n.id);
    if (target === undefined || nodes[target].kind === "group") continue;
    n.saved.forEach((s, i) => {
      const si = add({
        key: `s${n.id}:${i}`, kind: "saved", lines: [s.name, formatShape(s.shape)], nodeId: n.id, tensorId: s.tensorId,
        module: null, members: 1,
        title: `saved tensor ${s.name} ${formatShape(s.shape)} ${s.dtype} of ${n.name}${s.freed ? " (freed by backward)" : ""}`,
      });
      edges.push({ from: si, to: target, kind: "saved" });
    });
  }
  return { nodes, edges, boxOfNode };
}

/** Indices of boxes whose text or module matches `query` (case-insensitive). */
export function searchGraph(g: VisibleGraph, query: string): number[] {
  const q = query.trim().toLowerCase();
  if (!q) return [];
  const out: number[] = [];
  g.nodes.forEach((n, i) => {
    if (n.lines.some((l) => l.toLowerCase().includes(q)) || (n.module ?? "").toLowerCase().includes(q)) out.push(i);
  });
  return out;
}
