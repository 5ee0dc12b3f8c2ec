// Drives harness.html: applies a theme's --vscode-* variables to <html>, posts fixture states,
// and answers requestPage from the fixture (big-tensor: W[i] = i / 1e6 - 0.5, as generated).
(function () {
  const $ = (id) => document.getElementById(id);
  const bar = $("harness-bar");
  bar.style.cssText = "display:flex;gap:12px;padding:4px 8px;font:12px sans-serif;background:#333;color:#eee";
  const app = $("app");
  app.style.height = "calc(100vh - 30px)";
  async function theme(name) {
    const text = await (await fetch(`themes/${name}.css`)).text();
    for (const m of text.matchAll(/^(--vscode-[\w-]+):\s*(.+?);\s*$/gm)) document.documentElement.style.setProperty(m[1], m[2]);
    document.body.className = name.startsWith("dark") ? "vscode-dark" : "vscode-light";
  }
  let snap = null;
  async function load() {
    const name = $("harness-fixture").value;
    if (!name) return window.postMessage({ type: "state", state: { kind: "empty" } }, "*");
    snap = await (await fetch(`fixtures/${name}.json`)).json();
    window.postMessage({ type: "state", state: { kind: snap.status === "ok" ? "result" : "error", snapshot: snap, stale: $("harness-stale").checked } }, "*");
  }
  $("harness-fixture").addEventListener("change", load);
  $("harness-stale").addEventListener("change", load);
  $("harness-theme").addEventListener("change", () => theme($("harness-theme").value));
  $("harness-running").addEventListener("click", () => window.postMessage({ type: "state", state: { kind: "running", file: "file:///demo.ts", startedAt: Date.now() } }, "*"));
  // Answer page requests recorded by main.js's stub API.
  window.__giPosted = [];
  const push = window.__giPosted.push.bind(window.__giPosted);
  window.__giPosted.push = (msg) => {
    if (msg.type === "requestPage" && snap) {
      const t = snap.tensors.find((x) => x.id === msg.request.tensorId);
      const r = msg.request;
      const values = Array.from({ length: r.count }, (_, k) => {
        const v = Math.fround((r.offset + k) / 1e6 - 0.5);
        return r.which === "grad" ? 2 * v : v;
      });
      setTimeout(() => window.postMessage({ type: "tensorPage", page: { ...r, shape: t ? t.shape : [], values } }, "*"), 10);
    }
    return push(msg);
  };
  theme("dark-modern");
})();
