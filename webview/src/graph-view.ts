// The autograd graph: laid out in the worker, drawn as SVG, zoomed and panned with a single
// transform on one group (no re-render while moving). Clicking a box selects its tensor;
// clicking a folded module unfolds it. Saved tensors of the selected node are drawn beside
// it on demand, without a new layout, so selecting never makes the graph jump.
import "@vscode-elements/elements/dist/vscode-button/index.js";
import "@vscode-elements/elements/dist/vscode-checkbox/index.js";
import "@vscode-elements/elements/dist/vscode-textfield/index.js";
import type { GraphData, TensorInfo } from "../../src/protocol";
import { h, replace, s } from "./dom";
import { exportPng, exportSvg } from "./export-image";
import { buildVisibleGraph, defaultCollapsed, formatShape, searchGraph, type VisibleGraph } from "./graph-model";
import type { LayoutReply } from "./layout-protocol";
import type { LayoutRunner } from "./layout-client";

export interface GraphCallbacks {
  select(tensorId: number): void;
  collapsedChanged(collapsed: string[]): void;
  zoomChanged(z: { x: number; y: number; k: number }): void;
  showSavedChanged(on: boolean): void;
  searchChanged(q: string): void;
  exportImage(format: "svg" | "png", data: string): void;
}

interface Transform {
  x: number;
  y: number;
  k: number;
}

const PAD = 24;
/** Above this many boxes only those in view are kept in the DOM. */
const CULL_ABOVE = 600;

export class GraphView {
  readonly root: HTMLElement;
  private readonly viewport = h("div", { class: "graph-viewport", tabindex: 0, role: "group", "aria-label": "Autograd graph. Arrow keys pan, plus and minus zoom, 0 fits." });
  private readonly svg = s("svg", { class: "graph-svg", "aria-hidden": "false" });
  private readonly world = s("g", { class: "world" });
  private readonly status = h("div", { class: "graph-status", role: "status" });
  private readonly searchField: HTMLElement & { value: string };
  private readonly matchLabel = h("span", { class: "match-label", "aria-live": "polite" });
  private readonly savedBox: HTMLElement & { checked: boolean };
  private graph: GraphData = { nodes: [], edges: [] };
  private tensors: TensorInfo[] = [];
  private tensorById = new Map<number, TensorInfo>();
  private vg: VisibleGraph | null = null;
  private lay: LayoutReply | null = null;
  private boxEls: (SVGGElement | undefined)[] = [];
  private edgeEls: (SVGPathElement | undefined)[] = [];
  private boxOn = new Uint8Array(0);
  private edgeOn = new Uint8Array(0);
  private edgeBox = new Float64Array(0);
  private edgesG = s("g", {});
  private nodesG = s("g", {});
  private culling = false;
  private cullQueued = false;
  private selectedBoxes = new Set<number>();
  private matchSet = new Set<number>();
  private hlEdges = new Set<number>();
  private overlay = s("g", { class: "saved-overlay" });
  private t: Transform = { x: 0, y: 0, k: 1 };
  private defaultSet = new Set<string>();
  private collapsed = new Set<string>();
  private showSaved = false;
  private selectedTensor: number | null = null;
  private matches: number[] = [];
  private matchIdx = -1;
  private generation = 0;
  private pendingZoom: Transform | null = null;
  /** Milliseconds of the last layout (worker) and of layout + render, for the benchmark. */
  lastTimings = { layoutMs: 0, totalMs: 0, nodes: 0 };

