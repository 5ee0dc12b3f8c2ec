// One file's last run, indexed for the editor features: which tensor a name means at a point
// of the file, which bindings sit on a line, which graph node feeds which. Answers come from
// the snapshot alone (no worker round trip), so a hover costs a few map look-ups.
import type { Binding, GraphEdge, GraphNode, Snapshot, TensorInfo } from "../protocol";
import { identityMap, mapLines, originOf, placeSpan, splitLines, type LineMap } from "./line-map";

/** A binding as it shows in the current text. */
export interface PlacedBinding {
  binding: Binding;
  tensor: TensorInfo;
  /** 0-based line in the current text where its inline value goes. */
  line: number;
  /** The line was edited since the run: the value is from the old text. */
  stale: boolean;
}

export class RunResult {
  readonly tensors = new Map<number, TensorInfo>();
  readonly nodes = new Map<number, GraphNode>();
  /** Edges leaving each node, ordered by their slot in next_functions. */
  readonly edgesFrom = new Map<number, GraphEdge[]>();
  private readonly byName = new Map<string, Binding[]>();
  private readonly sourceLineCount: number;
  private cachedMap: { text: string; map: LineMap } | null = null;

  constructor(readonly snapshot: Snapshot) {
    for (const t of snapshot.tensors) this.tensors.set(t.id, t);
    for (const n of snapshot.graph.nodes) this.nodes.set(n.id, n);
    for (const e of snapshot.graph.edges) {
      const list = this.edgesFrom.get(e.from) ?? [];
      list.push(e);
      this.edgesFrom.set(e.from, list);
    }
    for (const list of this.edgesFrom.values()) list.sort((x, y) => x.index - y.index);
    for (const b of snapshot.bindings) {
      if (!this.tensors.has(b.tensorId)) continue;
      const list = this.byName.get(b.name) ?? [];
      list.push(b);
      this.byName.set(b.name, list);
    }
    for (const list of this.byName.values()) list.sort((x, y) => x.pos.line - y.pos.line || x.pos.column - y.pos.column || x.seq - y.seq);
    this.sourceLineCount = splitLines(snapshot.source).length;
  }

  /** The line map from the run's source to `text` (cached for the last text asked about). */
  lineMap(text: string): LineMap {
    if (text === this.snapshot.source) return identityMap(this.sourceLineCount);
    if (this.cachedMap?.text !== text) this.cachedMap = { text, map: mapLines(this.snapshot.source, text) };
    return this.cachedMap.map;
  }

  /**
   * The binding of `name` visible at a point of the current text (0-based line): the last one
   * recorded at or before that point of the run's source (a same-line binding counts when it
   * starts at or before `column`), else the first one after it (a use inside a function
   * defined above its caller's binding).
   */
  bindingAt(name: string, map: LineMap, line: number, column: number): PlacedBinding | null {
    const list = this.byName.get(name);
    if (!list || list.length === 0) return null;
    const origin = originOf(map, line);
    const oldLine1 = origin ? origin.line + 1 : 0;
    const sameLineCol = origin && origin.line === line ? column : Number.POSITIVE_INFINITY;
    let best: Binding | null = null;
    for (const b of list) {
      const before = b.pos.line < oldLine1 || (b.pos.line === oldLine1 && b.pos.column <= sameLineCol);
      if (!before) continue;
      if (!best || b.pos.line > best.pos.line || (b.pos.line === best.pos.line && b.seq > best.seq)) best = b;
    }
    best ??= list[0];
    return this.place(best, map);
  }

  /** Every binding placed in the current text (deleted lines' bindings left out), in source order. */
  placedBindings(map: LineMap): PlacedBinding[] {
    const out: PlacedBinding[] = [];
    for (const list of this.byName.values()) {
      for (const b of list) {
        const p = this.place(b, map);
        if (p) out.push(p);
      }
    }
    return out.sort((x, y) => x.line - y.line || x.binding.pos.column - y.binding.pos.column);
  }

  /** The bindings shown on one current line (for "the cursor is on this line: select its tensor"). */
  bindingsOnLine(map: LineMap, line: number): PlacedBinding[] {
    return this.placedBindings(map).filter((p) => p.line === line);
  }

  /** The current line (0-based) of a 1-based line of the run's source, or null if it was deleted. */
  currentLine(map: LineMap, line1: number): number | null {
    return map.oldToNew[line1 - 1]?.line ?? null;
  }

  /** The first binding of a tensor (by source order), for "reveal this tensor's line". */
  firstBindingOf(tensorId: number): Binding | null {
    let first: Binding | null = null;
    for (const b of this.snapshot.bindings) {
      if (b.tensorId !== tensorId) continue;
      if (!first || b.pos.line < first.pos.line) first = b;
    }
    return first;
  }

  private place(b: Binding, map: LineMap): PlacedBinding | null {
    const tensor = this.tensors.get(b.tensorId);
    const at = placeSpan(map, b.pos.line, b.pos.endLine);
    if (!tensor || !at) return null;
    return { binding: b, tensor, line: at.line, stale: at.stale };
  }
}
