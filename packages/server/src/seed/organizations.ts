/**
 * The party organization tree of 麻城市: 市委 → 组织部 / 党组 / 直属机关工委 / 19 个乡镇（街道、开发区）
 * → 452 个村（社区）, plus the health, education, non-public-economy and 驻太仓 systems.
 */
import type { Dataset, OrgNode } from './model';
import { communityNames, companyName, villageNames } from './names';
import { OrgBuilder, partyOrgName } from './org-builder';
import { randomFor } from './random';

export interface Area {
  node: OrgNode;
  /** e.g. 宋埠镇, 龙池桥街道, 麻城经济开发区 */
  short: string;
  /** Prefix of the names of organizations located there, e.g. 麻城市宋埠镇. */
  prefix: string;
  urban: boolean;
  villages: OrgNode[];
}

export interface OrgTree {
  all: OrgNode[];
  root: OrgNode;
  department: OrgNode;
  departmentBranch: OrgNode;
  federationGroup: OrgNode;
  industryGroup: OrgNode;
  agencyLeaves: OrgNode[];
  federationBranch: OrgNode;
  industryBranch: OrgNode;
  mediaBranch: OrgNode;
  areas: Area[];
  longchiqiao: Area;
  xifan: OrgNode;
  villages: OrgNode[];
  healthCommittee: OrgNode;
  hospital: OrgNode;
  hospitalDepartments: OrgNode[];
  temporaryBranches: OrgNode[];
  stoneEnterprises: OrgNode[];
  taicang: OrgNode;
}

/** 1600余个基层党组织: synthetic enterprise branches fill the tree up to this many. */
const GRASSROOTS_TARGET = 1648;

/** [name, kind, total villages and communities, of which communities]. */
type AreaType = 'subdistrict' | 'town' | 'zone';
const AREAS: readonly (readonly [string, AreaType, number, number])[] = [
  ['龙池桥街道', 'subdistrict', 20, 17], ['鼓楼街道', 'subdistrict', 16, 14], ['南湖街道', 'subdistrict', 22, 16],
  ['中馆驿镇', 'town', 26, 1], ['宋埠镇', 'town', 38, 3], ['歧亭镇', 'town', 28, 1], ['白果镇', 'town', 30, 2],
  ['夫子河镇', 'town', 22, 1], ['阎家河镇', 'town', 24, 1], ['龟山镇', 'town', 20, 1], ['盐田河镇', 'town', 22, 1],
  ['张家畈镇', 'town', 20, 1], ['木子店镇', 'town', 28, 2], ['三河口镇', 'town', 26, 1], ['黄土岗镇', 'town', 24, 1],
  ['福田河镇', 'town', 24, 1], ['乘马岗镇', 'town', 26, 1], ['顺河镇', 'town', 22, 1],
  ['麻城经济开发区', 'zone', 14, 6],
];

/** 市直机关 under 直属机关工委 (after 麻城市); the marked ones are 党总支 with three branches. */
const AGENCIES = [
  '委办公室', '人大常委会机关', '*人民政府办公室', '政协机关', '*纪委监委机关', '委组织部', '委宣传部', '委统战部',
  '委政法委员会', '委机构编制委员会办公室', '委巡察工作领导小组办公室', '委党校', '委老干部局', '*发展和改革局',
  '科技和经济信息化局', '*公安局', '民政局', '司法局', '*财政局', '*人力资源和社会保障局', '*自然资源和规划局',
  '*住房和城乡建设局', '交通运输局', '水利和湖泊局', '*农业农村局', '商务局', '文化和旅游局', '退役军人事务局',
  '应急管理局', '审计局', '*市场监督管理局', '统计局', '医疗保障局', '林业局', '*城市管理执法局', '信访局',
  '政务服务和大数据管理局', '总工会', '妇女联合会', '工商业联合会', '科学技术协会', '残疾人联合会',
  '文学艺术界联合会', '红十字会', '融媒体中心', '档案馆', '产业发展中心', '供销合作社联合社', '住房公积金中心',
  '公共资源交易中心', '*税务局', '人民法院', '人民检察院', '气象局', '烟草专卖局', '粮食和物资储备局',
  '招商服务中心', '机关事务服务中心', '地方金融工作局', '乡村振兴局',
];