  constructor(
    private readonly runLayout: LayoutRunner,
    private readonly cb: GraphCallbacks,
  ) {
    this.searchField = h("vscode-textfield", { placeholder: "Search nodes", "aria-label": "Search graph nodes", class: "graph-search" }) as HTMLElement & { value: string };
    this.searchField.addEventListener("input", () => {
      this.cb.searchChanged(this.searchField.value);
      this.runSearch(false);
    });
    this.searchField.addEventListener("keydown", (ev) => {
      if (ev.key === "Enter") {
        ev.preventDefault();
        this.runSearch(true, ev.shiftKey ? -1 : 1);
      }
    });
    this.savedBox = h("vscode-checkbox", { label: "Saved tensors", "aria-label": "Show all saved tensors" }) as HTMLElement & { checked: boolean };
    this.savedBox.addEventListener("change", () => {
      this.showSaved = this.savedBox.checked;
      this.cb.showSavedChanged(this.showSaved);
      this.relayout(true);
    });
    const btn = (label: string, title: string, f: () => void, cls = ""): HTMLElement => {
      const b = h("vscode-button", { secondary: true, title, "aria-label": title, class: cls }, label);
      b.addEventListener("click", f);
      return b;
    };
    const toolbar = h(
      "div",
      { class: "graph-toolbar", role: "toolbar", "aria-label": "Graph" },
      this.searchField,
      this.matchLabel,
      h("span", { class: "spacer" }),
      this.savedBox,
      btn("Fold", "Fold nn.Module groups", () => this.setCollapsed(new Set(this.defaultSet.size ? this.defaultSet : defaultCollapsed(this.graph, 0)))),
      btn("Unfold", "Unfold all module groups", () => this.setCollapsed(new Set())),
      btn("−", "Zoom out", () => this.zoomBy(1 / 1.25)),
      btn("+", "Zoom in", () => this.zoomBy(1.25)),
      btn("Fit", "Fit graph to view", () => this.fit()),
      btn("SVG", "Export graph as SVG", () => this.export("svg")),
      btn("PNG", "Export graph as PNG", () => this.export("png")),
    );
    const defs = s("defs", {});
    for (const kind of ["flow", "saved", "hl"]) {
      defs.append(s("marker", { id: `arrow-${kind}`, viewBox: "0 0 10 10", refX: 9, refY: 5, markerWidth: 8, markerHeight: 8, markerUnits: "userSpaceOnUse", orient: "auto-start-reverse", class: `marker-${kind}` }, s("path", { d: "M0,0 L10,5 L0,10 z" })));
    }
    this.svg.append(defs, this.world);
    this.viewport.append(this.svg, this.status);
    this.root = h("section", { class: "graph-pane", "aria-label": "Autograd graph" }, toolbar, this.viewport);
    this.wireInteraction();
  }

  /** New run: rebuild everything. `collapsed` null means the default folding. */
  setGraph(graph: GraphData, tensors: TensorInfo[], collapsed: string[] | null, showSaved: boolean, zoom: Transform | null, search: string, receivedAt = performance.now()): void {
    this.graph = graph;
    this.tensors = tensors;
    this.tensorById = new Map(tensors.map((t) => [t.id, t]));
    this.defaultSet = defaultCollapsed(graph);
    this.collapsed = collapsed ? new Set(collapsed) : new Set(this.defaultSet);
    this.showSaved = showSaved;
    this.savedBox.checked = showSaved;
    this.searchField.value = search;
    this.pendingZoom = zoom;
    this.relayout(false, receivedAt);
  }

  private setCollapsed(c: Set<string>): void {
    this.collapsed = c;
    this.cb.collapsedChanged([...c]);
    this.relayout(true);
  }

  private relayout(keepView: boolean, t0 = performance.now()): void {
    const gen = ++this.generation;
    const vg = buildVisibleGraph(this.graph, this.tensors, { collapsed: this.collapsed, showSaved: this.showSaved, savedFor: null });
    if (!vg.nodes.length) {
      this.vg = null;
      this.lay = null;
      replace(this.world);
      this.status.textContent = "No autograd graph: no tensor in this run requires grad.";
      this.status.hidden = false;
      this.root.dataset.state = "empty";
      return;
    }
    this.status.textContent = `Laying out ${vg.nodes.length} nodes…`;
    this.status.hidden = false;
    this.root.dataset.state = "layout";
    const n = vg.nodes.length;
    const widths = new Float64Array(n);
    const heights = new Float64Array(n);
    vg.nodes.forEach((v, i) => {
      widths[i] = v.width;
      heights[i] = v.height;
    });
    const edges = new Int32Array(vg.edges.length * 2);
    vg.edges.forEach((e, i) => {
      edges[2 * i] = e.from;
      edges[2 * i + 1] = e.to;
    });
    void this.runLayout({ widths, heights, edges }).then((lay) => {
      if (gen !== this.generation) return; // a newer layout was asked for meanwhile
      const anchor = keepView && this.vg && this.lay ? this.centreOfView() : null;
      this.vg = vg;
      this.lay = lay;
      this.render();
      if (this.pendingZoom) {
        this.setTransform(this.pendingZoom, false);
        this.pendingZoom = null;
      } else if (anchor) this.setTransform({ ...this.t }, false);
      else this.initialView();
      this.cull();
      this.status.hidden = true;
      this.root.dataset.state = "ready";
      this.lastTimings = { layoutMs: lay.ms, totalMs: performance.now() - t0, nodes: n };
      this.root.dataset.layoutMs = lay.ms.toFixed(1);
      this.root.dataset.totalMs = this.lastTimings.totalMs.toFixed(1);
      this.applySelection(false);
      if (this.searchField.value) this.runSearch(false);
    });
  }

