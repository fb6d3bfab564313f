import type { ReactNode } from 'react';
import { toGraphQLRequestError } from '@dangjian/sdk/apollo';

export function Loading({ text = '加载中…' }: { text?: string }) {
  return <div className="state loading" role="status">{text}</div>;
}

export function Empty({ children = '暂无数据' }: { children?: ReactNode }) {
  return <div className="state empty">{children}</div>;
}

export function ErrorView({ error }: { error: unknown }) {
  const typed = toGraphQLRequestError(error);
  const unauthenticated = typed?.is('UNAUTHENTICATED') || typed?.status === 401;
  return (
    <div className="state error" role="alert">
      {unauthenticated ? '登录已失效或令牌无效，请重新登录。' : `出错了：${typed?.message ?? String(error)}`}
      {typed?.code ? <span className="code">（{typed.code}）</span> : null}
    </div>
  );
}

export const OCCUPATION_LABELS: Record<string, string> = {
  ENTERPRISE_EMPLOYEE: '企业职工',
  FARMER: '农牧渔民',
  GOVERNMENT_CADRE: '机关干部',
  MEDICAL_STAFF: '医务人员',
  OTHER: '其他',
  RETIRED: '离退休人员',
  SELF_EMPLOYED: '个体经营者',
  STUDENT: '学生',
  TEACHER: '教师',
  VILLAGE_CADRE: '村（社区）干部',
};

export const GENDER_LABELS: Record<string, string> = { MALE: '男', FEMALE: '女' };
export const STATUS_LABELS: Record<string, string> = { FULL: '正式党员', PROBATIONARY: '预备党员' };
export const OPERATION_LABELS: Record<string, string> = { CREATE: '新增', UPDATE: '修改', DELETE: '删除' };
export const EDUCATION_LABELS: Record<string, string> = {
  POSTGRADUATE: '研究生',
  BACHELOR: '大学本科',
  JUNIOR_COLLEGE: '大专',
  SENIOR_HIGH: '高中、中专',
  JUNIOR_HIGH: '初中',
  PRIMARY: '小学及以下',
};

export const RECTIFICATION_LABELS: Record<string, string> = { NOT_REQUIRED: '无需整改', PENDING: '待整改', RECTIFIED: '已整改' };
export const COMMENDATION_CATEGORY_LABELS: Record<string, string> = {
  FRONTLINE_MEMBER: '一线党员',
  GRASSROOTS_CADRE: '基层干部',
  MEDICAL_WORKER: '医务工作者',
  VOLUNTEER: '志愿者',
  ADVANCED_UNIT: '先进单位',
};
export const FUND_ACCOUNT_KIND_LABELS: Record<string, string> = { DONATION: '捐款', MANAGED_PARTY_FEE: '代管党费', PARTY_FEE: '党费', SPECIAL: '专项资金' };
export const TRANSACTION_KIND_LABELS: Record<string, string> = { ALLOCATION: '拨付', AWARD: '奖励', CONDOLENCE: '慰问', DONATION: '捐赠', PARTY_FEE: '党费' };
export const DIRECTION_LABELS: Record<string, string> = { IN: '收入', OUT: '支出' };