const HOSPITAL_DEPARTMENTS = ['行政后勤', '内科第一', '内科第二', '外科', '急诊医学科', '重症医学科', '感染科', '医技', '护理'];

/** [name, established, task] of the 5 临时党支部 of 市人民医院. */
const TEMPORARY_BRANCHES: readonly (readonly [string, string, string])[] = [
  ['发热门诊', '2020-01-22', '负责发热门诊患者接诊、筛查、留观和转诊工作'],
  ['预检分诊', '2020-01-22', '负责院区入口预检分诊、体温检测和患者分流引导工作'],
  ['隔离病区第一', '2020-01-24', '负责隔离病区第一病区新冠肺炎确诊及疑似患者救治工作'],
  ['隔离病区第二', '2020-01-26', '负责隔离病区第二病区新冠肺炎确诊及疑似患者救治工作'],
  ['隔离病区第三', '2020-01-28', '负责隔离病区第三病区重症患者救治和护理工作'],
];

export function buildOrganizations(dataset: Dataset): OrgTree {
  const builder = new OrgBuilder(dataset, randomFor('organizations'));
  const root = builder.add(null, {
    name: '中共麻城市委员会', kind: 'CITY_COMMITTEE', unitName: '麻城市', unitType: 'CITY', establishedAt: '1949-06-01',
  });
  const department = builder.add(root, {
    name: '中共麻城市委组织部', kind: 'WORKING_DEPARTMENT', unitName: '中共麻城市委组织部', unitType: 'GOVERNMENT_AGENCY', establishedAt: '1949-06-01',
  });
  const federationGroup = builder.add(root, {
    name: '中共麻城市工商业联合会党组', kind: 'LEADING_GROUP', unitName: '麻城市工商业联合会', unitType: 'GOVERNMENT_AGENCY', establishedAt: '1988-05-10',
  });
  const industryGroup = builder.add(root, {
    name: '中共麻城市产业发展中心党组', kind: 'LEADING_GROUP', unitName: '麻城市产业发展中心', unitType: 'PUBLIC_INSTITUTION', establishedAt: '2016-03-18',
  });
  const agencyLeaves = addAgencies(builder, root);
  const areas = AREAS.map(([short, type, total, communities]) => addArea(builder, root, short, type, total, communities));
  const health = addHealthSystem(builder, root, areas);
  addEducationSystem(builder, root, areas);
  const stoneEnterprises = addNonPublicEconomy(builder, root, areas);
  const taicang = addTaicang(builder, root);
  const byUnit = (unit: string) => find(agencyLeaves, (node) => node.row.unit_name === unit);
  const longchiqiao = areas[0];
  return {
    all: builder.all, root, department, federationGroup, industryGroup, agencyLeaves, areas, longchiqiao, taicang, stoneEnterprises,
    departmentBranch: byUnit('中共麻城市委组织部'),
    federationBranch: byUnit('麻城市工商业联合会'),
    industryBranch: byUnit('麻城市产业发展中心'),
    mediaBranch: byUnit('麻城市融媒体中心'),
    xifan: find(longchiqiao.villages, (node) => node.row.unit_name === '西畈社区'),
    villages: areas.flatMap((area) => area.villages),
    ...health,
  };
}

function find(nodes: readonly OrgNode[], predicate: (node: OrgNode) => boolean): OrgNode {
  const node = nodes.find(predicate);
  if (!node) throw new Error('organization not found');
  return node;
}

/** 直属机关工委 and its 60 agency branches (some 党总支 with three branches); returns the leaves. */
function addAgencies(builder: OrgBuilder, root: OrgNode): OrgNode[] {
  const rng = builder.rng;
  const committee = builder.add(root, {
    name: '中共麻城市直属机关工作委员会', kind: 'WORKING_COMMITTEE', unitName: '麻城市直属机关', unitType: 'GOVERNMENT_AGENCY', establishedAt: '1956-08-01',
  });
  for (const entry of AGENCIES) {
    const department = entry.replace('*', '');
    const unit = { unitName: `${department.startsWith('委') ? '中共' : ''}麻城市${department}`, unitType: 'GOVERNMENT_AGENCY', profile: 'agency' } as const;
    const label = `麻城市${department}机关`;
    if (!entry.startsWith('*')) {
      builder.leaf(committee, label, { ...unit, size: department === '委组织部' ? 28 : rng.int(14, 34) });
      continue;
    }
    const general = builder.add(committee, { ...unit, name: partyOrgName(label, 'GENERAL_BRANCH'), kind: 'GENERAL_BRANCH', profile: undefined });
    builder.leaf(general, `${label}第一`, { ...unit, size: rng.int(16, 30) });
    builder.leaf(general, `${label}第二`, { ...unit, size: rng.int(16, 30) });
    builder.leaf(general, `麻城市${department}离退休干部`, { ...unit, profile: 'retiredCadres', size: rng.int(10, 20) });
  }
  return builder.all.filter((node) => node.row.path.startsWith(committee.row.path) && node.profile);
}

