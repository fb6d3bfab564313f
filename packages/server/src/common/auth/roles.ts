import { registerChineseEnum } from '../enums';

export enum Role {
  ADMIN = 'ADMIN',
  ORG_ADMIN = 'ORG_ADMIN',
  ANALYST = 'ANALYST',
  SYSTEM = 'SYSTEM',
}
registerChineseEnum(Role, 'Role', '角色', {
  ADMIN: '系统管理员：全部数据、全部操作',
  ORG_ADMIN: '组织管理员：本组织及下级范围内读写',
  ANALYST: '数据分析人员：本范围内查询与统计（敏感信息脱敏）',
  SYSTEM: '下级系统：本范围内查询与订阅变更',
});

export type Permission = 'read' | 'write' | 'subscribe' | 'audit' | 'pii';

const PERMISSIONS: Record<Role, Permission[]> = {
  ADMIN: ['read', 'write', 'subscribe', 'audit', 'pii'],
  ORG_ADMIN: ['read', 'write', 'subscribe', 'audit', 'pii'],
  ANALYST: ['read'],
  SYSTEM: ['read', 'subscribe'],
};

export function roleAllows(role: Role, permission: Permission): boolean {
  return PERMISSIONS[role].includes(permission);
}
