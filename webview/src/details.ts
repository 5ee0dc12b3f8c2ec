// Details of the selected tensor: what PyTorch prints for data and grad with statistics, a
// paged table, heatmaps and histograms, and its grad_fn node (saved tensors, next_functions).
import "@vscode-elements/elements/dist/vscode-tabs/index.js";
import "@vscode-elements/elements/dist/vscode-tab-header/index.js";
import "@vscode-elements/elements/dist/vscode-tab-panel/index.js";
import type { GraphNode, Snapshot, TensorInfo, TensorPage, TensorPageRequest, TensorStats } from "../../src/protocol";
import { h, replace } from "./dom";
import { fmtNum, formatShape, tensorName } from "./format";
import { PageSource, type Window } from "./paging";
import { chartsTab, tableTab, type Which } from "./table-tab";

export interface DetailsCallbacks {
  select(tensorId: number): void;
  revealLine(line: number): void;
  requestPage(r: TensorPageRequest): void;
  focusNode(nodeId: number): void;
  tabChanged(tab: number): void;
}

const TABS = ["Values", "Table", "Charts", "grad_fn"];

export class Details {
  readonly root = h("section", { class: "details", "aria-label": "Tensor details" });
  private snap: Snapshot | null = null;
  private tensor: TensorInfo | null = null;
  private src: PageSource | null = null;
  private win: Window = { slice: [], rowPage: 0, colPage: 0 };
  private which: Which = "data";
  private readonly panels: HTMLElement[] = TABS.map(() => h("div"));
  private nodes = new Map<number, GraphNode>();
  private tensors = new Map<number, TensorInfo>();

  constructor(
    private readonly cb: DetailsCallbacks,
    private tab: number,
  ) {}

  setSnapshot(snap: Snapshot): void {
    this.snap = snap;
    this.nodes = new Map(snap.graph.nodes.map((n) => [n.id, n]));
    this.tensors = new Map(snap.tensors.map((t) => [t.id, t]));
    this.show(null);
  }

  /** Line of the last binding of a tensor (1-based), if it was bound to a variable. */
  lineOf(tensorId: number): number | null {
    let best: { line: number; seq: number } | null = null;
    for (const b of this.snap?.bindings ?? []) if (b.tensorId === tensorId && (!best || b.seq > best.seq)) best = { line: b.pos.line, seq: b.seq };
    return best?.line ?? null;
  }

  receivePage(page: TensorPage): void {
    this.src?.receive(page);
  }

  show(tensorId: number | null): void {
    const t = tensorId === null ? undefined : this.tensors.get(tensorId);
    if (!t) {
      this.tensor = null;
      this.src = null;
      replace(this.root, h("div", { class: "placeholder" }, this.snap?.tensors.length ? "Select a tensor in the list or the graph to see its data, grad and grad_fn." : ""));
      return;
    }
    if (t !== this.tensor) {
      this.tensor = t;
      this.src = new PageSource(t.id, (r) => this.cb.requestPage(r));
      this.win = { slice: t.shape.slice(0, -2).map(() => 0), rowPage: 0, colPage: 0 };
      this.which = "data";
    }
    const tabs = h("vscode-tabs", { "selected-index": this.tab, class: "detail-tabs" });
    TABS.forEach((label, i) => {
      tabs.append(h("vscode-tab-header", { slot: "header", id: `tab-${i}` }, label));
      const panel = h("vscode-tab-panel", { "aria-labelledby": `tab-${i}` });
      this.panels[i] = panel;
      tabs.append(panel);
    });
    tabs.addEventListener("vsc-tabs-select", (ev) => {
      const i = (ev as CustomEvent<{ selectedIndex: number }>).detail.selectedIndex;
      if (i === this.tab) return;
      this.tab = i;
      this.cb.tabChanged(i);
      this.renderTab();
    });
    replace(this.root, this.header(t), tabs);
    this.renderTab();
  }

