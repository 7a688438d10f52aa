//! Chinese surnames, written for copydesk: the common single-character
//! surnames of the mainland population and the compound surnames still in use.
//! Characters that are far more often a word than a surname in news copy
//! (会, 全, 和, 文, 时, 于 as a preposition, 任 as in 任上…) are left out on
//! purpose: a name
//! with such a surname is still found when the register or a title vouches
//! for it.

use crate::chars::CharSet;
use crate::chars::FastMap;
use std::sync::LazyLock;

pub const SINGLE: &str = "\
王李张刘陈杨黄赵吴周徐孙马胡朱郭何罗林高郑梁谢宋唐许韩邓冯曹彭曾萧\
田董潘袁蔡蒋余杜叶程魏苏吕丁卢姚沈钟姜崔谭陆范汪廖石金韦贾夏付方邹\
熊白孟秦邱侯江尹薛闫段雷黎史龙陶贺顾毛郝龚邵万钱严覃武戴莫孔向常汤康\
易乔赖庞樊兰殷施洪牛欧翟柴裴符葛阎岳骆倪雍邢焦单涂鲁聂章伍谷祝卜包\
慕薄尉帅冼揭阙糜荆仲桑芮查米乌晁訾刁鄂宓滑郁暴虞母丛佟荀禹蔚逯厉宗娄\
左温申毕房安耿倪贺柯管钮滕卞阮甘霍凌储詹晏褚丰粟牟匡鲍俞宁艾辛柏古习\
鞠麦凤巫苗郎蓝荣缪邬景吉谈卓应尚井屈连冉宫车穆娄盛游童练华舒翁谌毋\
蒙饶解巩竺居祁邝廉臧戚邰奚计鄢敖宿商湛权邸寇皮池迟蔺闵隋阚仇乐钱\
桂雍岑狄伏卫项扈籍晋栾尤韶靳\
傅肖梅齐颜庄窦柳喻蒲甄瞿栗濮苑苟茅裘鹿芦佘昝姬戎席\
费季曲简纪";

pub const COMPOUND: &[&str] = &[
    "欧阳", "司马", "诸葛", "上官", "东方", "皇甫", "令狐", "慕容", "尉迟", "公孙", "长孙", "宇文",
    "司徒", "夏侯", "轩辕", "端木", "澹台", "独孤", "南宫", "西门", "呼延", "万俟", "闻人", "赫连",
];

pub fn is_single_surname(c: char) -> bool {
    static SURNAMES: LazyLock<CharSet> = LazyLock::new(|| CharSet::new(SINGLE.chars()));
    SURNAMES.contains(c)
}

/// The length in characters of the surname that opens `text`, if any.
pub fn surname_len(text: &str) -> Option<usize> {
    if COMPOUND.iter().any(|s| text.starts_with(s)) {
        return Some(2);
    }
    text.chars()
        .next()
        .filter(|&c| is_single_surname(c))
        .map(|_| 1)
}

/// Surnames left out of [`SINGLE`] because they are more often a word, taken
/// only where a list of names vouches for them (于光远, 任弼时, 关牧村) or,
/// for some, a post.
pub const LISTED_ONLY: &str = "于任关沙经和成明路党全文时";

/// The length of a surname that opens `text` and that only a list vouches
/// for.
pub fn listed_surname_len(text: &str) -> Option<usize> {
    text.chars()
        .next()
        .filter(|&c| LISTED_ONLY.contains(c))
        .map(|_| 1)
}

/// Of [`LISTED_ONLY`] and rarer surnames, those a post or a description
/// vouches for too (局长关治瀛, 检查员于居洋, 记者支林飞); not those that join
/// words after a post (主席和克林顿).
const POSTED_TOO: &str = "于任关沙成路支果";

/// The length of a surname that opens `text` and that only a post or a
/// list vouches for.
pub fn posted_surname_len(text: &str) -> Option<usize> {
    text.chars()
        .next()
        .filter(|&c| POSTED_TOO.contains(c))
        .map(|_| 1)
}

/// Japanese family names, written in Chinese characters the way news copy
/// gives them (桥本龙太郎, 樱内义雄): the commoner ones and those of public
/// figures. Left out: those that are as often Chinese words or names
/// (中山, 小林, 大平, 和田).
const JAPANESE: &str = "桥本 小渊 村山 细川 羽田 海部 竹下 宫泽 中曾根 田中 铃木 佐藤 山本 高桥 \
    渡边 伊藤 加藤 吉田 山田 山口 松本 井上 木村 山崎 池田 阿部 石川 山下 中岛 小川 前田 冈田 \
    长谷川 藤田 后藤 近藤 村上 远藤 青木 坂本 斋藤 福田 太田 西村 藤井 冈本 藤原 三浦 原田 松田 \
    竹内 小野 田村 森田 柴田 酒井 工藤 横山 宫崎 宫本 内田 高木 安藤 岛田 谷口 大野 丸山 今井 \
    河野 藤本 村田 杉山 增田 大冢 平野 菅原 久保 松井 千叶 岩崎 樱井 木下 野口 松尾 野村 新井 \
    樱内 井口 奥山 宫川 神崎 小泽 梶山 高村 野中 土井 村冈 小和田 鸠山 佐佐木 久间 北泽 中川 \
    森山 古川 荒木 黑田 白滨 田岛 吉村 永井 川口 秋山 盐川 西田 相泽 江藤 绪方 后藤田 堀内 \
    中村 清水 武田 石井 石田 山中 小山 上野 岸本 \
    岸田 安倍 石破 茂木 松野 上川 滨田 高市 岩屋 植田 麻生 二阶 野田 枝野 玉木 小泉 秋叶";

/// The length in characters of the Japanese family name that opens `text`,
/// if any: the longest (后藤田 before 后藤).
pub fn japanese_surname_len(text: &str) -> Option<usize> {
    // Names by their first character, longest first: most characters open
    // none, and cost one load.
    static BY_FIRST: LazyLock<(CharSet, FastMap<char, Vec<&'static str>>)> = LazyLock::new(|| {
        let mut by_first: FastMap<char, Vec<&str>> = FastMap::default();
        for name in JAPANESE.split_whitespace() {
            let first = name.chars().next().expect("a name");
            by_first.entry(first).or_default().push(name);
        }
        for names in by_first.values_mut() {
            names.sort_by_key(|name| std::cmp::Reverse(name.len()));
        }
        (CharSet::new(by_first.keys().copied()), by_first)
    });
    let first = text.chars().next()?;
    let (starts, by_first) = &*BY_FIRST;
    if !starts.contains(first) {
        return None;
    }
    by_first[&first]
        .iter()
        .find(|name| text.starts_with(**name))
        .map(|name| name.chars().count())
}
