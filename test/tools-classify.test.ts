import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { classifyMode, inferRoles, MIN_SCORE } from '../src/tools/classify';
import { MODES } from '../src/tools/modes';
import { MECHANISMS } from '../src/tools/mechanisms';

type Row = [text: string, id: string | null, direction: string | null];

/** Partnerships described the way an official might, in my own words (not corpus sentences). */
const SCENARIOS: Row[] = [
  // forward_industrial
  ['上海一家汽车零部件企业厂房不够用，准备把生产线搬到安徽一个县的合作园区，由上海方面负责招商和管理，县里提供土地。', 'forward_industrial', 'forward'],
  ['东部沿海的经济强县在西部山区县建设产业园，承接劳动密集型产业转移，双方按比例分享税收。', 'forward_industrial', 'forward'],
  ['A coastal city wants to relocate its labour-intensive factories to a partner county in the west, where land and labour are cheaper, and share the tax revenue.', 'forward_industrial', 'forward'],
  ['Our developed district will build an industrial park in a less developed mountain county and move some manufacturing capacity there.', 'forward_industrial', 'forward'],
  // reverse_innovation
  ['我们是浙西南的一个山区县，想在杭州租一层楼做研发孵化中心，吸引人才，项目孵化成熟后回到本县产业化。', 'reverse_innovation', 'reverse'],
  ['县里打算在上海设立科创飞地，研发在上海、生产在本地。', 'reverse_innovation', 'reverse'],
  ['A poor mountain county plans to open an incubation centre in Hangzhou to attract engineers, and bring mature start-ups back home for production.', 'reverse_innovation', 'reverse'],
  ['We want a reverse enclave: our R&D team sits in Shenzhen while our factories stay in our home county.', 'reverse_innovation', 'reverse'],
  // xiaobo
  ['十几个集体经济薄弱村抱团，把资金和土地指标投到结对经济强县的开发区，每年拿固定收益。', 'xiaobo', 'reverse'],
  ['几个村集体联合出钱，在城里的工业园建标准厂房出租，要求保底分红。', 'xiaobo', 'reverse'],
  ['Several weak village collectives pool their money and land quotas into a project in a developed county’s industrial park and expect a guaranteed annual return.', 'xiaobo', 'reverse'],
  // eco_compensation
  ['我县是饮用水源保护地，不能发展工业，计划在宁波前湾新区设立一块工业园区，税收和产值算回本县。', 'eco_compensation', 'reverse'],
  ['作为重点生态功能县，我们想在发达地区异地开发一个园区，作为生态补偿。', 'eco_compensation', 'reverse'],
  ['Our county protects a major water source, so we cannot build factories at home; we want an industrial platform in a developed coastal district to earn tax income.', 'eco_compensation', 'reverse'],
  // enclave_relay
  ['深圳负责芯片设计和标准制定，广西凭祥做中转和标准适配，越南工厂负责组装和销售，三地分段接力。', 'enclave_relay', 'relay'],
  ['我们想搭建一条跨境产业链：东部研发、云南中试、老挝和泰国制造。', 'enclave_relay', 'relay'],
  ['A three-stage chain: design in the Greater Bay Area, transit and standards conversion in Guangxi, final assembly in Vietnam.', 'enclave_relay', 'relay'],
  ['Start node in Guangdong, relay node in Yunnan, terminal node in Malaysia — we need a revenue split across the chain.', 'enclave_relay', 'relay'],
  // two_way_co_built
  ['两个开发区互设园中园，共同规划、联合招商、协同管理，收益对等分享。', 'two_way_co_built', 'bidirectional'],
  ['Two parks agree to set up a park inside each other’s park, jointly plan and attract investment, and share revenue on equal terms.', 'two_way_co_built', 'bidirectional'],
  // gov_guided_market
  ['前期由市政府主导规划和政策支持，后期交给国有平台公司市场化运营，引入专业团队招商。', 'gov_guided_market', 'forward'],
  ['At first the government sets the rules and subsidies; later a professional operating company runs the enclave on a commercial basis.', 'gov_guided_market', 'forward'],
  ['山区县在杭州的飞地园区委托第三方运营公司市场化运作，县政府只负责政策引导。', 'gov_guided_market', 'reverse'],
  // talent_employment
  ['两县互设人才驿站，共建职业技能培训基地，把山区的富余劳动力培训后安排到对方企业就业。', 'talent_employment', 'bidirectional'],
  ['We want to set up a vocational training base and a talent station so that rural workers get jobs in the partner city.', 'talent_employment', 'bidirectional'],
  // industry_innovation_linkage
  ['在武汉布局科创飞地做研发孵化，在周边城市布局产业飞地做生产转化，形成创新链和产业链的闭环。', 'industry_innovation_linkage', 'bidirectional'],
  ['Pair an innovation enclave in the big city with an industrial enclave in the surrounding cities so the innovation chain and the production chain form a closed loop.', 'industry_innovation_linkage', 'bidirectional'],
  // cross_region_innovation_industry
  ['江西一个地级市在长三角设立科创飞地，跨省域配置科技资源，研发成果优先回本地转化，融入全国统一大市场。', 'cross_region_innovation_industry', 'reverse'],
  ['Provinces want to build a cross-provincial innovation community under a unified framework, linking research results with industry in the unified national market.', 'cross_region_innovation_industry', 'bidirectional'],
  // gov_service_cooperation
  ['两个高新区签协议，企业办营业执照和资质审批可以跨省通办，互认证照。', 'gov_service_cooperation', 'bidirectional'],
  ['Two high-tech zones agree that companies can get licences and permits handled in either zone — cross-provincial one-stop government services.', 'gov_service_cooperation', 'bidirectional'],
  // institutional_spillover
  ['沿海自贸试验区把可复制的制度创新经验推广到内陆的联动园区。', 'institutional_spillover', 'forward'],
  ['A free trade zone wants to pass its regulatory reforms on to partner parks in inland provinces so they can replicate them.', 'institutional_spillover', 'forward'],
  // trade_logistics
  ['内陆几个城市与西安集结中心合作开行中欧班列，共同组织货源，发展海铁联运。', 'trade_logistics', 'bidirectional'],
  ['Cities along the corridor cooperate on China-Europe freight trains, sea-rail multimodal transport and joint customs clearance.', 'trade_logistics', 'bidirectional'],
  // second batch: corpus cases retold, and mixed phrasings
  ['衢州在杭州未来科技城设立海创园，研发孵化在杭州、产业转化在衢州。', 'reverse_innovation', 'reverse'],
  ['磐安县在金华设立金磐开发区，安置生态移民，发展工业。', 'eco_compensation', 'reverse'],
  ['深圳和汕尾共建特别合作区，深圳主导规划，后期由国企平台运营。', 'gov_guided_market', 'forward'],
  ['桐乡和开化互设人才平台，共建技能培训基地，促进劳动力流动。', 'talent_employment', 'bidirectional'],
  ['上饶在上海设立科创飞地，前端研发、后端在上饶落地。', 'cross_region_innovation_industry', 'reverse'],
  ['上海外高桥把企业生产基地转移到启东的合作产业园。', 'forward_industrial', 'forward'],
  ['咸阳高新区与杭州滨江高新区签订政务服务跨省通办协议。', 'gov_service_cooperation', 'bidirectional'],
  ['山东自贸区烟台片区和本地11个联动园区合作，放大制度创新溢出效应。', 'institutional_spillover', 'forward'],
  ['20个城市与中欧班列西安集结中心开展物流合作。', 'trade_logistics', 'bidirectional'],
  ['河源龙川和深圳共建科技创新中心，项目在深圳孵化后回龙川产业化。', 'reverse_innovation', 'reverse'],
  ['中国东部企业负责研发，广西做中继，越南终端工厂组装，形成飞地接力链条。', 'enclave_relay', 'relay'],
  ['一个经济薄弱村想和其他村一起在县城开发区建厂房收租金。', 'xiaobo', 'reverse'],
  ['Hangzhou and a partner county each set up a park in the other, with joint investment promotion.', 'two_way_co_built', 'bidirectional'],
  ['The Shenzhen-Shanwei zone: Shenzhen planned it, then state-owned platforms ran it commercially.', 'gov_guided_market', 'forward'],
  ['A village cooperative in a poor county wants a fixed dividend from a factory building in a richer county\'s park.', 'xiaobo', 'reverse'],
  ['An ecological function county wants a compensation enclave in a developed city because it must protect forests.', 'eco_compensation', 'reverse'],
  ['The plan links a sci-tech enclave in Wuhan for R&D with industrial enclaves in nearby cities for production.', 'industry_innovation_linkage', 'bidirectional'],
  ['Chinese firms do R&D at home, use Yunnan as a transit hub and assemble products in Laos and Thailand.', 'enclave_relay', 'relay'],
  ['Two provinces set up a joint innovation alliance so research from one is commercialised in the other\'s factories.', 'cross_region_innovation_industry', 'bidirectional'],
  ['Xi\'an rail hub cooperates with Qingdao port on sea-rail freight to Japan and Korea.', 'trade_logistics', 'bidirectional'],
  ['Parks along the land bridge sign agreements to handle each other\'s government service matters remotely.', 'gov_service_cooperation', 'bidirectional'],
  ['The Shaanxi free trade zone will share its institutional innovation experience with Lanzhou.', 'institutional_spillover', 'forward'],
  ['浙江一个发达县到衢州的山区县建设产业飞地，输出资金、技术和管理，山区县提供土地和劳动力。', 'forward_industrial', 'forward'],
  ['Jiangsu company moves its production lines to a partner park in a less developed northern city, keeping headquarters in Shanghai.', 'forward_industrial', 'forward'],
  ['把研发中心放在南京，生产基地留在苏北老家，是什么模式？', 'reverse_innovation', 'reverse'],
  ['我们县想建一个就业飞地，组织劳务输出，在沿海城市安排老乡就业。', 'talent_employment', 'reverse'],
  ['开发区引入PPP模式，让社会资本参与飞地园区的建设和运营。', 'gov_guided_market', 'forward'],
  ['请问飞地经济是什么？', null, null],
  ['What is the capital of France?', null, null],
  ['帮我订一张去杭州的机票', null, null],
  // third batch: written before tuning, to check the rules generalise (before tuning: top-1 20/28, direction 19/28)
  ['温州某县在温州市区设立飞地，专门用来孵化高新技术企业，毕业企业迁回县里。', 'reverse_innovation', 'reverse'],
  ['我市准备在成都设立一个离岸创新中心，就地招揽博士团队，成果拿回来转化。', 'reverse_innovation', 'reverse'],
  ['省里支持各县到省会建“人才科创飞地”，解决山区县引才难问题。', 'reverse_innovation', 'reverse'],
  ['苏州工业园区在宿迁建设合作园区，苏州派管理团队，宿迁提供土地，共享税收。', 'forward_industrial', 'forward'],
  ['北京的企业把部分制造环节疏解到河北的合作园区。', 'forward_industrial', 'forward'],
  ['几个乡镇的村集体经济组织合资入股市开发区的标准厂房项目，每年按投资额10%保底分红。', 'xiaobo', 'reverse'],
  ['我们是国家重点生态功能区，山多地少，禁止大规模开发，希望在杭州湾新区拿一块地发展工业。', 'eco_compensation', 'reverse'],
  ['广东企业在马来西亚设终端工厂，广西钦州做中转基地，东莞负责研发，想设计收益分配。', 'enclave_relay', 'relay'],
  ['我们与对口合作城市约定：你在我这里建园中园，我在你那里建园中园。', 'two_way_co_built', 'bidirectional'],
  ['飞地园区成立股份制管理公司，双方政府按股本分配收益，公司化运作。', 'gov_guided_market', 'forward'],
  ['两市共同建设职业技能实训基地，并互派技术工人交流。', 'talent_employment', 'bidirectional'],
  ['研发飞地放在上海张江，生产飞地放在安徽，两个飞地联动，打通创新链和产业链。', 'industry_innovation_linkage', 'bidirectional'],
  ['长三角几个城市共建G60科创走廊，推动跨省科技成果转化和产业协同。', 'cross_region_innovation_industry', 'bidirectional'],
  ['两地政务服务中心开设“跨省通办”专窗，企业异地就能办理登记。', 'gov_service_cooperation', 'bidirectional'],
  ['内陆省份学习上海自贸区的负面清单管理等制度创新，复制到本省开发区。', 'institutional_spillover', 'forward'],
  ['郑州陆港与沿海港口开通海铁联运班列，联合开展通关一体化。', 'trade_logistics', 'bidirectional'],
  ['A county short of talent sets up a research office in Shanghai so that engineers can work there for the county\'s companies.', 'reverse_innovation', 'reverse'],
  ['An eastern province helps a western province by building a joint industrial park there and shifting textile factories to it.', 'forward_industrial', 'forward'],
  ['Poor villages want to buy shares in a factory building in the county development zone and receive a fixed yearly payment.', 'xiaobo', 'reverse'],
  ['The headwater county has strict environmental protection rules and wants an eco-compensation enclave elsewhere.', 'eco_compensation', 'reverse'],
  ['We need a chain of three enclaves from China to Cambodia.', 'enclave_relay', 'relay'],
  ['The zone will be run by a state-owned development company after the government finishes the master plan.', 'gov_guided_market', 'forward'],
  ['Training centres and job-matching platforms for rural migrants in the partner city.', 'talent_employment', 'bidirectional'],
  ['Bonded logistics parks in two provinces want to coordinate cargo consolidation for rail freight to Europe.', 'trade_logistics', 'bidirectional'],
  ['我们想让两个园区的企业注册、许可证办理互认互通。', 'gov_service_cooperation', 'bidirectional'],
  ['我昨天的快递到哪里了', null, null],
  ['Can you recommend a good restaurant?', null, null],
  ['飞地', null, null],
  // fourth batch: also written before tuning (before tuning: top-1 28/30, direction 28/30)
  ['丽水某县在杭州滨江租用办公楼，建立研发中心和人才公寓，招引的企业在杭研发、在县里投产。', 'reverse_innovation', 'reverse'],
  ['A less developed city in Jiangxi has opened an innovation hub in Shanghai to tap researchers there.', 'reverse_innovation', 'reverse'],
  ['宁波一家龙头企业在结对的山区县新建生产基地，宁波出资金和技术，县里出土地和工人。', 'forward_industrial', 'forward'],
  ['The developed partner invests capital and sends managers; the host county provides land and workers for a new factory park.', 'forward_industrial', 'forward'],
  ['全县30个薄弱村每村出资50万元，统一投到市经济开发区的产业项目，享受每年8%的保底收益。', 'xiaobo', 'reverse'],
  ['Village collectives of a mountain county put money into a standard factory project in the provincial bay area and receive fixed annual income.', 'xiaobo', 'reverse'],
  ['我县位于大江源头，承担生态保护任务，工业发展受限，打算在经济发达的新区设立飞地园区。', 'eco_compensation', 'reverse'],
  ['A county in an ecological conservation zone sets up an industrial enclave in a developed city as compensation for giving up industry.', 'eco_compensation', 'reverse'],
  ['中国企业在大湾区做研发，在广西搭建中继基地，再到越南建设组装工厂，需要三方合理分配收益。', 'enclave_relay', 'relay'],
  ['An enclave relay between Guangdong, Yunnan and Thailand: each node handles one stage of the value chain.', 'enclave_relay', 'relay'],
  ['两市约定相互在对方开发区内设立合作园区，双方对等投入、共同管理。', 'two_way_co_built', 'bidirectional'],
  ['Both cities build a zone in each other\'s territory and manage them together on an equal basis.', 'two_way_co_built', 'bidirectional'],
  ['飞地园区由两地政府引导，委托专业运营商负责招商和日常管理，实行市场化运作。', 'gov_guided_market', 'forward'],
  ['Government guidance at the start, then a market-oriented operator and private capital take over the enclave\'s development.', 'gov_guided_market', 'forward'],
  ['两县合作建设劳务协作站和技能培训中心，实现“培训—就业”一条龙。', 'talent_employment', 'bidirectional'],
  ['A talent enclave where workers from the partner county are trained and then employed in local factories.', 'talent_employment', 'bidirectional'],
  ['科创飞地负责研发孵化，产业飞地负责中试和量产，两类飞地联动发展。', 'industry_innovation_linkage', 'bidirectional'],
  ['We combine an R&D enclave downtown with a manufacturing enclave in the suburbs and link the innovation chain with the industrial chain.', 'industry_innovation_linkage', 'bidirectional'],
  ['中部某市与长三角城市共建跨省科技创新共同体，统一规则，推动成果在两地产业化。', 'cross_region_innovation_industry', 'bidirectional'],
  ['Cross-provincial innovation cooperation under the unified national market: R&D in one province, industrialisation in another.', 'cross_region_innovation_industry', 'bidirectional'],
  ['东西部两个高新区推动高频政务服务事项跨省通办。', 'gov_service_cooperation', 'bidirectional'],
  ['Zones agree on joint e-government so firms can file approvals in either place.', 'gov_service_cooperation', 'bidirectional'],
  ['西部省份与东部自贸试验区合作，复制推广贸易便利化改革经验。', 'institutional_spillover', 'forward'],
  ['Inland parks copy free trade zone reforms such as the negative list through a linkage agreement.', 'institutional_spillover', 'forward'],
  ['几个城市联合组织货源，统一开行中欧班列并共建物流枢纽。', 'trade_logistics', 'bidirectional'],
  ['The inland port and the seaport agree on rail-sea multimodal transport and shared logistics information.', 'trade_logistics', 'bidirectional'],
  ['我想了解一下飞地的税收怎么分', null, null],
  ['请推荐几本好书', null, null],
  ['How is the weather in Hangzhou today?', null, null],
  ['Tell me about your company.', null, null],
  // not about a cooperation, or too little to decide
  ['今天天气怎么样', null, null],
  ['how do I reset my password', null, null],
  ['给我讲个笑话吧', null, null],
  ['我们想和杭州合作搞个飞地。', null, null],
  ['We are thinking about some kind of partnership.', null, null],
];

