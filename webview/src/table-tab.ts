// The table and charts tabs of the details view: a window of rows of one 2-D slice, fetched
// page by page; the slice picker chooses the leading indices of tensors with 3 or more dims.
import "@vscode-elements/elements/dist/vscode-button/index.js";
import "@vscode-elements/elements/dist/vscode-textfield/index.js";
import type { TensorInfo, ValuePreview } from "../../src/protocol";
import { heatmap, histogram } from "./charts";
import { h, replace } from "./dom";
import { fmtNum, formatShape, numel } from "./format";
import { geometry, PageSource, rowsPerPage, TABLE_COLS, type Window, windowRange } from "./paging";

export type Which = "data" | "grad";

export interface Side {
  which: Which;
  preview: ValuePreview;
  shape: number[];
}

export function sides(t: TensorInfo): Side[] {
  const out: Side[] = [{ which: "data", preview: t.data, shape: t.shape }];
  if (t.grad) out.push({ which: "grad", preview: t.grad, shape: t.grad.shape });
  return out;
}

function button(label: string, aria: string, onClick: () => void, disabled = false): HTMLElement {
  const b = h("vscode-button", { secondary: true, "aria-label": aria, disabled }, label);
  b.addEventListener("click", () => {
    if (!b.hasAttribute("disabled")) onClick();
  });
  return b;
}

/** Slice picker and row/column pagers; calls `changed` with the new window. */
function windowControls(shape: number[], w: Window, changed: (w: Window) => void, columns = true): HTMLElement {
  const g = geometry(shape);
  const bar = h("div", { class: "window-controls" });
  if (g.lead.length) {
    const picker = h("div", { class: "slice-picker", role: "group", "aria-label": "Slice" });
    picker.append(h("span", { class: "dim" }, "slice "));
    picker.append(h("span", { class: "mono" }, "["));
    g.lead.forEach((n, k) => {
      const f = h("vscode-textfield", { type: "number", min: 0, max: n - 1, class: "slice-index", "aria-label": `Index of dimension ${k} (0 to ${n - 1})` }) as HTMLElement & { value: string };
      f.value = String(w.slice[k] ?? 0);
      f.addEventListener("change", () => {
        const v = Math.max(0, Math.min(n - 1, Math.floor(Number(f.value)) || 0));
        const slice = g.lead.map((_, i) => (i === k ? v : (w.slice[i] ?? 0)));
        changed({ slice, rowPage: 0, colPage: w.colPage });
      });
      picker.append(f, h("span", { class: "mono" }, ", "));
    });
    picker.append(h("span", { class: "mono" }, ":, :]"));
    bar.append(picker);
  }
  const per = rowsPerPage(g);
  const pages = Math.max(1, Math.ceil(g.rows / per));
  const r = windowRange(shape, w);
  if (pages > 1) {
    bar.append(
      h("span", { class: "pager", role: "group", "aria-label": "Rows" },
        button("‹", "Previous rows", () => changed({ ...w, rowPage: w.rowPage - 1 }), w.rowPage <= 0),
        h("span", { class: "pager-label" }, `rows ${r.row0}–${r.row0 + r.rows - 1} of ${g.rows}`),
        button("›", "Next rows", () => changed({ ...w, rowPage: w.rowPage + 1 }), w.rowPage >= pages - 1)),
    );
  }
  const colPages = Math.ceil(g.cols / TABLE_COLS);
  if (columns && colPages > 1) {
    const c0 = w.colPage * TABLE_COLS;
    bar.append(
      h("span", { class: "pager", role: "group", "aria-label": "Columns" },
        button("‹", "Previous columns", () => changed({ ...w, colPage: w.colPage - 1 }), w.colPage <= 0),
        h("span", { class: "pager-label" }, `cols ${c0}–${Math.min(g.cols, c0 + TABLE_COLS) - 1} of ${g.cols}`),
        button("›", "Next columns", () => changed({ ...w, colPage: w.colPage + 1 }), w.colPage >= colPages - 1)),
    );
  }
  return bar;
}

