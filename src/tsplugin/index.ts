// The TypeScript server plugin (contributed by package.json's typescriptServerPlugins): makes
// `import * as torch from "torch"` and "torchvision" resolve, with full types, in the editor.
// tsserver hands us its own `typescript` module; we never load one (the plugin stays tiny).
import * as path from "node:path";
import type * as ts from "typescript";
import { patchModuleResolution } from "./resolve";

interface PluginConfig {
  /** Folder holding engine/index.d.ts and engine/torchvision.d.ts (default: out/types next to this bundle). */
  typesRoot?: string;
}

/** The plugin factory tsserver calls (node_modules/gradient-inspector-tsplugin/index.js exports it). */
export function init(modules: { typescript: typeof ts }): ts.server.PluginModule {
  const tsm = modules.typescript;
  return {
    create(info: ts.server.PluginCreateInfo): ts.LanguageService {
      const config = (info.config ?? {}) as PluginConfig;
      const typesRoot = typeof config.typesRoot === "string" ? config.typesRoot : path.join(__dirname, "types");
      patchModuleResolution(tsm, info.languageServiceHost, typesRoot);
      info.project?.projectService?.logger?.info(`gradient-inspector-tsplugin: "torch" and "torchvision" resolve to ${typesRoot}`);
      return info.languageService;
    },
  };
}
