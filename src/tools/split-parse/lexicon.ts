/**
 * The words the split grammar knows by meaning (the parser's own small dictionary). Every other
 * word comes from jieba with its part of speech. A word's category decides its role in the
 * sentence: `role` nouns are parties, the rest are cues or function words and never a party.
 */
export type Cat =
  | 'role' // a party named by its role: 飞出地, 村集体, 运营公司
  | 'filler' // politeness, time words, the topic: dropped
  | 'revenue' // what is split: 税收, 利润, 总共
  | 'contrib' // a contribution: 出资, 出地折价
  | 'floor' // 保底
  | 'baseline' // 基数
  | 'excess' // 超出部分: the increment over the baseline
  | 'rest' // 其余, 剩下的: the remainder
  | 'both' // 两边, 双方: the parties already named
  | 'even' // 对半, 平分: equal shares
  | 'take' // 拿, 得, 占: a party takes a share
  | 'to' // 归, 给, 分给: a share or an amount goes to a party
  | 'split' // 分成, 分, 开, 比例: the act of splitting
  | 'by' // 按, 按照: a ratio or basis follows
  | 'byContrib' // 按出资比例: shares from the contributions
  | 'and' // 和, 与, 、: a list of parties
  | 'after' // 之后, 此后: the next phase
  | 'from' // 从, 由: a starting ratio
  | 'till' // 到, 过渡到: a target ratio
  | 'buffer' // 缓冲期, 过渡期: a glide
  | 'span' // 算, 共, 合计: the number of years computed
  | 'each' // 每年: the same amount every year
  | 'whole' // 全归, 独享: the whole to one party
  | 'vague' // 一方…另一方: a share that names nobody on purpose
  | 'undecided' // 还没定: part of the agreement is not settled
  | 'first' // 在前: the name before comes first
  | 'second' // 在后
  | 'larger' // 多拿, 拿大头, the bigger part: the party before it has the larger part of a two-part ratio
  | 'smaller' // 少拿, 拿小头, the smaller part
  | 'step' // 下降, 提高: a share moving by a step (每年下降一成)
  | 'stop'; // other function words: never part of a name