function areaSpec(short: string, type: AreaType) {
  if (type === 'zone') {
    return { name: '中共麻城经济开发区工作委员会', kind: 'WORKING_COMMITTEE', unitName: '麻城经济开发区管理委员会', unitType: 'SUBDISTRICT', prefix: '麻城经济开发区' } as const;
  }
  if (type === 'subdistrict') {
    return { name: `中共麻城市${short}工作委员会`, kind: 'WORKING_COMMITTEE', unitName: `${short}办事处`, unitType: 'SUBDISTRICT', prefix: `麻城市${short}` } as const;
  }
  return { name: `中共麻城市${short}委员会`, kind: 'PARTY_COMMITTEE', unitName: `${short}人民政府`, unitType: 'TOWN', prefix: `麻城市${short}` } as const;
}

/** A town, subdistrict or the development zone with its own branches, villages, communities and enterprises. */
function addArea(builder: OrgBuilder, root: OrgNode, short: string, type: AreaType, total: number, communities: number): Area {
  const rng = builder.rng;
  const { prefix, ...spec } = areaSpec(short, type);
  const node = builder.add(root, { ...spec, area: null, establishedAt: type === 'zone' ? '2006-09-12' : undefined });
  node.area = node;
  const agency = { unitName: spec.unitName, unitType: 'GOVERNMENT_AGENCY', profile: 'agency' } as const;
  builder.leaf(node, `${prefix}机关第一`, { ...agency, size: rng.int(18, 28) });
  builder.leaf(node, `${prefix}机关第二`, { ...agency, size: rng.int(16, 26) });
  builder.leaf(node, `${prefix}直属事业单位`, { unitName: `${short}直属事业单位`, unitType: 'PUBLIC_INSTITUTION', profile: 'institution', size: rng.int(14, 24) });
  builder.leaf(node, `${prefix}退休干部`, { ...agency, profile: 'retiredCadres', size: rng.int(14, 26) });
  const area: Area = { node, short, prefix, urban: type !== 'town', villages: [] };
  for (const unitName of villageUnitNames(builder, short, type, total, communities)) {
    area.villages.push(addVillage(builder, area, unitName));
  }
  for (let i = 0; i < 10; i += 1) addEnterprise(builder, node, companyName(rng, builder.takenNames));
  return area;
}

function villageUnitNames(builder: OrgBuilder, short: string, type: AreaType, total: number, communities: number): string[] {
  const rng = builder.rng;
  let urban: string[];
  if (type === 'town') {
    const core = short.replace(/镇$/, '');
    urban = ['正街', '新街', '河街'].slice(0, communities).map((street) => `${core}${street}社区`);
  } else {
    urban = communityNames(rng, short === '龙池桥街道' ? communities - 1 : communities, builder.takenNames);
    if (short === '龙池桥街道') urban.splice(3, 0, '西畈社区');
  }
  return [...urban, ...villageNames(rng, total - communities, builder.takenNames)];
}

/** A village or community organization: mostly 党支部, some 党总支, a few 党委. */
function addVillage(builder: OrgBuilder, area: Area, unitName: string): OrgNode {
  const rng = builder.rng;
  const roll = rng.next();
  const kind = unitName === '西畈社区' ? 'BRANCH' : roll < 0.014 ? 'PARTY_COMMITTEE' : roll < 0.15 ? 'GENERAL_BRANCH' : 'BRANCH';
  const size = kind === 'PARTY_COMMITTEE' ? rng.int(110, 160) : kind === 'GENERAL_BRANCH' ? rng.int(70, 110) : rng.int(33, 81);
  const community = unitName.endsWith('社区');
  return builder.leaf(area.node, `${area.prefix}${unitName}`, {
    unitName,
    unitType: community ? 'COMMUNITY' : 'VILLAGE',
    profile: community ? 'community' : 'village',
    size,
    villageGroupCount: rng.int(4, 15),
  }, kind);
}

