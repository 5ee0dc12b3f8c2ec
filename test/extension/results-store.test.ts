import { test } from "node:test";
import assert from "node:assert/strict";
import { KEPT_HANDLES, ResultsStore, type StoreEvent } from "../../src/extension/results-store";
import type { RunHandle } from "../../src/runner/types";
import type { Snapshot } from "../../src/protocol";
import { snapshot } from "./fixtures";

/** A run handle whose lifecycle the test controls and observes. */
function handle(): RunHandle & { cancelled: number; disposed: number } {
  return {
    cancelled: 0, disposed: 0,
    result: new Promise<Snapshot>(() => undefined),
    cancel() { this.cancelled++; },
    page: async () => null,
    dispose() { this.disposed++; },
  };
}

test("a new run of the same file cancels the one in progress; other files are left alone", () => {
  const store = new ResultsStore();
  const h1 = handle();
  const h2 = handle();
  const other = handle();
  const r1 = store.begin("a", h1, 1);
  store.begin("b", other, 1);
  store.begin("a", h2, 2);
  assert.equal(h1.cancelled, 1);
  assert.equal(r1.cancelReason, "superseded");
  assert.equal(other.cancelled, 0);
  assert.equal(store.running("a")?.handle, h2);
});

test("the replaced run's snapshot is dropped (and its worker freed); the newer one is kept", () => {
  const store = new ResultsStore();
  const events: StoreEvent["kind"][] = [];
  store.onEvent((e) => events.push(e.kind));
  const h1 = handle();
  const h2 = handle();
  const r1 = store.begin("a", h1, 1);
  const r2 = store.begin("a", h2, 2);
  const newer = snapshot("new", [], []);
  assert.ok(store.finish("a", r2, newer));
  assert.equal(store.finish("a", r1, snapshot("old", [], [], { status: "cancelled" })), null);
  assert.equal(h1.disposed, 1);
  assert.equal(store.result("a")?.snapshot, newer);
  assert.equal(store.pager("a"), h2);
  assert.equal(store.running("a"), undefined);
  assert.deepEqual(events, ["started", "started", "finished"]);
});

test("Stop cancels with reason 'user'; stopping nothing says so", () => {
  const store = new ResultsStore();
  const h = handle();
  const r = store.begin("a", h, 1);
  assert.equal(store.cancel("a"), true);
  assert.equal(r.cancelReason, "user");
  assert.equal(h.cancelled, 1);
  assert.equal(store.cancel("zzz"), false);
});

test("only the last few finished runs keep their worker for paging", () => {
  const store = new ResultsStore();
  const hs = Array.from({ length: KEPT_HANDLES + 2 }, () => handle());
  hs.forEach((h, i) => store.finish(`f${i}`, store.begin(`f${i}`, h, i), snapshot("", [], [])));
  assert.deepEqual(hs.map((h) => h.disposed), [1, 1, ...Array<number>(KEPT_HANDLES).fill(0)]);
  assert.equal(store.pager("f0"), undefined);
  // A re-run of a file frees that file's previous worker.
  const again = handle();
  store.finish("f4", store.begin("f4", again, 9), snapshot("", [], []));
  assert.equal(hs[4].disposed, 1);
});

test("a restored snapshot never replaces a live result", () => {
  const store = new ResultsStore();
  const live = snapshot("live", [], []);
  store.finish("a", store.begin("a", handle(), 1), live);
  assert.equal(store.restore("a", snapshot("saved", [], [])), null);
  assert.equal(store.result("a")?.snapshot, live);
  assert.ok(store.restore("b", snapshot("saved", [], [])));
});
