use super::{Document, Findings, Rule, RuleInfo, declare_rule};
use crate::blocks::{Block, BlockKind};
use crate::conventions::item_marker_len;

/// Whether `text` holds a mark that [`closer_of`] or [`opener_of`] pairs,
/// found from the bytes that lead them (`E2` for quotes, `E3` for
/// 《》【】〈〉「」『』, `EF` for （）) rather than by decoding every character:
/// most paragraphs hold none.
fn holds_pair_mark(text: &str) -> bool {
    crate::chars::chars_led_by(text, &[0xE2, 0xE3, 0xEF])
        .any(|(_, c)| closer_of(c).is_some() || opener_of(c).is_some())
}

declare_rule! {
    /// # unpaired-mark
    ///
    /// 成对的标号缺了一半，或嵌套错了：`“` 没有 `”`，`《` 没有 `》`，`（` 没有 `）`，
    /// 双引号里又套双引号 `“…“…””`。
    ///
    /// GB/T 15834-2011 规定引号、书名号、括号成对使用，引号里再用引号时，外层用双引号、
    /// 里层用单引号 `‘’`。少了一半，读者不知道引语到哪里结束，这往往是改稿时删多了。
    ///
    /// 不算错误的：一段引语跨几个自然段时，每段开头用前引号、只在最后一段末尾用后引号
    /// （GB/T 15834-2011 4.1.3.7）；撇号（`Xi’an`、`’98`）。
    ///
    /// 没有自动修复：哪里该补、补什么，需要编辑判断。提示指向缺了另一半的标号，
    /// 并给出段落结尾的位置。
    ///
    /// ```text
    /// 错：按照“两手抓、两手硬、两战赢要求，统筹推进
    /// 对：按照“两手抓、两手硬、两战赢”要求，统筹推进
    /// 错：他说：“大家都叫它“定心丸”。”
    /// 对：他说：“大家都叫它‘定心丸’。”
    /// ```
    UnpairedMark { id: "unpaired-mark", severity: Warning, family: Form }
}

fn closer_of(open: char) -> Option<char> {
    Some(match open {
        '“' => '”',
        '‘' => '’',
        '《' => '》',
        '（' => '）',
        '【' => '】',
        '〈' => '〉',
        '「' => '」',
        '『' => '』',
        _ => return None,
    })
}

fn opener_of(close: char) -> Option<char> {
    Some(match close {
        '”' => '“',
        '’' => '‘',
        '》' => '《',
        '）' => '（',
        '】' => '【',
        '〉' => '〈',
        '」' => '「',
        '』' => '『',
        _ => return None,
    })
}

/// How a message names a mark: quotes by name, since a quoted quote reads as
/// noise (`““”`).
fn name(mark: char) -> String {
    match mark {
        '“' => "前引号".to_owned(),
        '”' => "后引号".to_owned(),
        '‘' => "单前引号".to_owned(),
        '’' => "单后引号".to_owned(),
        other => other.to_string(),
    }
}

impl Rule for UnpairedMark {
    fn info(&self) -> &'static RuleInfo {
        &Self::INFO
    }

    fn check(&self, document: &Document<'_>, findings: &mut Findings<'_>) {
        // What each block leaves unpaired, the neighbours' too, with a
        // neighbour that is not there as `None`.
        let reach = super::NEIGHBOURS;
        let missing = reach - document.before.len();
        let mut leftovers: Vec<Option<Leftover>> = std::iter::repeat_with(|| None)
            .take(missing)
            .chain(document.before.iter().map(|b| Some(unpaired_in(b, None))))
            .collect();
        for block in document.blocks {
            leftovers.push(Some(unpaired_in(block, Some(findings))));
        }
        leftovers.extend(document.after.iter().map(|b| Some(unpaired_in(b, None))));
        let leftover = |index: usize, offset: isize| {
            let at = (index + reach).checked_add_signed(offset)?;
            leftovers.get(at).and_then(Option::as_ref)
        };
        for (index, block) in document.blocks.iter().enumerate() {
            let next_paragraph_reopens_quote = document.next_block(index).is_some_and(|next| {
                // Whatever the layout took the next line for: a short
                // line of a quoted list reads like a headline.
                next.kind != BlockKind::Byline && next.text.starts_with('“')
            });
            let Some(mine) = leftover(index, 0) else {
                continue;
            };
            for &(offset, mark) in &mine.unclosed {
                if mark == '“' && next_paragraph_reopens_quote {
                    continue;
                }
                let closer = closer_of(mark).unwrap_or(mark);
                if !paired_nearby(|step| leftover(index, step), 1, mark, closer) {
                    report_unclosed(block, offset, mark, findings);
                }
            }
            for &(offset, mark) in &mine.unopened {
                let opener = opener_of(mark).unwrap_or(mark);
                if !paired_nearby(|step| leftover(index, -step), 1, mark, opener) {
                    let range = offset..offset + mark.len_utf8();
                    let message = format!("{}前面没有与之配对的{}", name(mark), name(opener));
                    findings.at(block, range, message);
                }
            }
        }
    }
}

