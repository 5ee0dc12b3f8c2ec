// Test harness for the panel: a local HTTP server that serves the page html.ts builds (with
// its strict CSP and a fresh nonce) plus out/webview/*, and helpers that open it in Debian's
// Chromium through playwright-core, apply a VS Code theme's --vscode-* variables the way VS
// Code does (style on <html>, class on <body>) and post fixture states as the extension would.
// Outside VS Code main.js falls back to a stub API that records posted messages on
// window.__giPosted, which the tests read.
//
// Run `node build/test/webview/harness.js` to browse the fixtures by hand: it prints a URL.
import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { extname, join, normalize } from "node:path";
import { chromium, type Browser, type Page } from "playwright-core";
import { panelHtml } from "../../webview/src/html";
import type { FromWebview, Snapshot, ToWebview } from "../../src/protocol";

/** Repository root, from build/test/webview (compiled) or test/webview (source). */
export const ROOT = normalize(join(__dirname, __dirname.includes(`${join("build", "test")}`) ? "../../.." : "../.."));
export const FIXTURES = join(ROOT, "test/webview/fixtures");
export const SCREENSHOTS = join(ROOT, "test/webview/screenshots");

export function fixture(name: string): Snapshot {
  return JSON.parse(readFileSync(join(FIXTURES, `${name}.json`), "utf8")) as Snapshot;
}

const TYPES: Record<string, string> = { ".html": "text/html; charset=utf-8", ".js": "text/javascript", ".css": "text/css", ".json": "application/json", ".map": "application/json" };

export interface Harness {
  url: string;
  server: Server;
  close(): Promise<void>;
}

export async function startServer(): Promise<Harness> {
  const server = createServer((req, res) => {
    const path = decodeURIComponent((req.url ?? "/").split("?")[0]);
    const origin = `http://${req.headers.host ?? "127.0.0.1"}`;
    if (path === "/favicon.ico") {
      res.writeHead(204).end();
      return;
    }
    if (path === "/" || path === "/index.html") {
      const nonce = randomBytes(16).toString("base64");
      res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
      res.end(panelHtml({ scriptUri: `${origin}/out/webview/main.js`, styleUri: `${origin}/out/webview/main.css`, workerUri: `${origin}/out/webview/layout-worker.js`, cspSource: origin, nonce }));
      return;
    }
    const safe = normalize(path).replace(/^([/\\])+/, "");
    const allowed = safe.startsWith("out/webview/") || /^test\/webview\/(harness\.html|harness-client\.js|fixtures\/[\w-]+\.json|themes\/[\w-]+\.css)$/.test(safe);
    if (!allowed || safe.includes("..")) {
      res.writeHead(404).end();
      return;
    }
    try {
      const body = readFileSync(join(ROOT, safe));
      res.writeHead(200, { "content-type": TYPES[extname(safe)] ?? "application/octet-stream" });
      res.end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const port = (server.address() as AddressInfo).port;
  return { url: `http://127.0.0.1:${port}/`, server, close: () => new Promise((r) => server.close(() => r())) };
}

export const CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"];

export function launch(): Promise<Browser> {
  return chromium.launch({ executablePath: "/usr/bin/chromium", args: CHROMIUM_ARGS, headless: true });
}

export type ThemeName = "dark-modern" | "light-modern";

/** Parses a theme fixture (`--vscode-x: value;` lines) into property pairs. */
export function themeVars(theme: ThemeName): [string, string][] {
  const text = readFileSync(join(ROOT, "test/webview/themes", `${theme}.css`), "utf8");
  const out: [string, string][] = [];
  for (const m of text.matchAll(/^(--vscode-[\w-]+):\s*(.+?);\s*$/gm)) out.push([m[1], m[2]]);
  return out;
}

interface PageGlobals {
  __giPosted?: FromWebview[];
  postMessage(m: unknown, origin: string): void;
  document: {
    documentElement: { style: { setProperty(k: string, v: string): void } };
    body: { className: string; dataset: Record<string, string | undefined> };
  };
}

export async function applyTheme(page: Page, theme: ThemeName): Promise<void> {
  const vars = themeVars(theme);
  const kind = theme.startsWith("dark") ? "vscode-dark" : "vscode-light";
  await page.evaluate(
    ([v, k]) => {
      for (const [name, value] of v) (globalThis as unknown as PageGlobals).document.documentElement.style.setProperty(name, value);
      (globalThis as unknown as PageGlobals).document.body.className = k;
      (globalThis as unknown as PageGlobals).document.body.dataset.vscodeThemeKind = k;
    },
    [vars, kind] as const,
  );
}

export interface PanelPage {
  page: Page;
  errors: string[];
  post(msg: ToWebview): Promise<void>;
  posted(): Promise<FromWebview[]>;
  clearPosted(): Promise<void>;
}

/** Opens the panel page with a theme; resolves once main.js posted `ready`. */
export async function openPanel(browser: Browser, url: string, theme: ThemeName = "dark-modern", size = { width: 1280, height: 800 }): Promise<PanelPage> {
  const context = await browser.newContext({ viewport: size, deviceScaleFactor: 1 });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(`pageerror: ${e.message}`));
  page.on("console", (m) => {
    if (m.type() === "error") errors.push(`console: ${m.text()}`);
  });
  // Record alert() calls: an injected handler that ran would show up here.
  await page.addInitScript(`window.__giDialogs = []; window.alert = (m) => window.__giDialogs.push(String(m));`);
  await page.goto(url);
  await applyTheme(page, theme);
  await page.waitForFunction(() => ((globalThis as unknown as PageGlobals).__giPosted ?? []).some((m) => m.type === "ready"));
  return {
    page,
    errors,
    post: (msg) => page.evaluate((m) => (globalThis as unknown as PageGlobals).postMessage(m, "*"), msg),
    posted: () => page.evaluate(() => (globalThis as unknown as PageGlobals).__giPosted ?? []),
    // The stub holds on to the array: empty it in place.
    clearPosted: () => page.evaluate(() => void (globalThis as unknown as PageGlobals).__giPosted?.splice(0)),
  };
}

export async function showSnapshot(p: PanelPage, name: string, stale = false): Promise<Snapshot> {
  const snap = fixture(name);
  await p.post({ type: "state", state: { kind: snap.status === "ok" ? "result" : "error", snapshot: snap, stale } });
  await p.page.waitForSelector(".graph-pane[data-state='ready'], .graph-pane[data-state='empty']", { timeout: 30000 });
  return snap;
}

if (require.main === module) {
  void startServer().then((h) => console.log(`panel (strict CSP): ${h.url}\nfixture browser: ${h.url}test/webview/harness.html`));
}
