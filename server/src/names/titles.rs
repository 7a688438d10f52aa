//! Posts and forms of address that stand next to a person's name in news copy.

use crate::chars::CharSet;
use std::ops::Range;
use std::sync::LazyLock;

/// Posts written before a name (`市长张群环`, `农行金华分行行长付小红`), longest
/// first where one ends another (副市长 before 市长), so the alternation takes
/// the whole post.
pub const BEFORE_NAME: &[&str] = &[
    "第一组长",
    "常务副市长",
    "常务副县长",
    "常务副省长",
    "常务副主任",
    "常务副主席",
    "党组书记",
    "党委书记",
    "党工委书记",
    "纪委书记",
    "政法委书记",
    "总书记",
    "副书记",
    "书记",
    "副市长",
    "市长",
    "副县长",
    "县长",
    "副区长",
    "区长",
    "副省长",
    "省长",
    "副镇长",
    "镇长",
    "副乡长",
    "乡长",
    "副州长",
    "州长",
    "副主席",
    "主席",
    "副总理",
    "总理",
    "副部长",
    "部长",
    "副厅长",
    "厅长",
    "副局长",
    "局长",
    "副处长",
    "处长",
    "副科长",
    "科长",
    "副主任",
    "主任",
    "副院长",
    "院长",
    "副校长",
    "校长",
    "副行长",
    "行长",
    "副董事长",
    "董事长",
    "副总参谋长",
    "总参谋长",
    "副参谋长",
    "参谋长",
    "副检察长",
    "检察长",
    "副司长",
    "司长",
    "副军长",
    "军长",
    "副师长",
    "师长",
    "旅长",
    "营长",
    "连长",
    "指导员",
    "教导员",
    "编审",
    "副总经理",
    "总经理",
    "经理",
    "副总裁",
    "总裁",
    "副秘书长",
    "秘书长",
    "副会长",
    "会长",
    "副社长",
    "社长",
    "副总编辑",
    "总编辑",
    "副台长",
    "台长",
    "副馆长",
    "馆长",
    "副所长",
    "所长",
    "副站长",
    "站长",
    "副队长",
    "队长",
    "副组长",
    "组长",
    "副司令员",
    "司令员",
    "政委",
    "副主委",
    "主委",
    "理事长",
    "委员长",
    "副委员长",
    "委员",
    "常委",
    "代表",
    "总统",
    "副总统",
    "首相",
    "国务卿",
    "外长",
    "外交部长",
    "大使",
    "国王",
    "女王",
    "王储",
    "议长",
    "总干事",
    "教授",
    "副教授",
    "研究员",
    "院士",
    "博士",
    "医生",
    "主治医生",
    "医师",
    "护士长",
    "教练",
    "主教练",
    "老师",
    "教师",
    "律师",
    "工程师",
    "总工程师",
    "村支书",
    "支书",
    "村主任",
    "村民",
    "市民",
    "居民",
    "首席记者",
    "特约记者",
    "见习记者",
    "本报记者",
    "记者",
    "通讯员",
    "实习生",
    "摄影记者",
    "民警",
    "交警",
    "消防员",
    "志愿者",
    "选手",
    "运动员",
    "球员",
    "演员",
    "导演",
    "作家",
    "画家",
    "歌手",
    "专家",
    "负责人",
    "创始人",
    "董事",
    "监事",
    "党支部书记",
    "总指挥",
    "副总指挥",
    "指挥长",
    "副指挥长",
];

/// Forms written after a name (`习近平总书记`, `王明同志`).
pub const AFTER_NAME: &[&str] = &[
    "总书记",
    "主席",
    "副主席",
    "委员长",
    "副委员长",
    "总理",
    "副总理",
    "同志",
    "先生",
    "女士",
    "总统",
    "首相",
    "国务卿",
    "教授",
    "院士",
    "书记",
    "市长",
    "省长",
    "部长",
    "大使",
    "老人",
    "师傅",
    "医生",
    "老师",
    "局长",
    "主任",
    "校长",
    "院长",
    "董事长",
    "总经理",
    "一行",
    "夫人",
    "将军",
    "公主",
    "活佛",
    // Go and chess players' ranks: 王磊六段.
    "九段",
    "八段",
    "七段",
    "六段",
    "五段",
    "四段",
    "三段",
    "二段",
    "初段",
];

