/** 近4万名党员: generated members of every leaf organization, the named people of the report, and secretaries. */
import { MemberFactory } from './member-factory';
import type { Dataset, MemberProfile, MemberRow, Occupation, OrgNode } from './model';
import type { Area, OrgTree } from './organizations';
import { randomFor, type Random } from './random';

export interface NamedPeople {
  yeXu: MemberRow;
  liFeng: MemberRow;
  liuXiaofeng: MemberRow;
  chenJingfeng: MemberRow;
  wangShuanglan: MemberRow;
  tanJie: MemberRow;
  pengXiangyang: MemberRow;
}

const NAMED = ['叶旭', '李峰', '刘小峰', '陈敬锋', '王双兰', '谈杰', '彭向阳'];

type OccupationMix = readonly (readonly [Occupation, number])[];
const OCCUPATIONS: Record<MemberProfile, OccupationMix> = {
  village: [['FARMER', 66], ['SELF_EMPLOYED', 10], ['OTHER', 9], ['ENTERPRISE_EMPLOYEE', 8], ['RETIRED', 2.5], ['STUDENT', 1.5], ['TEACHER', 1]],
  community: [['SELF_EMPLOYED', 25], ['ENTERPRISE_EMPLOYEE', 25], ['OTHER', 25], ['RETIRED', 6], ['FARMER', 6], ['STUDENT', 2], ['TEACHER', 2]],
  agency: [['GOVERNMENT_CADRE', 1]],
  retiredCadres: [['RETIRED', 1]],
  institution: [['GOVERNMENT_CADRE', 55], ['OTHER', 45]],
  hospital: [['MEDICAL_STAFF', 1]],
  school: [['TEACHER', 1]],
  enterprise: [['ENTERPRISE_EMPLOYEE', 1]],
  flowing: [['ENTERPRISE_EMPLOYEE', 60], ['SELF_EMPLOYED', 40]],
};
/** The first members of a village or community are its 村（社区）两委 cadres. */
const VILLAGE_CADRES = 4;

function occupationFor(rng: Random, profile: MemberProfile, index: number): Occupation {
  if ((profile === 'village' || profile === 'community') && index < VILLAGE_CADRES) return 'VILLAGE_CADRE';
  return rng.weighted(OCCUPATIONS[profile]);
}

export function generateMembers(dataset: Dataset, tree: OrgTree): NamedPeople {
  const factory = createFactory(dataset, tree);
  const rng = randomFor('member-occupations');
  for (const node of tree.all) {
    if (!node.profile) continue;
    for (let i = 0; i < node.size; i += 1) factory.create(node, occupationFor(rng, node.profile, i));
  }
  const people = addNamedPeople(factory, tree);
  assignSecretaries(tree, new Set(Object.values(people)));
  return people;
}

function createFactory(dataset: Dataset, tree: OrgTree): MemberFactory {
  const areaByNode = new Map<OrgNode, Area>(tree.areas.map((area) => [area.node, area]));
  const urban = tree.areas.filter((area) => area.urban);
  const rng = randomFor('addresses');
  const areaOf = (node: OrgNode) => (node.area && areaByNode.get(node.area)) || rng.pick(urban);
  return new MemberFactory(dataset, randomFor('members'), new Set(NAMED), areaOf);
}

/** The people named in the report, with the facts it states about them. */
function addNamedPeople(factory: MemberFactory, tree: OrgTree): NamedPeople {
  const cadre = { occupation: 'GOVERNMENT_CADRE', gender: 'MALE', standing: 'NORMAL', ethnicity: '汉族' } as const;
  const medical = { occupation: 'MEDICAL_STAFF', standing: 'NORMAL', ethnicity: '汉族' } as const;
  const branch = tree.departmentBranch;
  return {
    yeXu: factory.create(branch, 'GOVERNMENT_CADRE', { ...cadre, name: '叶旭', birth_date: '1972-08-15', joined_party_at: '1994-06-20', education: 'POSTGRADUATE' }),
    liFeng: factory.create(branch, 'GOVERNMENT_CADRE', { ...cadre, name: '李峰', birth_date: '1975-03-09', joined_party_at: '1997-07-01', education: 'BACHELOR' }),
    liuXiaofeng: factory.create(branch, 'GOVERNMENT_CADRE', { ...cadre, name: '刘小峰', birth_date: '1981-06-12', joined_party_at: '2004-05-20', education: 'BACHELOR' }),
    chenJingfeng: factory.create(tree.hospitalDepartments[5], 'MEDICAL_STAFF', {
      ...medical, name: '陈敬锋', gender: 'MALE', birth_date: '1984-10-05', joined_party_at: '2008-06-18', education: 'BACHELOR',
    }),
    wangShuanglan: factory.create(tree.hospitalDepartments[8], 'MEDICAL_STAFF', {
      ...medical, name: '王双兰', gender: 'FEMALE', birth_date: '1986-04-18', joined_party_at: '2010-11-26', education: 'JUNIOR_COLLEGE',
    }),
    tanJie: factory.create(tree.xifan, 'RETIRED', {
      name: '谈杰', gender: 'MALE', birth_date: '1945-09-03', joined_party_at: '1968-07-01', education: 'JUNIOR_COLLEGE',
      occupation: 'RETIRED', standing: 'NORMAL', ethnicity: '汉族',
    }),
    pengXiangyang: factory.create(tree.areas[1].villages[0], 'ENTERPRISE_EMPLOYEE', {
      name: '彭向阳', gender: 'MALE', birth_date: '1987-11-23', joined_party_at: '2009-05-04', education: 'JUNIOR_COLLEGE',
      occupation: 'ENTERPRISE_EMPLOYEE', standing: 'NORMAL', ethnicity: '汉族',
    }),
  };
}

/**
 * Leaves get their first member as secretary; a parent gets an unused member of its first leaf
 * with members (e.g. a town's 机关第一支部); 党组 get a member of their agency's branch.
 * 组织部 (a department, not a party organization) and the temporary branches are left out here.
 */
function assignSecretaries(tree: OrgTree, named: ReadonlySet<MemberRow>): void {
  const used = new Set<MemberRow>();
  const pick = (source: OrgNode | undefined) => {
    const member = source?.members.find((candidate) => !used.has(candidate) && !named.has(candidate));
    if (member) used.add(member);
    return member;
  };
  const explicit = new Map<OrgNode, OrgNode>([
    [tree.federationGroup, tree.federationBranch],
    [tree.industryGroup, tree.industryBranch],
  ]);
  const deepestFirst = tree.all.slice().sort((a, b) => b.row.depth - a.row.depth || a.row.id - b.row.id);
  for (const node of deepestFirst) {
    if (node === tree.department || node.row.kind === 'TEMPORARY_BRANCH') continue;
    const source = explicit.get(node) ?? (node.profile ? node : firstLeafWithMembers(node));
    node.row.secretary_id = pick(source)?.id ?? null;
  }
}

function firstLeafWithMembers(node: OrgNode): OrgNode | undefined {
  for (const child of node.children) {
    const leaf = child.members.length ? child : firstLeafWithMembers(child);
    if (leaf) return leaf;
  }
  return undefined;
}
