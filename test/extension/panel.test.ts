import { test } from "node:test";
import assert from "node:assert/strict";
import { csp, panelHtml } from "../../webview/src/html";
import { decodeExport, panelState, sameState } from "../../src/extension/panel-state";
import { RunResult } from "../../src/extension/run-result";
import { parseFromWebview } from "../../src/protocol";
import { snapshot } from "./fixtures";

test("panel state: running beats the last result; timeouts show as the error state", () => {
  const ok = new RunResult(snapshot("", [], []));
  const timeout = new RunResult(snapshot("", [], [], { status: "timeout" }));
  const running = { handle: {} as never, startedAt: 42, cancelReason: null };
  assert.deepEqual(panelState("f", ok, running, false), { kind: "running", file: "f", startedAt: 42 });
  assert.deepEqual(panelState("f", ok, undefined, true), { kind: "result", snapshot: ok.snapshot, stale: true });
  assert.equal(panelState("f", timeout, undefined, false).kind, "error");
  assert.deepEqual(panelState(null, undefined, undefined, false), { kind: "empty" });
});

test("the same state is not posted twice, a stale flip is", () => {
  const s = snapshot("", [], []);
  assert.ok(sameState({ kind: "result", snapshot: s, stale: false }, { kind: "result", snapshot: s, stale: false }));
  assert.ok(!sameState({ kind: "result", snapshot: s, stale: false }, { kind: "result", snapshot: s, stale: true }));
  assert.ok(!sameState({ kind: "result", snapshot: s, stale: false }, { kind: "result", snapshot: { ...s }, stale: false }));
  assert.ok(!sameState(null, { kind: "empty" }));
});

test("messages from the webview are validated before use", () => {
  assert.deepEqual(parseFromWebview({ type: "revealLine", line: 3 }), { type: "revealLine", line: 3 });
  assert.equal(parseFromWebview({ type: "revealLine", line: -1 }), null);
  assert.equal(parseFromWebview({ type: "revealLine", line: "3" }), null);
  assert.equal(parseFromWebview({ type: "selectTensor", tensorId: 1.5 }), null);
  assert.equal(parseFromWebview({ type: "exportImage", format: "gif", data: "" }), null);
  assert.equal(parseFromWebview({ type: "runCommand", command: "rm -rf" }), null);
  assert.equal(parseFromWebview("ready"), null);
  assert.equal(parseFromWebview({ type: "requestPage", request: { tensorId: 1, which: "data", offset: 0, count: 1e9 } })?.type, "requestPage");
  const page = parseFromWebview({ type: "requestPage", request: { tensorId: 1, which: "data", offset: 0, count: 1e9 } });
  assert.ok(page?.type === "requestPage" && page.request.count === 65536, "page size is capped");
});

test("exported images are checked: SVG text, PNG bytes by signature", () => {
  assert.ok(decodeExport("svg", "<svg xmlns='http://www.w3.org/2000/svg'></svg>"));
  assert.equal(decodeExport("svg", "<script>"), null);
  const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0]).toString("base64");
  assert.equal(decodeExport("png", `data:image/png;base64,${png}`)?.length, 10);
  assert.equal(decodeExport("png", Buffer.from("not a png").toString("base64")), null);
});

test("the panel HTML the host serves has a strict CSP: nothing remote, scripts only by nonce", () => {
  const policy = csp({ cspSource: "https://file+.vscode-resource.vscode-cdn.net", nonce: "abc" });
  assert.match(policy, /^default-src 'none'/);
  assert.match(policy, /script-src 'nonce-abc'(;|$)/);
  assert.doesNotMatch(policy, /unsafe-inline|unsafe-eval|https?:\/\/(?!file\+)/);
  const html = panelHtml({ cspSource: "vscode-resource:", nonce: "abc", scriptUri: "vscode-resource:/out/webview/main.js", styleUri: "s.css", workerUri: "w.js" });
  assert.match(html, /<script nonce="abc" src="vscode-resource:\/out\/webview\/main.js"><\/script>/);
  assert.equal((html.match(/<script/g) ?? []).length, 1);
});
