import { registerChineseEnum } from '../../common/enums';

/** Kinds of party organization. Grassroots kinds carry the national type code (611…932). */
export enum OrganizationKind {
  CITY_COMMITTEE = 'CITY_COMMITTEE',
  WORKING_DEPARTMENT = 'WORKING_DEPARTMENT',
  LEADING_GROUP = 'LEADING_GROUP',
  WORKING_COMMITTEE = 'WORKING_COMMITTEE',
  PARTY_COMMITTEE = 'PARTY_COMMITTEE',
  TEMPORARY_PARTY_COMMITTEE = 'TEMPORARY_PARTY_COMMITTEE',
  GENERAL_BRANCH = 'GENERAL_BRANCH',
  TEMPORARY_GENERAL_BRANCH = 'TEMPORARY_GENERAL_BRANCH',
  BRANCH = 'BRANCH',
  TEMPORARY_BRANCH = 'TEMPORARY_BRANCH',
  JOINT_BRANCH = 'JOINT_BRANCH',
  TEMPORARY_JOINT_BRANCH = 'TEMPORARY_JOINT_BRANCH',
}

export const ORGANIZATION_KIND_LABELS: Record<OrganizationKind, string> = {
  CITY_COMMITTEE: '市委（地方委员会）',
  WORKING_DEPARTMENT: '市委工作部门（如组织部）',
  LEADING_GROUP: '党组（设在机关、团体中的领导机构，非基层组织）',
  WORKING_COMMITTEE: '党工委（派出机关，如街道党工委）',
  PARTY_COMMITTEE: '基层党委（代码 611）',
  TEMPORARY_PARTY_COMMITTEE: '临时党委（代码 911）',
  GENERAL_BRANCH: '党总支（代码 621）',
  TEMPORARY_GENERAL_BRANCH: '临时党总支（代码 921）',
  BRANCH: '党支部（代码 631）',
  TEMPORARY_BRANCH: '临时党支部（代码 931）',
  JOINT_BRANCH: '联合党支部（代码 632）',
  TEMPORARY_JOINT_BRANCH: '临时联合党支部（代码 932）',
};

/** National organization type codes (党组织类别代码). */
export const ORGANIZATION_TYPE_CODES: Partial<Record<OrganizationKind, string>> = {
  PARTY_COMMITTEE: '611',
  TEMPORARY_PARTY_COMMITTEE: '911',
  GENERAL_BRANCH: '621',
  TEMPORARY_GENERAL_BRANCH: '921',
  BRANCH: '631',
  TEMPORARY_BRANCH: '931',
  JOINT_BRANCH: '632',
  TEMPORARY_JOINT_BRANCH: '932',
};

export const GRASSROOTS_KINDS = Object.keys(ORGANIZATION_TYPE_CODES) as OrganizationKind[];

export const TEMPORARY_KINDS: OrganizationKind[] = [
  OrganizationKind.TEMPORARY_PARTY_COMMITTEE,
  OrganizationKind.TEMPORARY_GENERAL_BRANCH,
  OrganizationKind.TEMPORARY_BRANCH,
  OrganizationKind.TEMPORARY_JOINT_BRANCH,
];

registerChineseEnum(OrganizationKind, 'OrganizationKind', '党组织类别（基层党组织对应国家标准类别代码）', ORGANIZATION_KIND_LABELS);

/** The kind of unit (单位) an organization is set up in. */
export enum UnitType {
  CITY = 'CITY',
  TOWN = 'TOWN',
  SUBDISTRICT = 'SUBDISTRICT',
  VILLAGE = 'VILLAGE',
  COMMUNITY = 'COMMUNITY',
  HOSPITAL = 'HOSPITAL',
  ENTERPRISE = 'ENTERPRISE',
  GOVERNMENT_AGENCY = 'GOVERNMENT_AGENCY',
  PUBLIC_INSTITUTION = 'PUBLIC_INSTITUTION',
  SCHOOL = 'SCHOOL',
  SOCIAL_ORGANIZATION = 'SOCIAL_ORGANIZATION',
}

export const UNIT_TYPE_LABELS: Record<UnitType, string> = {
  CITY: '市',
  TOWN: '乡镇',
  SUBDISTRICT: '街道（办事处）',
  VILLAGE: '村',
  COMMUNITY: '社区',
  HOSPITAL: '医院',
  ENTERPRISE: '企业',
  GOVERNMENT_AGENCY: '机关',
  PUBLIC_INSTITUTION: '事业单位',
  SCHOOL: '学校',
  SOCIAL_ORGANIZATION: '社会组织',
};

registerChineseEnum(UnitType, 'UnitType', '党组织所在单位的类型', UNIT_TYPE_LABELS);