function addEnterprise(builder: OrgBuilder, parent: OrgNode, unitName: string, area?: OrgNode | null): OrgNode {
  const size = builder.rng.int(3, 9);
  return builder.leaf(parent, unitName, { unitName, unitType: 'ENTERPRISE', profile: 'enterprise', size, area });
}

/** 卫生健康系统党委 → 市人民医院党委 (9 科室党支部 + 5 临时党支部), 中医医院, 妇幼, 疾控, 乡镇卫生院. */
function addHealthSystem(builder: OrgBuilder, root: OrgNode, areas: Area[]) {
  const rng = builder.rng;
  const healthCommittee = builder.add(root, {
    name: '中共麻城市卫生健康系统委员会', kind: 'PARTY_COMMITTEE', unitName: '麻城市卫生健康局', unitType: 'GOVERNMENT_AGENCY', establishedAt: '2002-07-01',
  });
  builder.leaf(healthCommittee, '麻城市卫生健康局机关', { unitName: '麻城市卫生健康局', unitType: 'GOVERNMENT_AGENCY', profile: 'agency', size: rng.int(18, 26) });
  const hospitalUnit = { unitName: '麻城市人民医院', unitType: 'HOSPITAL', profile: 'hospital' } as const;
  const hospital = builder.add(healthCommittee, {
    name: '中共麻城市人民医院委员会', kind: 'PARTY_COMMITTEE', unitName: '麻城市人民医院', unitType: 'HOSPITAL', establishedAt: '1983-06-28',
  });
  const hospitalDepartments = HOSPITAL_DEPARTMENTS.map((department) =>
    builder.leaf(hospital, `麻城市人民医院${department}`, { ...hospitalUnit, size: rng.int(32, 42) }));
  const temporaryBranches = TEMPORARY_BRANCHES.map(([name, establishedAt, task], i) =>
    builder.add(hospital, {
      name: `中共麻城市人民医院${name}临时党支部`, kind: 'TEMPORARY_BRANCH', unitName: '麻城市人民医院', unitType: 'HOSPITAL',
      establishedAt, task, approvalDocument: `麻医党〔2020〕${i + 3}号`,
    }));
  const tcm = builder.add(healthCommittee, { name: '中共麻城市中医医院委员会', kind: 'PARTY_COMMITTEE', unitName: '麻城市中医医院', unitType: 'HOSPITAL' });
  for (const department of ['行政', '内科', '外科', '护理']) {
    builder.leaf(tcm, `麻城市中医医院${department}`, { unitName: '麻城市中医医院', unitType: 'HOSPITAL', profile: 'hospital', size: rng.int(18, 28) });
  }
  builder.leaf(healthCommittee, '麻城市妇幼保健院', { unitName: '麻城市妇幼保健院', unitType: 'HOSPITAL', profile: 'hospital', size: rng.int(18, 28) });
  builder.leaf(healthCommittee, '麻城市疾病预防控制中心', { unitName: '麻城市疾病预防控制中心', unitType: 'PUBLIC_INSTITUTION', profile: 'hospital', size: rng.int(16, 24) });
  for (const area of areas.filter((candidate) => !candidate.urban)) {
    const unitName = `麻城市${area.short}中心卫生院`;
    builder.leaf(healthCommittee, unitName, { unitName, unitType: 'HOSPITAL', profile: 'hospital', size: rng.int(10, 18), area: area.node });
  }
  return { healthCommittee, hospital, hospitalDepartments, temporaryBranches };
}

