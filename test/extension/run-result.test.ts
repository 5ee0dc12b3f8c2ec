import { test } from "node:test";
import assert from "node:assert/strict";
import { RunResult } from "../../src/extension/run-result";
import { binding, snapshot, tensor, tutorialSnapshot } from "./fixtures";

test("bindingAt finds the tensor a name is bound to on its own line", () => {
  const r = new RunResult(tutorialSnapshot());
  const map = r.lineMap(r.snapshot.source);
  const y = r.bindingAt("y", map, 2, 6);
  assert.equal(y?.tensor.gradFn, "AddBackward0");
  assert.equal(y?.stale, false);
  assert.equal(y?.line, 2);
});

test("bindingAt uses the latest binding at or before the line (re-assignment)", () => {
  const src = ["let h = a;", "h = b;", "h = c;", "use(h);"].join("\n");
  const r = new RunResult(snapshot(src, [tensor(1), tensor(2), tensor(3)], [binding("h", 1, 1, 0, 4), binding("h", 2, 2, 1, 0), binding("h", 3, 3, 2, 0)]));
  const map = r.lineMap(src);
  assert.equal(r.bindingAt("h", map, 3, 4)?.tensor.id, 3);
  assert.equal(r.bindingAt("h", map, 1, 0)?.tensor.id, 2);
  assert.equal(r.bindingAt("h", map, 0, 4)?.tensor.id, 1);
});

test("a same-line binding counts only from its column on", () => {
  const src = ["let x = a;", "let y = x.add(1); let x2 = 0;"].join("\n");
  const r = new RunResult(snapshot(src, [tensor(1), tensor(2)], [binding("x", 1, 1, 0, 4), binding("y", 2, 2, 1, 4)]));
  assert.equal(r.bindingAt("x", r.lineMap(src), 1, 8)?.tensor.id, 1);
});

test("a use above every binding (a function defined before its caller) takes the first binding", () => {
  const src = ["function f(p) { return p; }", "const p = t;"].join("\n");
  const r = new RunResult(snapshot(src, [tensor(7)], [binding("p", 2, 7, 0)]));
  assert.equal(r.bindingAt("p", r.lineMap(src), 0, 23)?.tensor.id, 7);
});

test("same line, several assignments (a loop): the highest seq wins", () => {
  const src = "for (const w of ws) { const v = w; }";
  const r = new RunResult(snapshot(src, [tensor(1), tensor(2)], [binding("v", 1, 1, 3, 28, 1), binding("v", 1, 2, 9, 28, 1)]));
  assert.equal(r.bindingAt("v", r.lineMap(src), 0, 40)?.tensor.id, 2);
});

test("names not bound to a tensor, and bindings of unknown tensors, are not found", () => {
  const r = new RunResult(snapshot("const q = 1;", [], [binding("q", 1, 99, 0)]));
  assert.equal(r.bindingAt("q", r.lineMap("const q = 1;"), 0, 6), null);
  assert.equal(r.bindingAt("nope", r.lineMap("const q = 1;"), 0, 6), null);
});

test("after an edit: unchanged lines keep values at new line numbers, edited ones are stale", () => {
  const r = new RunResult(tutorialSnapshot());
  const lines = r.snapshot.source.split("\n");
  const edited = [lines[0], "// a comment", lines[1], lines[2].replace("add(2)", "add(3)"), ...lines.slice(3)].join("\n");
  const placed = r.placedBindings(r.lineMap(edited));
  const by = new Map(placed.map((p) => [p.binding.name, p]));
  assert.deepEqual([by.get("x")?.line, by.get("x")?.stale], [2, false]);
  assert.deepEqual([by.get("y")?.line, by.get("y")?.stale], [3, true]);
  assert.deepEqual([by.get("z")?.line, by.get("z")?.stale], [4, false]);
  const hovered = r.bindingAt("y", r.lineMap(edited), 3, 6);
  assert.equal(hovered?.stale, true);
});

test("graph indexes: edges from a node ordered by next_functions slot", () => {
  const r = new RunResult(tutorialSnapshot());
  assert.deepEqual(r.edgesFrom.get(3)?.map((e) => e.index), [0, 1]);
  assert.equal(r.nodes.get(5)?.name, "MeanBackward0");
  assert.equal(r.firstBindingOf(4)?.name, "z");
  assert.equal(r.currentLine(r.lineMap(r.snapshot.source), 4), 3);
});
