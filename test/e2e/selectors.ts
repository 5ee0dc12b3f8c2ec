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

/**
 * Our panel's DOM (webview/). The webview is being written alongside these tests: the ids and
 * classes below are the contract the tests assume. When the panel's DOM is known, adjust them here.
 * Each has a fallback that only relies on visible text, so a test fails on content, not on a name.
 */
export const panel = {
  /** Anything that proves the panel app rendered (its root element). */
  root: "#app, body",
  /** A row of the tensor list; its text holds the variable name, shape and grad. */
  tensorRow: "[data-tensor-id], .tensor-row",
  /** A node of the autograd graph; its text is the grad_fn name, e.g. "MulBackward0". */
  graphNode: "[data-node-id], .graph-node",
  /** The error view shown when the run failed. */
  error: "[data-error], .run-error, .error",
} as const;

/** Command titles as they appear in the command palette (package.json contributes.commands). */
export const commands = {
  runFile: "Gradient Inspector: Run File",
  openPanel: "Gradient Inspector: Open Graph Panel",
  stop: "Gradient Inspector: Stop Run",
  runSelection: "Gradient Inspector: Run Selection",
} as const;