/** 教育系统党委: 教育局机关, four high schools, and 12 schools in each area named after its villages. */
function addEducationSystem(builder: OrgBuilder, root: OrgNode, areas: Area[]): void {
  const rng = builder.rng;
  const committee = builder.add(root, {
    name: '中共麻城市教育系统委员会', kind: 'PARTY_COMMITTEE', unitName: '麻城市教育局', unitType: 'GOVERNMENT_AGENCY', establishedAt: '1998-09-10',
  });
  builder.leaf(committee, '麻城市教育局机关', { unitName: '麻城市教育局', unitType: 'GOVERNMENT_AGENCY', profile: 'agency', size: rng.int(18, 26) });
  const highSchools = ['麻城市第一中学', '麻城市第二中学', '麻城市实验高级中学', '麻城市职业技术教育集团'];
  highSchools.forEach((school, i) => {
    const kind = i === 0 ? 'PARTY_COMMITTEE' : 'GENERAL_BRANCH';
    const parent = builder.add(committee, { name: partyOrgName(school, kind), kind, unitName: school, unitType: 'SCHOOL' });
    const unit = { unitName: school, unitType: 'SCHOOL', profile: 'school' } as const;
    const branches = i === 0 ? ['高一年级', '高二年级', '高三年级'] : ['第一', '第二'];
    for (const branch of branches) builder.leaf(parent, `${school}${branch}`, { ...unit, size: rng.int(22, 36) });
    builder.leaf(parent, `${school}离退休教师`, { ...unit, profile: 'retiredCadres', size: rng.int(10, 18) });
  });
  for (const area of areas) {
    const villageSchools = area.villages.slice(-10).map((village) => `${village.row.unit_name.replace(/(村|社区)$/, '')}小学`);
    for (const school of ['中心小学', '初级中学', ...villageSchools]) {
      const unitName = `${area.prefix}${school}`;
      builder.leaf(committee, unitName, { unitName, unitType: 'SCHOOL', profile: 'school', size: rng.int(8, 22), area: area.node });
    }
  }
}

/** 非公有制经济组织党委: the stone industrial park (石材企业) and enterprise branches up to the grassroots target. */
function addNonPublicEconomy(builder: OrgBuilder, root: OrgNode, areas: Area[]): OrgNode[] {
  const rng = builder.rng;
  const committee = builder.add(root, {
    name: '中共麻城市非公有制经济组织委员会', kind: 'PARTY_COMMITTEE', unitName: '麻城市非公有制经济组织', unitType: 'SOCIAL_ORGANIZATION', establishedAt: '2012-06-29',
  });
  const zone = areas[areas.length - 1].node;
  const park = builder.add(committee, {
    name: '中共麻城石材产业园总支部委员会', kind: 'GENERAL_BRANCH', unitName: '麻城石材产业园', unitType: 'ENTERPRISE', area: zone, establishedAt: '2014-04-16',
  });
  const stone = Array.from({ length: 25 }, () => addEnterprise(builder, park, companyName(rng, builder.takenNames, '石材')));
  for (const n of ['第一', '第二', '第三']) {
    builder.leaf(park, `麻城石材产业园${n}`, { unitName: `麻城石材产业园小微石材企业（${n}片区）`, unitType: 'ENTERPRISE', profile: 'enterprise', size: rng.int(6, 12) }, 'JOINT_BRANCH');
  }
  // Reserve the 驻太仓 committee and its 6 branches (all grassroots) before filling.
  for (let joint = 1; builder.grassrootsCount() < GRASSROOTS_TARGET - 7; joint += 1) {
    if (joint % 20 === 0) {
      const n = joint / 20;
      builder.leaf(committee, `麻城市非公企业第${n}`, { unitName: `麻城市小微企业（第${n}片区）`, unitType: 'ENTERPRISE', profile: 'enterprise', size: rng.int(6, 12) }, 'JOINT_BRANCH');
    } else {
      addEnterprise(builder, committee, companyName(rng, builder.takenNames), rng.chance(0.4) ? rng.pick(areas).node : null);
    }
  }
  return stone;
}

/** 驻太仓流动党员委员会 with six branches of flowing members (流动党员). */
function addTaicang(builder: OrgBuilder, root: OrgNode): OrgNode {
  const committee = builder.add(root, {
    name: '中共麻城市驻太仓流动党员委员会', kind: 'PARTY_COMMITTEE', unitName: '麻城市驻太仓流动党员服务站', unitType: 'SOCIAL_ORGANIZATION', establishedAt: '2009-03-15',
  });
  for (const n of ['第一', '第二', '第三', '第四', '第五', '第六']) {
    builder.leaf(committee, `麻城市驻太仓流动党员${n}`, { unitName: '麻城市驻太仓流动党员服务站', unitType: 'SOCIAL_ORGANIZATION', profile: 'flowing', size: builder.rng.int(40, 60) });
  }
  return committee;
}
