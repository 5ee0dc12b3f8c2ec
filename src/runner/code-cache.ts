// Loads a CommonJS bundle through a V8 code cache. For out/transpiler.js (the TypeScript compiler,
// ~10 MB) compiling the source is most of its load time: measured here, load + first transpile
// ~600 ms without a cache, ~190 ms with one. The cache is made by this machine's V8 on first use,
// not shipped: V8 rejects caches from another V8 version (VS Code's Electron is not the Node that
// builds the VSIX). It belongs in a per-user folder (the extension's global storage), never a shared
// one such as /tmp, because V8 trusts the cache it is given.
import { createHash } from "node:crypto";
import * as fs from "node:fs";
import { createRequire, wrap } from "node:module";
import * as path from "node:path";
import * as vm from "node:vm";

export interface CachedModule<T> {
  exports: T;
  /** V8 compiled it from the cache (false: no cache yet, or V8 rejected it). */
  fromCache: boolean;
  /**
   * Writes the code cache when there was none (or V8 rejected it). Call it after the module's
   * usual functions have run once, so that their compiled code is in the cache too; it takes
   * ~60 ms on the calling thread, once per bundle and V8 version.
   */
  saveCache(): void;
}

const CACHE_PREFIX = "code-cache-";

/**
 * One file per bundle content and V8 version: a new VS Code or a new extension makes a new one.
 * The content hash (~25 ms for the compiler) matters: V8 checks only the source's length, and
 * would run stale code from a cache made for another bundle of the same length.
 */
function cacheFileFor(file: string, source: Buffer, cacheDir: string): string {
  const hash = createHash("sha1").update(source).digest("hex").slice(0, 20);
  const key = `${path.basename(file, ".js")}-${hash}-v8-${process.versions.v8}`.replace(/[^\w.-]/g, "_");
  return path.join(cacheDir, `${CACHE_PREFIX}${key}.bin`);
}

function readCache(cacheFile: string): Buffer | undefined {
  try {
    return fs.readFileSync(cacheFile);
  } catch {
    return undefined; // first use, or the folder is gone: compile from source
  }
}

/** Evaluates `file` as `require` would (same wrapper and arguments), using and making a code cache. */
export function requireWithCodeCache<T>(file: string, cacheDir: string): CachedModule<T> {
  const source = fs.readFileSync(file);
  const cacheFile = cacheFileFor(file, source, cacheDir);
  const cachedData = readCache(cacheFile);
  const script = new vm.Script(wrap(source.toString("utf8")), { filename: file, cachedData });
  const module = { exports: {} as T };
  const run = script.runInThisContext() as (exports: T, require: NodeJS.Require, module: { exports: T }, filename: string, dirname: string) => void;
  run.call(module.exports, module.exports, createRequire(file), module, file, path.dirname(file));
  const fromCache = cachedData !== undefined && script.cachedDataRejected === false;
  let needed = !fromCache;
  return {
    exports: module.exports,
    fromCache,
    saveCache() {
      if (!needed) return;
      needed = false;
      try {
        fs.mkdirSync(cacheDir, { recursive: true });
        const tmp = `${cacheFile}.${process.pid}.tmp`;
        fs.writeFileSync(tmp, script.createCachedData());
        fs.renameSync(tmp, cacheFile); // whole or absent: another window may read it meanwhile
        removeOtherCaches(cacheDir, path.basename(cacheFile));
      } catch {
        // A cache is an optimisation: a folder we cannot write only costs the next load time.
      }
    },
  };
}

/** Caches of older bundles or V8 versions are never read again. */
function removeOtherCaches(cacheDir: string, keep: string): void {
  for (const name of fs.readdirSync(cacheDir)) {
    if (name.startsWith(CACHE_PREFIX) && name.endsWith(".bin") && name !== keep) fs.rmSync(path.join(cacheDir, name), { force: true });
  }
}
