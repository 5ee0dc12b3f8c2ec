// The panel app: renders a PanelState (empty / running / result / error, with the stale
// banner), wires the list, details and graph together, keeps UI state across reloads, and
// talks to the extension only through the typed messages of src/protocol.ts.
import "@vscode-elements/elements/dist/vscode-button/index.js";
import "@vscode-elements/elements/dist/vscode-progress-ring/index.js";
import { assertNever, type FromWebview, type PanelState, type Snapshot, type ToWebview } from "../../src/protocol";
import { Details } from "./details";
import { h, replace } from "./dom";
import { tensorName } from "./format";
import { GraphView } from "./graph-view";
import { createLayoutRunner } from "./layout-client";
import { parseToWebview } from "./messages";
import { TensorList } from "./tensor-list";
import { restoreUiState, type UiState } from "./ui-state";
import { acquireApi, type VsCodeApi } from "./vscode-api";
import { plural } from "../../src/text";

const baseName = (file: string): string => decodeURIComponent(file.split(/[\\/]/).pop() ?? file);

export class App {
  private readonly api: VsCodeApi<UiState>;
  private ui: UiState;
  private state: PanelState = { kind: "empty" };
  private snap: Snapshot | null = null;
  private readonly top = h("div", { class: "top" });
  private readonly body = h("div", { class: "body" });
  private readonly list: TensorList;
  private readonly details: Details;
  private readonly graph: GraphView;
  private readonly consoleBox = h("details", { class: "console" });
  private readonly workspace: HTMLElement;
  private runTimer = 0;

  constructor(
    private readonly root: HTMLElement,
    workerUri: string | null,
  ) {
    this.api = acquireApi<UiState>();
    this.ui = restoreUiState(this.api.getState());
    this.list = new TensorList(
      {
        select: (id) => this.select(id, "user"),
        sortChanged: (sort, sortDesc) => this.save({ sort, sortDesc }),
        filterChanged: (filter) => this.save({ filter }),
      },
      this.ui.filter,
      this.ui.sort,
      this.ui.sortDesc,
    );
    this.details = new Details(
      {
        select: (id) => this.select(id, "user"),
        revealLine: (line) => this.post({ type: "revealLine", line }),
        requestPage: (request) => this.post({ type: "requestPage", request }),
        focusNode: (id) => this.graph.focusNode(id),
        tabChanged: (tab) => this.save({ detailsTab: tab }),
      },
      this.ui.detailsTab,
    );
    this.graph = new GraphView(createLayoutRunner(workerUri), {
      select: (id) => this.select(id, "user"),
      collapsedChanged: (collapsed) => this.save({ collapsed }),
      zoomChanged: (zoom) => this.save({ zoom: { ...zoom } }),
      showSavedChanged: (showSaved) => this.save({ showSaved }),
      searchChanged: (graphSearch) => this.save({ graphSearch }),
      exportImage: (format, data) => this.post({ type: "exportImage", format, data }),
    });
    this.workspace = h(
      "div",
      { class: "workspace" },
      h("div", { class: "side" }, this.list.root, this.consoleBox, this.details.root),
      this.graph.root,
    );
    replace(root, this.top, this.body);
    this.render();
  }

  start(): void {
    window.addEventListener("message", (ev: MessageEvent<unknown>) => {
      const msg = parseToWebview(ev.data);
      if (msg) this.onMessage(msg);
    });
    this.post({ type: "ready" });
  }

  post(msg: FromWebview): void {
    this.api.postMessage(msg);
  }

  save(patch: Partial<UiState>): void {
    this.ui = { ...this.ui, ...patch };
    this.api.setState(this.ui);
  }

  onMessage(msg: ToWebview): void {
    switch (msg.type) {
      case "state":
        this.setState(msg.state);
        break;
      case "selectTensor":
        this.select(msg.tensorId, "host");
        break;
      case "tensorPage":
        this.details.receivePage(msg.page);
        break;
      case "theme":
        document.body.dataset.theme = msg.kind;
        break;
      default:
        assertNever(msg);
    }
  }

  private setState(state: PanelState): void {
    this.state = state;
    if (state.kind === "result" || state.kind === "error") {
      const snap = state.snapshot;
      const key = `${snap.file}@${snap.startedAt}`;
      if (snap !== this.snap) {
        const receivedAt = performance.now();
        const sameRun = key === this.ui.runKey;
        this.snap = snap;
        if (!sameRun) this.save({ runKey: key, zoom: null });
        this.list.setSnapshot(snap);
        this.details.setSnapshot(snap);
        this.graph.setGraph(snap.graph, snap.tensors, sameRun ? this.ui.collapsed : null, this.ui.showSaved, sameRun ? this.ui.zoom : null, this.ui.graphSearch, receivedAt);
        if (!sameRun) this.save({ collapsed: null });
        this.renderConsole(snap);
        // Select again what was selected: by id after a reload, by name after a new run.
        const byId = sameRun && this.ui.selectedTensor !== null ? snap.tensors.find((t) => t.id === this.ui.selectedTensor) : undefined;
        const byName = this.ui.selectedName !== null ? snap.tensors.find((t) => tensorName(t) === this.ui.selectedName) : undefined;
        const pick = byId ?? byName;
        this.select(pick ? pick.id : null, "restore");
      }
    }
    this.render();
  }