/// The marks a block leaves open at its end and those it closes without
/// having opened them.
#[derive(Debug, Default)]
struct Leftover {
    unclosed: Vec<(usize, char)>,
    unopened: Vec<(usize, char)>,
    /// Every mark of a pair the block holds, paired or not.
    marks: Vec<char>,
}

/// Whether the other half of `mark` stands unpaired in one of the next
/// blocks (or the previous ones: `leftover` says which), with nothing of
/// `mark`'s own kind left unpaired in between: a quotation over lines of
/// verse, a sentence split over two lines, a note that the layout broke.
fn paired_nearby<'a>(
    leftover: impl Fn(isize) -> Option<&'a Leftover>,
    first_step: isize,
    mark: char,
    other_half: char,
) -> bool {
    for step in first_step..=super::NEIGHBOURS as isize {
        let Some(block) = leftover(step) else {
            return false;
        };
        let unpaired = || block.unclosed.iter().chain(&block.unopened);
        if unpaired().any(|&(_, m)| m == other_half) {
            return true;
        }
        // A block between with marks of this kind of its own is no line of
        // the same quotation.
        if block.marks.contains(&mark) || block.marks.contains(&other_half) {
            return false;
        }
    }
    false
}

/// Reads a block's pairs; reports what is wrong inside it (a quote closed
/// with an opening mark, a quote nested in a quote) when given `findings`,
/// and gives back what it leaves unpaired.
fn unpaired_in(block: &Block, mut findings: Option<&mut Findings<'_>>) -> Leftover {
    let text = &block.text;
    let mut leftover = Leftover::default();
    if !holds_pair_mark(text) {
        return leftover;
    }
    let mut open: Vec<(usize, char)> = Vec::new();
    // `“` opened inside an open `“`: (inner, outer).
    let mut nested: Vec<(usize, usize)> = Vec::new();
    let mut previous: Option<char> = None;
    let mut chars = text.char_indices().peekable();
    while let Some((offset, c)) = chars.next() {
        let next = chars.peek().map(|&(_, c)| c);
        if (closer_of(c).is_some() || opener_of(c).is_some()) && !leftover.marks.contains(&c) {
            leftover.marks.push(c);
        }
        if closer_of(c).is_some() {
            if c == '“'
                && let Some(position) = open.iter().rposition(|&(_, o)| o == '“')
            {
                let outer = open[position].0;
                let after = &text[offset + c.len_utf8()..];
                // `：“（一）…；“（二）…。”`: a quoted list opens each item
                // with a quote and closes once, as quoted paragraphs do.
                if item_marker_len(after).is_some() {
                    open.remove(position);
                    open.push((offset, c));
                    previous = Some(c);
                    continue;
                }
                let quoted = &text[outer + '“'.len_utf8()..offset];
                // `“楹联一条街“在…`: a short quote closed with an opening mark;
                // a quote nested by mistake (`“…“定心丸”…”`) closes next.
                let next_quote = after.chars().find(|&q| q == '“' || q == '”');
                let closes_by_mistake = next_quote != Some('”')
                    && quoted.chars().count() <= 20
                    && !quoted.contains(['，', '。', '！', '？', '；', '：', '、']);
                if closes_by_mistake {
                    if let Some(findings) = findings.as_deref_mut() {
                        let range = offset..offset + c.len_utf8();
                        let message =
                            "此处疑应为后引号：前引号之后又出现前引号，引语没有闭合".to_owned();
                        findings.at(block, range, message);
                    }
                    open.remove(position);
                    previous = Some(c);
                    continue;
                }
                nested.push((offset, outer));
            }
            open.push((offset, c));
        } else if let Some(wanted) = opener_of(c) {
            // Xi’an, ’98: an apostrophe, not a closing quote.
            let is_apostrophe = c == '’'
                && (previous.is_some_and(|p| p.is_ascii_alphabetic())
                    || next.is_some_and(|n| n.is_ascii_digit() || matches!(n, '０'..='９')));
            match open.iter().rposition(|&(_, o)| o == wanted) {
                Some(position) => {
                    // Marks opened inside what this closes stay unclosed
                    // for good.
                    for (unclosed, mark) in open.drain(position + 1..).collect::<Vec<_>>() {
                        if let Some(findings) = findings.as_deref_mut() {
                            report_unclosed(block, unclosed, mark, findings);
                        }
                    }
                    open.pop();
                }
                None if is_apostrophe => {}
                None => leftover.unopened.push((offset, c)),
            }
        }
        previous = Some(c);
    }
    let still_open = |offset: usize| open.iter().any(|&(o, _)| o == offset);
    if let Some(findings) = findings {
        for &(inner, outer) in nested.iter().filter(|&&(inner, _)| !still_open(inner)) {
            let inner_range = inner..inner + '“'.len_utf8();
            let outer_range = block.source_range(outer..outer + '“'.len_utf8());
            findings
                .at(
                    block,
                    inner_range,
                    "引号嵌套有误：双引号里的引语应用单引号‘’".to_owned(),
                )
                .related
                .push(crate::finding::Related {
                    document: None,
                    range: outer_range,
                    message: "外层的双引号从这里开始".to_owned(),
                });
        }
    }
    leftover.unclosed.extend(open);
    leftover
}

