// Headless runner: `node out/cli.js run FILE.ts [--time-limit ms] [--memory-limit mb]` runs a
// user's file exactly as the editor does and prints its console output as written;
// `node out/cli.js snapshot FILE.ts` prints the snapshot JSON instead.
// Exit codes: 0 ok, 1 the program failed, 124 time limit, 2 usage.
import * as fs from "node:fs";
import type { Snapshot } from "./protocol";
import { createRunner } from "./runner/host";

const USAGE = `usage: gradient-inspector run FILE.ts [--time-limit MS] [--memory-limit MB]
       gradient-inspector snapshot FILE.ts [--time-limit MS] [--memory-limit MB] [--preview N]`;

interface Args {
  command: "run" | "snapshot";
  file: string;
  timeLimitMs: number;
  memoryLimitMb: number;
  previewElements: number;
}

function parseArgs(argv: string[]): Args | string {
  const [command, ...rest] = argv;
  if (command !== "run" && command !== "snapshot") return USAGE;
  let file: string | undefined;
  const args: Args = { command, file: "", timeLimitMs: 0, memoryLimitMb: 4096, previewElements: 100 };
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i];
    const num = (): number => {
      const v = Number(rest[++i]);
      if (!Number.isFinite(v) || v < 0) throw new Error(`${a} needs a non-negative number`);
      return v;
    };
    if (a === "--time-limit") args.timeLimitMs = num();
    else if (a === "--memory-limit") args.memoryLimitMb = num();
    else if (a === "--preview") args.previewElements = num();
    else if (a.startsWith("--")) return `unknown option ${a}\n${USAGE}`;
    else if (file === undefined) file = a;
    else return USAGE;
  }
  if (file === undefined) return USAGE;
  args.file = file;
  return args;
}

function report(s: Snapshot): number {
  const e = s.error;
  if (s.status === "ok" || !e) return 0;
  const where = e.pos ? `${s.file}:${e.pos.line}:${e.pos.column + 1}\n` : "";
  const frames = e.stack.split("\n").filter((l) => l.startsWith("    at "));
  process.stderr.write(`${where}${e.kind}: ${e.message}\n${frames.map((f) => f + "\n").join("")}`);
  return s.status === "timeout" ? 124 : 1;
}

async function main(): Promise<number> {
  let args: Args | string;
  try {
    args = parseArgs(process.argv.slice(2));
  } catch (e) {
    args = `${(e as Error).message}\n${USAGE}`;
  }
  if (typeof args === "string") {
    process.stderr.write(args + "\n");
    return 2;
  }
  let source: string;
  try {
    source = fs.readFileSync(args.file, "utf8");
  } catch (e) {
    process.stderr.write(`cannot read ${args.file}: ${(e as Error).message}\n`);
    return 2;
  }
  const runner = createRunner({ keepSpareWorker: false });
  const snapshotMode = args.command === "snapshot";
  const handle = runner.startRun(source, {
    fileName: args.file,
    documentVersion: 0,
    timeLimitMs: args.timeLimitMs,
    memoryLimitMb: args.memoryLimitMb,
    previewElements: args.previewElements,
    record: snapshotMode,
    onOutput: snapshotMode ? undefined : (stream, text) => (stream === "stdout" ? process.stdout : process.stderr).write(text),
  });
  const snap = await handle.result;
  handle.dispose();
  if (snapshotMode) {
    process.stdout.write(JSON.stringify(snap, null, 1) + "\n");
    return 0;
  }
  return report(snap);
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    process.stderr.write(`internal error: ${String((e as Error).stack ?? e)}\n`);
    process.exitCode = 70;
  },
);