describe('classifier scenario table', () => {
  it('has at least 25 scenarios in Chinese and English, including non-cooperation text', () => {
    expect(SCENARIOS.length).toBeGreaterThanOrEqual(25);
    expect(SCENARIOS.some(([t]) => /\p{Script=Han}/u.test(t))).toBe(true);
    expect(SCENARIOS.some(([t]) => !/\p{Script=Han}/u.test(t))).toBe(true);
    expect(SCENARIOS.filter(([, id]) => id === null).length).toBeGreaterThanOrEqual(3);
    // every mode of the catalogue appears
    for (const m of MODES) expect(SCENARIOS.some(([, id]) => id === m.id), m.id).toBe(true);
  });

  it.each(SCENARIOS)('%s → %s / %s', (text, id, direction) => {
    const r = classifyMode(text);
    expect({ primary: r.primary, direction: r.direction }).toEqual({ primary: id, direction });
  });

  it('reaches top-1 accuracy and direction accuracy ≥ 0.9 on the table', () => {
    let top = 0;
    let dir = 0;
    for (const [text, id, direction] of SCENARIOS) {
      const r = classifyMode(text);
      if (r.primary === id) top++;
      if (r.direction === direction) dir++;
    }
    console.log(`classifier scenario table: top-1 ${top}/${SCENARIOS.length}, direction ${dir}/${SCENARIOS.length}`);
    expect(top / SCENARIOS.length).toBeGreaterThanOrEqual(0.9);
    expect(dir / SCENARIOS.length).toBeGreaterThanOrEqual(0.9);
  });
});

