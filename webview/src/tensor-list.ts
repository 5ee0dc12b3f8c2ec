// The tensor list: named tensors first (the user's variables, in source order unless sorted
// otherwise), then the unnamed tensors that take part in the graph (parameters, module
// outputs). Filter by name, sort by any column, arrow keys move the selection.
import "@vscode-elements/elements/dist/vscode-textfield/index.js";
import type { Snapshot, TensorInfo } from "../../src/protocol";
import { h, replace } from "./dom";
import { formatShape, numel, tensorName } from "./format";
import type { SortKey } from "./ui-state";
import { plural } from "../../src/text";

export interface ListCallbacks {
  select(tensorId: number, reveal: boolean): void;
  sortChanged(sort: SortKey, desc: boolean): void;
  filterChanged(filter: string): void;
}

const COLUMNS: { key: SortKey; label: string; title: string }[] = [
  { key: "name", label: "name", title: "Variable name" },
  { key: "shape", label: "shape", title: "Shape (sorted by element count)" },
  { key: "dtype", label: "dtype", title: "Data type" },
  { key: "requiresGrad", label: "grad?", title: "requires_grad" },
  { key: "isLeaf", label: "leaf", title: "is_leaf" },
  { key: "gradFn", label: "grad_fn", title: "grad_fn" },
  { key: "grad", label: ".grad", title: "Has a .grad" },
];

const ROW_CAP = 400;

interface Row {
  t: TensorInfo;
  name: string;
  named: boolean;
  order: number;
}

export class TensorList {
  readonly root: HTMLElement;
  private readonly filterField: HTMLElement & { value: string };
  private readonly count = h("span", { class: "list-count", "aria-live": "polite" });
  private readonly tbody = h("tbody");
  private readonly headRow = h("tr");
  private rows: Row[] = [];
  private shown: Row[] = [];
  private rowEls = new Map<number, HTMLTableRowElement>();
  private selected: number | null = null;
  private showAll = false;

  constructor(
    private readonly cb: ListCallbacks,
    private filter: string,
    private sort: SortKey,
    private desc: boolean,
  ) {
    this.filterField = h("vscode-textfield", {
      placeholder: "Filter tensors by name",
      "aria-label": "Filter tensors by name",
      class: "list-filter",
    }) as HTMLElement & { value: string };
    this.filterField.value = filter;
    this.filterField.addEventListener("input", () => {
      this.filter = this.filterField.value;
      this.showAll = false;
      this.cb.filterChanged(this.filter);
      this.render();
    });
    const table = h("table", { class: "tensor-table", "aria-label": "Tensors" }, h("thead", {}, this.headRow), this.tbody);
    table.addEventListener("keydown", (ev) => this.onKey(ev));
    this.root = h(
      "section",
      { class: "tensor-list", "aria-label": "Tensor list" },
      h("div", { class: "list-toolbar" }, this.filterField, this.count),
      h("div", { class: "table-scroll" }, table),
    );
  }

  setSnapshot(snap: Snapshot): void {
    const order = new Map<number, number>();
    for (const b of snap.bindings) order.set(b.tensorId, Math.min(order.get(b.tensorId) ?? Infinity, b.seq));
    this.rows = snap.tensors
      .filter((t) => t.names.length > 0 || t.nodeId !== null || t.modulePath !== null)
      .map((t) => ({ t, name: tensorName(t), named: t.names.length > 0, order: order.get(t.id) ?? 1e12 + t.id }));
    this.showAll = false;
    this.render();
  }

  select(tensorId: number | null): void {
    this.selected = tensorId;
    this.applySelection();
    if (tensorId !== null && !this.rowEls.has(tensorId) && this.rows.some((r) => r.t.id === tensorId)) {
      // Selected from the editor or graph while filtered out or past the cap: show it anyway.
      this.filter = "";
      this.filterField.value = "";
      this.showAll = true;
      this.cb.filterChanged("");
      this.render();
      return;
    }
    this.rowEls.get(tensorId ?? -1)?.scrollIntoView({ block: "nearest" });
  }

  private compare(a: Row, b: Row): number {
    const t1 = a.t;
    const t2 = b.t;
    const bool = (x: boolean, y: boolean): number => Number(y) - Number(x);
    switch (this.sort) {
      case "order":
        return a.order - b.order;
      case "name":
        return a.name.localeCompare(b.name, undefined, { numeric: true });
      case "shape":
        return numel(t1.shape) - numel(t2.shape) || t1.shape.length - t2.shape.length;
      case "dtype":
        return t1.dtype.localeCompare(t2.dtype);
      case "requiresGrad":
        return bool(t1.requiresGrad, t2.requiresGrad);
      case "isLeaf":
        return bool(t1.isLeaf, t2.isLeaf);
      case "gradFn":
        return (t1.gradFn ?? "\uffff").localeCompare(t2.gradFn ?? "\uffff");
      case "grad":
        return bool(t1.grad !== null, t2.grad !== null);
    }
  }