function valueTable(which: Which, values: number[], shape: number[], w: Window): HTMLElement {
  const g = geometry(shape);
  const r = windowRange(shape, w);
  const c0 = Math.min(w.colPage * TABLE_COLS, Math.max(0, g.cols - 1));
  const c1 = Math.min(g.cols, c0 + TABLE_COLS);
  const head = h("tr", {}, h("th", { scope: "col", class: "corner" }, which));
  for (let j = c0; j < c1; j++) head.append(h("th", { scope: "col" }, String(j)));
  const body = h("tbody");
  for (let i = 0; i < r.rows; i++) {
    const tr = h("tr", {}, h("th", { scope: "row" }, String(r.row0 + i)));
    for (let j = c0; j < c1; j++) {
      const v = values[i * g.cols + j];
      tr.append(h("td", { class: Number.isFinite(v) ? (v < 0 ? "neg" : "") : "bad" }, v === undefined ? "" : fmtNum(v)));
    }
    body.append(tr);
  }
  return h("div", { class: "value-table-scroll" }, h("table", { class: "value-table mono", "aria-label": `${which} values` }, h("thead", {}, head), body));
}

const loading = (): HTMLElement => h("div", { class: "loading" }, "Loading values…");

export interface WindowedTab {
  root: HTMLElement;
}

/** Table tab: the chosen side (data or grad) as numbers. */
export function tableTab(t: TensorInfo, src: PageSource, w: Window, which: Which, changed: (w: Window, which: Which) => void): HTMLElement {
  const all = sides(t);
  const side = all.find((s) => s.which === which) ?? all[0];
  const root = h("div", { class: "table-tab" });
  const toggle = h("div", { class: "which-toggle", role: "radiogroup", "aria-label": "Values to show" });
  for (const s of all) {
    const b = h("button", { type: "button", role: "radio", "aria-checked": String(s.which === side.which), class: s.which === side.which ? "seg on" : "seg" }, s.which);
    b.addEventListener("click", () => changed(w, s.which));
    toggle.append(b);
  }
  const body = h("div", { class: "table-body" }, loading());
  root.append(h("div", { class: "tab-toolbar" }, all.length > 1 ? toggle : null, windowControls(side.shape, w, (nw) => changed(nw, side.which))), body);
  if (numel(side.shape) === 0) {
    replace(body, h("div", { class: "dim" }, `empty tensor ${formatShape(side.shape)}`));
    return root;
  }
  const r = windowRange(side.shape, w);
  void src.get(side.which, side.preview, side.shape, r.offset, r.count).then((values) => replace(body, valueTable(side.which, values, side.shape, w)));
  return root;
}

/** Charts tab: heatmaps of data and grad side by side (same window), then histograms. */
export function chartsTab(t: TensorInfo, src: PageSource, w: Window, changed: (w: Window) => void): HTMLElement {
  const all = sides(t);
  const g = geometry(t.shape);
  const root = h("div", { class: "charts-tab" });
  const twoD = t.shape.length >= 2 && numel(t.shape) > 0;
  if (twoD) {
    // Heatmaps show every column of the rows fetched: no column pager here.
    root.append(h("div", { class: "tab-toolbar" }, windowControls(t.shape, w, changed, false)));
    const row = h("div", { class: "chart-row" }, loading());
    root.append(row);
    const r = windowRange(t.shape, w);
    void Promise.all(all.map((s) => src.get(s.which, s.preview, s.shape, r.offset, r.count))).then((vals) => {
      replace(row, ...all.map((s, i) => heatmap({ title: `${s.which}${g.lead.length ? ` [${w.slice.join(", ")}]` : ""}`, values: vals[i], rows: r.rows, cols: g.cols, rowOffset: r.row0 })));
      if (!t.grad) row.append(h("div", { class: "chart-missing dim" }, "grad is None"));
    });
  }
  const hist = h("div", { class: "chart-row" });
  for (const s of all) {
    const n = numel(s.shape);
    const note = s.preview.complete ? `all ${n} values` : `first ${s.preview.values.length} of ${n} values`;
    hist.append(histogram(`${s.which} histogram`, s.preview.values, note));
  }
  root.append(hist);
  return root;
}