describe('classifier output', () => {
  it('explains the score: candidates list the signals that fired and their weights add up to the score', () => {
    const r = classifyMode('十几个集体经济薄弱村抱团到发达地区建立消薄飞地，要求收益保底');
    expect(r.primary).toBe('xiaobo');
    for (const c of r.candidates) {
      expect(c.signals.length).toBeGreaterThan(0);
      expect(c.signals.reduce((a, s) => a + s.weight, 0)).toBe(c.score);
    }
    const scores = r.candidates.map((c) => c.score);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
  });

  it('recommends the mode’s benefit-sharing mechanisms, linked to the calculator, with verbatim sources', () => {
    const r = classifyMode('十几个集体经济薄弱村抱团到发达地区建立消薄飞地');
    expect(r.recommendations.map((x) => x.mechanism)).toContain('floor');
    for (const rec of r.recommendations) {
      expect(MECHANISMS[rec.mechanism]).toBeDefined();
      expect(['split', 'estimate']).toContain(rec.calculator);
      expect(rec.example.length).toBeGreaterThan(0);
    }
    expect(r.sources.length).toBeGreaterThan(0);
    for (const s of r.sources) expect(s.section.length).toBeGreaterThan(0);
  });

  it('answers in the language of the question', () => {
    const en = classifyMode('Several village collectives pool land quotas for a guaranteed return in a developed park.');
    expect(en.recommendations[0].why).toMatch(/[a-z]/i);
    expect(en.recommendations[0].why).not.toMatch(/\p{Script=Han}/u);
    const zh = classifyMode('几个薄弱村抱团在开发区建厂房，拿固定收益');
    expect(zh.recommendations[0].why).toMatch(/\p{Script=Han}/u);
  });

  it('gives primary null and asks for what is missing when the text is not about a cooperation', () => {
    for (const t of ['今天天气怎么样', 'how do I reset my password', '', '   ']) {
      const r = classifyMode(t);
      expect(r.primary).toBeNull();
      expect(r.direction).toBeNull();
      expect(r.recommendations).toEqual([]);
      expect(r.missing).toBeTruthy();
    }
    expect(classifyMode('how do I reset my password').missing).toMatch(/partnership/);
  });

  it('asks for the deciding facts when a cooperation is mentioned but too vaguely', () => {
    const r = classifyMode('我们想和杭州合作搞个飞地');
    expect(r.primary).toBeNull();
    expect(r.missing).toMatch(/研发和生产/);
  });

  it('is deterministic', () => {
    const t = '深圳研发、广西中转、越南组装，三地接力';
    expect(JSON.stringify(classifyMode(t))).toBe(JSON.stringify(classifyMode(t)));
  });

  it('accepts structured answers', () => {
    expect(classifyMode({ nodes: 3, crossBorder: true })).toMatchObject({ primary: 'enclave_relay', direction: 'relay' });
    expect(classifyMode({ participants: ['village_collectives'], flows: ['land_quota'] })).toMatchObject({ primary: 'xiaobo', direction: 'reverse' });
    expect(classifyMode({ participants: ['eco_function_county'], moreDeveloped: 'host' })).toMatchObject({ primary: 'eco_compensation' });
    expect(classifyMode({ moreDeveloped: 'host', rdLocation: 'developed', productionLocation: 'less_developed', flows: ['talent'] })).toMatchObject({
      primary: 'reverse_innovation',
      direction: 'reverse',
    });
    expect(classifyMode({ moreDeveloped: 'origin', productionLocation: 'less_developed', flows: ['capital', 'projects'] })).toMatchObject({
      primary: 'forward_industrial',
      direction: 'forward',
    });
    expect(classifyMode({ flows: ['government_services'] }).primary).toBe('gov_service_cooperation');
    expect(classifyMode({ participants: ['operating_company'], moreDeveloped: 'host' })).toMatchObject({ primary: 'gov_guided_market', direction: 'reverse' });
    // nothing decisive
    expect(classifyMode({ flows: ['capital'] }).primary).toBeNull();
  });

  it('needs at least MIN_SCORE for a primary', () => {
    const r = classifyMode('这个合作园区是产业飞地吗');
    expect(r.candidates[0]?.score ?? 0).toBeLessThan(MIN_SCORE);
    expect(r.primary).toBeNull();
  });
});

