// Figures for the report (not a test: timings never assert). Prints layout time in node for
// the 1,000- and 5,000-node fixtures, time from posting a snapshot to an interactive graph in
// Chromium (layout in the worker + SVG render), and the bundle sizes.
//   npm run build && npx tsc -p . && node build/test/webview/measure.js
import { statSync } from "node:fs";
import { join } from "node:path";
import { layout } from "../../webview/src/layout";
import { buildVisibleGraph, defaultCollapsed } from "../../webview/src/graph-model";
import { fixture, launch, openPanel, ROOT, showSnapshot, startServer } from "./harness";

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function main(): Promise<void> {
  const names = ["resnet18", "synthetic-1000", "synthetic-5000"];
  for (const name of names) {
    const snap = fixture(name);
    const vg = buildVisibleGraph(snap.graph, snap.tensors, { collapsed: defaultCollapsed(snap.graph), showSaved: false, savedFor: null });
    const widths = vg.nodes.map((n) => n.width);
    const heights = vg.nodes.map((n) => n.height);
    const edges = vg.edges.flatMap((e) => [e.from, e.to]);
    const times: number[] = [];
    let info = "";
    for (let i = 0; i < 5; i++) {
      const t0 = performance.now();
      const r = layout({ widths, heights, edges });
      times.push(performance.now() - t0);
      info = `${r.layers} layers, ${r.dummies} dummies, ${r.crossings} crossings`;
    }
    console.log(`node layout ${name}: ${vg.nodes.length} boxes, median ${median(times).toFixed(0)} ms (${info})`);
  }
  const server = await startServer();
  const browser = await launch();
  try {
    for (const name of names) {
      const runs: string[] = [];
      for (let i = 0; i < 3; i++) {
        const p = await openPanel(browser, server.url);
        const t0 = Date.now();
        await showSnapshot(p, name);
        const wall = Date.now() - t0;
        const d = await p.page.locator(".graph-pane").evaluate((el) => ({ layout: el.getAttribute("data-layout-ms"), total: el.getAttribute("data-total-ms") }));
        // Interactive: a zoom step right after the graph appeared completes promptly.
        const z0 = Date.now();
        await p.page.locator("vscode-button[aria-label='Zoom in']").click();
        runs.push(`post→ready ${wall} ms (worker layout ${d.layout} ms, build+layout+render ${d.total} ms, zoom click ${Date.now() - z0} ms)`);
        await p.page.context().close();
      }
      console.log(`chromium ${name}:\n  ${runs.join("\n  ")}`);
    }
  } finally {
    await browser.close();
    await server.close();
  }
  for (const f of ["main.js", "main.css", "layout-worker.js"]) console.log(`out/webview/${f}: ${(statSync(join(ROOT, "out/webview", f)).size / 1024).toFixed(1)} KiB`);
}

void main();