  private render(): void {
    replace(
      this.headRow,
      ...COLUMNS.map((c) => {
        const active = this.sort === c.key;
        const btn = h("button", { class: "sort-button", type: "button", title: `Sort by ${c.title}` }, c.label, active ? (this.desc ? " ▾" : " ▴") : "");
        btn.addEventListener("click", () => {
          if (this.sort === c.key) {
            // third click returns to source order
            if (this.desc) {
              this.sort = "order";
              this.desc = false;
            } else this.desc = true;
          } else {
            this.sort = c.key;
            this.desc = false;
          }
          this.cb.sortChanged(this.sort, this.desc);
          this.render();
        });
        return h("th", { scope: "col", "aria-sort": active ? (this.desc ? "descending" : "ascending") : "none" }, btn);
      }),
    );
    const q = this.filter.trim().toLowerCase();
    const match = (r: Row): boolean => !q || r.name.toLowerCase().includes(q) || r.t.names.some((n) => n.toLowerCase().includes(q));
    const sign = this.desc ? -1 : 1;
    const sorted = this.rows.filter(match).sort((a, b) => Number(b.named) - Number(a.named) || sign * this.compare(a, b) || a.order - b.order);
    this.shown = this.showAll ? sorted : sorted.slice(0, ROW_CAP);
    this.rowEls.clear();
    const trs: Node[] = [];
    let unnamedHeader = false;
    for (const r of this.shown) {
      if (!r.named && !unnamedHeader && this.shown.some((x) => x.named)) {
        unnamedHeader = true;
        trs.push(h("tr", { class: "group-row", role: "presentation" }, h("td", { colspan: COLUMNS.length }, "unnamed graph tensors")));
      }
      trs.push(this.rowEl(r));
    }
    if (sorted.length > this.shown.length) {
      const more = h("button", { type: "button", class: "link-button" }, `Show all ${sorted.length} tensors`);
      more.addEventListener("click", () => {
        this.showAll = true;
        this.render();
      });
      trs.push(h("tr", { class: "group-row" }, h("td", { colspan: COLUMNS.length }, more)));
    }
    if (!sorted.length) {
      trs.push(h("tr", { class: "group-row" }, h("td", { colspan: COLUMNS.length }, this.rows.length ? "No tensor matches the filter." : "No tensors were recorded.")));
    }
    replace(this.tbody, ...trs);
    this.count.textContent = q ? `${sorted.length} of ${this.rows.length}` : plural(this.rows.length, "tensor");
    this.applySelection();
  }

  private applySelection(): void {
    let focusable = false;
    for (const [id, tr] of this.rowEls) {
      const on = id === this.selected;
      tr.classList.toggle("selected", on);
      tr.setAttribute("aria-selected", String(on));
      tr.tabIndex = on ? 0 : -1;
      focusable ||= on;
    }
    // Keep the table reachable by Tab even with nothing selected.
    if (!focusable) {
      const first = this.rowEls.values().next().value;
      if (first) first.tabIndex = 0;
    }
  }

  private rowEl(r: Row): HTMLTableRowElement {
    const t = r.t;
    const check = (on: boolean, what: string): HTMLElement =>
      h("td", { class: on ? "flag on" : "flag", title: `${what}: ${on ? "True" : "False"}` }, on ? "✓" : "·");
    const nameCell = h("td", { class: "name-cell", title: t.names.length > 1 ? `also bound as ${t.names.slice(1).join(", ")}` : r.name });
    nameCell.append(h("span", { class: r.named ? "var-name" : "var-name unnamed" }, r.name));
    if (t.names.length > 1) nameCell.append(h("span", { class: "also" }, ` +${t.names.length - 1}`));
    const tr = h(
      "tr",
      { class: "tensor-row", "data-tensor-id": t.id, tabindex: -1, "aria-selected": "false", role: "row" },
      nameCell,
      h("td", { class: "mono" }, formatShape(t.shape)),
      h("td", { class: "mono dim" }, t.dtype),
      check(t.requiresGrad, "requires_grad"),
      check(t.isLeaf, "is_leaf"),
      h("td", { class: "mono grad-fn" }, t.gradFn ?? ""),
      check(t.grad !== null, "has grad"),
    );
    tr.addEventListener("click", () => this.cb.select(t.id, true));
    this.rowEls.set(t.id, tr);
    return tr;
  }

  private onKey(ev: KeyboardEvent): void {
    const ids = this.shown.map((r) => r.t.id);
    if (!ids.length) return;
    const i = this.selected === null ? -1 : ids.indexOf(this.selected);
    let next: number;
    if (ev.key === "ArrowDown") next = Math.min(ids.length - 1, i + 1);
    else if (ev.key === "ArrowUp") next = Math.max(0, i - 1);
    else if (ev.key === "Home") next = 0;
    else if (ev.key === "End") next = ids.length - 1;
    else if (ev.key === "Enter" && i >= 0) {
      this.cb.select(ids[i], true);
      ev.preventDefault();
      return;
    } else return;
    ev.preventDefault();
    this.cb.select(ids[next], false);
    this.rowEls.get(ids[next])?.focus();
  }
}
