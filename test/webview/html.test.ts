// The panel's HTML: strict CSP with the nonce, nothing inline without it, URIs escaped.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { csp, panelHtml } from "../../webview/src/html";

const opts = {
  scriptUri: "https://file+.vscode-resource.vscode-cdn.net/ext/out/webview/main.js",
  styleUri: "https://file+.vscode-resource.vscode-cdn.net/ext/out/webview/main.css",
  workerUri: "https://file+.vscode-resource.vscode-cdn.net/ext/out/webview/layout-worker.js?a=1&b=\"2\"",
  cspSource: "https://*.vscode-cdn.net",
  nonce: "abcDEF123+/=",
};

describe("panelHtml", () => {
  it("has a strict CSP with the nonce and no unsafe sources", () => {
    const html = panelHtml(opts);
    const policy = csp(opts);
    assert.ok(html.includes(`content="${policy}"`));
    assert.match(policy, /default-src 'none'/);
    assert.match(policy, /script-src 'nonce-abcDEF123\+\/='/);
    assert.ok(!policy.includes("unsafe-inline") && !policy.includes("unsafe-eval"));
    assert.ok(!/https?:\/\/(?!\*\.vscode-cdn\.net)/.test(policy), "no remote sources besides the webview's own");
    // Every script tag carries the nonce.
    const scripts = html.match(/<script[^>]*>/g) ?? [];
    assert.equal(scripts.length, 1);
    assert.ok(scripts.every((s) => s.includes(`nonce="${opts.nonce}"`)));
    assert.ok(!/ on\w+=/.test(html), "no inline handlers");
  });

  it("escapes URIs into attributes and rejects odd nonces", () => {
    const html = panelHtml(opts);
    assert.ok(html.includes('data-worker-uri="https://file+.vscode-resource.vscode-cdn.net/ext/out/webview/layout-worker.js?a=1&amp;b=&quot;2&quot;"'));
    assert.throws(() => panelHtml({ ...opts, nonce: "x\" onload=\"alert(1)" }));
  });
});
