/** Chinese vocabulary for realistic, deterministic names of people, places and units. */
import type { Gender } from './model';
import type { Random } from './random';

/** Common surnames with rough relative frequencies (national ranking, with 鄂东 names such as 鲍、涂、阮). */
const SURNAMES: readonly (readonly [string, number])[] = [
  ['王', 72], ['李', 70], ['张', 66], ['刘', 56], ['陈', 52], ['杨', 30], ['黄', 24], ['胡', 22], ['周', 21],
  ['吴', 19], ['徐', 18], ['赵', 16], ['孙', 12], ['朱', 12], ['马', 10], ['郭', 10], ['何', 10], ['程', 9],
  ['余', 9], ['高', 8], ['罗', 8], ['林', 7], ['郑', 7], ['梁', 6], ['谢', 6], ['宋', 6], ['唐', 6], ['许', 6],
  ['万', 6], ['鲍', 5], ['董', 6], ['汪', 5], ['熊', 5], ['夏', 5], ['韩', 5], ['冯', 5], ['邓', 5], ['曹', 5],
  ['彭', 5], ['曾', 5], ['肖', 5], ['田', 5], ['袁', 4], ['潘', 4], ['蔡', 4], ['戴', 4], ['涂', 4], ['阮', 3],
  ['邱', 3], ['叶', 3], ['方', 3], ['姚', 3], ['江', 3], ['魏', 3], ['吕', 3], ['丁', 3], ['任', 3], ['沈', 3],
  ['卢', 3], ['姜', 2], ['崔', 2], ['钟', 2], ['谭', 2], ['陆', 2], ['范', 2], ['金', 2], ['石', 2], ['廖', 2],
  ['贾', 2], ['付', 2], ['白', 2], ['邹', 2], ['孟', 2], ['秦', 2], ['尹', 2], ['段', 2], ['雷', 2], ['侯', 2],
  ['龙', 2], ['陶', 2], ['黎', 2], ['贺', 2], ['顾', 2], ['毛', 2], ['龚', 2], ['邵', 2], ['严', 2], ['向', 2],
  ['汤', 2], ['杜', 2], ['苏', 2], ['易', 2], ['柳', 1], ['翟', 1], ['查', 1], ['谈', 1], ['闵', 1], ['祝', 1],
  ['桂', 1], ['喻', 1], ['占', 1], ['操', 1], ['童', 1],
];

const MALE_CHARACTERS = Array.from(
  '伟强磊军勇杰涛斌超明刚平辉鹏华飞鑫波宇浩凯健俊帆帅旭宁龙林洋峰亮成建国志文海江兵东新春松德福生金荣山学振忠兴贵祥云胜武晨博睿昊轩然坤毅锋阳向敬家永卫清立长全有汉昌发红光宏庆达',
);
const FEMALE_CHARACTERS = Array.from(
  '芳娜敏静丽艳娟霞秀英玲燕红梅琴兰云莉萍洁琳雪婷慧颖倩晶丹玉凤桂珍华翠春月小双佳欣雨思梦瑶蕾露薇悦怡文淑菊荣琼香莲',
);

/** A Chinese personal name: weighted surname plus one or two given-name characters. */
export function personName(rng: Random, gender: Gender, reserved: ReadonlySet<string>): string {
  const characters = gender === 'MALE' ? MALE_CHARACTERS : FEMALE_CHARACTERS;
  for (;;) {
    const given = rng.chance(0.62) ? rng.pick(characters) + rng.pick(characters) : rng.pick(characters);
    const name = rng.weighted(SURNAMES) + given;
    if (!reserved.has(name) && given[0] !== given[1]) return name;
  }
}

const ETHNICITIES: readonly (readonly [string, number])[] = [
  ['汉族', 9950], ['回族', 15], ['土家族', 12], ['苗族', 8], ['满族', 6], ['壮族', 5], ['蒙古族', 4],
];

export function ethnicity(rng: Random): string {
  return rng.weighted(ETHNICITIES);
}

