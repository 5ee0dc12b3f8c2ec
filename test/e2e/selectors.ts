// Every CSS selector the real-editor tests use, in one place, so that a change in VS Code's DOM or
// in our panel's DOM is fixed here and nowhere else.

/** VS Code 1.100 workbench (code-server 4.100.3). These are VS Code's own class names. */
export const workbench = {
  root: ".monaco-workbench",
  statusBar: ".part.statusbar",
  editorPart: ".part.editor",
  /** The palette / quick open widget and its text box. */
  quickInput: ".quick-input-widget",
  quickInputBox: ".quick-input-widget .quick-input-box input",
  quickInputRow: ".quick-input-widget .quick-input-list .monaco-list-row",
  quickInputFocusedRow: ".quick-input-widget .quick-input-list .monaco-list-row.focused",
  /** The editor that has keyboard focus, else the first visible one. */
  activeTab: ".part.editor .tabs-container .tab.active",
  textEditor: ".editor-instance .monaco-editor",
  viewLines: ".view-lines",
  viewLine: ".view-line",
  /** A visible hover widget (VS Code keeps hidden ones in the DOM). */
  hover: ".monaco-hover:not(.hidden)",
  hoverContents: ".monaco-hover:not(.hidden) .monaco-hover-content",
  /** Squiggles drawn for diagnostics. */
  squiggleError: ".squiggly-error",
  /** Problems panel rows (View: Focus Problems). */
  problemsRow: ".markers-panel .monaco-list-row",
  notificationToast: ".notification-toast",
  /** A webview's outer iframe; its document holds an inner iframe with id active-frame. */
  webviewOuterFrame: "iframe.webview.ready",
  webviewInnerFrameId: "active-frame",
} as const;

/** Our panel's DOM (webview/src: app.ts, tensor-list.ts, graph-view.ts, details.ts). */
export const panel = {
  /** The panel app's mount point. */
  root: "#app",
  /** Summary of a finished run: "ran in 12 ms · 9 tensors · 8 graph nodes", "failed in ...", "stopped in ...". */
  summaryBar: ".summary-bar",
  /** Shown while a run is in progress. */
  runningBar: ".run-bar",
  /** A row of the tensor list; `.var-name` holds the variable name, `.grad-fn` the grad_fn name. */
  tensorRow: "tr.tensor-row",
  tensorRowName: ".var-name",
  /** A node of the autograd graph (SVG); its text is the grad_fn name, e.g. "MulBackward0". */
  graphNode: ".graph-svg g.node",
  /** The details pane of the selected tensor; its `pre.printed` blocks hold data and grad as PyTorch prints them. */
  details: "section.details",
  printed: "section.details pre.printed",
  /** The banner shown when the run failed, timed out or was stopped. */
  errorBanner: ".banner.error",
} as const;

/** Command titles as they appear in the command palette (package.json contributes.commands). */
export const commands = {
  runFile: "Gradient Inspector: Run File",
  openPanel: "Gradient Inspector: Open Graph Panel",
  stop: "Gradient Inspector: Stop Run",
  runSelection: "Gradient Inspector: Run Selection",
} as const;
