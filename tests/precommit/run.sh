#!/usr/bin/env bash
# .pre-commit-hooks.yaml as pre-commit runs it: `pre-commit try-repo` of this
# repository in a scratch git repository, with an article that has a finding
# (copydesk-check fails, copydesk-fix rewrites it and fails, then passes) and
# a clean one (copydesk-check passes). Builds the binary first, in the debug
# profile that tests/run builds anyway (COPYDESK_PROFILE=release for the
# other), since the hooks are `language: system` and run the copydesk on
# PATH; installs
# pre-commit from PyPI into target/precommit-venv when it is not there.
# Exits nonzero on the first failure; prints how long it took.
set -euo pipefail
started=$SECONDS
repo="$(cd "$(dirname "$0")/../.." && pwd)"
target="${CARGO_TARGET_DIR:-$repo/target}"

profile="${COPYDESK_PROFILE:-debug}"
echo "== build copydesk ($profile)"
if [ "$profile" = release ]; then
    (cd "$repo" && cargo build --release --locked --bin copydesk)
else
    (cd "$repo" && cargo build --locked --bin copydesk)
fi

if command -v pre-commit >/dev/null 2>&1; then
    precommit=(pre-commit)
else
    echo "== install pre-commit into $target/precommit-venv"
    if [ ! -x "$target/precommit-venv/bin/pre-commit" ]; then
        python3 -m venv "$target/precommit-venv"
        "$target/precommit-venv/bin/pip" install --quiet --disable-pip-version-check pre-commit
    fi
    precommit=("$target/precommit-venv/bin/pre-commit")
fi
"${precommit[@]}" --version

scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT
mkdir -p "$scratch/bin" "$scratch/articles"
ln -s "$target/$profile/copydesk" "$scratch/bin/copydesk"
export PATH="$scratch/bin:$PATH"
export PRE_COMMIT_HOME="$scratch/pre-commit-home"
cd "$scratch/articles"
git init --quiet
git config user.email "desk@example.com"
git config user.name "copy desk"
git config commit.gpgsign false

fail() {
    echo "FAIL: $*" >&2
    exit 1
}

try_repo() {
    # try-repo takes the repository's HEAD (plus uncommitted changes).
    "${precommit[@]}" try-repo "$repo" "$@" --all-files --color never
}

printf '本报讯 今天天气很好，市民纷纷出门踏青。\n' >clean.txt
git add clean.txt
echo "== copydesk-check on a clean article: passes"
try_repo copydesk-check >"$scratch/out" 2>&1 || { cat "$scratch/out"; fail "copydesk-check failed on a clean article"; }
grep -q "copydesk check.*Passed" "$scratch/out" || { cat "$scratch/out"; fail "no Passed line"; }

printf '本报讯 会议指出,要做好春耕备耕工作。\n' >finding.txt
git add finding.txt
echo "== copydesk-check on an article with a finding: fails and names it"
if try_repo copydesk-check >"$scratch/out" 2>&1; then
    cat "$scratch/out"
    fail "copydesk-check passed an article with a half-width comma"
fi
grep -q "Failed" "$scratch/out" || { cat "$scratch/out"; fail "no Failed line"; }
grep -q "halfwidth-punctuation" "$scratch/out" || { cat "$scratch/out"; fail "the finding is not named"; }
grep -q "finding.txt:1:" "$scratch/out" || { cat "$scratch/out"; fail "the finding is not located"; }

echo "== copydesk-fix: rewrites the article (and so fails), then passes"
if try_repo copydesk-fix >"$scratch/out" 2>&1; then
    cat "$scratch/out"
    fail "copydesk-fix passed although it changed a file"
fi
grep -q "files were modified by this hook" "$scratch/out" || { cat "$scratch/out"; fail "no modification reported"; }
[ "$(cat finding.txt)" = "本报讯 会议指出，要做好春耕备耕工作。" ] || fail "finding.txt not fixed: $(cat finding.txt)"
git add finding.txt
try_repo copydesk-fix >"$scratch/out" 2>&1 || { cat "$scratch/out"; fail "copydesk-fix failed on fixed files"; }
try_repo copydesk-check >"$scratch/out" 2>&1 || { cat "$scratch/out"; fail "copydesk-check failed after the fix"; }

echo "pre-commit hooks checked in $((SECONDS - started)) s"
echo "precommit: 5 passed, 0 failed"