const VILLAGE_PREFIXES = [
  '张家', '李家', '王家', '陈家', '胡家', '周家', '徐家', '鲍家', '余家', '程家', '董家', '万家', '汪家', '熊家',
  '夏家', '罗家', '邱家', '戴家', '彭家', '涂家', '阮家', '方家', '何家', '曹家', '肖家', '吴家', '郑家', '杨家',
  '石', '桃', '杏', '柳', '松', '竹', '梅', '枫', '白', '黄', '红', '青', '东', '西', '南', '北', '大', '小', '新',
  '老', '上', '下', '中', '前', '后', '高', '龙', '凤', '虎', '马', '牛', '鹿', '花', '金', '银', '铁', '宝',
  '福', '寿', '和', '平', '安', '兴', '旺', '双', '三', '五', '七', '九', '长', '古', '桂', '茶', '楠', '槐',
  '桑', '板', '洪', '沙', '泉',
];
const VILLAGE_SUFFIXES = Array.from('畈冲河岗湾塆坳店桥山庙铺垸楼寨咀岭坪田林园港湖塘堰坡岩庄集口墩垴岔关');

/** Distinct village names such as 鲍家畈村, 石桥村. */
export function villageNames(rng: Random, count: number, taken: Set<string>): string[] {
  const candidates = VILLAGE_PREFIXES.flatMap((prefix) => VILLAGE_SUFFIXES.map((suffix) => `${prefix}${suffix}村`));
  return takeDistinct(rng.shuffle(candidates), count, taken);
}

const COMMUNITY_PREFIXES = [
  '东门', '西门', '南门', '北门', '新华', '建设', '民主', '解放', '和平', '幸福', '团结', '五一', '红旗', '光明',
  '朝阳', '金桥', '龙池', '书院', '文化', '育才', '滨河', '桥西', '城东', '城南', '城北', '新城', '花园', '金港',
  '向阳', '胜利', '青年', '人民', '中山', '长安', '东湖', '西湖', '南苑', '北苑', '凤凰', '锦绣', '阳光', '富民',
  '兴隆', '东升', '公园', '沿河', '石桥', '翠竹', '桂花', '菊花', '玉带', '东城', '西城', '银杏', '望城', '新桥',
  '红星', '卫东', '三里', '五里', '八里', '十里', '举水', '明山', '龟峰', '杏花', '滨湖',
];

/** Distinct urban community names such as 新华社区. */
export function communityNames(rng: Random, count: number, taken: Set<string>): string[] {
  return takeDistinct(rng.shuffle(COMMUNITY_PREFIXES.map((prefix) => `${prefix}社区`)), count, taken);
}

const BRAND_CHARACTERS = Array.from('鑫华盛源兴隆恒达富通宏泰金龙凤祥瑞丰聚德远航博鹏顺昌佳和信诚立新天宇正东方中汇鼎峰楚荆');
const INDUSTRIES = [
  '纺织', '食品', '机械', '建材', '汽配', '药业', '农业科技', '电子', '服装', '包装', '物流', '商贸', '建筑',
  '茶业', '菊业', '米业', '油脂', '木业', '新能源', '光电', '环保科技', '钢构', '印务', '塑业',
];

/** A distinct company name such as 麻城市鑫源石材有限公司 (industry random unless given). */
export function companyName(rng: Random, taken: Set<string>, industry?: string): string {
  for (;;) {
    const brand = rng.pick(BRAND_CHARACTERS) + rng.pick(BRAND_CHARACTERS);
    const name = `麻城市${brand}${industry ?? rng.pick(INDUSTRIES)}有限公司`;
    if (brand[0] !== brand[1] && !taken.has(name)) {
      taken.add(name);
      return name;
    }
  }
}

function takeDistinct(candidates: readonly string[], count: number, taken: Set<string>): string[] {
  const result: string[] = [];
  for (const candidate of candidates) {
    if (result.length === count) break;
    if (taken.has(candidate)) continue;
    taken.add(candidate);
    result.push(candidate);
  }
  if (result.length < count) throw new Error(`not enough distinct names (${result.length}/${count})`);
  return result;
}

/** Chambers of commerce mobilized by 市工商联党组. */
export const CHAMBERS_OF_COMMERCE = [
  '武汉麻城商会', '麻城市温州商会', '深圳麻城商会', '上海麻城商会', '北京麻城商会', '广州麻城商会', '东莞麻城商会',
  '苏州麻城商会', '杭州麻城商会', '厦门麻城商会', '宁波麻城商会', '南京麻城商会', '重庆麻城商会', '成都麻城商会',
  '长沙麻城商会', '西安麻城商会', '天津麻城商会', '昆明麻城商会', '麻城市福建商会', '麻城市浙江商会',
  '麻城市江西商会', '麻城市石材商会', '麻城市建筑业商会', '麻城市汽车商会', '麻城市餐饮行业商会',
  '麻城市青年企业家商会', '麻城市女企业家商会', '麻城市物流商会', '麻城市医药商会', '麻城市菊花产业商会',
];
