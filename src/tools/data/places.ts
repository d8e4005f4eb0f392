/**
 * Who is the developed side and who the less developed one, as regular-expression sources shared by
 * the mode catalogue (./modes.ts) and the classifier's role and direction cues (../classify.ts), so the
 * two never disagree. Relative by nature: names the corpus uses for hubs (杭州, 深圳, 长三角, 大湾区…)
 * and for weaker partners (山区, 欠发达, 加快发展, 县…), plus the everyday words officials use.
 */

/** A developed place or hub (Chinese). */
export const BIG_ZH =
  '(?:沿海城市|沿海发达地区|沿海地区|东部沿海|杭州|上海|深圳|北京|广州|南京|宁波|苏州|无锡|武汉|西安|成都|重庆|天津|厦门|青岛|合肥|长沙|郑州|济南|嘉兴|长三角|珠三角|大湾区|粤港澳|张江|光谷|中关村|科学城|大城市|大都市|都市|中心城市|中心城区|主城区|市区|城里|省城|省会|发达地区|发达城市|发达县|发达的|经济强县|经济强区|经济强市|强县|强区|强市|一线城市)';

/** A less developed place (Chinese). 县 alone counts, but not 强县. */
export const WEAK_ZH =
  '(?:欠发达|不发达|山区|薄弱|后发|落后|贫困|加快发展|偏远|边远|革命老区|老区|民族地区|西部|中西部|内陆|苏北|皖北|粤北|粤东西北|浙西南|赣南|闽西|湘西|鄂西|陕南|新疆|西藏|青海|甘肃|宁夏|贵州|内蒙古|喀什|和田|乡镇|(?<![强达])县)';

/** A developed place or hub (English). */
export const BIG_EN =
  "(?:hangzhou|shanghai|shenzhen|beijing|guangzhou|nanjing|ningbo|suzhou|wuhan|xi'?an|chengdu|chongqing|tianjin|xiamen|qingdao|hefei|(?:the )?greater bay area|(?:the )?yangtze (?:river )?delta|(?:the )?pearl river delta|(?:a|the|our|its|their) (?:big|bigger|major|large|developed|more developed|coastal|rich|richer|wealthy|wealthier|prosperous|advanced|eastern)\\b(?: (?:partner )?(?:city|cities|district|area|region|partner|county|province|hub|metropolis|zone))?|(?:a|the) (?:megacity|metropolis|provincial capital|capital city|tech hub|innovation hub|city centre|city center|big city|city)\\b|big cities|major cities|developed (?:cities|regions|areas))";

/** A less developed place (English). */
export const WEAK_EN =
  '(?:poor|poorer|less[- ]developed|underdeveloped|undeveloped|mountain\\w*|rural|remote|inland|lagging|backward|struggling|western|central china|xinjiang|tibet|qinghai|gansu|ningxia|guizhou|inner mongolia|northern (?:jiangsu|anhui|guangdong)|small|(?:a|our|the|their|my) (?:[a-z]+ )?county|counties|villages?|hamlets?)';
