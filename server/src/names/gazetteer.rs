//! Names that are not persons: the countries, territories, capitals,
//! cities, provinces, regions, organisations, armed groups and parties of the
//! news, with the one-character short forms of countries (`server/data/
//! not-persons.txt`, written from public facts; its header says how). The
//! names engine asks it before it takes a string for a person: 乌军, 苏丹,
//! 哈马斯, 毛伊岛 and 林草局 were all in the cast of a year of CCTV news
//! (issue 14).
//!
//! A few of these names are also persons' names (马里, 金华, 长春 of 李长春);
//! the file marks them `+person`, and they veto nothing: they are known, so
//! a caller may weigh them, but [`is_place_or_org`] and the span lookups
//! leave them out.
//!
//! Everything is a lookup in tables built once from the file: a hash map of
//! the entries, and, for the span lookups, the lengths of the entries that
//! start (end) with each character, so a position where no entry can start
//! (end) costs one probe.

use crate::chars::FastMap;
use std::ops::Range;
use std::sync::LazyLock;

const DATA: &str = include_str!("../../data/not-persons.txt");

/// What a gazetteer entry names.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(crate) enum Kind {
    Country,
    Territory,
    Capital,
    City,
    Province,
    /// Islands, states and oblasts, rivers, mountains, seas, continents.
    Region,
    Org,
    /// Armed groups and movements: 哈马斯, 胡塞, 真主党.
    Group,
    Party,
    /// A one-character short form of a country or region: 乌 of 乌军.
    Short,
}

impl Kind {
    fn parse(kind: &str) -> Option<Kind> {
        Some(match kind {
            "country" => Kind::Country,
            "territory" => Kind::Territory,
            "capital" => Kind::Capital,
            "city" => Kind::City,
            "province" => Kind::Province,
            "region" => Kind::Region,
            "org" => Kind::Org,
            "group" => Kind::Group,
            "party" => Kind::Party,
            "short" => Kind::Short,
            _ => return None,
        })
    }
}

#[derive(Clone, Copy, Debug)]
struct Entry {
    kind: Kind,
    also_a_persons_name: bool,
}

/// Entries this long (in characters) or longer are not looked for inside a
/// text; the longest in the file has 17.
const MAX_SPAN_CHARS: usize = 32;

struct Gazetteer {
    entries: FastMap<&'static str, Entry>,
    /// For each character, bit `n` set if an entry that vetoes (see
    /// [`vetoes`]) of `n` characters starts with it.
    lengths_by_first: FastMap<char, u32>,
    /// The most characters of an entry that vetoes.
    longest: usize,
    /// The first characters of the entries that veto: most characters of a
    /// text are none, and cost one load each.
    firsts: crate::chars::CharSet,
}

/// Whether an entry is looked for inside a text: a short form alone is a
/// character of countless words, and a persons' name may be one.
fn vetoes(entry: Entry) -> bool {
    entry.kind != Kind::Short && !entry.also_a_persons_name
}

impl Gazetteer {
    fn vetoes(&self, name: &str) -> bool {
        self.entries.get(name).is_some_and(|entry| vetoes(*entry))
    }
}

static GAZETTEER: LazyLock<Gazetteer> = LazyLock::new(|| {
    let mut entries = FastMap::default();
    let mut lengths_by_first: FastMap<char, u32> = FastMap::default();
    for line in DATA.lines() {
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let (name, kind) = line.split_once('\t').expect("name<TAB>kind");
        let (kind, also_a_persons_name) = match kind.strip_suffix("+person") {
            Some(kind) => (kind, true),
            None => (kind, false),
        };
        let kind = Kind::parse(kind).expect("a known kind");
        let entry = Entry {
            kind,
            also_a_persons_name,
        };
        entries.entry(name).or_insert(entry);
        let chars = name.chars().count();
        if vetoes(entry) && chars < MAX_SPAN_CHARS {
            let bit = 1u32 << chars;
            let first = name.chars().next().expect("a name");
            *lengths_by_first.entry(first).or_default() |= bit;
        }
    }
    let longest = (0..MAX_SPAN_CHARS)
        .rev()
        .find(|&chars| {
            lengths_by_first
                .values()
                .any(|lengths| lengths & 1 << chars != 0)
        })
        .unwrap_or(0);
    let firsts = crate::chars::CharSet::new(lengths_by_first.keys().copied());
    Gazetteer {
        entries,
        lengths_by_first,
        longest,
        firsts,
    }
});

