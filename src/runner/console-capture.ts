// Captures everything the program (and the engine) writes, in the order it was written, as lines.
// A real `console.Console` does the formatting, so `console.log("x", t)` behaves exactly like
// Node's: util.format semantics, `%s`/`%d`/`%o`, groups, `console.table`, and `util.inspect.custom`
// (which is how a tensor prints PyTorch's text).
import { Console } from "node:console";
import { EventEmitter } from "node:events";
import type { ConsoleLine } from "../protocol";

type Stream = ConsoleLine["stream"];

/** The minimal writable stream Console needs; collects text into whole lines. */
class LineSink extends EventEmitter {
  private partial = "";

  constructor(private readonly stream: Stream, private readonly emitLines: (lines: ConsoleLine[], unterminated: boolean) => void) {
    super();
  }

  write(chunk: unknown, encoding?: unknown, cb?: unknown): boolean {
    const text = typeof chunk === "string" ? chunk
      : chunk instanceof Uint8Array ? Buffer.from(chunk).toString(typeof encoding === "string" ? encoding as BufferEncoding : "utf8")
      : String(chunk);
    const parts = (this.partial + text).split("\n");
    this.partial = parts.pop() ?? "";
    if (parts.length > 0) this.emitLines(parts.map((t) => ({ stream: this.stream, text: t })), false);
    const done = typeof encoding === "function" ? encoding : cb;
    if (typeof done === "function") (done as () => void)();
    return true;
  }

  /** Ends a last line written without a newline. */
  flush(): void {
    if (this.partial === "") return;
    const text = this.partial;
    this.partial = "";
    this.emitLines([{ stream: this.stream, text }], true);
  }
}

export interface Capture {
  console: Console;
  stdout: LineSink;
  stderr: LineSink;
  flush(): void;
}

export function createCapture(emitLines: (lines: ConsoleLine[], unterminated: boolean) => void): Capture {
  const stdout = new LineSink("stdout", emitLines);
  const stderr = new LineSink("stderr", emitLines);
  const console = new Console({ stdout: stdout as unknown as NodeJS.WritableStream, stderr: stderr as unknown as NodeJS.WritableStream, colorMode: false });
  return {
    console,
    stdout,
    stderr,
    flush: () => {
      stdout.flush();
      stderr.flush();
    },
  };
}