  private renderTab(): void {
    const t = this.tensor;
    const src = this.src;
    if (!t || !src) return;
    this.panels.forEach((p, i) => i !== this.tab && replace(p));
    const panel = this.panels[this.tab];
    const rerender = (w: Window, which?: Which): void => {
      this.win = w;
      if (which) this.which = which;
      this.renderTab();
    };
    switch (this.tab) {
      case 1:
        replace(panel, tableTab(t, src, this.win, this.which, rerender));
        break;
      case 2:
        replace(panel, chartsTab(t, src, this.win, (w) => rerender(w)));
        break;
      case 3:
        replace(panel, this.gradFnTab(t));
        break;
      default:
        replace(panel, this.valuesTab(t));
    }
  }

  private header(t: TensorInfo): HTMLElement {
    const chip = (text: string, title: string, cls = ""): HTMLElement => h("span", { class: `chip ${cls}`, title }, text);
    const line = this.lineOf(t.id);
    const chips = h(
      "div",
      { class: "chips" },
      chip(formatShape(t.shape), "shape", "mono"),
      chip(t.dtype, "dtype", "mono"),
      chip(`requires_grad=${t.requiresGrad ? "True" : "False"}`, "requires_grad", t.requiresGrad ? "accent" : ""),
      chip(t.isLeaf ? "leaf" : "non-leaf", "is_leaf"),
      t.gradFn ? chip(t.gradFn, "grad_fn", "mono fn") : null,
      t.isParameter ? chip("Parameter", "nn.Parameter") : null,
      t.retainsGrad ? chip("retains_grad", "retain_grad() was called") : null,
      t.modulePath && t.names.length ? chip(t.modulePath, "module path", "mono") : null,
    );
    let reveal: HTMLElement | null = null;
    if (line !== null) {
      reveal = h("button", { type: "button", class: "link-button", title: `Reveal line ${line} in the editor` }, `line ${line}`);
      reveal.addEventListener("click", () => this.cb.revealLine(line));
    }
    const also = t.names.length > 1 ? h("span", { class: "dim" }, ` also ${t.names.slice(1).join(", ")}`) : null;
    return h("header", { class: "details-header" }, h("div", { class: "title-row" }, h("h2", { class: "tensor-title mono" }, tensorName(t)), also, reveal), chips);
  }

  private valuesTab(t: TensorInfo): HTMLElement {
    const block = (title: string, text: string, empty: boolean): HTMLElement =>
      h("div", { class: "print-block" }, h("div", { class: "block-title" }, title), h("pre", { class: empty ? "printed dim" : "printed", tabindex: 0, "aria-label": title }, text));
    const grad = t.grad ? t.grad.text : t.requiresGrad ? (t.isLeaf ? "None" : "None  (non-leaf: call .retain_grad() to keep it)") : "None";
    const stats = h("table", { class: "stats-table mono", "aria-label": "Statistics" });
    const cols: [string, TensorStats | null][] = [["data", t.data.stats], ["grad", t.grad?.stats ?? null]];
    stats.append(h("thead", {}, h("tr", {}, h("th", {}, ""), ...cols.map(([n]) => h("th", { scope: "col" }, n)))));
    const body = h("tbody");
    const rows: [string, (s: TensorStats) => string][] = [
      ["min", (s) => fmtNum(s.min)], ["max", (s) => fmtNum(s.max)], ["mean", (s) => fmtNum(s.mean)], ["std", (s) => fmtNum(s.std)],
      ["norm", (s) => fmtNum(s.norm)], ["NaN", (s) => String(s.nanCount)], ["Inf", (s) => String(s.infCount)],
    ];
    for (const [name, f] of rows) {
      body.append(h("tr", {}, h("th", { scope: "row" }, name), ...cols.map(([, s]) => {
        const text = s ? f(s) : "—";
        const bad = (name === "NaN" || name === "Inf") && text !== "0" && text !== "—";
        return h("td", { class: bad ? "bad" : "" }, text);
      })));
    }
    stats.append(body);
    return h("div", { class: "values-tab" }, h("div", { class: "print-row" }, block("data", t.data.text, false), block("grad", grad, !t.grad)), stats);
  }