/// Posts that follow a surname alone (`王厂长`), besides the forms of address
/// in [`AFTER_NAME`].
pub const AFTER_SURNAME: &[&str] = &["厂长", "队长", "团长", "科长", "处长", "经理"];

/// Familiar forms of address after a surname alone (`张大爷`, `王总`): no
/// posts, so never kept as titles.
pub const FAMILIAR_AFTER_SURNAME: &[&str] = &[
    "大爷", "大娘", "大妈", "大伯", "大婶", "大姐", "大哥", "大嫂", "大夫", "老汉", "老伯", "老太",
    "奶奶", "爷爷", "阿姨", "小姐", "总",
];

/// Whether `word` is a form of address that follows a name or a surname.
pub fn is_address(word: &str) -> bool {
    [AFTER_NAME, AFTER_SURNAME, FAMILIAR_AFTER_SURNAME]
        .iter()
        .any(|words| words.contains(&word))
}

/// Verbs of saying and doing that follow a name at the start of a clause
/// (`。金政说`, `，王明表示`).
pub const SPEECH_VERBS: &[&str] = &[
    "说",
    "表示",
    "指出",
    "强调",
    "认为",
    "介绍",
    "告诉",
    "透露",
    "坦言",
    "感慨",
    "回忆",
    "解释",
    "提出",
    "要求",
    "希望",
    "建议",
    "呼吁",
    "称",
    "笑着说",
    "说道",
    "补充",
];

/// One-character words that follow a name and so cannot end it: 金政说… is
/// 金政, 张群环对… is 张群环.
pub fn stops_a_name(c: char) -> bool {
    static STOPS: LazyLock<CharSet> = LazyLock::new(|| {
        CharSet::new(
            "说在对和与及等的是也都就还到向从给让将已曾又被把于以并而但或朝随经受作做任兼当讲谈答问称了着过们时会为同率带陪"
                .chars(),
        )
    });
    STOPS.contains(c)
}

/// Words that follow a name: a name does not run into them (金政代表…,
/// 王明建议…, 刘建国主持…).
const FOLLOWERS: &[&str] = &[
    "代表", "主持", "出席", "参加", "率领", "陪同", "一行", "等人", "同志", "先生", "女士", "主任",
    "书记", "市长", "县长", "部长", "局长", "会见", "看望", "考察", "调研", "宣布", "致辞", "讲话",
    "报道", "摄", "发自", "今天", "今年", "昨天", "明天", "近日", "日前", "当选", "逝世", "访问",
    "师傅", "牌", "老师", "同学", "一家", "等",
];

/// Whether `text` starts with a word that follows names.
pub fn starts_with_follower(text: &str) -> bool {
    FOLLOWERS
        .iter()
        .chain(SPEECH_VERBS)
        .any(|w| text.starts_with(w))
}

/// Characters that end the text a post's organisation may take: punctuation,
/// and function words that begin a clause (`会议由市长…`).
pub fn ends_organisation(c: char) -> bool {
    !crate::chars::is_han(c) || "由对向和与及是在为请让被把将同跟给、，。".contains(c)
}

/// Whether `word` is one of the posts written before a name
/// ([`BEFORE_NAME`]).
pub fn is_post_word(word: &str) -> bool {
    static POSTS: LazyLock<crate::chars::FastSet<&'static str>> =
        LazyLock::new(|| BEFORE_NAME.iter().copied().collect());
    POSTS.contains(word)
}

/// Words of a clause, never of a post or its organisation: a title before
/// a name begins after the last of them (北京会见|不丹外交大臣,
/// 会议听取了|财政部部长, 刚刚抵达河内的|中共中央总书记).
const CLAUSE_WORDS: &[&str] = &[
    "致电",
    "致函",
    "致信",
    "致贺",
    "贺信",
    "贺电",
    "祝贺",
    "会见",
    "会谈",
    "会晤",
    "当选",
    "宣读",
    "出席",
    "主持",
    "发表",
    "签署",
    "通电话",
    "表示",
    "强调",
    "指出",
    "访问",
    "抵达",
    "支持",
    "收录",
    "根据",
    "举行",
    "参加",
    "进行",
    "宣布",
    "任命",
    "回信",
    "看望",
    "慰问",
    "接见",
    "陪同",
    "纷纷",
    "邀请",
    "应邀",
    "欢迎",
    "感谢",
    "祝愿",
    "希望",
    "认为",
    "提出",
    "听取",
    "了",
    "的",
];