fn report_unclosed(block: &Block, offset: usize, mark: char, findings: &mut Findings<'_>) {
    let close = closer_of(mark).unwrap_or(mark);
    let end = block.text.len();
    let end_range = block.source_range(end..end);
    findings
        .at(
            block,
            offset..offset + mark.len_utf8(),
            format!("{}没有对应的{}", name(mark), name(close)),
        )
        .related
        .push(crate::finding::Related {
            document: None,
            range: end_range,
            message: format!("到段末仍未出现{}", name(close)),
        });
}

#[cfg(test)]
mod tests {
    use crate::{Language, RuleSettings, Source};

    fn messages(text: &str) -> Vec<(usize, String)> {
        let mut settings = RuleSettings::default();
        settings.select_only(&["unpaired-mark".to_owned()]).unwrap();
        let source = Source::new(text, Language::PlainText);
        crate::check(&source, &settings)
            .into_iter()
            .map(|f| (text[..f.range.start].chars().count(), f.message))
            .collect()
    }

    #[test]
    fn a_closing_quote_typed_as_an_opening_one_is_one_finding() {
        let found = messages("正在建设中的“楹联一条街“在全国首屈一指。他说：“大家叫它“定心丸”。”");
        assert_eq!(found.len(), 2, "{found:?}");
        assert_eq!(found[0].0, 12);
        assert!(found[0].1.starts_with("此处疑应为后引号"));
        assert_eq!(found[1].0, 29);
        assert!(found[1].1.starts_with("引号嵌套有误"));
    }

    #[test]
    fn a_quotation_across_paragraphs_opens_each_and_closes_once() {
        assert!(messages("他说：“第一段话。\n“第二段话。”\n").is_empty());
        assert_eq!(messages("他说：“第一段话。\n第二段话。\n").len(), 1);
    }

    #[test]
    fn a_quotation_over_lines_of_verse_or_a_split_sentence_pairs() {
        assert!(messages("“老去又逢新岁月，\n春来更有好花枝。”\n").is_empty());
        assert!(
            messages("他吟道：“白日依山尽，\n黄河入海流。\n欲穷千里目，\n更上一层楼。”\n")
                .is_empty()
        );
        // A note the layout broke over two paragraphs.
        assert!(messages("（1988年9月5日通过\n\n根据决定第二次修正）\n").is_empty());
        // What pairs with nothing is still found.
        assert_eq!(
            messages("他说：“第一段话。\n第二段话。\n第三段（话。\n").len(),
            2
        );
    }

    #[test]
    fn a_quoted_list_opens_each_item_and_closes_once() {
        let text = "修改为：“军官任职满下列年限的，应当交流：“（一）担任排级职务的，八年；“（二）担任连级职务的，十年。”";
        assert!(messages(text).is_empty(), "{:?}", messages(text));
    }

    #[test]
    fn apostrophes_are_not_quotes() {
        assert!(messages("’９８北京新年音乐会在Xi’an举行。").is_empty());
    }
}
