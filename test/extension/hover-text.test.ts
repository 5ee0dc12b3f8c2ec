import { test } from "node:test";
import assert from "node:assert/strict";
import { codeBlock, commandLink, hoverMarkdown, inlineCode, REVEAL_COMMAND } from "../../src/extension/hover-text";
import { RunResult } from "../../src/extension/run-result";
import { binding, snapshot, tensor, tutorialSnapshot } from "./fixtures";

function hoverFor(name: string, line: number, stale = false): string {
  const r = new RunResult(tutorialSnapshot());
  const p = r.bindingAt(name, r.lineMap(r.snapshot.source), line, 6);
  assert.ok(p);
  return hoverMarkdown({ result: r, binding: p.binding, tensor: p.tensor, stale, file: "file:///work/tutorial.ts" });
}

test("a leaf's hover: shape, dtype, flags, data and grad as PyTorch prints them", () => {
  const md = hoverFor("x", 1);
  assert.match(md, /`x`: `torch\.Size\(\[2, 2\]\)` `torch\.float32`/);
  assert.match(md, /requires_grad `True` · is_leaf `True` · grad_fn `None`/);
  assert.ok(md.includes("tensor([[1., 1.],\n        [1., 1.]], requires_grad=True)"));
  assert.ok(md.includes("**grad**\n\n```python\ntensor([[4.5000, 4.5000],\n        [4.5000, 4.5000]])\n```"));
  assert.match(md, /min 4\.5 · max 4\.5 · mean 4\.5 · std 0 · norm 9/);
});

test("a non-leaf's hover shows its grad_fn node and next_functions", () => {
  const md = hoverFor("z", 3);
  assert.match(md, /grad_fn `<MulBackward0>`/);
  assert.match(md, /next_functions: `MulBackward0`/);
  assert.match(hoverFor("y", 2), /next_functions: `AccumulateGrad` \(`x`\)/);
  assert.match(hoverFor("y", 2), /\*\*grad\*\* `None` \(not a leaf: call retain_grad\(\) to keep it\)/);
});

test("the panel link runs only the reveal command, with the file and tensor id", () => {
  const md = hoverFor("out", 4);
  const link = commandLink({ file: "file:///work/tutorial.ts", tensorId: 5 });
  assert.ok(md.includes(`(${link})`));
  assert.ok(link.startsWith(`command:${REVEAL_COMMAND}?`));
  assert.deepEqual(JSON.parse(decodeURIComponent(link.split("?")[1])), [{ file: "file:///work/tutorial.ts", tensorId: 5 }]);
});

test("stale hovers say the value is from before the edit", () => {
  assert.match(hoverFor("y", 2, true), /stale: this line changed since the run/);
  assert.doesNotMatch(hoverFor("y", 2, false), /stale/);
});

test("large printed tensors are clipped in the hover", () => {
  const text = Array.from({ length: 40 }, (_, i) => `row ${i}`).join("\n");
  const t = tensor(1, { shape: [40, 3], data: { ...tensor(1).data, text } });
  const r = new RunResult(snapshot("const big = f();", [t], [binding("big", 1, 1, 0)]));
  const md = hoverMarkdown({ result: r, binding: r.snapshot.bindings[0], tensor: t, stale: false, file: "f" });
  assert.ok(md.includes("row 11\n…"));
  assert.ok(!md.includes("row 12"));
});

test("code fences and inline code cannot be closed by backticks in the text", () => {
  assert.equal(codeBlock("a ``` b"), "````\na ``` b\n````");
  assert.equal(inlineCode("a`b"), "`` a`b ``");
});
