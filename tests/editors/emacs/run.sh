#!/usr/bin/env bash
# Emacs + Eglot end-to-end: `emacs --batch -Q -l test.el` on a copy of
# fixtures/nonbmp.txt, with editors/emacs/copydesk-eglot.el loaded; after the
# quick fix and save the file must equal fixtures/nonbmp.fixed.txt.
set -uo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../../.." && pwd)"
bin="${COPYDESK_BIN:-${CARGO_TARGET_DIR:-$root/target}/debug/copydesk}"
[ -x "$bin" ] || { echo "no copydesk binary at $bin (cargo build)"; exit 1; }
command -v emacs >/dev/null || { echo "emacs missing (tests/editors/install.sh)"; exit 1; }
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cp "$root/tests/editors/fixtures/nonbmp.txt" "$work/article.txt"
echo "-- $(emacs --version | head -1), eglot $(dpkg-query -W -f '${Version}' elpa-eglot 2>/dev/null || echo '?')"
# Eglot's own chatter goes to stderr; keep it apart from the test's lines.
(cd "$work" && COPYDESK_BIN="$bin" COPYDESK_EL="$root/editors/emacs/copydesk-eglot.el" \
  FILE="$work/article.txt" EXPECTED="$root/tests/editors/fixtures/nonbmp.fixed.txt" \
  timeout 120 emacs --batch -Q -l "$here/test.el" </dev/null 2>"$work/stderr")
status=$?
if [ $status -ne 0 ]; then
  sed 's/^/   emacs: /' "$work/stderr"
  exit 1
fi
cmp -s "$work/article.txt" "$root/tests/editors/fixtures/nonbmp.fixed.txt"
