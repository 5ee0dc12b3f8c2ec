// The panel's HTML with a strict Content-Security-Policy: scripts only with the nonce, styles
// only from the extension's resources (plus constructable stylesheets of the web components),
// the layout worker from a blob: URL, no remote anything. Free of `vscode` imports so the
// extension host and the Chromium tests both use it.

export interface PanelHtmlOptions {
  /** Webview URIs (asWebviewUri) of out/webview/main.js, main.css and layout-worker.js. */
  scriptUri: string;
  styleUri: string;
  workerUri: string;
  /** webview.cspSource */
  cspSource: string;
  /** Fresh random nonce per render (base64 or hex). */
  nonce: string;
}

const escapeAttr = (s: string): string => s.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

export function csp(o: Pick<PanelHtmlOptions, "cspSource" | "nonce">): string {
  const src = o.cspSource;
  return [
    "default-src 'none'",
    `img-src ${src} data: blob:`,
    `style-src ${src} 'nonce-${o.nonce}'`,
    `font-src ${src}`,
    `script-src 'nonce-${o.nonce}'`,
    `worker-src ${src} blob:`,
    `connect-src ${src}`,
  ].join("; ");
}

export function panelHtml(o: PanelHtmlOptions): string {
  if (!/^[A-Za-z0-9+/=_-]+$/.test(o.nonce)) throw new Error("nonce must be base64 or hex");
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${escapeAttr(csp(o))}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${escapeAttr(o.styleUri)}" nonce="${o.nonce}">
<title>Gradient Inspector</title>
</head>
<body data-worker-uri="${escapeAttr(o.workerUri)}">
<div id="app"></div>
<script nonce="${o.nonce}" src="${escapeAttr(o.scriptUri)}"></script>
</body>
</html>
`;
}
