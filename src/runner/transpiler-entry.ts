// Entry of out/transpiler.js: everything that needs the TypeScript compiler (transpile.ts,
// instrument.ts, float-literals.ts), bundled on its own. The compiler is ~9 MB of JavaScript;
// bundled into out/extension.js it made loading the extension take ~300 ms before anything ran.
// host.ts loads this file by path on the first run or on prewarm, and sees it only through
// `import type`, so neither the extension nor the CLI bundle contains `typescript`.
import { transpile } from "./transpile";

export { transpile };

/** What host.ts expects of this module (checked here, where the real module is). */
export interface TranspilerModule {
  transpile: typeof transpile;
}