fn entry(name: &str) -> Option<Entry> {
    GAZETTEER.entries.get(name).copied()
}

/// Whether `name` is a place, organisation, group or party of the gazetteer
/// (or a short form: 乌) and not also a person's name.
pub(crate) fn is_place_or_org(name: &str) -> bool {
    entry(name).is_some_and(|entry| !entry.also_a_persons_name)
}

/// What the gazetteer lists `name` as, whether or not it is also a person's
/// name.
#[cfg(test)]
pub(crate) fn kind_of(name: &str) -> Option<Kind> {
    entry(name).map(|entry| entry.kind)
}

/// Whether `name` is in the gazetteer and also a person's name, or the given
/// name of well-known persons (马里, 金华, 长春 of 李长春): known, but no veto.
#[cfg(test)]
pub(crate) fn is_also_a_persons_name(name: &str) -> bool {
    entry(name).is_some_and(|entry| entry.also_a_persons_name)
}

/// The characters that make a country's short form a side, an army or a
/// voice of it, as the news writes them: 乌军 俄方 乌称 美媒 中企. Chosen on
/// the xwlb transcripts (2022–2023), where they follow a short form
/// thousands of times (军 3,900, 方 5,500, 称 2,400, 媒 330, 企 110 with
/// 乌 俄 美 以 中 日 alone). Others that follow one as often (总 外 防 政 议
/// 驻) open a longer word (俄总统, 俄外长, 俄防长, 美政府), which no name
/// ends inside.
const SIDES: [char; 5] = ['军', '方', '称', '媒', '企'];

/// Of those, the ones no person's given name uses: a short form that is also
/// a surname (马 韩 罗 …, `short+person` in the file) makes a name with 军
/// (马军, 韩军 and 罗军 are persons in People's Daily 1998), and is taken
/// only before these.
const SIDES_AFTER_A_SURNAME: [char; 4] = ['方', '称', '媒', '企'];

/// Words of two characters for the same, after a short form that is no
/// surname: 乌军方 and 以军方 (18 times each in the xwlb transcripts), 乌空军
/// (42), 乌海军, 乌士兵, 俄官员. After a surname they are given names (张海军).
const SIDE_WORDS: [&str; 7] = ["军方", "海军", "空军", "陆军", "士兵", "军队", "官员"];

/// Whether `name` is a country's short form and a side of it: two
/// characters with 军 方 称 媒 企 (乌军, 马方, 毛方, 老方 the Lao side, 哈方,
/// 俄称, 美媒), or three with 军方 空军 海军 陆军 士兵 军队 官员 (乌军方,
/// 乌空军). Where the short form is also a surname (马, 韩), only 方 称 媒
/// 企 are taken: 马军 and 韩海军 may be persons.
pub(crate) fn is_country_short_form_group(name: &str) -> bool {
    let mut chars = name.chars();
    let Some(short) = chars.next() else {
        return false;
    };
    let side = chars.as_str();
    let mut buffer = [0u8; 4];
    let Some(entry) = entry(short.encode_utf8(&mut buffer)) else {
        return false;
    };
    if entry.kind != Kind::Short {
        return false;
    }
    let mut side_chars = side.chars();
    let one_side = match (side_chars.next(), side_chars.next()) {
        (Some(side), None) => Some(side),
        _ => None,
    };
    if entry.also_a_persons_name {
        one_side.is_some_and(|side| SIDES_AFTER_A_SURNAME.contains(&side))
    } else {
        one_side.is_some_and(|side| SIDES.contains(&side)) || SIDE_WORDS.contains(&side)
    }
}