const ZH: Array<[Cat, string]> = [
  ['role', '镇政府 乡政府 县政府 市政府 区政府 乡镇政府 镇人民政府 乡人民政府 街道办 街道办事处 村委会 村民委员会 园区管委会 开发区管委会 园区管理委员会 管理委员会 园区运营公司 园区平台公司 园区开发公司 我县 我们县 咱们县 咱县 本县 我市 我们市 咱们市 本市 我区 我们区 咱们区 本区 我镇 我们镇 咱们镇 本镇 我村 我们村 咱们村 本村 我方 飞出地 飞入地 飞出方 飞入方 飞出地政府 飞入地政府 村集体 村集体经济组织 集体经济组织 村集体经济 薄弱村 村级集体 运营公司 运营方 运营主体 平台公司 开发公司 投资公司 管委会 开发区 经开区 高新区 起始飞地 中继飞地 终端飞地 甲方 乙方 丙方 丁方 投资方 出资方 社会资本方 合作方 建设方 开发方 投资人 开发商 国企 城投公司 合作社 园区运营方 园区公司 园区平台 园区管委会 开发区平台 开发区公司 开发区运营公司 开发区平台公司'],
  ['filler', '新增 统计 统计上 统计口径上 口径上 名义上 账面上 核算上 财务上 会计上 数据上 实际上 原则上 总体上 管理费 服务费 手续费 管理费用 为止 先行 原有 原来 原先 现有 帮忙 帮我 帮 算算 算一下 计算 计算一下 算下 一下 请问 请 麻烦 麻烦你 你好 您好 谢谢 今年 去年 明年 前年 当年 本年度 年度 我们 我 你 看看 试算 假设 如果 的话 那么 那 这 园区 飞地 项目 合作 共建 协议 约定 地方 当地 元 人民币 能 能否 可以 多少 各 分别 各自 是 吧 呢 吗 了 一共是 大概 大约 左右 目前 现在 政府 的 产生 实现 全年 年 合作园区 飞地园区 该 按年 怎么 如何 问 一 下'],
  ['revenue', '税收 地方税收 税收收入 地方级税收 收益 总收益 净收益 利润 净利润 分红 红利 GDP 地区生产总值 入库 入库税收 上缴 上缴税收 总额 总共 一共 共计 合计 总计 收入 总收入 营收 营业收入 产值 财政收入 留成 税 收益额 可分配收益 要分 分成基数 分配基数 分成总额 可分成收入'],
  ['contrib', '折算 出 提供 提供了 投了 投入了 投资了 出资了 拿出 出了地 出了土地 出土地 出资 投入 投资 出地折价 出地作价 土地折价 土地作价 折价 作价 出管理 管理折价 入股 出钱 注资 认缴 出地 以地入股 出了 投了'],
  // the "no less than" wordings (不低于, 不得少于, 至少拿, 起码 …) are read by FLOOR_WORDING below
  ['floor', '保底 兜底 托底 保底收益 保底分红 保底拿 固定 固定拿 固定收益 固定分红 优先拿 先拿'],
  ['baseline', '基数 基期 基准 存量'],
  ['excess', '超出部分 超过部分 增量部分 超出的部分 超过的部分 超额部分 增量 超出 超过 多出的部分 多出部分 以上部分'],
  ['rest', '其余 剩下 剩下的 剩余 剩余的 余下 余下的 其他 余额 剩余部分 其余部分 再'],
  // counted parties (三家, 四方, 两个县, 省市县三级) are read by PARTY_COUNT below, not listed here
  ['both', '两边 双方 各方 大家 彼此'],
  ['even', '对半 对半分 平分 均分 一半一半 各一半 五五开 平均分 平均分配'],
  ['take', '所得 所有 各得 各拿 各占 各分 各自拿 各自得 拿 得 占 分得 获得 取得 享有 享 拿走 得到 要 分到 拿到 占比 为 降为 升为 调为 降至 升至 调整为 下调为 上调为 减为 增为 改成 改为 变为 稳定在 稳定为 保持在 保持 维持在 维持 固定在 不变 先提 提取 抽取 抽成 提成 先抽 先扣 先扣除 先提取 先抽取 抽走 提走 扣走'],
  ['to', '保留 留 留归 全部留 都留 归 给 分给 分配给 给到 留给 归属 交给 划给 返还 返给 留在 先给 优先给 先付给 先拨给'],
  ['split', '分成 分 开 分配 分账 比例 分成比例 的比例 来分 比 分享 拆分 切分 分摊'],
  ['by', '按 按照 依照 按着 以'],
  // shares from the contributions (按出资比例, 按投资比例, 根据各自投入 …) are read by BY_CONTRIBUTION below
  ['byContrib', '股比'],
  ['and', '和 与 跟 同 及 以及 或 或者 、'],
  ['after', '之后 此后 以后 往后 后面 然后 再往后 随后 起 开始 后'],
  ['from', '从 由 自'],
  ['till', '直到 一直到 直至 到 至 过渡到 过渡为 变成 逐步过渡到 逐年过渡到 逐步调整到 过渡至 降到 升到 调到 提到 提高到 增加到 增至 涨到 下降到 降低到 减到 减少到 调整到 逐年提到 逐年降到 逐步提高到 逐年提高到 逐步降低到 逐年降低到'],
  // (取中间, 居中, 折中: a year of a glide said to be in between its ends)
  ['buffer', '缓冲期 过渡期 缓冲 过渡 缓冲年限 过渡年限 逐步 逐年 线性 平均 均匀 匀速 等额 平滑 取中间 取中间值 取中 居中 中间值 取平均 取平均值 取均值 平均值 折中 取折中'],
  ['span', '算 共 合计算 按 一共算 计 列 列出 列一下 排 显示'],
  ['each', '每年 年均 每一年 逐年都'],
  ['step', '下降 降低 递减 减少 下调 回落 上升 提高 上调 升高 调低 调高 降 减 升'],
  ['undecided', '后面再说 之后再说 往后再说 以后再定 后面再定 重新谈 重新商定 重新协商 另行谈判 重新谈判 看情况 视情况 再调整 另行调整 看情况再定 再商量 再协商 再定 以后再说 到时候再说 到时再定 到时候再定 另行商定 另行协商 另行约定 还要商量 还没商量 还没定 没定 未定 待定 还未确定 没有确定 尚未确定 不确定 另议 再议 还没谈 没谈好 还在谈'],
  ['first', '在前 排前 为先 前者 为前者 是前者'],
  ['second', '在后 排后 后者 为后者 是后者'],
  ['vague', '一方 另一方 其中一方 一个 另一个 一家 另一家 一边 另一边 其中一家'],
  ['whole', '拿全部 得全部 全部拿走 拿走全部 全归 全部归 全给 全部给 都归 全拿 全部拿 独享 独得 全额归 全额给'],
  ['larger', '多拿 多得 多分 拿大头 占大头 得大头 大头 多的那份 多的一份 大的那份 较多的那份 较大的那份 较多 大份'],
  ['smaller', '少拿 少得 少分 拿小头 占小头 得小头 小头 少的那份 少的一份 小的那份 较少的那份 较小的那份 较少 小份'],
  ['stop', '人口 人数 户数 面积 亩数 规定 明确 要求 政策 文件 办法 方案 机制 原则 标准 对方 我们是 大头 小头 整 先 优先 全部 全额 整体 部分的 在 把 被 将 对 向 于 就 也 都 还 又 并 而 则 其 之 这 那 第 前 和 啊 部分 方 同意 设 建 设立 共同 一起 联合 计划 打算 需要 应该 怎么分 如何分 分别是 各占 即 等 一些 一部分 一点 一块 若干 不对 说错 说错了 写错了 更正 纠正 相应 相应地 随之 对应地 同步'],
];