/// Where a title written before a name begins, given where its
/// organisation may begin (`start`) and where the post begins (`end`):
/// after the last word of a clause between them, and after an opening 应
/// (应|国家主席, at the invitation of; but 应急管理部部长).
pub fn title_start(text: &str, start: usize, end: usize) -> usize {
    static CLAUSE: LazyLock<aho_corasick::AhoCorasick> = LazyLock::new(|| {
        aho_corasick::AhoCorasick::builder()
            .kind(Some(aho_corasick::AhoCorasickKind::DFA))
            .build(CLAUSE_WORDS)
            .expect("clause word automaton")
    });
    let mut start = CLAUSE
        .find_overlapping_iter(&text[start..end])
        .map(|word| start + word.end())
        .max()
        .unwrap_or(start);
    if let Some(rest) = text[start..end].strip_prefix('应') {
        let opens_a_word = rest
            .chars()
            .next()
            .is_some_and(|next| crate::tokens::segmenter().has_word(&format!("应{next}")));
        if !opens_a_word {
            start += '应'.len_utf8();
        }
    }
    start
}

/// Posts after which a foreign name may follow (`总统克林顿`) or before which
/// one may stand (`克林顿总统`).
pub const FOREIGN_POSTS: &[&str] = &[
    "总统",
    "副总统",
    "总理",
    "首相",
    "国务卿",
    "外长",
    "外交部长",
    "国防部长",
    "主席",
    "国王",
    "女王",
    "王储",
    "大使",
    "秘书长",
    "议长",
    "总干事",
    "总书记",
    "亲王",
    "苏丹",
    "埃米尔",
    "元首",
    "大臣",
    "部长",
    "副主席",
    "副总理",
    "副部长",
    "副议长",
    "副秘书长",
    "参议员",
    "众议员",
    "特使",
    "主教",
];

/// Characters of transliterated foreign names (克林顿, 叶利钦, 阿拉法特;
/// of today's news too: 普京, 泽连斯基, 卢卡申科, 米尔济约耶夫, 朔尔茨,
/// 费尔南德斯, 普拉昌达, 通伦).
pub fn is_transliteration(c: char) -> bool {
    static TRANSLITERATION: LazyLock<CharSet> =
        LazyLock::new(|| CharSet::new(TRANSLITERATION_CHARS.chars()));
    TRANSLITERATION.contains(c)
}

const TRANSLITERATION_CHARS: &str = "阿埃艾安奥巴拜班贝本比彼波伯博布查达戴丹德迪蒂杜多厄恩尔法菲费夫福弗富盖戈格古哈海汉豪赫亨胡霍基吉加杰金卡凯坎康科克肯库拉莱兰朗劳勒雷里利列林卢鲁路伦罗洛马迈麦曼梅门米明莫默姆穆纳内尼涅纽诺帕佩皮普奇齐乔切琼萨塞桑沙舍什施史斯索塔泰坦汤特图瓦万威韦维温沃乌西希谢辛休亚扬耶伊因英尤约泽扎詹兹佐奈契叶钦顿茨娃娜莎丽琳蒙默雅霍哲朱赖东娅玛蕾妮锡瑟努恰让若绍圣舒松托旺翁邦鲍宾登丁凡佛冈瓜圭考柯夸奎昆莉芒潘庞琪芬提滕苏唐夏伍范冯黑洪贾孔欧彭\
         森略密罕撒逊翰摩珀昂廉卜迦赛斐嘉措旦尕卓嘎噶孜依买甫热鼎则\
         华勃季苗欣瑞易祖\
         京申济昌连别南任朔通隆育云额汀边根哥久诗集功义立茂呼";

/// Words ending in a description that name no person (国家安全观, 大家):
/// before them no name.
const NOT_DESCRIPTIONS: &[&str] = &[
    "国家", "大家", "人家", "皇家", "老家", "全家", "万家", "千家", "农家", "酒家", "回家", "在家",
    "居家",
];

