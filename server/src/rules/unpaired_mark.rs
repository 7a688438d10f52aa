use super::{Document, Findings, Rule, RuleInfo, declare_rule};
use crate::blocks::{Block, BlockKind};

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
        let blocks = document.blocks;
        for (index, block) in blocks.iter().enumerate() {
            let next_paragraph_reopens_quote = document.next_block(index).is_some_and(|next| {
                next.kind == BlockKind::Paragraph && next.text.starts_with('“')
            });
            check_block(block, next_paragraph_reopens_quote, findings);
        }
    }
}

fn check_block(block: &Block, quote_continues: bool, findings: &mut Findings<'_>) {
    let text = &block.text;
    let mut open: Vec<(usize, char)> = Vec::new();
    // `“` opened inside an open `“`: (inner, outer).
    let mut nested: Vec<(usize, usize)> = Vec::new();
    let mut previous: Option<char> = None;
    let mut chars = text.char_indices().peekable();
    while let Some((offset, c)) = chars.next() {
        let next = chars.peek().map(|&(_, c)| c);
        if closer_of(c).is_some() {
            if c == '“'
                && let Some(position) = open.iter().rposition(|&(_, o)| o == '“')
            {
                let outer = open[position].0;
                let quoted = &text[outer + '“'.len_utf8()..offset];
                // `“楹联一条街“在…`: a short quote closed with an opening mark;
                // a quote nested by mistake (`“…“定心丸”…”`) closes next.
                let next_quote = text[offset + c.len_utf8()..]
                    .chars()
                    .find(|&q| q == '“' || q == '”');
                let closes_by_mistake = next_quote != Some('”')
                    && quoted.chars().count() <= 20
                    && !quoted.contains(['，', '。', '！', '？', '；', '：', '、']);
                if closes_by_mistake {
                    let range = offset..offset + c.len_utf8();
                    let message =
                        "此处疑应为后引号：前引号之后又出现前引号，引语没有闭合".to_owned();
                    findings.at(block, range, message);
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
                    for (unclosed, mark) in open.drain(position + 1..).collect::<Vec<_>>() {
                        report_unclosed(block, unclosed, mark, findings);
                    }
                    open.pop();
                }
                None if is_apostrophe => {}
                None => {
                    let range = offset..offset + c.len_utf8();
                    let message = format!("{}前面没有与之配对的{}", name(c), name(wanted));
                    findings.at(block, range, message);
                }
            }
        }
        previous = Some(c);
    }
    let still_open = |offset: usize| open.iter().any(|&(o, _)| o == offset);
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
    for &(offset, mark) in &open {
        if mark == '“' && quote_continues {
            continue;
        }
        report_unclosed(block, offset, mark, findings);
    }
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
    fn apostrophes_are_not_quotes() {
        assert!(messages("’９８北京新年音乐会在Xi’an举行。").is_empty());
    }
}