  private centreOfView(): { x: number; y: number } {
    const r = this.viewport.getBoundingClientRect();
    return { x: (r.width / 2 - this.t.x) / this.t.k, y: (r.height / 2 - this.t.y) / this.t.k };
  }

  private render(): void {
    const vg = this.vg;
    const lay = this.lay;
    if (!vg || !lay) return;
    const frag = document.createDocumentFragment();
    // Frames for modules the user unfolded, so they can fold them again.
    const frames = s("g", { class: "frames" });
    for (const prefix of this.defaultSet) {
      if (this.collapsed.has(prefix)) continue;
      let x0 = Infinity;
      let y0 = Infinity;
      let x1 = -Infinity;
      let y1 = -Infinity;
      vg.nodes.forEach((v, i) => {
        if (!v.module || (v.module !== prefix && !v.module.startsWith(prefix + "."))) return;
        x0 = Math.min(x0, lay.x[i] - v.width / 2);
        x1 = Math.max(x1, lay.x[i] + v.width / 2);
        y0 = Math.min(y0, lay.y[i] - v.height / 2);
        y1 = Math.max(y1, lay.y[i] + v.height / 2);
      });
      if (x0 === Infinity) continue;
      const g = s("g", { class: "frame", role: "button", tabindex: 0, "aria-label": `Fold module ${prefix}` },
        s("rect", { x: PAD + x0 - 8, y: PAD + y0 - 22, width: x1 - x0 + 16, height: y1 - y0 + 30, rx: 6 }),
        s("text", { x: PAD + x0 - 2, y: PAD + y0 - 9, class: "frame-label" }, `▾ ${prefix}`));
      g.addEventListener("click", (ev) => {
        ev.stopPropagation();
        const c = new Set(this.collapsed);
        c.add(prefix);
        this.setCollapsed(c);
      });
      frames.append(g);
    }
    this.edgesG = s("g", { class: "edges" });
    this.nodesG = s("g", { class: "nodes" });
    const n = vg.nodes.length;
    const m = vg.edges.length;
    this.boxEls = new Array(n);
    this.edgeEls = new Array(m);
    this.boxOn = new Uint8Array(n);
    this.edgeOn = new Uint8Array(m);
    // Edge bounding boxes, for culling.
    this.edgeBox = new Float64Array(4 * m);
    for (let k = 0; k < m; k++) {
      let x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
      for (let j = lay.offsets[k]; j < lay.offsets[k + 1]; j += 2) {
        x0 = Math.min(x0, lay.points[j]);
        x1 = Math.max(x1, lay.points[j]);
        y0 = Math.min(y0, lay.points[j + 1]);
        y1 = Math.max(y1, lay.points[j + 1]);
      }
      this.edgeBox.set([x0, y0, x1, y1], 4 * k);
    }
    this.culling = n > CULL_ABOVE;
    this.overlay = s("g", { class: "saved-overlay" });
    frag.append(frames, this.edgesG, this.nodesG, this.overlay);
    replace(this.world, frag);
    this.root.classList.toggle("large", n > 1500);
    if (!this.culling) {
      for (let k = 0; k < m; k++) this.showEdge(k, true);
      for (let i = 0; i < n; i++) this.showBox(i, true);
    }
  }

