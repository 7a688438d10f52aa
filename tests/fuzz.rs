//! The fuzz targets (`fuzz/src/lib.rs`, run by `cargo fuzz` on nightly) on
//! stable: every input kept in `tests/fuzz/regressions/TARGET/` (what the
//! fuzzers found, and seeds), then proptest inputs built from pieces of
//! news text, Markdown, HTML, TOML and JSON-RPC frames.
//!
//! What a fuzzer finds goes into `regressions/` with the fix that makes it
//! pass.

#[path = "../fuzz/src/lib.rs"]
mod targets;

use proptest::prelude::*;

const PIECES: &[&str] = &[
    "本报讯",
    " ",
    "\u{3000}",
    "市长",
    "副市长",
    "陈立新",
    "张群环、",
    "金政",
    "，",
    ",",
    "。",
    "。。",
    "...",
    "……",
    "“",
    "”",
    "《",
    "》",
    "（",
    "）",
    "(",
    "□",
    "■",
    "\u{fffd}",
    "𠮷",
    "e\u{301}",
    "１２",
    "二○○一年",
    "的的",
    "\n",
    "\r\n",
    "\r",
    "\n\n",
    "\t",
    "# ",
    "- ",
    "> ",
    "```\n",
    "<!-- copydesk-disable -->",
    "[链接](http://x)",
    "<p>",
    "</p>",
    "<br>",
    "&amp;",
    "&#x4e2d;",
    "<script>",
    "<b>",
    "=",
    "[[people]]\n",
    "name = \"金政\"\n",
    "titles = [",
    "\"",
    "]",
    "[rules]\n",
    "broken-wrap = \"off\"\n",
    "Content-Length: ",
    "12",
    "\r\n\r\n",
    "{\"jsonrpc\":\"2.0\",",
    "\"id\":1,",
    "\"method\":\"initialize\"",
    "\"params\":{}",
    "}",
    "[]",
    "\\ud800",
    "\\ud83d\\ude00",
    "\u{0}",
];

/// Bytes from pieces of the kinds of text the targets read, and some noise.
fn inputs() -> impl Strategy<Value = Vec<u8>> {
    let piece = prop_oneof![
        4 => proptest::sample::select(PIECES).prop_map(|p| p.as_bytes().to_vec()),
        1 => proptest::collection::vec(any::<u8>(), 0..4),
    ];
    (any::<u8>(), proptest::collection::vec(piece, 0..48)).prop_map(|(first, pieces)| {
        let mut bytes = vec![first];
        bytes.extend(pieces.into_iter().flatten());
        bytes
    })
}

/// Runs a target on every kept input of its folder.
fn replay(target: &str, run: fn(&[u8])) {
    replay_from("regressions", target, run);
}

fn replay_from(kept: &str, target: &str, run: fn(&[u8])) {
    let folder = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../tests/fuzz")
        .join(kept)
        .join(target);
    let mut entries: Vec<_> = std::fs::read_dir(&folder)
        .unwrap_or_else(|e| panic!("{}: {e}", folder.display()))
        .map(|e| e.unwrap().path())
        .filter(|p| p.file_name().is_some_and(|n| n != ".gitkeep"))
        .collect();
    entries.sort();
    for path in entries {
        let data = std::fs::read(&path).unwrap();
        let outcome = std::panic::catch_unwind(|| run(&data));
        assert!(outcome.is_ok(), "{target}: {} fails", path.display());
    }
}

macro_rules! fuzz_target_tests {
    ($($target:ident: $cases:expr),* $(,)?) => {$(
        mod $target {
            use super::*;

            #[test]
            fn kept_inputs() {
                replay(stringify!($target), targets::$target);
            }

            proptest! {
                #![proptest_config(ProptestConfig { cases: $cases, failure_persistence: None, ..ProptestConfig::default() })]
                #[test]
                fn arbitrary_inputs(data in inputs()) {
                    targets::$target(&data);
                }
            }
        }
    )*};
}

fuzz_target_tests! {
    layout: 512,
    markdown: 512,
    html: 512,
    rules: 128,
    register: 512,
    framing: 1024,
    edits: 512,
}