/** sending area, sending side, sending county …: the kinds of place a role is said to be in English. */
export const ROLE_PLACE_KINDS = ['area', 'region', 'side', 'county', 'city', 'party', 'place', 'locality', 'end', 'district', 'town', 'township', 'partner', 'government', 'jurisdiction', 'province'];
/** The English words that say which side a place is (the host county is the receiving area), and the role each names. */
export const ROLE_SIDES = { sending: 'sending area', receiving: 'receiving area', host: 'receiving area', home: 'sending area' } as const;

const EN: Array<[Cat, string]> = [
  ['role', `${Object.keys(ROLE_SIDES).flatMap((side) => ROLE_PLACE_KINDS.map((k) => `${side} ${k}`)).join('|')}|origin area|village collective|village collectives|operating company|operator|platform company|park operator|park company|park platform|development company|management company|management committee|park management committee|administrative committee|town government|township government|county government|village committee`],
  ['filler', 'management fee|a management fee|service fee|annual fee|fee|fees|off the top|right off the top|from the top|up front|upfront|per|mr|mrs|ms|dr|distributable|otherwise|else|must|shall|may|might|need to|needs to|has to|have to|respectively|show|show me|list|display|breakdown|break down|break it down|spell out|lay out|anything|everything|whatever|please|calculate|compute|work out|help|me|us|the|a|an|it|they|them|this|that|which|who|he|she|out of|out|give|gives|gave|pay|pays|assign|assigns|hand|what|first|second|initially|finally|two|three|four|counties|cities|sides|parties|regions|areas|places|districts|partners|towns|villages|governments|local governments|if|when|suppose|assume|assuming|say|let|given|tell|hi|dear|ok|okay|so|now|also|just|roughly|about|around|approximately|expected|estimated|this year|last year|next year|annual|annually|how|much|would|should|does|do|what|is|are|will|be|in|on|at|park|enclave|project|rmb|yuan|cny|can you|could you|i|checking|says|we|our|hi|hello|hey|thanks|thank you|brings in|brought in|bring in|quick question|a quick question|quick one|question|urgent|asap|sorry|amount|amounts|of the|its|their|whole|shared|cooperation|partnership|joint|jointly|together|run|runs|running|operate|operates|co-run|co-runs|team up|teamed up|promised|were promised|was promised|is promised|are promised|end up with|ends up with|end up|ends up'],
  ['revenue', 'tax|taxes|tax revenue|tax revenues|revenue|revenues|profit|profits|net profit|income|dividend|dividends|gdp|total|in total|output|proceeds|earnings'],
  ['contrib', 'brings|bring|invests|invested|invest|contributes|contributed|contribution|puts in|put in|capital of|land valued at|land worth|management valued at|management worth|management|valued at|valued|worth|appraised at|priced at|provides|provided|provide|offers|offered|puts up|put up'],
  ['floor', 'no less than|not less than|never less than|a minimum of|minimum of|floor|guaranteed|guarantee|minimum|at least|a floor of|is paid|gets paid|paid|is given|fixed|a fixed|fixed amount of|a fixed amount of|fixed sum of|a fixed sum of'],
  ['baseline', 'baseline|base amount|base'],
  ['excess', 'anything above|anything over|anything beyond|anything above that|anything over that|anything beyond that|whatever is above|whatever exceeds|above|above that|beyond that|the excess|excess|increment|the increment|over that'],
  ['rest', 'rest|the rest|remainder|the remainder|remaining|what is left|whatever remains'],
  ['both', 'both|each side|both sides|both parties|each|either side|everyone|everybody|every party|every side|all parties|all sides|all of them|all three|all four'],
  ['even', 'evenly|equally|half and half|half-half|half half|halves|50-50|fifty-fifty|down the middle'],
  ['take', 'is entitled to|are entitled to|entitled to|is owed|is due|charges|charge|levies|deducts|collects|counts|counts for|accounts for|account for|is credited with|becomes|become|changes to|switches to|gets|get|getting|takes|take|taking|keeping|receives|receive|keeps|keep|has|holds|gets a|obtains|goes|go|moves|falls|drops|rises|declines'],
  ['undecided', 'renegotiate|renegotiated|renegotiation|re-negotiate|to be renegotiated|revisit|to be revisited|to be reviewed|to be negotiated|to be negotiated later|negotiated later|later negotiation|to be discussed|not decided|undecided|to be decided|tbd|not yet agreed|not agreed yet|still open|to be agreed'],
  ['first', 'first|the first number|the first figure|the first part|the first share|the first one'],
  ['second', 'the second number|the second figure|the second part|the second share|the second one'],
  ['larger', 'a bit more|a little more|slightly more|somewhat more|the larger|the bigger|the greater|larger|bigger|the bigger part|the larger part|the bigger share|the larger share|the bigger portion|the larger portion|the bigger one|the larger one|the bigger number|the larger number|the lion share|the majority|more|favour|favor|in favour of|in favor of'],
  ['smaller', 'a bit less|a little less|slightly less|somewhat less|the smaller|the lesser|smaller|the smaller part|the smaller share|the smaller portion|the smaller one|the smaller number|the minority|less'],
  ['vague', 'one side|the other side|one party|the other party|one of them|the other one|the other|one'],
  ['whole', 'gets everything|takes everything|gets all|takes all|keeps all|keeps everything|all to|everything to'],
  ['to', 'held by|owned by|to|for|goes to|go to|going to|paid to|allocated to|stays with|stay with|remains with|kept by|is kept by|belongs to|retained by|reserved for'],
  ['split', 'cut|cuts|portion|stake|slice|split|splits|shared|share|divided|divide|ratio|division|allocate|allocated|sharing'],
  ['by', 'by|at|according to|on|with'],
  ['byContrib', 'shares follow capital|follow capital|follows capital|by capital|in proportion to capital|pro rata to capital|according to capital|by shareholding|in proportion to shareholding|according to shareholding|by equity|in proportion to their contributions|in proportion to contributions|by contribution|by contributions|pro rata to contributions|in proportion to investment|by investment|pro rata'],
  ['and', 'and|&|,|or'],
  ['after', 'then|after that|afterwards|thereafter|after|from then on|later'],
  ['from', 'from|starting at|starting from|start at|start from|starts at|starts from|begin at|begins at|beginning at|start with|starts with'],
  ['till', 'ends at|ending at|ends up at|finishes at|finishing at|until it reaches|until it hits|until reaching|reaching|reaches|reach|until|till|to|moving to|going to|into|down to|up to|drops to|falls to|rises to|goes down to|goes up to|comes down to'],
  ['buffer', 'changing evenly|changes evenly|change evenly|changing evenly in between|changing linearly|changing gradually|changing|in between|halfway|half way|midway|in the middle|in equal steps|by equal steps|evenly each year|linearly|transition|transition period|buffer|buffer period|glide|gradually|phase-in|phasing|phase|phased|phase in|move|moves|moving|shift|shifts|shifting|glides|gliding|step down|steps down'],
  ['span', 'for|over|across|covering'],
  ['each', 'each year|per year|a year|every year|yearly|annually|year by year|by year'],
  ['stop', 'services|supposed|meant|entitled|slated|scheduled|was|were|been|be|between|among|of|is|are|with|which|that|under|as|so|then|its|there|same|same ratio|agreement|agreed|but|however|though|although'],
];