  /** Selection from the list or graph ("user"), the extension ("host") or a restored state. */
  select(tensorId: number | null, from: "user" | "host" | "restore"): void {
    const t = tensorId === null ? undefined : this.snap?.tensors.find((x) => x.id === tensorId);
    const id = t ? t.id : null;
    this.save({ selectedTensor: id, selectedName: t ? tensorName(t) : this.ui.selectedName });
    this.list.select(id);
    this.details.show(id);
    this.graph.setSelected(id, from !== "restore");
    if (from === "user" && id !== null) {
      this.post({ type: "selectTensor", tensorId: id });
      const line = this.details.lineOf(id);
      if (line !== null) this.post({ type: "revealLine", line });
    }
  }

  private renderConsole(snap: Snapshot): void {
    const lines = snap.console;
    this.consoleBox.hidden = lines.length === 0;
    const pre = h("pre", { class: "console-text mono" });
    for (const l of lines) pre.append(h("span", { class: l.stream === "stderr" ? "stderr" : "stdout" }, l.text.endsWith("\n") ? l.text : l.text + "\n"));
    replace(this.consoleBox, h("summary", {}, `Console output (${lines.length} line${lines.length === 1 ? "" : "s"})`), pre);
  }

  private button(label: string, onClick: () => void, secondary = false, aria?: string): HTMLElement {
    const b = h("vscode-button", { secondary, "aria-label": aria ?? label }, label);
    b.addEventListener("click", onClick);
    return b;
  }

  private render(): void {
    window.clearInterval(this.runTimer);
    const st = this.state;
    document.body.dataset.state = st.kind;
    switch (st.kind) {
      case "empty":
        replace(this.top);
        replace(
          this.body,
          h("div", { class: "welcome", role: "region", "aria-label": "Getting started" },
            h("h1", {}, "Gradient Inspector"),
            h("p", {}, "Run a TypeScript file that imports \"torch\" to see every tensor's data, grad, grad_fn and requires_grad beside its autograd graph."),
            this.button("Run File", () => this.post({ type: "runFile" })),
            h("p", { class: "dim" }, "Or run “Gradient Inspector: Run File” from the Command Palette with the file open in the editor.")),
        );
        return;
      case "running": {
        const elapsed = h("span", { class: "elapsed mono" });
        const tick = (): void => void (elapsed.textContent = `${((Date.now() - st.startedAt) / 1000).toFixed(1)} s`);
        tick();
        this.runTimer = window.setInterval(tick, 100);
        const bar = h("div", { class: "run-bar", role: "status" },
          h("vscode-progress-ring", { class: "ring", "aria-label": "Running" }),
          h("span", {}, `Running ${baseName(st.file)}…`), elapsed, h("span", { class: "spacer" }),
          this.button("Stop", () => this.post({ type: "stop" }), false, "Stop the run"));
        replace(this.top, bar);
        // Keep the last result on screen, dimmed, while the new run is going.
        if (this.snap) {
          this.workspace.classList.add("dimmed");
          replace(this.body, this.workspace);
        } else replace(this.body, h("div", { class: "welcome" }, h("p", { class: "dim" }, "Collecting tensors and the autograd graph…")));
        return;
      }
      case "result":
      case "error": {
        this.workspace.classList.remove("dimmed");
        const snap = st.snapshot;
        const parts: HTMLElement[] = [this.summaryBar(snap)];
        if (st.stale) {
          parts.push(h("div", { class: "banner stale", role: "status" },
            h("span", {}, "The file has changed since this run: values may not match the code."),
            this.button("Run Again", () => this.post({ type: "runFile" }), true)));
        }
        if (snap.error || st.kind === "error") parts.push(this.errorBanner(snap));
        replace(this.top, ...parts);
        replace(this.body, this.workspace);
        return;
      }
      default:
        assertNever(st);
    }
  }

  private summaryBar(snap: Snapshot): HTMLElement {
    const status = snap.status === "ok" ? "ran" : snap.status === "error" ? "failed" : snap.status === "timeout" ? "timed out" : "stopped";
    return h("div", { class: "summary-bar" },
      h("span", { class: `status-dot ${snap.status}`, "aria-hidden": "true" }),
      h("span", { class: "file-name", title: snap.file }, baseName(snap.file)),
      h("span", { class: "dim" }, `${status} in ${snap.durationMs < 1000 ? `${Math.round(snap.durationMs)} ms` : `${(snap.durationMs / 1000).toFixed(2)} s`} · ${plural(snap.tensors.length, "tensor")} · ${plural(snap.graph.nodes.length, "graph node")}`),
      h("span", { class: "spacer" }),
      this.button("Run Again", () => this.post({ type: "runFile" }), true, "Run the file again"));
  }

  private errorBanner(snap: Snapshot): HTMLElement {
    const e = snap.error;
    const banner = h("div", { class: "banner error", role: "alert" });
    if (!e) {
      banner.append(h("span", {}, `The run ${snap.status === "timeout" ? "timed out" : "was stopped"}.`));
      return banner;
    }
    const msg = h("div", { class: "error-msg" }, h("strong", {}, `${e.kind}: `), h("span", { class: "mono" }, e.message));
    banner.append(msg);
    if (e.pos) {
      const line = e.pos.line;
      const link = h("button", { type: "button", class: "link-button", title: `Go to line ${line}` }, `line ${line}`);
      link.addEventListener("click", () => this.post({ type: "revealLine", line }));
      banner.append(link);
    }
    if (e.stack) banner.append(h("details", { class: "stack" }, h("summary", {}, "stack"), h("pre", { class: "mono" }, e.stack)));
    return banner;
  }
}

