// The panel's HTML when the webview app's own `panelHtml` is not available: the same strict
// Content-Security-Policy (nothing remote, scripts and styles only by nonce or from the
// extension's own folders), loading the panel's bundle if it was built.

export interface PanelHtmlInput {
  /** `webview.cspSource`: the origin of the extension's resources inside the webview. */
  cspSource: string;
  nonce: string;
  /** Webview URIs of the panel's script and stylesheet (out/webview/main.js, main.css). */
  scriptUri: string;
  styleUri: string | null;
}

export function contentSecurityPolicy(cspSource: string, nonce: string): string {
  return [
    "default-src 'none'",
    `img-src ${cspSource} data: blob:`,
    `style-src ${cspSource} 'nonce-${nonce}'`,
    `font-src ${cspSource}`,
    `script-src 'nonce-${nonce}'`,
    `worker-src ${cspSource} blob:`,
    `connect-src ${cspSource}`,
  ].join("; ");
}

const escapeAttr = (s: string): string => s.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

export function fallbackPanelHtml(input: PanelHtmlInput): string {
  const { cspSource, nonce, scriptUri, styleUri } = input;
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${escapeAttr(contentSecurityPolicy(cspSource, nonce))}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>Gradient Inspector</title>
${styleUri ? `<link rel="stylesheet" nonce="${escapeAttr(nonce)}" href="${escapeAttr(styleUri)}">` : ""}
<style nonce="${escapeAttr(nonce)}">body { color: var(--vscode-foreground); background: var(--vscode-editor-background); font-family: var(--vscode-font-family); }</style>
</head>
<body>
<div id="app"><p>Gradient Inspector: run a TypeScript file with <b>Gradient Inspector: Run File</b> to see its tensors and autograd graph.</p></div>
<script nonce="${escapeAttr(nonce)}" src="${escapeAttr(scriptUri)}"></script>
</body>
</html>`;
}
