// The layered layout in plain node: structure (layers follow edges, no overlaps, few
// crossings), robustness (cycles, self loops, isolated nodes) and the two big fixtures.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { layout, type LayoutResult } from "../../webview/src/layout";
import { fixture } from "./harness";

function check(widths: number[], edges: number[], r: LayoutResult, nodeSep = 24): void {
  const n = widths.length;
  for (let v = 0; v < n; v++) assert.ok(Number.isFinite(r.x[v]) && Number.isFinite(r.y[v]), `node ${v} placed`);
  // Boxes in one row never overlap.
  const rows = new Map<number, number[]>();
  for (let v = 0; v < n; v++) rows.set(r.y[v], [...(rows.get(r.y[v]) ?? []), v]);
  for (const row of rows.values()) {
    row.sort((a, b) => r.x[a] - r.x[b]);
    for (let i = 1; i < row.length; i++) {
      const gap = r.x[row[i]] - r.x[row[i - 1]] - (widths[row[i]] + widths[row[i - 1]]) / 2;
      assert.ok(gap >= nodeSep - 1e-6, `gap ${gap} between ${row[i - 1]} and ${row[i]}`);
    }
  }
  for (let e = 0; e < edges.length / 2; e++) {
    const [a, b] = [edges[2 * e], edges[2 * e + 1]];
    if (a === b) continue;
    const p = r.edgePoints[e];
    assert.ok(p.length >= 4, `edge ${e} routed`);
    assert.ok(Math.abs(p[0] - r.x[a]) < 1e-6 && Math.abs(p[p.length - 2] - r.x[b]) < 1e-6, "edge ends at its nodes");
  }
}

describe("layered layout", () => {
  it("puts every edge's target below its source and a tree has no crossings", () => {
    // A binary tree written leaves-first: 7 nodes, edges child -> parent.
    const widths = [40, 40, 40, 40, 60, 60, 80];
    const heights = widths.map(() => 28);
    const edges = [0, 4, 1, 4, 2, 5, 3, 5, 4, 6, 5, 6];
    const r = layout({ widths, heights, edges });
    for (let e = 0; e < edges.length; e += 2) assert.ok(r.layer[edges[e + 1]] > r.layer[edges[e]]);
    assert.equal(r.crossings, 0);
    assert.equal(r.layers, 3);
    check(widths, edges, r);
    // Parents sit between their children.
    assert.ok(r.x[4] > Math.min(r.x[0], r.x[1]) && r.x[4] < Math.max(r.x[0], r.x[1]));
  });

  it("puts a leaf right above its consumer, not in the top row", () => {
    // chain 0 -> 1 -> 2 -> 3 -> 4 ; leaf 5 feeds node 4 only.
    const widths = [50, 50, 50, 50, 50, 50];
    const edges = [0, 1, 1, 2, 2, 3, 3, 4, 5, 4];
    const r = layout({ widths, heights: widths.map(() => 28), edges });
    assert.equal(r.layer[4] - r.layer[5], 1);
    assert.equal(r.dummies, 0);
  });

  it("straightens a long edge through dummy nodes", () => {
    const widths = [50, 50, 50, 50];
    const edges = [0, 1, 1, 2, 2, 3, 0, 3];
    const r = layout({ widths, heights: widths.map(() => 28), edges });
    assert.equal(r.dummies, 2);
    assert.equal(r.edgePoints[3].length, 2 * 4);
    check(widths, edges, r);
  });

  it("reduces crossings from a bad input order", () => {
    // Two layers wired as a full reversal: 0-5, 1-4, 2-3; barycenter ordering removes all crossings.
    const widths = [30, 30, 30, 30, 30, 30];
    const edges = [0, 5, 1, 4, 2, 3];
    const r = layout({ widths, heights: widths.map(() => 20), edges });
    assert.equal(r.crossings, 0);
  });

  it("survives cycles, self loops, duplicate edges and isolated nodes", () => {
    const widths = [40, 40, 40, 40, 40];
    const edges = [0, 1, 1, 2, 2, 0, 3, 3, 0, 1];
    const r = layout({ widths, heights: widths.map(() => 20), edges });
    check(widths, edges, r);
    assert.equal(r.edgePoints[3].length, 0, "self loop not routed");
    // Reversed edge still reported from its own source to its own target.
    const p = r.edgePoints[2];
    assert.ok(Math.abs(p[0] - r.x[2]) < 1e-6 && Math.abs(p[p.length - 2] - r.x[0]) < 1e-6);
  });

  it("handles an empty graph", () => {
    const r = layout({ widths: [], heights: [], edges: [] });
    assert.equal(r.x.length, 0);
    assert.equal(r.width, 0);
  });

  for (const name of ["synthetic-1000", "synthetic-5000"]) {
    it(`lays out the ${name} fixture without overlaps`, () => {
      const snap = fixture(name);
      const idx = new Map(snap.graph.nodes.map((n, i) => [n.id, i]));
      const widths = snap.graph.nodes.map((n) => 20 + 7 * n.name.length);
      const edges = snap.graph.edges.flatMap((e) => [idx.get(e.to) ?? -1, idx.get(e.from) ?? -1]);
      const r = layout({ widths, heights: widths.map(() => 28), edges });
      check(widths, edges, r);
      for (let e = 0; e < edges.length; e += 2) assert.ok(r.layer[edges[e + 1]] > r.layer[edges[e]]);
      // Leaves sit right above their consumer: dummy nodes only for real skip connections.
      assert.ok(r.dummies < snap.graph.edges.length, `${r.dummies} dummies`);
    });
  }
});
