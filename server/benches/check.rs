//! Library-level cost of checking and fixing an article.
//!
//! `cargo bench --bench check`. Whole-process throughput on the corpus is
//! measured by `scripts/bench-check CORPUS_FILE`.

use copydesk::{Language, RuleSettings, Source};

fn main() {
    copydesk::tokens::warm_up();
    divan::main();
}

const SEED_PAGE: &str = include_str!("../../tests/fixtures/news-page.txt");

/// An article of about `chars` characters made from the seed page.
fn article(chars: usize) -> String {
    SEED_PAGE.chars().cycle().take(chars).collect()
}

#[divan::bench(args = [5_000, 100_000, 1_000_000])]
fn check(bencher: divan::Bencher, chars: usize) {
    let text = article(chars);
    let settings = RuleSettings::default();
    bencher
        .counter(divan::counter::BytesCount::new(text.len()))
        .bench(|| {
            let source = Source::new(text.as_str(), Language::PlainText);
            copydesk::check(&source, &settings)
        });
}

#[divan::bench(args = [5_000, 100_000])]
fn fix(bencher: divan::Bencher, chars: usize) {
    let text = article(chars);
    let settings = RuleSettings::default();
    bencher
        .counter(divan::counter::BytesCount::new(text.len()))
        .bench(|| copydesk::fix::fix_text(&text, Language::PlainText, &settings));
}