  /** Creates (once) and attaches or detaches one box. Big graphs only keep what is in view in the DOM. */
  private showBox(i: number, on: boolean): void {
    if (on === !!this.boxOn[i]) return;
    this.boxOn[i] = on ? 1 : 0;
    if (!on) {
      this.boxEls[i]?.remove();
      return;
    }
    let g = this.boxEls[i];
    if (!g) {
      const v = (this.vg as VisibleGraph).nodes[i];
      const lay = this.lay as LayoutReply;
      const x = PAD + lay.x[i] - v.width / 2;
      const y = PAD + lay.y[i] - v.height / 2;
      g = s("g", { class: `node node-${v.kind}`, "data-index": i, "data-key": v.key, role: "button", tabindex: this.culling || this.boxEls.length > 400 ? null : 0, "aria-label": v.title, transform: `translate(${x},${y})` },
        s("title", {}, v.title),
        s("rect", { width: v.width, height: v.height, rx: v.kind === "output" || v.kind === "leaf" ? 3 : 2, class: "box" }));
      for (let j = 0; j < v.lines.length; j++) g.append(s("text", { x: v.width / 2, y: 6 + 16 * j + 12, class: j === 0 ? "l0" : "l1" }, v.lines[j]));
      this.boxEls[i] = g;
    }
    g.classList.toggle("selected", this.selectedBoxes.has(i));
    g.classList.toggle("match", this.matchSet.has(i));
    this.nodesG.append(g);
  }

  private showEdge(k: number, on: boolean): void {
    if (on === !!this.edgeOn[k]) return;
    this.edgeOn[k] = on ? 1 : 0;
    if (!on) {
      this.edgeEls[k]?.remove();
      return;
    }
    let p = this.edgeEls[k];
    if (!p) {
      const e = (this.vg as VisibleGraph).edges[k];
      const lay = this.lay as LayoutReply;
      p = s("path", { d: pathOf(lay.points, lay.offsets[k], lay.offsets[k + 1]), class: `edge edge-${e.kind}`, "marker-end": `url(#arrow-${e.kind === "saved" ? "saved" : "flow"})` });
      this.edgeEls[k] = p;
    }
    p.classList.toggle("hl", this.hlEdges.has(k));
    this.edgesG.append(p);
  }

  /** Attaches what is within the view (plus a margin), detaches the rest. */
  private cull(): void {
    this.cullQueued = false;
    const vg = this.vg;
    const lay = this.lay;
    if (!this.culling || !vg || !lay) return;
    const r = this.viewport.getBoundingClientRect();
    const mx = r.width / this.t.k / 2;
    const my = r.height / this.t.k / 2;
    const x0 = -this.t.x / this.t.k - PAD - mx;
    const y0 = -this.t.y / this.t.k - PAD - my;
    const x1 = x0 + r.width / this.t.k + 2 * mx;
    const y1 = y0 + r.height / this.t.k + 2 * my;
    vg.nodes.forEach((v, i) => {
      const on = lay.x[i] + v.width / 2 >= x0 && lay.x[i] - v.width / 2 <= x1 && lay.y[i] + v.height / 2 >= y0 && lay.y[i] - v.height / 2 <= y1;
      this.showBox(i, on);
    });
    const b = this.edgeBox;
    for (let k = 0; k < vg.edges.length; k++) this.showEdge(k, b[4 * k + 2] >= x0 && b[4 * k] <= x1 && b[4 * k + 3] >= y0 && b[4 * k + 1] <= y1);
  }

  private queueCull(): void {
    if (!this.culling || this.cullQueued) return;
    this.cullQueued = true;
    requestAnimationFrame(() => this.cull());
  }

  /** Everything in the DOM (for export). */
  private showAll(): void {
    if (!this.vg) return;
    for (let k = 0; k < this.vg.edges.length; k++) this.showEdge(k, true);
    for (let i = 0; i < this.vg.nodes.length; i++) this.showBox(i, true);
  }

  private onBoxActivate(i: number): void {
    const v = this.vg?.nodes[i];
    if (!v) return;
    if (v.kind === "group" && v.module) {
      const c = new Set(this.collapsed);
      c.delete(v.module);
      this.setCollapsed(c);
      return;
    }
    if (v.tensorId !== null && this.tensorById.has(v.tensorId)) this.cb.select(v.tensorId);
    else this.highlightBox(i, v.nodeId);
  }

