import { registerChineseEnum } from '../../common/enums';

export enum Gender {
  MALE = 'MALE',
  FEMALE = 'FEMALE',
}
registerChineseEnum(Gender, 'Gender', '性别', { MALE: '男', FEMALE: '女' });

export enum Education {
  PRIMARY = 'PRIMARY',
  JUNIOR_HIGH = 'JUNIOR_HIGH',
  SENIOR_HIGH = 'SENIOR_HIGH',
  JUNIOR_COLLEGE = 'JUNIOR_COLLEGE',
  BACHELOR = 'BACHELOR',
  POSTGRADUATE = 'POSTGRADUATE',
}
registerChineseEnum(Education, 'Education', '学历', {
  PRIMARY: '小学及以下',
  JUNIOR_HIGH: '初中',
  SENIOR_HIGH: '高中、中专',
  JUNIOR_COLLEGE: '大专',
  BACHELOR: '大学本科',
  POSTGRADUATE: '研究生',
});

export enum MemberStatus {
  FULL = 'FULL',
  PROBATIONARY = 'PROBATIONARY',
}
registerChineseEnum(MemberStatus, 'MemberStatus', '党员类别', { FULL: '正式党员', PROBATIONARY: '预备党员' });

export enum PartyStanding {
  NORMAL = 'NORMAL',
  SUSPENDED = 'SUSPENDED',
  LOST_CONTACT = 'LOST_CONTACT',
}
registerChineseEnum(PartyStanding, 'PartyStanding', '党籍状态', {
  NORMAL: '正常',
  SUSPENDED: '停止党籍',
  LOST_CONTACT: '失联',
});

export enum OccupationCategory {
  MEDICAL_STAFF = 'MEDICAL_STAFF',
  GOVERNMENT_CADRE = 'GOVERNMENT_CADRE',
  VILLAGE_CADRE = 'VILLAGE_CADRE',
  ENTERPRISE_EMPLOYEE = 'ENTERPRISE_EMPLOYEE',
  TEACHER = 'TEACHER',
  FARMER = 'FARMER',
  SELF_EMPLOYED = 'SELF_EMPLOYED',
  STUDENT = 'STUDENT',
  RETIRED = 'RETIRED',
  OTHER = 'OTHER',
}
registerChineseEnum(OccupationCategory, 'OccupationCategory', '党员职业类别', {
  MEDICAL_STAFF: '医务人员',
  GOVERNMENT_CADRE: '机关干部',
  VILLAGE_CADRE: '村（社区）干部',
  ENTERPRISE_EMPLOYEE: '企业职工',
  TEACHER: '教师',
  FARMER: '农牧渔民',
  SELF_EMPLOYED: '个体经营者',
  STUDENT: '学生',
  RETIRED: '离退休人员',
  OTHER: '其他',
});