  private nodeLink(n: GraphNode): HTMLElement {
    const t = n.tensorId !== null ? this.tensors.get(n.tensorId) : undefined;
    const label = `${n.name}${n.kind === "accumulate" && t ? ` (${tensorName(t)})` : n.label ? ` → ${n.label}` : ""}`;
    const b = h("button", { type: "button", class: "link-button mono", title: t ? `Select ${tensorName(t)}` : "Show in graph" }, label);
    b.addEventListener("click", () => (t ? this.cb.select(t.id) : this.cb.focusNode(n.id)));
    return b;
  }

  private gradFnTab(t: TensorInfo): HTMLElement {
    const node = t.nodeId !== null ? this.nodes.get(t.nodeId) : undefined;
    if (!node) {
      const why = !t.requiresGrad ? "This tensor does not require grad, so it is not part of the autograd graph." : "No graph node was recorded for this tensor.";
      return h("div", { class: "placeholder" }, why);
    }
    const edges = (this.snap?.graph.edges ?? []).filter((e) => e.from === node.id).sort((a, b) => a.index - b.index);
    const users = (this.snap?.graph.edges ?? []).filter((e) => e.to === node.id);
    const saved = node.saved.length
      ? h("table", { class: "saved-table", "aria-label": "Saved tensors" },
          h("thead", {}, h("tr", {}, ...["slot", "shape", "dtype", "state"].map((c) => h("th", { scope: "col" }, c)))),
          h("tbody", {}, ...node.saved.map((s) => {
            const st = s.tensorId !== null ? this.tensors.get(s.tensorId) : undefined;
            let name: HTMLElement = h("span", { class: "mono saved-name" }, `_saved_${s.name}`);
            if (st) {
              name = h("button", { type: "button", class: "link-button mono", title: `Select ${tensorName(st)}` }, `_saved_${s.name} = ${tensorName(st)}`);
              name.addEventListener("click", () => this.cb.select(st.id));
            }
            return h("tr", {}, h("td", {}, name), h("td", { class: "mono" }, formatShape(s.shape)), h("td", { class: "mono" }, s.dtype), h("td", { class: s.freed ? "dim" : "" }, s.freed ? "freed by backward" : "kept"));
          })))
      : h("div", { class: "dim" }, "No saved tensors.");
    const nextList = edges.length
      ? h("ol", { class: "next-list", start: 0 }, ...edges.map((e) => {
          const n = this.nodes.get(e.to);
          return h("li", {}, h("span", { class: "dim mono" }, `[${e.index}] `), n ? this.nodeLink(n) : `node ${e.to}`);
        }))
      : h("div", { class: "dim" }, node.kind === "accumulate" ? "AccumulateGrad is a leaf: gradients stop here and accumulate into .grad." : "No next_functions.");
    const usedBy = users.length
      ? h("ul", { class: "next-list" }, ...users.map((e) => {
          const n = this.nodes.get(e.from);
          return h("li", {}, n ? this.nodeLink(n) : `node ${e.from}`);
        }))
      : h("div", { class: "dim" }, "Nothing: this is where backward starts.");
    const title = h("button", { type: "button", class: "link-button node-title mono", title: "Show in graph" }, node.name);
    title.addEventListener("click", () => this.cb.focusNode(node.id));
    return h("div", { class: "gradfn-tab" },
      h("div", { class: "node-head" }, title, node.module ? h("span", { class: "chip mono" }, node.module) : null),
      h("h3", {}, "saved tensors"), saved,
      h("h3", {}, "next_functions"), nextList,
      h("h3", {}, "gradient comes from"), usedBy);
  }
}