  /** Highlight the tensor's box (or the folded module holding it) and show its saved tensors. */
  setSelected(tensorId: number | null, reveal = true): void {
    this.selectedTensor = tensorId;
    this.applySelection(reveal);
  }

  /** Focus a graph node that has no tensor of its own (from the grad_fn tab). */
  focusNode(nodeId: number): void {
    const i = this.vg?.boxOfNode.get(nodeId);
    if (i !== undefined) this.highlightBox(i, nodeId);
  }

  private applySelection(reveal: boolean): void {
    const t = this.selectedTensor === null ? undefined : this.tensorById.get(this.selectedTensor);
    const nodeId = t?.nodeId ?? null;
    const i = nodeId !== null ? this.vg?.boxOfNode.get(nodeId) : undefined;
    this.highlightBox(i ?? -1, nodeId, reveal);
  }

  private highlightBox(i: number, nodeId: number | null, reveal = true): void {
    const vg = this.vg;
    const lay = this.lay;
    if (!vg || !lay) return;
    for (const k of this.selectedBoxes) this.boxEls[k]?.classList.remove("selected");
    for (const k of this.hlEdges) this.edgeEls[k]?.classList.remove("hl");
    this.selectedBoxes = new Set();
    this.hlEdges = new Set();
    replace(this.overlay);
    if (i < 0) return;
    this.selectedBoxes.add(i);
    vg.edges.forEach((e, k) => {
      if (e.from === i || e.to === i) this.hlEdges.add(k);
    });
    // The output box of a selected output tensor is part of the selection too.
    vg.nodes.forEach((v, k) => {
      if (v.kind === "output" && v.nodeId === nodeId && nodeId !== null) this.selectedBoxes.add(k);
    });
    for (const k of this.selectedBoxes) this.boxEls[k]?.classList.add("selected");
    for (const k of this.hlEdges) this.edgeEls[k]?.classList.add("hl");
    if (nodeId !== null && !this.showSaved && vg.nodes[i].kind !== "group") this.drawSavedBeside(i, nodeId);
    if (reveal) this.ensureVisible(i);
  }

  private drawSavedBeside(i: number, nodeId: number): void {
    const lay = this.lay;
    const v = this.vg?.nodes[i];
    const node = this.graph.nodes.find((n) => n.id === nodeId);
    if (!lay || !v || !node || !node.saved.length) return;
    let x = PAD + lay.x[i] + v.width / 2 + 28;
    const yMid = PAD + lay.y[i];
    for (const sv of node.saved) {
      const lines = [sv.name, formatShape(sv.shape)];
      const w = Math.max(48, Math.max(...lines.map((l) => l.length)) * 7 + 20);
      const hgt = 44;
      const y = yMid - hgt / 2 - 40;
      const g = s("g", { class: "node node-saved", transform: `translate(${x},${y})`, "aria-label": `saved tensor ${sv.name} ${formatShape(sv.shape)}${sv.freed ? ", freed" : ""}` },
        s("title", {}, `saved ${sv.name} ${formatShape(sv.shape)} ${sv.dtype}${sv.freed ? " (freed by backward)" : ""}`),
        s("rect", { width: w, height: hgt, rx: 2, class: "box" }),
        s("text", { x: w / 2, y: 18, class: "l0" }, lines[0]),
        s("text", { x: w / 2, y: 34, class: "l1" }, lines[1]));
      const edge = s("path", { class: "edge edge-saved", d: `M${x + w / 2},${y + hgt} C${x + w / 2},${yMid} ${x},${yMid} ${PAD + lay.x[i] + v.width / 2},${yMid}`, "marker-end": "url(#arrow-saved)" });
      this.overlay.append(edge, g);
      x += w + 12;
    }
  }

