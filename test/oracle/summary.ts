// Prints per-family pass counts and the failing cases with their first difference:
//   npx tsc -p . && node build/test/oracle/summary.js [family...] [--all]
// (the same replay as ops.test.ts, in one readable table for whoever fixes the engine).
import { loadFixtures } from "./fixtures";
import { replay } from "./spec";

const args = process.argv.slice(2);
const only = new Set(args.filter((a) => !a.startsWith("--")));
const showAll = args.includes("--all");
let pass = 0;
let total = 0;
const lines: string[] = [];
for (const fixture of loadFixtures()) {
  if (only.size > 0 && !only.has(fixture.family)) continue;
  const failures: string[] = [];
  for (const c of fixture.cases) {
    try {
      replay(c);
    } catch (e) {
      failures.push(`  ${c.id}: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
  const ok = fixture.cases.length - failures.length;
  pass += ok;
  total += fixture.cases.length;
  lines.push(`${fixture.family.padEnd(13)} ${String(ok).padStart(4)} / ${String(fixture.cases.length).padEnd(4)} pass`);
  if (failures.length > 0) lines.push(...(showAll ? failures : failures.slice(0, 400)).map((f) => f.slice(0, 600)));
}
lines.push(`${"total".padEnd(13)} ${String(pass).padStart(4)} / ${total} pass`);
process.stdout.write(lines.join("\n") + "\n");
