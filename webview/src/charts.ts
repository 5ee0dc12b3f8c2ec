// Canvas charts: a heatmap of a 2-D block of values and a histogram. Pixels are computed
// into ImageData (no per-cell draw calls), so a 64×1000 page draws in a few milliseconds.
import { h } from "./dom";
import { fmtNum } from "./format";

/** Diverging blue-white-red (ColorBrewer RdBu), readable on light and dark backgrounds. */
const RDBU: [number, number, number][] = [
  [33, 102, 172], [67, 147, 195], [146, 197, 222], [209, 229, 240], [247, 247, 247],
  [253, 219, 199], [244, 165, 130], [214, 96, 77], [178, 24, 43],
];
/** Sequential (viridis) for all-positive or all-negative data. */
const VIRIDIS: [number, number, number][] = [
  [68, 1, 84], [72, 40, 120], [62, 74, 137], [49, 104, 142], [38, 130, 142],
  [31, 158, 137], [53, 183, 121], [109, 205, 89], [180, 222, 44], [253, 231, 37],
];

function ramp(stops: [number, number, number][], t: number): [number, number, number] {
  const x = Math.max(0, Math.min(1, t)) * (stops.length - 1);
  const i = Math.min(stops.length - 2, Math.floor(x));
  const f = x - i;
  const a = stops[i];
  const b = stops[i + 1];
  return [a[0] + (b[0] - a[0]) * f, a[1] + (b[1] - a[1]) * f, a[2] + (b[2] - a[2]) * f];
}

export interface HeatmapSpec {
  title: string;
  values: ArrayLike<number>;
  rows: number;
  cols: number;
  /** Row index of the first row shown (for the hover readout). */
  rowOffset: number;
}

/** A labelled heatmap figure; hovering a cell reads its value out below the canvas. */
export function heatmap(spec: HeatmapSpec): HTMLElement {
  const { values, rows, cols } = spec;
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < rows * cols; i++) {
    const v = values[i];
    if (Number.isFinite(v)) {
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
  }
  if (lo === Infinity) lo = hi = 0;
  const diverging = lo < 0 && hi > 0;
  const amax = Math.max(Math.abs(lo), Math.abs(hi)) || 1;
  const canvas = h("canvas", { width: cols, height: rows, class: "heatmap-canvas", role: "img" });
  canvas.setAttribute("aria-label", `${spec.title} heatmap, ${rows}×${cols}, from ${fmtNum(lo)} to ${fmtNum(hi)}`);
  const ctx = canvas.getContext("2d");
  if (ctx && rows > 0 && cols > 0) {
    const img = ctx.createImageData(cols, rows);
    for (let i = 0; i < rows * cols; i++) {
      const v = values[i];
      let c: [number, number, number];
      if (!Number.isFinite(v)) c = [255, 0, 255]; // NaN/Inf stand out in magenta
      else if (diverging) c = ramp(RDBU, 0.5 + v / (2 * amax));
      else c = ramp(VIRIDIS, hi === lo ? 0.5 : (v - lo) / (hi - lo));
      img.data[4 * i] = c[0];
      img.data[4 * i + 1] = c[1];
      img.data[4 * i + 2] = c[2];
      img.data[4 * i + 3] = 255;
    }
    ctx.putImageData(img, 0, 0);
  }
  // Scale up small matrices so a 3×5 weight is visible; large ones fit the box.
  const scale = Math.max(1, Math.min(24, Math.floor(240 / Math.max(rows, cols))));
  // Very wide blocks (64 rows of 1,000) would be a hairline at their true aspect: give rows height.
  const width = Math.min(cols * scale, 360);
  canvas.style.width = `${width}px`;
  canvas.style.maxWidth = "100%";
  canvas.style.height = `${Math.round(Math.min(260, Math.max((rows * width) / cols, Math.min(rows * 3, 160))))}px`;
  const readout = h("div", { class: "chart-readout mono", "aria-live": "off" }, `${fmtNum(lo)} … ${fmtNum(hi)}`);
  canvas.addEventListener("mousemove", (ev) => {
    const r = canvas.getBoundingClientRect();
    const j = Math.floor(((ev.clientX - r.left) / r.width) * cols);
    const i = Math.floor(((ev.clientY - r.top) / r.height) * rows);
    if (i >= 0 && i < rows && j >= 0 && j < cols) readout.textContent = `[${i + spec.rowOffset}, ${j}] = ${fmtNum(values[i * cols + j], 6)}`;
  });
  canvas.addEventListener("mouseleave", () => (readout.textContent = `${fmtNum(lo)} … ${fmtNum(hi)}`));
  const legend = h("div", { class: diverging ? "legend legend-rdbu" : "legend legend-viridis", "aria-hidden": "true" });
  return h("figure", { class: "chart" }, h("figcaption", {}, spec.title), canvas, legend, readout);
}

/** Histogram of the finite values, drawn with the theme's chart colour. */
export function histogram(title: string, values: ArrayLike<number>, note: string): HTMLElement {
  const finite: number[] = [];
  for (let i = 0; i < values.length; i++) if (Number.isFinite(values[i])) finite.push(values[i]);
  const bins = 32;
  const W = 320;
  const H = 96;
  const canvas = h("canvas", { width: W * 2, height: H * 2, class: "histogram-canvas", role: "img" });
  canvas.style.width = `${W}px`;
  canvas.style.height = `${H}px`;
  canvas.style.maxWidth = "100%";
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of finite) {
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  const counts = new Array<number>(bins).fill(0);
  if (finite.length) {
    const span = hi - lo || 1;
    for (const v of finite) counts[Math.min(bins - 1, Math.floor(((v - lo) / span) * bins))]++;
  }
  const peak = Math.max(1, ...counts);
  const ctx = canvas.getContext("2d");
  if (ctx) {
    const css = getComputedStyle(document.body);
    ctx.fillStyle = css.getPropertyValue("--vscode-charts-blue").trim() || "#3794ff";
    const bw = (W * 2) / bins;
    counts.forEach((c, i) => {
      const bh = (c / peak) * (H * 2 - 4);
      ctx.fillRect(i * bw + 1, H * 2 - bh, bw - 2, bh);
    });
    ctx.fillStyle = css.getPropertyValue("--vscode-foreground").trim() || "#888";
    ctx.fillRect(0, H * 2 - 1, W * 2, 1);
  }
  canvas.setAttribute("aria-label", `${title} histogram of ${finite.length} values from ${fmtNum(lo)} to ${fmtNum(hi)}`);
  return h(
    "figure",
    { class: "chart" },
    h("figcaption", {}, title),
    canvas,
    h("div", { class: "axis mono" }, h("span", {}, finite.length ? fmtNum(lo) : "—"), h("span", {}, finite.length ? fmtNum(hi) : "—")),
    h("div", { class: "chart-note" }, note),
  );
}
