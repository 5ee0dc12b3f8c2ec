// The panel in Chromium (playwright-core + Debian's chromium) under its real CSP, driven with
// fixture snapshots generated from PyTorch. Needs `npm run build` first (out/webview/*).
import assert from "node:assert/strict";
import { existsSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import type { Browser } from "playwright-core";
import type { FromWebview, TensorPageRequest } from "../../src/protocol";
import { type Harness, launch, openPanel, type PanelPage, ROOT, SCREENSHOTS, showSnapshot, startServer } from "./harness";

let browser: Browser;
let server: Harness;

before(async () => {
  assert.ok(existsSync(join(ROOT, "out/webview/main.js")), "run `npm run build` first");
  mkdirSync(SCREENSHOTS, { recursive: true });
  server = await startServer();
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await server?.close();
});

const open = (theme: "dark-modern" | "light-modern" = "dark-modern"): Promise<PanelPage> => openPanel(browser, server.url, theme);
const ofType = <K extends FromWebview["type"]>(msgs: FromWebview[], type: K): Extract<FromWebview, { type: K }>[] =>
  msgs.filter((m): m is Extract<FromWebview, { type: K }> => m.type === type);

/** Polls a condition from node (string predicates would need eval, which the panel's CSP forbids). */
async function until(cond: () => Promise<boolean>, timeoutMs = 20000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await cond())) {
    if (Date.now() > end) throw new Error("condition not met in time");
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function done(p: PanelPage): Promise<void> {
  assert.deepEqual(p.errors, [], "no page errors or CSP violations");
  await p.page.context().close();
}

describe("panel states", () => {
  it("empty: says what to do and offers Run File", async () => {
    const p = await open();
    await p.post({ type: "state", state: { kind: "empty" } });
    await p.page.getByText("Run a TypeScript file that imports", { exact: false }).waitFor();
    await p.page.locator("vscode-button", { hasText: "Run File" }).click();
    assert.equal(ofType(await p.posted(), "runFile").length, 1);
    await p.page.screenshot({ path: join(SCREENSHOTS, "empty-dark.png") });
    await done(p);
  });

  it("running: progress and Stop", async () => {
    const p = await open("light-modern");
    await p.post({ type: "state", state: { kind: "running", file: "file:///work/examples/train.ts", startedAt: Date.now() } });
    await p.page.getByText("Running train.ts…").waitFor();
    await p.page.locator("vscode-button", { hasText: "Stop" }).click();
    assert.equal(ofType(await p.posted(), "stop").length, 1);
    await done(p);
  });

  it("error: message and a link to the line", async () => {
    const p = await open();
    const snap = await showSnapshot(p, "error");
    const banner = p.page.locator(".banner.error");
    await banner.locator(".error-msg strong", { hasText: "RuntimeError:" }).waitFor();
    assert.ok((await banner.textContent())?.includes(snap.error?.message ?? "\u0000"));
    await banner.getByRole("button", { name: "line 6" }).click();
    assert.deepEqual(ofType(await p.posted(), "revealLine").at(-1), { type: "revealLine", line: 6 });
    // Tensors recorded before the error are still listed.
    assert.equal(await p.page.locator(".tensor-row").count(), 3);
    await p.page.screenshot({ path: join(SCREENSHOTS, "error-dark.png") });
    await done(p);
  });

  it("stale: banner with Run Again", async () => {
    const p = await open();
    await showSnapshot(p, "small", true);
    await p.page.locator(".banner.stale").getByText("changed since this run", { exact: false }).waitFor();
    await p.page.locator(".banner.stale vscode-button").click();
    assert.equal(ofType(await p.posted(), "runFile").length, 1);
    await done(p);
  });
});

describe("small autograd example", () => {
  it("lists tensors in source order with their flags", async () => {
    const p = await open();
    await showSnapshot(p, "small");
    const names = await p.page.locator(".tensor-row .var-name").allTextContents();
    assert.deepEqual(names, ["x", "y", "w", "b", "z", "loss"]);
    const w = p.page.locator(".tensor-row", { hasText: "w" }).filter({ has: p.page.locator(".var-name", { hasText: /^w$/ }) });
    const cells = await w.locator("td").allTextContents();
    assert.deepEqual(cells, ["w", "(5, 3)", "float32", "✓", "✓", "", "✓"]);
    const z = await p.page.locator(".tensor-row").nth(4).locator("td").allTextContents();
    assert.deepEqual(z, ["z", "(3,)", "float32", "✓", "·", "AddBackward0", "·"]);
    await done(p);
  });

  it("draws the graph with torchviz names, leaves and the output", async () => {
    const p = await open();
    await showSnapshot(p, "small");
    const fns = await p.page.locator(".node-fn text.l0").allTextContents();
    assert.deepEqual(fns.sort(), ["AddBackward0", "BinaryCrossEntropyWithLogitsBackward0", "MmBackward0", "SqueezeBackward3"]);
    const leaves: string[] = [];
    for (const el of await p.page.locator(".node-leaf").all()) leaves.push((await el.locator("text").allTextContents()).join(""));
    assert.deepEqual(leaves.sort(), ["b(3,)", "w(5, 3)"]);
    assert.deepEqual(await p.page.locator(".node-output text").allTextContents(), ["loss", "()"]);
    assert.equal(await p.page.locator(".edge").count(), 6);
    await done(p);
  });

  it("selecting in the list posts selectTensor and revealLine, shows details, highlights the node", async () => {
    const p = await open();
    const snap = await showSnapshot(p, "small");
    const w = snap.tensors.find((t) => t.names[0] === "w");
    assert.ok(w && w.grad);
    await p.clearPosted();
    await p.page.locator(".tensor-row .var-name", { hasText: /^w$/ }).click();
    const posted = await p.posted();
    assert.deepEqual(ofType(posted, "selectTensor"), [{ type: "selectTensor", tensorId: w.id }]);
    assert.deepEqual(ofType(posted, "revealLine"), [{ type: "revealLine", line: 5 }]);
    assert.equal(await p.page.locator(".tensor-title").textContent(), "w");
    const printed = await p.page.locator("pre.printed").allTextContents();
    assert.deepEqual(printed, [w.data.text, w.grad.text]);
    assert.equal(await p.page.locator(".node.selected text.l0").first().textContent(), "w");
    await done(p);
  });

  it("the extension can select a tensor; clicking a graph node selects its tensor", async () => {
    const p = await open();
    const snap = await showSnapshot(p, "small");
    const z = snap.tensors.find((t) => t.names[0] === "z");
    assert.ok(z);
    await p.post({ type: "selectTensor", tensorId: z.id });
    await p.page.locator(".tensor-row.selected .var-name", { hasText: /^z$/ }).waitFor();
    assert.equal(await p.page.locator(".tensor-title").textContent(), "z");
    assert.equal(await p.page.locator(".node.selected text.l0").first().textContent(), "AddBackward0");
    // Host selections are not echoed back.
    assert.equal(ofType(await p.posted(), "selectTensor").length, 0);
    await p.page.locator(".node-output").click();
    const loss = snap.tensors.find((t) => t.names[0] === "loss");
    assert.deepEqual(ofType(await p.posted(), "selectTensor").at(-1), { type: "selectTensor", tensorId: loss?.id });
    assert.equal(await p.page.locator(".tensor-title").textContent(), "loss");
    await done(p);
  });

  it("grad_fn tab lists saved tensors and next_functions", async () => {
    const p = await open();
    const snap = await showSnapshot(p, "small");
    const loss = snap.tensors.find((t) => t.names[0] === "loss");
    assert.ok(loss);
    await p.post({ type: "selectTensor", tensorId: loss.id });
    await p.page.locator("vscode-tab-header", { hasText: "grad_fn" }).click();
    await p.page.locator(".gradfn-tab").waitFor();
    assert.equal(await p.page.locator(".node-title").textContent(), "BinaryCrossEntropyWithLogitsBackward0");
    const saved = await p.page.locator(".saved-table tbody tr td:first-child").allTextContents();
    assert.deepEqual(saved, ["_saved_self = z", "_saved_target = y"]);
    assert.deepEqual(await p.page.locator(".next-list").first().locator("li").allTextContents(), ["[0] AddBackward0 → z"]);
    // Saved tensors of the selected node are drawn beside it in the graph, on demand.
    assert.deepEqual(await p.page.locator(".saved-overlay .node-saved text.l0").allTextContents(), ["self", "target"]);
    await done(p);
  });

  it("filters by name and sorts by column", async () => {
    const p = await open();
    await showSnapshot(p, "small");
    await p.page.locator("vscode-textfield.list-filter input").fill("o");
    await until(async () => (await p.page.locator(".tensor-row").count()) === 1);
    assert.deepEqual(await p.page.locator(".tensor-row .var-name").allTextContents(), ["loss"]);
    await p.page.locator("vscode-textfield.list-filter input").fill("");
    await p.page.locator(".sort-button", { hasText: "shape" }).click();
    assert.deepEqual(await p.page.locator(".tensor-row .var-name").allTextContents(), ["loss", "y", "b", "z", "x", "w"]);
    await p.page.locator(".sort-button", { hasText: "name" }).click();
    assert.deepEqual(await p.page.locator(".tensor-row .var-name").allTextContents(), ["b", "loss", "w", "x", "y", "z"]);
    await done(p);
  });

  it("arrow keys move the selection in the list", async () => {
    const p = await open();
    await showSnapshot(p, "small");
    await p.page.locator(".tensor-row .var-name", { hasText: /^x$/ }).click();
    await p.page.keyboard.press("ArrowDown");
    await p.page.keyboard.press("ArrowDown");
    assert.equal(await p.page.locator(".tensor-title").textContent(), "w");
    assert.equal(await p.page.evaluate("document.activeElement?.querySelector('.var-name')?.textContent"), "w");
    await done(p);
  });

  it("restores selection, filter and zoom after a reload", async () => {
    const p = await open();
    const snap = await showSnapshot(p, "small");
    await p.page.locator(".tensor-row .var-name", { hasText: /^b$/ }).click();
    await p.page.locator("vscode-button[aria-label='Zoom in']").click();
    const before = await p.page.locator(".world").getAttribute("transform");
    await p.page.reload();
    await until(async () => ofType(await p.posted(), "ready").length > 0);
    await p.post({ type: "state", state: { kind: "result", snapshot: snap, stale: false } });
    await p.page.waitForSelector(".graph-pane[data-state='ready']");
    assert.equal(await p.page.locator(".tensor-title").textContent(), "b");
    assert.equal(await p.page.locator(".world").getAttribute("transform"), before);
    await done(p);
  });

  it("exports the graph as SVG and PNG", async () => {
    const p = await open();
    await showSnapshot(p, "small");
    await p.page.locator("vscode-button[aria-label='Export graph as SVG']").click();
    await p.page.locator("vscode-button[aria-label='Export graph as PNG']").click();
    await until(async () => ofType(await p.posted(), "exportImage").length === 2);
    const [svg, png] = ofType(await p.posted(), "exportImage");
    assert.equal(svg.format, "svg");
    assert.match(svg.data, /^<svg[^>]+xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    assert.ok(svg.data.includes(">AddBackward0<"));
    assert.ok(!svg.data.includes("var(--"), "theme colours resolved");
    assert.equal(png.format, "png");
    assert.deepEqual([...Buffer.from(png.data, "base64").subarray(0, 8)], [137, 80, 78, 71, 13, 10, 26, 10]);
    await done(p);
  });
});

describe("escaping", () => {
  it("shows hostile names, console text and errors as text, never as markup", async () => {
    const p = await open();
    await showSnapshot(p, "xss");
    const evil = "<img src=x onerror=alert(1)>";
    await p.page.locator(".var-name", { hasText: evil }).first().waitFor();
    await p.page.locator(".var-name", { hasText: evil }).first().click();
    assert.equal(await p.page.locator(".tensor-title").textContent(), evil);
    assert.ok((await p.page.locator(".banner.error").textContent())?.includes("<img src=y onerror=alert(3)> & \"quotes\""));
    assert.ok((await p.page.locator(".console-text").textContent())?.includes("<script>alert(5)</script>"));
    assert.ok((await p.page.locator(".node-leaf text.l0").textContent())?.includes(evil));
    const injected = await p.page.evaluate(`({
      img: document.querySelectorAll("img").length,
      script: document.querySelectorAll("script").length,
      bold: document.querySelectorAll("b").length,
      svgEl: document.querySelectorAll("#app svg svg").length,
      dialogs: window.__giDialogs.length,
    })`);
    assert.deepEqual(injected, { img: 0, script: 1, bold: 0, svgEl: 0, dialogs: 0 });
    await done(p);
  });
});

describe("large tensors page on demand", () => {
  it("requests pages for the table and charts, never the whole tensor", async () => {
    const p = await open();
    const snap = await showSnapshot(p, "big-tensor");
    const W = snap.tensors.find((t) => t.names[0] === "W");
    assert.ok(W && !W.data.complete);
    await p.page.locator(".tensor-row .var-name", { hasText: /^W$/ }).click();
    await p.clearPosted();
    await p.page.locator("vscode-tab-header", { hasText: "Table" }).click();
    await until(async () => ofType(await p.posted(), "requestPage").length > 0);
    const req = ofType(await p.posted(), "requestPage");
    assert.deepEqual(req.map((r) => r.request), [{ tensorId: W.id, which: "data", offset: 0, count: 64000 }]);
    const answer = async (r: TensorPageRequest): Promise<void> => {
      const values = Array.from({ length: r.count }, (_, k) => Math.fround((r.offset + k) / 1e6 - 0.5) * (r.which === "grad" ? 2 : 1));
      await p.post({ type: "tensorPage", page: { ...r, shape: W.shape, values } });
    };
    await answer(req[0].request);
    await p.page.locator(".value-table").waitFor();
    // Row 1, column 2 is element 1002.
    const cell = await p.page.locator(".value-table tbody tr").nth(1).locator("td").nth(2).textContent();
    assert.equal(cell, (Math.fround(1002 / 1e6 - 0.5)).toFixed(4));
    assert.equal(await p.page.locator(".value-table thead th").count(), 41);
    await p.clearPosted();
    await p.page.locator("vscode-button[aria-label='Next rows']").click();
    const next = ofType(await p.posted(), "requestPage").map((r) => r.request);
    assert.deepEqual(next, [{ tensorId: W.id, which: "data", offset: 64000, count: 64000 }]);
    await answer(next[0]);
    await p.page.locator(".pager-label", { hasText: "rows 64–127 of 1000" }).waitFor();
    // Charts: data and grad heatmaps of the same rows, side by side.
    await p.clearPosted();
    await p.page.locator("vscode-tab-header", { hasText: "Charts" }).click();
    await until(async () => ofType(await p.posted(), "requestPage").length > 0);
    const chartReq = ofType(await p.posted(), "requestPage").map((r) => r.request);
    assert.deepEqual(chartReq, [{ tensorId: W.id, which: "grad", offset: 64000, count: 64000 }]);
    await answer(chartReq[0]);
    await p.page.locator(".heatmap-canvas").nth(1).waitFor();
    assert.equal(await p.page.locator(".heatmap-canvas").count(), 2);
    await p.page.screenshot({ path: join(SCREENSHOTS, "big-tensor-charts-dark.png") });
    await done(p);
  });
});

describe("ResNet-18 graph", () => {
  it("folds modules by default and unfolds one on click", async () => {
    const p = await open();
    const snap = await showSnapshot(p, "resnet18");
    const boxes = await p.page.locator(".node").count();
    assert.ok(snap.graph.nodes.length > 120 && boxes < 100, `${boxes} boxes for ${snap.graph.nodes.length} nodes`);
    const groups = await p.page.locator(".node-group text.l0").allTextContents();
    assert.ok(groups.includes("layer1.0.conv1") && groups.includes("layer4.1.bn2"), groups.join(","));
    await p.page.locator(".node-group", { hasText: "layer1.0.bn1" }).click();
    await until(async () => (await p.page.locator(".node").count()) === boxes + 2);
    assert.equal(await p.page.locator(".frame", { hasText: "layer1.0.bn1" }).count(), 1);
    assert.ok((await p.page.locator(".node-fn text.l0").allTextContents()).includes("NativeBatchNormBackward0"));
    await done(p);
  });

  it("search finds nodes and the list holds parameters by module path", async () => {
    const p = await open();
    await showSnapshot(p, "resnet18");
    const withText = await p.page.locator(".node", { hasText: "downsample" }).count();
    assert.ok(withText >= 3, `${withText} downsample boxes`);
    await p.page.locator("vscode-textfield.graph-search input").fill("downsample");
    await p.page.locator(".match-label", { hasText: `${withText} matches` }).waitFor();
    assert.equal(await p.page.locator(".node.match").count(), withText);
    await p.page.locator("vscode-textfield.graph-search input").press("Enter");
    await p.page.locator(".match-label", { hasText: `1/${withText} matches` }).waitFor();
    assert.equal(await p.page.locator(".node.match.selected").count(), 1);
    await p.page.locator("vscode-textfield.list-filter input").fill("fc.");
    await until(async () => (await p.page.locator(".tensor-row").count()) === 2);
    assert.deepEqual(await p.page.locator(".tensor-row .var-name").allTextContents(), ["fc.weight", "fc.bias"]);
    await done(p);
  });
});

describe("screenshots", () => {
  for (const theme of ["dark-modern", "light-modern"] as const) {
    const tag = theme.startsWith("dark") ? "dark" : "light";
    it(`small example, ${tag}`, async () => {
      const p = await open(theme);
      const snap = await showSnapshot(p, "small");
      const w = snap.tensors.find((t) => t.names[0] === "w");
      await p.post({ type: "selectTensor", tensorId: w?.id ?? 0 });
      await p.page.locator(".tensor-title", { hasText: "w" }).waitFor();
      await p.page.screenshot({ path: join(SCREENSHOTS, `small-${tag}.png`) });
      await p.page.locator("vscode-tab-header", { hasText: "Charts" }).click();
      await p.page.locator(".heatmap-canvas").nth(1).waitFor();
      await p.page.screenshot({ path: join(SCREENSHOTS, `small-charts-${tag}.png`) });
      await done(p);
    });
    it(`ResNet-18, ${tag}`, async () => {
      const p = await open(theme);
      const snap = await showSnapshot(p, "resnet18");
      const pred = snap.tensors.find((t) => t.names[0] === "prediction");
      await p.post({ type: "selectTensor", tensorId: pred?.id ?? 0 });
      await p.page.screenshot({ path: join(SCREENSHOTS, `resnet18-${tag}.png`) });
      await done(p);
    });
  }
  it("5,000-node graph renders", async () => {
    const p = await open();
    const snap = await showSnapshot(p, "synthetic-5000");
    // Only the boxes in view are in the DOM; fitting the whole graph brings in every box.
    const inView = await p.page.locator(".node").count();
    assert.ok(inView > 10 && inView < snap.graph.nodes.length, `${inView} boxes in view`);
    await p.page.locator("vscode-button[aria-label='Fit graph to view']").click();
    await until(async () => (await p.page.locator(".node").count()) === snap.graph.nodes.length);
    await p.page.screenshot({ path: join(SCREENSHOTS, "synthetic-5000-dark.png") });
    await done(p);
  });
});

