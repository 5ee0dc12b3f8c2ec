// Module resolution for the two modules user files import, "torch" and "torchvision": they
// resolve to declaration files shipped inside the extension (out/types/, generated from the
// engine by build-types.mjs), so the editor gives full types and no "Cannot find module",
// without a single file added to the user's workspace. Every other import resolves as before.
import * as path from "node:path";
import type * as ts from "typescript";

type TS = typeof ts;

/** Declaration file of each module, relative to the types folder. */
export const TORCH_MODULES: Readonly<Record<string, string>> = {
  torch: "engine/index.d.ts",
  torchvision: "engine/torchvision.d.ts",
};

/** Our resolution of `specifier`, or undefined when it is not one of our modules. */
export function torchResolution(tsm: TS, specifier: string, typesRoot: string): ts.ResolvedModuleFull | undefined {
  const rel = Object.prototype.hasOwnProperty.call(TORCH_MODULES, specifier) ? TORCH_MODULES[specifier] : undefined;
  if (!rel) return undefined;
  return {
    resolvedFileName: path.join(typesRoot, rel).split(path.sep).join("/"),
    extension: tsm.Extension.Dts,
    // A library: type-checked for the user's file, never reported on or emitted.
    isExternalLibraryImport: true,
  };
}

function moduleHost(tsm: TS, host: ts.LanguageServiceHost): ts.ModuleResolutionHost {
  return {
    fileExists: (f) => (host.fileExists ? host.fileExists(f) : tsm.sys.fileExists(f)),
    readFile: (f) => (host.readFile ? host.readFile(f) : tsm.sys.readFile(f)),
    realpath: host.realpath ? (f) => host.realpath!(f) : undefined,
    directoryExists: host.directoryExists ? (d) => host.directoryExists!(d) : undefined,
    getCurrentDirectory: () => host.getCurrentDirectory(),
  };
}

/**
 * Wraps the language service host's module resolution: the host's own resolver (tsserver's
 * resolution cache, with its file watching) answers first, then "torch"/"torchvision" are
 * replaced by ours. Hosts that implement only the older `resolveModuleNames` are wrapped there.
 */
export function patchModuleResolution(tsm: TS, host: ts.LanguageServiceHost, typesRoot: string): void {
  const literals = host.resolveModuleNameLiterals?.bind(host);
  const names = host.resolveModuleNames?.bind(host);
  if (literals || !names) {
    host.resolveModuleNameLiterals = (moduleLiterals, containingFile, redirectedReference, options, containingSourceFile, reusedNames) => {
      const base = literals
        ? literals(moduleLiterals, containingFile, redirectedReference, options, containingSourceFile, reusedNames)
        : moduleLiterals.map((lit) => tsm.resolveModuleName(lit.text, containingFile, options, moduleHost(tsm, host), undefined, redirectedReference, tsm.getModeForUsageLocation(containingSourceFile, lit, options)));
      return moduleLiterals.map((lit, i) => {
        const ours = torchResolution(tsm, lit.text, typesRoot);
        return ours ? { resolvedModule: ours } : base[i];
      });
    };
  }
  if (names) {
    host.resolveModuleNames = (moduleNames, containingFile, reusedNames, redirectedReference, options, containingSourceFile) => {
      const base = names(moduleNames, containingFile, reusedNames, redirectedReference, options, containingSourceFile);
      return moduleNames.map((name, i) => torchResolution(tsm, name, typesRoot) ?? base[i]);
    };
  }
}