  private ensureVisible(i: number): void {
    const lay = this.lay;
    const v = this.vg?.nodes[i];
    if (!lay || !v) return;
    const r = this.viewport.getBoundingClientRect();
    const sx = this.t.x + (PAD + lay.x[i]) * this.t.k;
    const sy = this.t.y + (PAD + lay.y[i]) * this.t.k;
    const m = 40;
    if (sx < m || sy < m || sx > r.width - m || sy > r.height - m) {
      const k = Math.max(this.t.k, 0.6);
      this.setTransform({ k, x: r.width / 2 - (PAD + lay.x[i]) * k, y: r.height / 2 - (PAD + lay.y[i]) * k });
    }
  }

  private runSearch(jump: boolean, dir = 1): void {
    for (const k of this.matchSet) this.boxEls[k]?.classList.remove("match");
    if (!this.vg) return;
    this.matches = searchGraph(this.vg, this.searchField.value);
    this.matchSet = new Set(this.matches);
    this.matches.forEach((i) => this.boxEls[i]?.classList.add("match"));
    if (!this.matches.length) {
      this.matchLabel.textContent = this.searchField.value.trim() ? "no match" : "";
      return;
    }
    if (jump) {
      this.matchIdx = (this.matchIdx + dir + this.matches.length) % this.matches.length;
      const i = this.matches[this.matchIdx];
      const lay = this.lay;
      const r = this.viewport.getBoundingClientRect();
      if (lay) {
        const k = Math.max(this.t.k, 0.8);
        this.setTransform({ k, x: r.width / 2 - (PAD + lay.x[i]) * k, y: r.height / 2 - (PAD + lay.y[i]) * k });
      }
      this.highlightBox(i, this.vg.nodes[i].nodeId, false);
    } else this.matchIdx = -1;
    this.matchLabel.textContent = `${this.matchIdx >= 0 ? `${this.matchIdx + 1}/` : ""}${this.matches.length} match${this.matches.length === 1 ? "" : "es"}`;
  }

  /** Fit when that keeps text readable; otherwise start readable at the top (the inputs) of the graph. */
  private initialView(): void {
    if (!this.lay) return;
    const r = this.viewport.getBoundingClientRect();
    const w = this.lay.width + 2 * PAD;
    const hh = this.lay.height + 2 * PAD;
    const fitK = Math.min(r.width / w, r.height / hh);
    if (fitK >= 0.6) {
      this.fit();
      return;
    }
    const k = 0.8;
    // Centre on the first row's middle so the graph's entry is in view.
    const lay = this.lay;
    let x0 = Infinity;
    let x1 = -Infinity;
    let top = Infinity;
    for (let i = 0; i < lay.y.length; i++) top = Math.min(top, lay.y[i]);
    for (let i = 0; i < lay.y.length; i++) {
      if (lay.y[i] > top + 1) continue;
      x0 = Math.min(x0, lay.x[i]);
      x1 = Math.max(x1, lay.x[i]);
    }
    const cx = PAD + (x0 + x1) / 2;
    this.setTransform({ k, x: r.width / 2 - cx * k, y: 8 }, false);
  }

  fit(): void {
    if (!this.lay) return;
    const r = this.viewport.getBoundingClientRect();
    const w = this.lay.width + 2 * PAD;
    const hh = this.lay.height + 2 * PAD;
    const k = Math.min(1.25, Math.max(0.001, Math.min(r.width / w, r.height / hh)));
    this.setTransform({ k, x: (r.width - w * k) / 2, y: Math.max(0, (r.height - hh * k) / 2) });
  }

  private zoomBy(f: number, cx?: number, cy?: number): void {
    const r = this.viewport.getBoundingClientRect();
    const px = cx ?? r.width / 2;
    const py = cy ?? r.height / 2;
    const k = Math.max(0.001, Math.min(4, this.t.k * f));
    const wx = (px - this.t.x) / this.t.k;
    const wy = (py - this.t.y) / this.t.k;
    this.setTransform({ k, x: px - wx * k, y: py - wy * k });
  }

  private setTransform(t: Transform, notify = true): void {
    this.t = t;
    this.world.setAttribute("transform", `translate(${t.x},${t.y}) scale(${t.k})`);
    // Text is unreadable and costly to paint when zoomed far out on a big graph.
    this.root.classList.toggle("far", t.k < 0.35);
    this.queueCull();
    if (notify) this.cb.zoomChanged(t);
  }