/// Endings of place names, each with the fewest characters a name ending in
/// it must have: the transliterated names of the news (兰佩杜萨岛,
/// 俄克拉何马州, 黄骅港, 伏尔加格勒, 哈萨克斯坦) and the cast's fragments of
/// them (杜萨岛, 克斯坦). Conservative on purpose: no ending that a
/// person's name has (山 江 海 峰 洲 镇 堡 尼亚 利亚 of 孙中山, 张德江,
/// 索尼亚, 玛利亚; 斯克 of 马斯克; 村 湖 市 of 罗雪村, 陈天湖, 村山富市 in
/// People's Daily 1998), 州 only in names of four characters (陈贵州 is a
/// person; the cast's 罗德州 of 别尔哥罗德州 is left to the span lookups),
/// no two-character name (福岛 and 中岛 are Japanese family names), and
/// …斯坦 only after the characters of the -stans (爱因斯坦, 伯恩斯坦 are
/// persons). Checked on the persons labelled
/// in scripts/cast-labels/xwlb-2022-2023.tsv and People's Daily 1998's
/// person names: none ends in one (scripts/gazetteer-check).
const PLACE_ENDINGS: &[(&str, usize)] = &[
    ("岛", 3),
    ("州", 4),
    ("省", 3),
    ("县", 3),
    ("区", 3),
    ("港", 3),
    ("湾", 3),
    ("格勒", 4),
    ("共和国", 4),
    ("联邦", 4),
    ("克斯坦", 3),
    ("基斯坦", 4),
    ("斯斯坦", 4),
    ("吉斯坦", 4),
    ("曼斯坦", 5),
    ("德斯坦", 5),
    ("支斯坦", 5),
    ("靼斯坦", 4),
    ("托斯坦", 5),
    ("度斯坦", 4),
    ("厥斯坦", 4),
];

/// Whether `name` ends as the news's place names end (…岛, …州, …港,
/// …格勒, …克斯坦; see [`PLACE_ENDINGS`]) and is long enough for the ending
/// not to be a person's given name.
pub(crate) fn looks_like_place_transliteration(name: &str) -> bool {
    let chars = name.chars().count();
    PLACE_ENDINGS
        .iter()
        .any(|&(ending, fewest)| chars >= fewest && name.ends_with(ending))
}

/// Whether the name a finder found at `name` of `text` is no person: a
/// place, organisation, group or party (沙特, 哈马斯), a country's side or
/// army (乌军, 马方), a transliteration the copy uses for places (…斯坦,
/// …岛), or the inside of a longer place's name (巴赫穆 of 巴赫穆特, 克斯坦
/// of 乌兹别克斯坦).
pub(crate) fn is_no_person_at(text: &str, name: Range<usize>) -> bool {
    let written = &text[name.clone()];
    is_place_or_org(written)
        || is_country_short_form_group(written)
        || looks_like_place_transliteration(written)
        || is_inside_a_place(text, name)
}

/// Whether a place's name covers `name` of `text` and more, or runs into
/// it across one of its edges (向俄 of 向俄罗斯, 江上游 of 金沙江上游). Names
/// are many: only where an entry long enough to reach into the name starts
/// is the text read further.
fn is_inside_a_place(text: &str, name: Range<usize>) -> bool {
    let gazetteer = &*GAZETTEER;
    let reaches = |start: usize, shortest: usize, reaches: &dyn Fn(Range<usize>) -> bool| {
        let Some(first) = text[start..].chars().next() else {
            return false;
        };
        gazetteer.firsts.contains(first)
            && gazetteer
                .lengths_by_first
                .get(&first)
                .is_some_and(|&lengths| lengths >> shortest != 0)
            && place_or_org_at(text, start).is_some_and(|place| place != name && reaches(place))
    };
    let name_chars = text[name.clone()].chars().count();
    // Places that start inside the name and run on past its end.
    let inside = text[name.clone()].char_indices().skip(1).enumerate();
    for (index, (offset, _)) in inside {
        let left = name_chars - 1 - index;
        if reaches(name.start + offset, left + 1, &|place| place.end > name.end) {
            return true;
        }
    }
    // Places that start at the name or before it and reach into it.
    // Places are written in Han characters: none reaches across a mark.
    let starts = text[..name.start]
        .char_indices()
        .rev()
        .take_while(|&(_, c)| crate::chars::is_han(c))
        .map(|(at, _)| at);
    let starts = std::iter::once(name.start).chain(starts);
    for (before, start) in starts.enumerate().take(gazetteer.longest) {
        let shortest = before + usize::from(before == 0);
        if reaches(start, shortest, &|place| place.end > name.start) {
            return true;
        }
    }
    false
}

