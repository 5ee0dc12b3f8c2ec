import { test } from "node:test";
import assert from "node:assert/strict";
import { errorMark } from "../../src/extension/error-location";
import { mapLines } from "../../src/extension/line-map";
import type { RunError } from "../../src/protocol";
import { snapshot } from "./fixtures";

const src = ["const a = torch.ones(2);", "const b = a.backward();", "console.log(b);"].join("\n");
const err: RunError = {
  kind: "RuntimeError", message: "element 0 of tensors does not require grad and does not have a grad_fn",
  pos: { line: 2, column: 10, endLine: 2, endColumn: 22 }, stack: "",
};

test("a runtime error marks its exact range on its line", () => {
  const s = snapshot(src, [], [], { status: "error", error: err });
  assert.deepEqual(errorMark(s, mapLines(src, src)), {
    line: 1, startColumn: 10, endColumn: 22, severity: "error", stale: false,
    message: "RuntimeError: element 0 of tensors does not require grad and does not have a grad_fn",
  });
});

test("a position without an end on its line marks to the end of the line", () => {
  const s = snapshot(src, [], [], { status: "error", error: { ...err, kind: "SyntaxError", pos: { line: 3, column: 4, endLine: 3, endColumn: 4 } } });
  const m = errorMark(s, mapLines(src, src));
  assert.deepEqual([m?.line, m?.startColumn, m?.endColumn], [2, 4, null]);
});

test("the mark follows edits: moved down by an inserted line; whole line when the line itself changed", () => {
  const s = snapshot(src, [], [], { status: "error", error: err });
  const moved = errorMark(s, mapLines(src, `// note\n${src}`));
  assert.deepEqual([moved?.line, moved?.startColumn, moved?.stale], [2, 10, false]);
  const edited = errorMark(s, mapLines(src, src.replace("a.backward()", "a.sum().backward()")));
  assert.deepEqual([edited?.line, edited?.startColumn, edited?.endColumn, edited?.stale], [1, 0, null, true]);
  const deleted = errorMark(s, mapLines(src, src.split("\n").filter((_, i) => i !== 1).join("\n")));
  assert.equal(deleted, null);
});

test("success, cancel and position-less errors leave no diagnostic; a located timeout is a warning", () => {
  const map = mapLines(src, src);
  assert.equal(errorMark(snapshot(src, [], []), map), null);
  assert.equal(errorMark(snapshot(src, [], [], { status: "cancelled", error: { ...err, kind: "Cancelled" } }), map), null);
  assert.equal(errorMark(snapshot(src, [], [], { status: "error", error: { ...err, pos: null } }), map), null);
  assert.equal(errorMark(snapshot(src, [], [], { status: "timeout", error: { ...err, kind: "TimeoutError" } }), map)?.severity, "warning");
});