/** Chinese multi-character cue words, longest first (for the longest-match pre-segmentation). */
export const ZH_WORDS: Map<string, Cat> = new Map();
for (const [cat, words] of ZH) for (const w of words.split(/\s+/).filter(Boolean)) if (!ZH_WORDS.has(w)) ZH_WORDS.set(w, cat);
export const ZH_LONGEST = Math.max(...[...ZH_WORDS.keys()].map((w) => w.length));

/** English cue phrases (lower case), longest first. */
/**
 * A share moving over the years, in any of its English wordings: a verb of movement (drops, going down,
 * comes down, rises, tapering …) with or without its manner (evenly, gradually, in equal steps). One
 * 'buffer' word each, so none of them is ever read as a party (going down was one).
 */
const GLIDE_VERBS = ['drop', 'fall', 'decline', 'decrease', 'rise', 'increase', 'go down', 'go up', 'come down', 'come up', 'step down', 'step up', 'lower', 'raise', 'taper', 'slide', 'ramp down', 'ramp up', 'move', 'shift', 'glide', 'reduce', 'shrink', 'grow', 'climb'];
const GLIDE_MANNER = ['', ' evenly', ' gradually', ' linearly', ' steadily', ' in equal steps', ' by equal steps', ' step by step', ' year by year', ' each year', ' every year'];
/** The forms of an English verb (drop → drop, drops, dropping, dropped; go down → goes down, going down, went down …). */
function verbForms(v: string): string[] {
  const [head, ...rest] = v.split(' ');
  const tail = rest.length ? ` ${rest.join(' ')}` : '';
  const irregular: Record<string, string[]> = { go: ['go', 'goes', 'going', 'went', 'gone'], come: ['come', 'comes', 'coming', 'came'], fall: ['fall', 'falls', 'falling', 'fell', 'fallen'], rise: ['rise', 'rises', 'rising', 'rose', 'risen'], grow: ['grow', 'grows', 'growing', 'grew', 'grown'], shrink: ['shrink', 'shrinks', 'shrinking', 'shrank'] };
  const stem = head.endsWith('e') ? head.slice(0, -1) : head;
  const doubled = /^(?:drop|step|ship)$/.test(head) ? head + head.slice(-1) : stem;
  const forms = irregular[head] ?? [head, `${head}s`, `${doubled}ing`, `${doubled}${head.endsWith('e') ? 'd' : 'ed'}`];
  return forms.map((f) => f + tail);
}
const GLIDE_PHRASES = GLIDE_VERBS.flatMap(verbForms).flatMap((v) => GLIDE_MANNER.map((m) => v + m));