/**
 * Blind batches: scenarios written from the corpus's mode definitions before reading the classifier
 * (batch A) and after changing it but before running them (batches B, C, D; D was measured untuned at
 * top-1 24/26, direction 22/26; E, 50 rows written before reading the classifier code, untuned at
 * top-1 45/50, direction 44/50; F, 30 rows written after the E fixes, before measuring, first run
 * top-1 26/30, direction 26/30; G, 40 rows written after the F fixes, before measuring, first run
 * top-1 40/40, direction 39/40). They state the real bar of the
 * held-out check — accuracy ≥ 0.90 on each batch — not per-row exactness.
 */
const BlindRow = (l: string) => JSON.parse(l) as { id: string; text: string; primary: string | null; direction: string | null };
const blind = (file: string) =>
  readFileSync(new URL(`./fixtures/${file}`, import.meta.url), 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map(BlindRow);

const BATCHES = ['mode-blind-a.jsonl', 'mode-blind-b.jsonl', 'mode-blind-c.jsonl', 'mode-blind-d.jsonl', 'mode-blind-e.jsonl', 'mode-blind-f.jsonl', 'mode-blind-g.jsonl'];

it('the blind batches together are a real test set: zh and en, every mode, non-cooperation text', () => {
  const rows = BATCHES.flatMap(blind);
  expect(rows.length).toBeGreaterThanOrEqual(150);
  expect(new Set(rows.map((r) => r.id)).size).toBe(rows.length);
  expect(rows.filter((r) => /\p{Script=Han}/u.test(r.text)).length / rows.length).toBeGreaterThan(0.5);
  expect(rows.filter((r) => !/\p{Script=Han}/u.test(r.text)).length).toBeGreaterThanOrEqual(40);
  expect(rows.filter((r) => r.primary === null).length).toBeGreaterThanOrEqual(15);
  for (const m of MODES) expect(rows.filter((r) => r.primary === m.id).length, m.id).toBeGreaterThanOrEqual(6);
});

describe.each(BATCHES)('blind batch %s', (file) => {
  const rows = blind(file);

  it('reaches top-1 accuracy ≥ 0.90 and direction accuracy ≥ 0.90', () => {
    let top = 0;
    let dir = 0;
    const misses: string[] = [];
    for (const r of rows) {
      const got = classifyMode(r.text);
      if (got.primary === r.primary) top++;
      if (got.direction === r.direction) dir++;
      if (got.primary !== r.primary || got.direction !== r.direction) misses.push(`${r.id}: expected ${r.primary}/${r.direction}, got ${got.primary}/${got.direction}`);
    }
    console.log(`${file}: top-1 ${top}/${rows.length}, direction ${dir}/${rows.length}${misses.length ? `\n  ${misses.join('\n  ')}` : ''}`);
    expect(top / rows.length).toBeGreaterThanOrEqual(0.9);
    expect(dir / rows.length).toBeGreaterThanOrEqual(0.9);
  });
});

describe('classifier mechanisms', () => {
  it('ignores a negated occurrence: “不是…而是…” / “not … but …”', () => {
    const zh = classifyMode('不是把工厂搬到山区县搞产业转移，而是县里在杭州设研发孵化中心，成熟项目回本县生产。');
    expect(zh).toMatchObject({ primary: 'reverse_innovation', direction: 'reverse' });
    const fwd = zh.candidates.find((c) => c.id === 'forward_industrial');
    expect(fwd?.signals.some((s) => s.match.includes('产业转移')) ?? false).toBe(false);
    // the same words without the negation do vote for the industrial enclave
    expect(classifyMode('把工厂搬到山区县搞产业转移').primary).toBe('forward_industrial');
    const en = classifyMode('We are not relocating any factories; our county opens an R&D office in Hangzhou and brings the results back home.');
    expect(en).toMatchObject({ primary: 'reverse_innovation', direction: 'reverse' });
    expect(classifyMode('We are not planning any enclave or partnership, just curious.').primary).toBeNull();
  });

  it('reads roles from labelled fields, in Chinese and in English', () => {
    expect(inferRoles('飞出地：杭州萧山（经济强区）；飞入地：衢江区（加快发展地区）').moreDeveloped).toBe('origin');
    expect(inferRoles('飞出地：丽水某山区县；飞入地：杭州').moreDeveloped).toBe('host');
    expect(inferRoles('Origin: Ningbo (developed). Host: a mountain county in Lishui.').moreDeveloped).toBe('origin');
    expect(inferRoles('Origin: a poor county. Host: Shanghai.').moreDeveloped).toBe('host');
    expect(inferRoles('两地合作').moreDeveloped).toBeUndefined();
  });

  it('reads roles from phrasing, and role evidence goes to every mode that fits it', () => {
    expect(inferRoles('山区县在杭州设立研发中心').moreDeveloped).toBe('host');
    expect(inferRoles('沿海强县到山区县建设产业园').moreDeveloped).toBe('origin');
    expect(inferRoles('A lagging county sets up an office in the provincial capital').moreDeveloped).toBe('host');
    // both ways at once: no single more developed side
    expect(inferRoles('山区县在杭州设孵化器，杭州企业到山区县建工厂').moreDeveloped).toBeUndefined();
    // a county or village speaking for itself (“our county”) is the weaker side, as 县 is in Chinese
    expect(inferRoles('Our county would like a small office in the provincial capital.').moreDeveloped).toBe('host');
    expect(inferRoles('Our villages want shop space in a big city.').moreDeveloped).toBe('host');
    expect(inferRoles('The county seat and our county seat are the same town.').moreDeveloped).toBeUndefined();
    const r = classifyMode('我们县想在杭州建一个就业飞地，开展技能培训、推荐就业。');
    expect(r).toMatchObject({ primary: 'talent_employment', direction: 'reverse' });
  });

  it('breaks a tie by what is done, not by who goes where', () => {
    // forward_industrial has only the role (a coastal city building in an inland county); the operator is content
    const r = classifyMode('The government only provides policy; a professional operator runs the enclave park that a coastal city is building in an inland county.');
    expect(r.primary).toBe('gov_guided_market');
  });

  it('lets a more specific mode win when its defining trait is present (跨省 + 科创飞地 → cross-region)', () => {
    const plain = classifyMode('某县在深圳设科创飞地，研发成果优先在本县转化。');
    expect(plain.primary).toBe('reverse_innovation');
    const cross = classifyMode('赣州在深圳设科创飞地，跨省协同，研发成果优先在赣州转化。');
    expect(cross).toMatchObject({ primary: 'cross_region_innovation_industry', direction: 'reverse' });
    const inherited = cross.candidates[0].signals.find((s) => s.label.includes('→'));
    expect(inherited?.match).toBe('跨省');
    // 跨省通办 is government services, not a cross-provincial sci-tech enclave
    expect(classifyMode('两个高新区政务服务跨省通办').primary).toBe('gov_service_cooperation');
  });

  it('counts a weaker place setting up in a hub as a cooperation even without a cooperation word', () => {
    expect(classifyMode('innovation outpost in Shenzhen for a small inland city')).toMatchObject({ primary: 'reverse_innovation', direction: 'reverse' });
    expect(classifyMode('Shenzhen').primary).toBeNull();
  });
});

describe('classifier: answers typed into the text, speaker roles, chain stations', () => {
  it('reads labelled fields as structured answers', () => {
    expect(classifyMode('Number of nodes: 3. Cross-border: yes.')).toMatchObject({ primary: 'enclave_relay', direction: 'relay' });
    expect(classifyMode('参与方：村集体；流动：土地指标、资金。')).toMatchObject({ primary: 'xiaobo', direction: 'reverse' });
    const fwd = classifyMode('更发达的一方：飞出地。研发在哪里：发达地区。生产在哪里：欠发达地区。');
    expect(fwd).toMatchObject({ primary: 'forward_industrial', direction: 'forward' });
    expect(fwd.candidates[0].signals.some((s) => s.label.startsWith('fields in the text'))).toBe(true);
    // the named more-developed side is resolved against the initiator
    expect(classifyMode('More developed: Suzhou. Initiator: a county in northern Jiangsu. R&D: Suzhou. Production: the county.')).toMatchObject({
      primary: 'reverse_innovation',
      direction: 'reverse',
    });
    // explicit answers win over fields typed into the text
    expect(classifyMode({ text: '更发达的一方：飞出地', moreDeveloped: 'host', participants: ['village_collectives'] }).direction).toBe('reverse');
  });

  it('counts three or more stations with a function each as a multi-node chain, but not two', () => {
    expect(classifyMode('Design in Shenzhen, pilot production in Nanning, assembly in Ho Chi Minh City.')).toMatchObject({ primary: 'enclave_relay', direction: 'relay' });
    expect(classifyMode('杭州做设计，贵阳做中试，成都组装，三个城市分工协作。').primary).toBe('enclave_relay');
    expect(classifyMode('研发在杭州，生产在衢州，销售在全国。').primary).not.toBe('enclave_relay');
  });

  it('asks, not negates: 有没有 / 要不要 do not cancel what follows', () => {
    expect(classifyMode('为消除集体经济薄弱村，有没有异地抱团发展的飞地做法？').primary).toBe('xiaobo');
    expect(classifyMode('没有集体经济薄弱村参与，也没有抱团。').primary).toBeNull();
  });

  it('knows who “we” are from a self-description sentences earlier, and a hub acting elsewhere', () => {
    expect(inferRoles('We are a small inland city. Our plan is to rent office space in Shenzhen.').moreDeveloped).toBe('host');
    expect(inferRoles('我们是经济强区，准备到结对的山区县建一个产业园。').moreDeveloped).toBe('origin');
    expect(inferRoles('The Shanghai district will manage an industrial park in a county in Yunnan.').moreDeveloped).toBe('origin');
    // a hub only as the location is not the actor
    expect(inferRoles('R&D in Shanghai, production in Anhui.').moreDeveloped).toBeUndefined();
    expect(inferRoles('西安的企业在安康建设生产基地').moreDeveloped).toBe('origin');
    expect(inferRoles('甘肃的园区在西安设研发中心').moreDeveloped).toBe('host');
    expect(inferRoles('A city in Jiangxi has opened an incubator in Hangzhou.').moreDeveloped).toBe('host');
    // a hub setting up in another hub says nothing about who is weaker
    expect(inferRoles('Shanghai firms open R&D centres in Hangzhou.').moreDeveloped).toBeUndefined();
  });

  it('does not read “both” as BOT (build-operate-transfer)', () => {
    const r = classifyMode('Both sides will sit on the committee.');
    expect(r.candidates.find((c) => c.id === 'gov_guided_market')).toBeUndefined();
  });
});
