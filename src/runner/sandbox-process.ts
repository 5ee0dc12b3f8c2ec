// The host's handle on one run process (sandbox.ts): starts it, sends it messages, and reports its
// messages and its end. A crash of the process (V8 aborts on some out-of-memory cases, whatever the
// thread) ends here as an "exit" event with the process's own last words, never in the host.
import { fork, type ChildProcess } from "node:child_process";
import { EventEmitter } from "node:events";
import type { FromSandbox, ToSandbox } from "./messages";

/** The last bytes of the process's own stderr are kept to explain a crash (V8 prints its reason there). */
const CRASH_LOG_BYTES = 4096;

export interface SandboxEvents {
  message: [FromSandbox];
  /** The process ended; `crashLog` is what it printed itself (empty for a normal end). */
  exit: [code: number | null, signal: NodeJS.Signals | null, crashLog: string];
}

export class SandboxProcess extends EventEmitter<SandboxEvents> {
  private readonly child: ChildProcess;
  private crashLog = "";
  private exited = false;

  constructor(sandboxPath: string, workerPath: string, memoryLimitMb: number) {
    super();
    this.child = fork(sandboxPath, [workerPath, String(memoryLimitMb)], {
      // Inside VS Code desktop process.execPath is Electron, which acts as Node with this variable.
      env: { ...process.env, ELECTRON_RUN_AS_NODE: "1" },
      execArgv: [],
      serialization: "advanced",
      stdio: ["ignore", "ignore", "pipe", "ipc"],
    });
    this.child.stderr?.on("data", (chunk: Buffer) => {
      this.crashLog = (this.crashLog + chunk.toString("utf8")).slice(-CRASH_LOG_BYTES);
    });
    this.child.on("message", (m: FromSandbox) => this.emit("message", m));
    // A process that cannot start (or a broken pipe) ends as an exit too.
    this.child.on("error", (e) => {
      this.crashLog += `\n${e.message}`;
      this.finish(null, null);
    });
    this.child.on("exit", (code, signal) => this.finish(code, signal));
  }

  private finish(code: number | null, signal: NodeJS.Signals | null): void {
    if (this.exited) return;
    this.exited = true;
    this.emit("exit", code, signal, this.crashLog.trim());
  }

  get alive(): boolean {
    return !this.exited;
  }

  post(m: ToSandbox): void {
    if (this.exited || !this.child.connected) return;
    this.child.send(m, (err) => {
      // The process died between our check and the write: its exit event tells the rest.
      if (err) this.crashLog += `\n${err.message}`;
    });
  }

  /** Whether this process keeps the host's event loop alive (a spare must not; a running run does). */
  ref(on: boolean): void {
    const handles = [this.child, this.child.channel, this.child.stderr].filter((h) => h !== null && h !== undefined) as { ref(): void; unref(): void }[];
    for (const h of handles) {
      if (on) h.ref();
      else h.unref();
    }
  }

  kill(): void {
    if (!this.exited) this.child.kill("SIGKILL");
  }
}

/**
 * What a crashed run process's own output says, in words for the user. V8 prints "Reached heap limit"
 * or "JavaScript heap out of memory" when the heap is full and "invalid size error" when one array
 * outgrows the largest JavaScript allows: both are the program asking for too much memory.
 */
export function crashMessage(crashLog: string, memoryLimitMb: number): { kind: string; message: string } {
  if (/heap out of memory|Reached heap limit|invalid (array|table)? ?size|Allocation failed/i.test(crashLog)) {
    return {
      kind: "OutOfMemoryError",
      message: `the program ran out of memory (the limit is ${memoryLimitMb} MB, and no single JavaScript array may outgrow about 1 GB) and was stopped`,
    };
  }
  const first = crashLog.split("\n").map((l) => l.replace(/^#\s*/, "").trim()).find((l) => l !== "" && !/^<---/.test(l));
  return { kind: "InternalError", message: `the program's process crashed${first ? `: ${first}` : ""}` };
}