export const EN_PHRASES: Array<[string[], Cat]> = [...EN, ['buffer', GLIDE_PHRASES.join('|')] as [Cat, string]].flatMap(([cat, list]) => list.split('|').map((ph): [string[], Cat] => [ph.trim().split(/\s+/), cat])).sort(
  (a, b) => b[0].length - a[0].length,
);

/**
 * A number of parties said with its classifier: 两家, 三方, 四地, 两个县, 三个乡镇, 省市县三级, 五个单位.
 * Read as one 'both' word (the parties named elsewhere, or all of them) whose count a list typed
 * without separators must match (./names).
 */
/** A floor said as "no less than": 不低于, 不得少于, 不能低于, 至少拿, 最少得, 最低, 起码 … */
export const FLOOR_WORDING = /(?:(?:不得|不能|不会|不应|不可|不)(?:低于|少于)|(?:至少|最少|最低|起码|最起码)(?:拿|得|分|有|要|给|也要|也得)?)/y;

const CONTRIBUTION_NOUNS = '出资额|投资额|投入额|出资|投入|投资|入股|股份|股权|持股|实缴|贡献';

export const PARTY_COUNT = /([两二三四五六七八九十])(?:[个家]?(?:乡镇|城市|单位|主体|部门|方面)|个?(?:家|方|地|级|县|市|区|镇|乡|村|城))/y;
const COUNT_OF: Record<string, number> = { 两: 2, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9, 十: 10 };
/** The number of parties a word such as 三家 / 四方 / 两个县 says, else undefined. */
export function partyCount(word: string): number | undefined {
  PARTY_COUNT.lastIndex = 0;
  const m = PARTY_COUNT.exec(word);
  return m && m[0] === word ? COUNT_OF[m[1]] : undefined;
}

