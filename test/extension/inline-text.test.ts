import { test } from "node:test";
import assert from "node:assert/strict";
import { bindingHint, lineHints } from "../../src/extension/inline-text";
import { RunResult } from "../../src/extension/run-result";
import { tensor, tutorialSnapshot } from "./fixtures";

test("the tutorial's inline values: shapes, grad_fn, the leaf's gradient summary", () => {
  const r = new RunResult(tutorialSnapshot());
  const hints = lineHints(r.placedBindings(r.lineMap(r.snapshot.source)));
  assert.deepEqual(hints.map((h) => [h.line, h.text]), [
    [1, "x.grad: [2, 2] mean 4.5"],
    [2, "y: [2, 2] AddBackward0"],
    [3, "z: [2, 2] MulBackward0"],
    [4, "out: [] = 27 MeanBackward0"],
  ]);
  assert.ok(hints.every((h) => !h.stale));
});

test("stale hints say so", () => {
  const r = new RunResult(tutorialSnapshot());
  const edited = r.snapshot.source.replace("x.add(2)", "x.add(5)");
  const y = lineHints(r.placedBindings(r.lineMap(edited))).find((h) => h.line === 2);
  assert.deepEqual(y, { line: 2, text: "y: [2, 2] AddBackward0 (stale)", stale: true });
});

test("hints for leaves without grad, other dtypes, loops", () => {
  assert.equal(bindingHint("w", tensor(1, { requiresGrad: true }), 1), "w: [2] requires_grad");
  assert.equal(bindingHint("i", tensor(1, { dtype: "int64" }), 1), "i: [2] int64");
  assert.equal(bindingHint("h", tensor(1, { isLeaf: false, gradFn: "TanhBackward0" }), 10), "h: [2] TanhBackward0 ×10");
});
