#!/usr/bin/env bash
# Installs code-server 4.100.3 (VS Code 1.100.3, runs on Node 20) from the npm registry into a cache
# folder outside the checkout, for the real-editor tests in test/e2e/.
#
# Why by hand and not `npm install -g code-server`: its inner @vscode/ripgrep downloads a binary from
# the internet, which these machines cannot reach. So we install with --ignore-scripts, link Debian's
# ripgrep, rebuild the native modules ourselves and replay what code-server's postinstall.sh does.
# See ../shared/VSCODE-E2E.md for the facts this follows.
#
# Idempotent: a marker file written as the very last step says the install is complete; when it is
# there we stop at once. A half-finished install (no marker) is wiped and redone from scratch.
#
# Needs (Debian): chromium ripgrep libkrb5-dev libx11-dev libxkbfile-dev libsecret-1-dev pkg-config,
# plus python3, make, g++ and Node 20 with its headers. .ci/run installs the Debian packages first.
#
# Env: GI_CACHE_DIR (default ~/.cache/gradient-inspector) chooses the cache folder.
set -euo pipefail

VERSION="4.100.3"
CACHE_DIR="${GI_CACHE_DIR:-$HOME/.cache/gradient-inspector}"
DIR="$CACHE_DIR/code-server-$VERSION"
MARKER="$DIR/.gi-install-complete"
CS="$DIR/node_modules/code-server"

say() { printf '[install-code-server] %s\n' "$*"; }
die() { printf '[install-code-server] ERROR: %s\n' "$*" >&2; exit 1; }
step() { say "$*"; STEP="$*"; }
STEP="start"
trap 'rc=$?; if [ $rc -ne 0 ]; then printf "[install-code-server] FAILED during: %s (exit %s). The partial install in %s will be redone on the next run.\n" "$STEP" "$rc" "$DIR" >&2; fi' EXIT

if [ -f "$MARKER" ] && [ -f "$CS/out/node/entry.js" ]; then
  say "code-server $VERSION already installed in $DIR (marker $MARKER); nothing to do."
  exit 0
fi

START=$(date +%s)
say "installing code-server $VERSION into $DIR"

# --- prerequisites: fail early with a message that says what is missing ---
step "checking prerequisites"
node_major="$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo none)"
[ "$node_major" = "20" ] || die "code-server $VERSION needs Node 20; found: $node_major"
command -v npm >/dev/null || die "npm not found"
RG="$(command -v rg || true)"
[ -n "$RG" ] || die "ripgrep (rg) not found: apt-get install ripgrep"
for tool in pkg-config make g++ python3; do
  command -v "$tool" >/dev/null || die "$tool not found (apt-get install pkg-config build-essential python3)"
done
for lib in krb5-gssapi x11 xkbfile libsecret-1; do
  pkg-config --exists "$lib" || die "pkg-config cannot find $lib: apt-get install libkrb5-dev libx11-dev libxkbfile-dev libsecret-1-dev"
done
# node-gyp would download Node's headers from the internet unless told where the local ones are.
if [ -z "${npm_config_nodedir:-}" ] && [ -z "$(npm config get nodedir 2>/dev/null | grep -v '^undefined$' || true)" ]; then
  node_prefix="$(dirname "$(dirname "$(command -v node)")")"
  if [ -f "$node_prefix/include/node/node.h" ]; then
    export npm_config_nodedir="$node_prefix"
    say "building native modules against Node headers in $node_prefix/include/node"
  else
    say "warning: no local Node headers found; node-gyp may try to download them"
  fi
fi

# npm refuses code-server's scripts as root without this; harmless otherwise.
export npm_config_unsafe_perm=true
export npm_config_yes=true
export npm_config_audit=false
export npm_config_fund=false
export npm_config_update_notifier=false

if [ -d "$DIR" ]; then
  say "removing an unfinished install in $DIR"
  rm -rf "$DIR"
fi
mkdir -p "$DIR"
cd "$DIR"
printf '{ "name": "gi-code-server-cache", "private": true }\n' > package.json

step "npm install code-server@$VERSION --ignore-scripts (JavaScript only, no downloads of binaries)"
npm install --omit=dev --ignore-scripts --no-save "code-server@$VERSION"
[ -f "$CS/out/node/entry.js" ] || die "code-server package did not install ($CS/out/node/entry.js missing)"

step "installing VS Code's own dependencies in lib/vscode (--ignore-scripts)"
cd "$CS/lib/vscode"
npm install --omit=dev --ignore-scripts

step "linking Debian's ripgrep ($RG) where VS Code looks for it"
mkdir -p node_modules/@vscode/ripgrep/bin
ln -sf "$RG" node_modules/@vscode/ripgrep/bin/rg
node_modules/@vscode/ripgrep/bin/rg --version | head -1

step "building VS Code's native modules (node-pty, @parcel/watcher, @vscode/spdlog, kerberos, native-watchdog, @vscode/deviceid): takes minutes"
npm rebuild node-pty @parcel/watcher @vscode/spdlog kerberos native-watchdog @vscode/deviceid

step "replaying code-server's postinstall.sh: node_modules.asar and bin script links"
# postinstall.sh: symlink_asar; symlink_bin_script remote-cli code code-server; symlink_bin_script helpers browser browser .sh
rm -rf node_modules.asar && ln -s node_modules node_modules.asar
(cd bin/remote-cli && rm -rf code-server && ln -s code-linux.sh code-server)
(cd bin/helpers && rm -rf browser.sh && ln -s browser-linux.sh browser.sh)

step "installing the built-in extensions' shared dependencies (lib/vscode/extensions)"
(cd extensions && npm install --omit=dev)

step "building argon2 (code-server's password hashing) with node-pre-gyp --fallback-to-build"
ARGON2="$(cd "$CS" && node -p 'require("path").dirname(require.resolve("argon2/package.json"))')"
(cd "$ARGON2" && npx --no-install node-pre-gyp install --fallback-to-build)

step "checking that every native module loads"
cd "$CS/lib/vscode"
# VS Code's package is "type": "module", so check from a .cjs file with require().
cat > "$DIR/check-natives.cjs" <<'EOF'
// Written by install-code-server.sh: loads each native module the way VS Code's server will.
const path = require("path");
const base = process.argv[2];
const mods = ["node-pty", "@parcel/watcher", "@vscode/spdlog", "kerberos", "native-watchdog", "@vscode/deviceid"];
for (const m of mods) {
  require(require.resolve(m, { paths: [path.join(base, "lib/vscode")] }));
  console.log("  loads: " + m);
}
require(require.resolve("argon2", { paths: [base] }));
console.log("  loads: argon2");
EOF
node "$DIR/check-natives.cjs" "$CS"

step "checking that code-server starts (--version)"
"$CS/out/node/entry.js" --version 2>/dev/null || node "$CS/out/node/entry.js" --version

END=$(date +%s)
printf 'code-server %s installed %s in %ss\n' "$VERSION" "$(date -u +%Y-%m-%dT%H:%M:%SZ)" "$((END - START))" > "$MARKER"
STEP="done"
say "done in $((END - START)) s: $CS/out/node/entry.js"
