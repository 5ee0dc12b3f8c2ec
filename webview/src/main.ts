// Entry of the panel's script (bundled to out/webview/main.js). The page built by html.ts
// passes the layout worker's URI on <body data-worker-uri>.
import "./main.css";
import { App } from "./app";

const root = document.getElementById("app") ?? document.body.appendChild(document.createElement("div"));
const app = new App(root, document.body.dataset.workerUri ?? null);
app.start();
