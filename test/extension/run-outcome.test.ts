import { test } from "node:test";
import assert from "node:assert/strict";
import { describeOutcome } from "../../src/extension/run-outcome";
import { runGate, TRUST_COMMAND } from "../../src/extension/run-gate";
import { snapshot, tensor } from "./fixtures";

test("a successful run: summary with counts, no notification", () => {
  const o = describeOutcome(snapshot("", [tensor(1), tensor(2)], [], { durationMs: 35.2 }), "a.ts", null);
  assert.equal(o.summary, "✓ a.ts ran in 35 ms: 2 tensors, 0 graph nodes");
  assert.equal(o.notify, null);
});

test("the user is told why a run stopped: time limit, memory limit, cancel", () => {
  const timeout = describeOutcome(snapshot("", [], [], { status: "timeout", error: { kind: "TimeoutError", message: "the program ran longer than the time limit (10000 ms) and was stopped", pos: null, stack: "" } }), "loop.ts", null);
  assert.equal(timeout.notify?.level, "warning");
  assert.match(timeout.notify?.text ?? "", /time limit \(10000 ms\)/);
  assert.equal(timeout.notify?.setting, "gradientInspector.timeLimitMs");

  const oom = describeOutcome(snapshot("", [], [], { status: "error", error: { kind: "OutOfMemoryError", message: "the program ran out of memory (the limit is 1024 MB) and was stopped", pos: null, stack: "" } }), "big.ts", null);
  assert.match(oom.notify?.text ?? "", /out of memory/);
  assert.equal(oom.notify?.setting, "gradientInspector.memoryLimitMb");

  const cancelled = describeOutcome(snapshot("", [], [], { status: "cancelled" }), "a.ts", "user");
  assert.match(cancelled.notify?.text ?? "", /cancelled/);
  const replaced = describeOutcome(snapshot("", [], [], { status: "cancelled" }), "a.ts", "superseded");
  assert.equal(replaced.notify, null, "a run replaced by a newer one is not worth a pop-up");
  assert.match(replaced.summary, /newer run replaced it/);
});

test("the program's own error goes to the summary with its line; the diagnostic shows it, no pop-up", () => {
  const o = describeOutcome(snapshot("", [], [], { status: "error", error: { kind: "RuntimeError", message: "boom", pos: { line: 7, column: 0, endLine: 7, endColumn: 3 }, stack: "" } }), "a.ts", null);
  assert.equal(o.summary, "✗ a.ts: RuntimeError: boom (line 7)");
  assert.equal(o.notify, null);
});

test("trust gate: nothing runs in Restricted Mode, and the user is told how to trust the folder", () => {
  const g = runGate({ trusted: false, languageId: "typescript", fileLabel: "a.ts" });
  assert.equal(g.ok, false);
  assert.ok(!g.ok && g.reason === "untrusted");
  if (!g.ok && g.reason === "untrusted") {
    assert.equal(g.command, TRUST_COMMAND);
    assert.equal(TRUST_COMMAND, "workbench.trust.manage");
    assert.match(g.message, /Restricted Mode/);
    assert.ok(g.message.includes(g.button));
  }
  assert.deepEqual(runGate({ trusted: true, languageId: "typescript", fileLabel: "a.ts" }), { ok: true });
  assert.equal(runGate({ trusted: true, languageId: "python", fileLabel: "a.py" }).ok, false);
});