  private wireInteraction(): void {
    let drag: { x: number; y: number; tx: number; ty: number; moved: boolean; id: number } | null = null;
    this.viewport.addEventListener("pointerdown", (ev) => {
      if (ev.button !== 0) return;
      drag = { x: ev.clientX, y: ev.clientY, tx: this.t.x, ty: this.t.y, moved: false, id: ev.pointerId };
    });
    this.viewport.addEventListener("pointermove", (ev) => {
      if (!drag || drag.id !== ev.pointerId) return;
      const dx = ev.clientX - drag.x;
      const dy = ev.clientY - drag.y;
      if (!drag.moved && Math.hypot(dx, dy) < 4) return;
      if (!drag.moved) this.viewport.setPointerCapture(ev.pointerId);
      drag.moved = true;
      this.viewport.classList.add("panning");
      this.setTransform({ ...this.t, x: drag.tx + dx, y: drag.ty + dy }, false);
    });
    const end = (ev: PointerEvent): void => {
      if (!drag) return;
      const wasDrag = drag.moved;
      drag = null;
      this.viewport.classList.remove("panning");
      if (wasDrag) {
        this.cb.zoomChanged(this.t);
        return;
      }
      const box = (ev.target as Element).closest?.(".node[data-index]");
      if (box) this.onBoxActivate(Number(box.getAttribute("data-index")));
    };
    this.viewport.addEventListener("pointerup", end);
    this.viewport.addEventListener("pointercancel", () => (drag = null));
    this.viewport.addEventListener("wheel", (ev) => {
      ev.preventDefault();
      const r = this.viewport.getBoundingClientRect();
      if (ev.ctrlKey || ev.metaKey) this.zoomBy(Math.exp(-ev.deltaY * 0.01), ev.clientX - r.left, ev.clientY - r.top);
      else if (ev.shiftKey) this.setTransform({ ...this.t, x: this.t.x - ev.deltaY });
      else this.setTransform({ ...this.t, x: this.t.x - ev.deltaX, y: this.t.y - ev.deltaY });
    }, { passive: false });
    this.viewport.addEventListener("keydown", (ev) => {
      const box = (ev.target as Element).closest?.(".node[data-index]");
      if (box && (ev.key === "Enter" || ev.key === " ")) {
        ev.preventDefault();
        this.onBoxActivate(Number(box.getAttribute("data-index")));
        return;
      }
      const step = 60;
      const keys: Record<string, () => void> = {
        "+": () => this.zoomBy(1.25), "=": () => this.zoomBy(1.25), "-": () => this.zoomBy(1 / 1.25), "0": () => this.fit(),
        ArrowLeft: () => this.setTransform({ ...this.t, x: this.t.x + step }), ArrowRight: () => this.setTransform({ ...this.t, x: this.t.x - step }),
        ArrowUp: () => this.setTransform({ ...this.t, y: this.t.y + step }), ArrowDown: () => this.setTransform({ ...this.t, y: this.t.y - step }),
      };
      const f = keys[ev.key];
      if (f) {
        ev.preventDefault();
        f();
      }
    });
  }

  private export(format: "svg" | "png"): void {
    if (!this.lay) return;
    this.showAll();
    const size = { width: this.lay.width + 2 * PAD, height: this.lay.height + 2 * PAD };
    if (format === "svg") this.cb.exportImage("svg", exportSvg(this.svg, this.world, size));
    else void exportPng(this.svg, this.world, size).then((b64) => this.cb.exportImage("png", b64));
  }
}

/** A smooth path through a polyline: vertical tangents at each point, as layered drawings use. */
function pathOf(pts: Float64Array, a: number, b: number): string {
  if (b - a < 4) return "";
  let d = `M${PAD + pts[a]},${PAD + pts[a + 1]}`;
  for (let i = a + 2; i < b; i += 2) {
    const x0 = PAD + pts[i - 2];
    const y0 = PAD + pts[i - 1];
    const x1 = PAD + pts[i];
    const y1 = PAD + pts[i + 1];
    const my = (y1 - y0) / 2;
    d += ` C${x0},${y0 + my} ${x1},${y1 - my} ${x1},${y1}`;
  }
  return d;
}