/// Whether the cue at `cue` of `text` is the end of a word that names no
/// person (the 家 of 国家).
pub fn is_no_description(text: &str, cue: Range<usize>) -> bool {
    NOT_DESCRIPTIONS.iter().any(|word| {
        word.ends_with(&text[cue.clone()])
            && cue.end >= word.len()
            && text.is_char_boundary(cue.end - word.len())
            && &text[cue.end - word.len()..cue.end] == *word
    })
}

/// Descriptions written before a name that vouch for it without being a
/// post (`检查员于居洋`, `革命家刘澜涛`, `妻子丁玉珍`, `29岁的陈云峰`).
pub const DESCRIPTIONS_BEFORE: &[&str] = &[
    "员",
    // 选举王宏民为市长.
    "选举",
    "家",
    "模范",
    "标兵",
    "劳模",
    "英雄",
    "妻子",
    "丈夫",
    "儿子",
    "女儿",
    "母亲",
    "父亲",
    "老伴",
    "爱人",
    "岁的",
    "名叫",
    "叫",
    "学生",
    "工人",
    "农民",
    "战士",
    "党员",
    "厂长",
    "同学",
    "烈士",
    "老人",
    "先进个人",
    "少年",
    "姑娘",
    "小伙子",
    "冠军",
    "亚军",
    "名将",
    "老将",
    "小将",
    "外援",
    "首长",
    "诗人",
    "作家",
    "领导人",
    "主持人",
    "创始人",
    "贫困户",
    "特困户",
    "五保户",
    "专业户",
    "个体户",
    "者",
    "选手",
    "歌手",
    "棋手",
    "射手",
    "旗手",
    "影星",
    "歌星",
    "球星",
    "明星",
    "祖父",
    "祖母",
    "哥哥",
    "弟弟",
    "姐姐",
    "妹妹",
    "孙子",
    "孙女",
    "总策划",
    "发言人",
    "导演",
    "演员",
];

/// Countries and unions that a transliterated name before a post may be
/// (`巴基斯坦总统`): never taken for a person.
pub fn is_country(name: &str) -> bool {
    const COUNTRIES: &str = "伊拉克 伊朗 以色列 巴勒斯坦 巴基斯坦 阿富汗 格鲁吉亚 肯尼亚 乌克兰 俄罗斯 白俄罗斯 哈萨克斯坦 \
        塔吉克斯坦 乌兹别克斯坦 吉尔吉斯斯坦 土库曼斯坦 阿塞拜疆 亚美尼亚 叙利亚 黎巴嫩 约旦 沙特阿拉伯 也门 \
        阿曼 卡塔尔 科威特 巴林 埃及 利比亚 突尼斯 阿尔及利亚 摩洛哥 苏丹 埃塞俄比亚 索马里 坦桑尼亚 乌干达 \
        卢旺达 布隆迪 刚果 安哥拉 赞比亚 津巴布韦 莫桑比克 纳米比亚 博茨瓦纳 尼日利亚 加纳 喀麦隆 塞内加尔 \
        马里 印度尼西亚 马来西亚 菲律宾 柬埔寨 老挝 缅甸 孟加拉 尼泊尔 斯里兰卡 蒙古 朝鲜 墨西哥 古巴 巴西 \
        阿根廷 智利 秘鲁 哥伦比亚 委内瑞拉 意大利 西班牙 葡萄牙 荷兰 比利时 瑞士 奥地利 瑞典 挪威 芬兰 丹麦 \
        波兰 捷克 斯洛伐克 匈牙利 罗马尼亚 保加利亚 希腊 土耳其 塞尔维亚 克罗地亚 阿尔巴尼亚 马其顿 立陶宛 \
        拉脱维亚 爱沙尼亚 澳大利亚 新西兰 爱尔兰 冰岛 卢森堡 摩纳哥 梵蒂冈 塞浦路斯 马耳他 南斯拉夫 波黑 \
        斯洛文尼亚 摩尔多瓦 加拿大 美利坚 巴拿马 危地马拉 尼加拉瓜 萨尔瓦多 洪都拉斯 牙买加 海地 多米尼加";
    static SET: LazyLock<std::collections::HashSet<&str>> =
        LazyLock::new(|| COUNTRIES.split_whitespace().collect());
    SET.contains(name)
}
