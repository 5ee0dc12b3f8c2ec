// Adds the TypeScript server plugin's package folder to a VSIX that `vsce package
// --no-dependencies` wrote: extension/node_modules/gradient-inspector-tsplugin/{package.json,index.js}.
//
// Why after the fact: tsserver loads a plugin only by package name from
// `<extension>/node_modules/<name>`, but vsce with --no-dependencies leaves every node_modules
// folder out of the package (its file glob ignores node_modules/**), whatever .vscodeignore says.
// The folder holds two tiny files that forward to out/tsplugin.js. yazl/yauzl are the zip
// libraries vsce itself uses.
//   node src/tsplugin/pack-vsix.mjs dist/gradient-inspector.vsix   (after vsce)
//   node src/tsplugin/pack-vsix.mjs --prepare                      (before vsce: creates dist/)
import { createRequire } from "node:module";
import { createWriteStream, mkdirSync, renameSync } from "node:fs";
import * as path from "node:path";
import { fileURLToPath } from "node:url";
import { PLUGIN_NAME, pluginPackageFiles } from "./build-types.mjs";

const require = createRequire(path.join(path.dirname(fileURLToPath(import.meta.url)), "../../node_modules/@vscode/vsce/package.json"));
const yauzl = require("yauzl");
const yazl = require("yazl");

export async function addPluginToVsix(vsixPath) {
  const prefix = `extension/node_modules/${PLUGIN_NAME}/`;
  const tmp = `${vsixPath}.tmp`;
  const out = new yazl.ZipFile();
  const done = new Promise((resolve, reject) => {
    out.outputStream.pipe(createWriteStream(tmp)).on("close", resolve).on("error", reject);
  });
  const zip = await new Promise((resolve, reject) => yauzl.open(vsixPath, { lazyEntries: true }, (e, z) => (e ? reject(e) : resolve(z))));
  let copied = 0;
  await new Promise((resolve, reject) => {
    zip.on("error", reject);
    zip.on("end", resolve);
    zip.on("entry", (entry) => {
      if (entry.fileName.startsWith(prefix) || entry.fileName.endsWith("/")) {
        zip.readEntry(); // an earlier copy of our folder is replaced below
        return;
      }
      zip.openReadStream(entry, (e, stream) => {
        if (e) return reject(e);
        const chunks = [];
        stream.on("data", (c) => chunks.push(c));
        stream.on("error", reject);
        stream.on("end", () => {
          out.addBuffer(Buffer.concat(chunks), entry.fileName, { mtime: entry.getLastModDate(), compress: true });
          copied++;
          zip.readEntry();
        });
      });
    });
    zip.readEntry();
  });
  zip.close();
  for (const [name, text] of Object.entries(pluginPackageFiles())) out.addBuffer(Buffer.from(text, "utf8"), prefix + name, { compress: true });
  out.end();
  await done;
  renameSync(tmp, vsixPath);
  return { copied, added: Object.keys(pluginPackageFiles()).map((n) => prefix + n) };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url) && process.argv[2] === "--prepare") {
  // vsce does not create the output folder.
  mkdirSync("dist", { recursive: true });
} else if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const target = process.argv[2] ?? "dist/gradient-inspector.vsix";
  const r = await addPluginToVsix(target);
  console.log(`${target}: ${r.copied} files kept, added ${r.added.join(", ")}`);
}
