// What the graph draws, from PyTorch-generated fixtures: torchviz's node kinds and labels,
// module folding (ResNet-18 readable, no folded box feeding itself) and search.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { acyclicGroups, buildVisibleGraph, defaultCollapsed, formatShape, searchGraph } from "../../webview/src/graph-model";
import { fixture } from "./harness";

describe("graph model", () => {
  it("small example: grad_fn boxes, AccumulateGrad leaves as name + shape, the output in green", () => {
    const snap = fixture("small");
    const vg = buildVisibleGraph(snap.graph, snap.tensors, { collapsed: new Set(), showSaved: false, savedFor: null });
    const byKind = (k: string): string[][] => vg.nodes.filter((n) => n.kind === k).map((n) => n.lines);
    assert.deepEqual(byKind("fn").map((l) => l[0]).sort(), ["AddBackward0", "BinaryCrossEntropyWithLogitsBackward0", "MmBackward0", "SqueezeBackward3"]);
    assert.deepEqual(byKind("leaf").sort(), [["b", "(3,)"], ["w", "(5, 3)"]]);
    assert.deepEqual(byKind("output"), [["loss", "()"]]);
    // Edges run from inputs down to consumers: w's leaf feeds MmBackward0.
    const i = (label: string): number => vg.nodes.findIndex((n) => n.lines[0] === label);
    assert.ok(vg.edges.some((e) => e.from === i("w") && e.to === i("MmBackward0")));
    assert.ok(vg.edges.some((e) => e.from === i("BinaryCrossEntropyWithLogitsBackward0") && e.to === i("loss") && e.kind === "output"));
    assert.equal(vg.edges.length, 6);
  });

  it("shows saved tensors on demand", () => {
    const snap = fixture("small");
    const all = buildVisibleGraph(snap.graph, snap.tensors, { collapsed: new Set(), showSaved: true, savedFor: null });
    const saved = all.nodes.filter((n) => n.kind === "saved").map((n) => n.lines[0]);
    assert.deepEqual(saved.sort(), ["self", "self", "target"]);
    const one = buildVisibleGraph(snap.graph, snap.tensors, { collapsed: new Set(), showSaved: false, savedFor: 1 });
    assert.deepEqual(one.nodes.filter((n) => n.kind === "saved").map((n) => n.lines[0]), ["self", "target"]);
  });

  it("ResNet-18 folds by module into a readable graph without self-feeding boxes", () => {
    const snap = fixture("resnet18");
    const set = defaultCollapsed(snap.graph);
    assert.ok(set.has("layer1.0.conv1") && set.has("layer3.1.bn2"));
    // BasicBlock calls self.relu twice: folding it would make a cycle.
    assert.ok(!set.has("layer1.0.relu"));
    const vg = buildVisibleGraph(snap.graph, snap.tensors, { collapsed: set, showSaved: false, savedFor: null });
    assert.ok(vg.nodes.length <= 100, `${vg.nodes.length} boxes`);
    const conv = vg.nodes.find((n) => n.key === "glayer1.0.conv1");
    assert.deepEqual(conv?.lines, ["layer1.0.conv1", "2 nodes"]);
    // Every graph node maps to some box.
    for (const n of snap.graph.nodes) assert.ok(vg.boxOfNode.has(n.id));
    assert.deepEqual(searchGraph(vg, "downsample").map((k) => vg.nodes[k].module?.split(".").slice(0, 3).join(".")).sort().filter((m, i, a) => a.indexOf(m) === i), ["layer2.0.downsample", "layer3.0.downsample", "layer4.0.downsample"]);
  });

  it("acyclicGroups keeps groups that do not feed themselves", () => {
    const g = {
      nodes: [
        { id: 1, kind: "function" as const, name: "A", tensorId: null, label: null, saved: [], module: "m" },
        { id: 2, kind: "function" as const, name: "B", tensorId: null, label: null, saved: [], module: null },
        { id: 3, kind: "function" as const, name: "C", tensorId: null, label: null, saved: [], module: "m" },
        { id: 4, kind: "function" as const, name: "D", tensorId: null, label: null, saved: [], module: "k" },
        { id: 5, kind: "function" as const, name: "E", tensorId: null, label: null, saved: [], module: "k" },
      ],
      edges: [{ from: 3, to: 2, index: 0 }, { from: 2, to: 1, index: 0 }, { from: 1, to: 5, index: 0 }, { from: 5, to: 4, index: 0 }],
    };
    assert.deepEqual([...acyclicGroups(g, new Set(["m", "k"]))], ["k"]);
  });

  it("small graphs are not folded; shapes print as PyTorch tuples", () => {
    assert.equal(defaultCollapsed(fixture("small").graph).size, 0);
    assert.equal(formatShape([]), "()");
    assert.equal(formatShape([3]), "(3,)");
    assert.equal(formatShape([2, 3]), "(2, 3)");
  });
});