/**
 * Shares from the contributions, in any of the usual wordings: 按出资比例, 按投资比例, 按照各自投入, 根据入股
 *比例, 按股份, 出资比例, 按实际出资额 … (a basis word, what was put in, and a proportion word; either
 * of the first and last may be left out, not both).
 */
export const BY_CONTRIBUTION = new RegExp(
  `(?:(?:按照?|依照?|根据|依据)(?:各自|各方|各家|双方|三方)?的?(?:实际)?(?:${CONTRIBUTION_NOUNS})(?:的)?(?:比例|占比|比|多少)?|(?:${CONTRIBUTION_NOUNS})(?:的)?(?:比例|占比))`,
  'y',
);

/**
 * A government's investment company by its usual short name, at any level: 城投, 县城投, 市城投公司, 交投集团,
 * 国投, 文旅投 … — a party in its own right (a role), like 运营公司 (jieba cuts 县城投 as 县城/投); never the
 * verb 投资/投入 inside other words (丽水投资 is 丽水 investing).
 */
export const INVESTMENT_COMPANY = /(?:省|市|县|区)?(?:城投|交投|国投|产投|农投|水投|建投|城建投|文旅投|旅投|金投|科投)(?:公司|集团)?(?![资入了放])/y;

/** Administrative suffixes that turn the word before them into a place: A县, 衢州市, 青田县. */
export const PLACE_SUFFIX = /^(?:县|市|区|镇|乡|村|省|州|街道|园|新区|开发区|园区|集团|公司)$/;

/** Parts of speech (jieba) that can be part of a party name. */
export const NAME_POS = new Set(['ns', 'nr', 'nrt', 'nrfg', 'nz', 'n', 'nt', 'ng', 'eng', 'x', 'j', 'l', 'zg', 'vn', 'nl', 's', 'an']);

/** Verbs that jieba sometimes gives to place names (开化/v) are names only when not one of these. */
export const VERBS = new Set(
  '规定 明确 决定 商量 讨论 约好 说好 定 设 设立 建设 建立 共建 合作 投资 出资 分 分成 分给 拿 得 占 算 计算 过渡 调整 上缴 入库 超出 剩下 约定 商定 协商 签订 签署 打造 成立 引进 落户 入驻 实现 产生 带来 创造 缴纳 收取 负责 提供 承担 管理 运营 同意 确定 执行 采用 参照 参考 考虑 希望 想 准备 计划 要求 规定 保证 保障 兑现 支付 拨付 返还 给予 享受 留 留存 扣除 减去 加上'.split(' '),
);
