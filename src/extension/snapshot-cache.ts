// Keeps each file's last snapshot on disk (the extension's workspace storage), so that after a
// window reload the panel, hovers and inline values show the last run again without re-running
// anything (which matters in Restricted Mode too). Written after every run, read on demand.
import { createHash } from "node:crypto";
import * as vscode from "vscode";
import type { Snapshot } from "../protocol";

/** Snapshots larger than this are not kept (a reload then shows "run the file" instead). */
const MAX_BYTES = 32 * 1024 * 1024;

export class SnapshotCache {
  constructor(private readonly root: vscode.Uri) {}

  private uriFor(file: string): vscode.Uri {
    return vscode.Uri.joinPath(this.root, "snapshots", `${createHash("sha1").update(file).digest("hex")}.json`);
  }

  async save(file: string, snapshot: Snapshot): Promise<void> {
    try {
      const json = JSON.stringify({ file, snapshot });
      if (json.length > MAX_BYTES) {
        await this.remove(file);
        return;
      }
      await vscode.workspace.fs.createDirectory(vscode.Uri.joinPath(this.root, "snapshots"));
      await vscode.workspace.fs.writeFile(this.uriFor(file), Buffer.from(json, "utf8"));
    } catch {
      // Storage is a convenience: a failed write only means no restore after a reload.
    }
  }

  async load(file: string): Promise<Snapshot | null> {
    try {
      const bytes = await vscode.workspace.fs.readFile(this.uriFor(file));
      const parsed = JSON.parse(Buffer.from(bytes).toString("utf8")) as { file?: unknown; snapshot?: Snapshot };
      return parsed.file === file && parsed.snapshot && typeof parsed.snapshot.source === "string" ? parsed.snapshot : null;
    } catch {
      return null;
    }
  }

  private async remove(file: string): Promise<void> {
    try {
      await vscode.workspace.fs.delete(this.uriFor(file));
    } catch {
      // nothing stored
    }
  }
}