/// The longest vetoing entry (a place, organisation, group or party that is
/// not also a person's name; no short form) that starts at
/// byte `start` of `text`: 巴赫穆特 of 巴赫穆特战事. `start` must be a
/// character boundary.
pub(crate) fn place_or_org_at(text: &str, start: usize) -> Option<Range<usize>> {
    let rest = &text[start..];
    let first = rest.chars().next()?;
    let gazetteer = &*GAZETTEER;
    let lengths = *gazetteer.lengths_by_first.get(&first)?;
    // Read no further than the longest entry that starts with `first`.
    let most = 32 - lengths.leading_zeros() as usize;
    let mut ends = [0; MAX_SPAN_CHARS];
    let mut available = 0;
    for (at, c) in rest.char_indices().take(most.min(MAX_SPAN_CHARS)) {
        ends[available] = at + c.len_utf8();
        available += 1;
    }
    longest(lengths, available, |chars| {
        let end = start + ends[chars - 1];
        gazetteer.vetoes(&text[start..end]).then_some(start..end)
    })
}

/// The first `Some` of `found` over the lengths in the bit set `lengths`
/// that the text has room for, longest first.
fn longest(
    lengths: u32,
    available: usize,
    found: impl Fn(usize) -> Option<Range<usize>>,
) -> Option<Range<usize>> {
    let room = if available + 1 >= 32 {
        u32::MAX
    } else {
        (1u32 << (available + 1)) - 1
    };
    let mut candidates = lengths & room;
    while candidates != 0 {
        let chars = 31 - candidates.leading_zeros() as usize;
        if let Some(range) = found(chars) {
            return Some(range);
        }
        candidates &= !(1 << chars);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_file_parses_and_names_each_entry_once() {
        let mut seen = std::collections::HashSet::new();
        for line in DATA
            .lines()
            .filter(|line| !line.is_empty() && !line.starts_with('#'))
        {
            let (name, kind) = line.split_once('\t').expect("name<TAB>kind");
            assert!(
                Kind::parse(kind.trim_end_matches("+person")).is_some(),
                "{line}"
            );
            assert!(
                !name.is_empty() && !name.contains(char::is_whitespace),
                "{line}"
            );
            assert!(seen.insert(name), "{name} is listed twice");
            assert!(name.chars().count() < MAX_SPAN_CHARS, "{name}");
        }
        assert!(seen.len() > 2000);
    }

    #[test]
    fn the_cast_of_the_news_is_vetoed() {
        for name in [
            "苏丹",
            "哈马斯",
            "沙特",
            "莫斯科",
            "毛伊岛",
            "胡塞",
            "黎巴嫩",
            "乌拉圭",
            "夏威夷",
            "厄瓜多尔",
            "巴巴多斯",
            "马拉维",
            "科特迪瓦",
            "林草局",
            "高新区",
            "巴赫穆特",
            "顿涅茨克",
            "刚果金",
        ] {
            assert!(is_place_or_org(name), "{name}");
        }
        for name in [
            "乌军", "马方", "毛方", "老方", "哈方", "俄称", "乌称", "美媒", "中企",
        ] {
            assert!(is_country_short_form_group(name), "{name}");
        }
    }

    #[test]
    fn persons_are_not_vetoed() {
        for name in [
            "习近平",
            "李强",
            "王毅",
            "拜登",
            "马克龙",
            "韩正",
            "洪森",
            "马克",
            "巴赫",
        ] {
            assert!(!is_place_or_org(name), "{name}");
            assert!(!is_country_short_form_group(name), "{name}");
            assert!(!looks_like_place_transliteration(name), "{name}");
        }
    }

    #[test]
    fn a_name_that_is_also_a_persons_is_known_but_no_veto() {
        for name in ["马里", "金华", "浦江", "长春"] {
            assert!(kind_of(name).is_some(), "{name}");
            assert!(is_also_a_persons_name(name), "{name}");
            assert!(!is_place_or_org(name), "{name}");
        }
        assert_eq!(kind_of("马里"), Some(Kind::Country));
        assert!(!is_also_a_persons_name("苏丹"));
        assert!(!is_also_a_persons_name("张三丰"));
    }

    #[test]
    fn kinds() {
        assert_eq!(kind_of("哈马斯"), Some(Kind::Group));
        assert_eq!(kind_of("莫斯科"), Some(Kind::Capital));
        assert_eq!(kind_of("毛伊岛"), Some(Kind::Region));
        assert_eq!(kind_of("林草局"), Some(Kind::Org));
        assert_eq!(kind_of("民进党"), Some(Kind::Party));
        assert_eq!(kind_of("乌"), Some(Kind::Short));
        assert_eq!(kind_of("浙江"), Some(Kind::Province));
        assert_eq!(kind_of("李强"), None);
    }

    #[test]
    fn a_surname_short_form_makes_no_army() {
        // 马 and 韩 are surnames: 马军, 韩军 are persons' names.
        assert!(!is_country_short_form_group("马军"));
        assert!(!is_country_short_form_group("韩军"));
        assert!(is_country_short_form_group("韩方"));
        assert!(is_country_short_form_group("俄军"));
        // Not two characters, not a short form, not a side.
        assert!(is_country_short_form_group("乌军方"));
        assert!(is_country_short_form_group("乌空军"));
        assert!(!is_country_short_form_group("马海军"));
        assert!(!is_country_short_form_group("乌军方面"));
        assert!(!is_country_short_form_group("乌"));
        assert!(!is_country_short_form_group(""));
        assert!(!is_country_short_form_group("张方"));
        assert!(!is_country_short_form_group("俄总"));
    }

    #[test]
    fn place_endings() {
        for name in [
            "罗德岛州",
            "威斯康星州",
            "杜萨岛",
            "黄骅港",
            "伏尔加格勒",
            "克斯坦",
            "巴基斯坦",
            "阿米尔共和国",
        ] {
            assert!(looks_like_place_transliteration(name), "{name}");
        }
        for name in [
            "福岛",
            "爱因斯坦",
            "伯恩斯坦",
            "孙中山",
            "张德江",
            "玛利亚",
            "马斯克",
            "苏州",
            "陈贵州",
            "罗雪村",
            "陈天湖",
            "村山富市",
        ] {
            assert!(!looks_like_place_transliteration(name), "{name}");
        }
    }

    #[test]
    fn a_name_inside_or_across_a_place_is_none() {
        let at = |text: &str, name: &str| {
            let start = text.find(name).unwrap();
            is_no_person_at(text, start..start + name.len())
        };
        assert!(at("乌军在巴赫穆特击退进攻", "巴赫穆"));
        assert!(at("校园枪击事件向俄罗斯总统致慰问电", "向俄"));
        assert!(at("金沙江上游送湖北特高压工程", "江上游"));
        assert!(at("乌兹别克斯坦总统", "克斯坦"));
        assert!(!at("国务院总理李强表示", "李强"));
        assert!(!at("著名小提琴家盛中国演奏", "盛中国"));
    }

    #[test]
    fn spans_starting_at_an_offset() {
        let text = "乌军守卫巴赫穆特战事";
        let end = text.find("战事").unwrap();
        let start = text.find("巴赫穆特").unwrap();
        assert_eq!(place_or_org_at(text, start), Some(start..end));
        // The longest: 乌克兰最高拉达, not 乌克兰.
        let text = "据乌克兰最高拉达消息";
        let start = "据".len();
        let end = text.find("消息").unwrap();
        assert_eq!(place_or_org_at(text, start), Some(start..end));
        // Short forms and persons' names are not looked for.
        assert_eq!(place_or_org_at("乌军", 0), None);
        assert_eq!(place_or_org_at("马里", 0), None);
        // Nothing there, and the ends of the text.
        assert_eq!(place_or_org_at("习近平主席", 0), None);
        assert_eq!(place_or_org_at("苏丹", "苏丹".len()), None);
    }
}
