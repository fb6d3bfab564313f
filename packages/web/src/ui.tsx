import { useState, type ReactNode } from 'react';
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

/** The loading, error or empty state of a query, or null when its data is ready to show. */
export function stateOf(query: { loading: boolean; error?: unknown; data?: unknown }, isEmpty: boolean, emptyText: ReactNode = '暂无数据'): ReactNode {
  if (query.error) return <ErrorView error={query.error} />;
  if (query.loading && !query.data) return <Loading />;
  if (isEmpty) return <Empty>{emptyText}</Empty>;
  return null;
}

type PageInfoLike = { hasNextPage: boolean; endCursor?: string | null };

/** “加载更多” for a cursor-paginated list: calls onMore with the end cursor; shows its own loading and error state. */
export function LoadMore({ pageInfo, onMore, total, testId }: { pageInfo?: PageInfoLike; onMore: (after: string) => Promise<unknown>; total?: number; testId?: string }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  if (!pageInfo?.hasNextPage || !pageInfo.endCursor) return null;
  const after = pageInfo.endCursor;
  const more = async () => {
    setBusy(true);
    setError(null);
    try {
      await onMore(after);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      {error ? <ErrorView error={error} /> : null}
      <button type="button" className="more" data-testid={testId} onClick={() => void more()} disabled={busy}>
        {busy ? '加载中…' : total !== undefined ? `加载更多（共 ${total.toLocaleString('zh-CN')} 条）` : '加载更多'}
      </button>
    </>
  );
}

/** useState kept in sessionStorage, so a list's filters survive going to a detail page and back. */
export function useSessionState<T>(key: string, initial: T): [T, (value: T) => void] {
  const [value, setValue] = useState<T>(() => {
    try {
      const stored = sessionStorage.getItem(`dangjian.${key}`);
      return stored ? (JSON.parse(stored) as T) : initial;
    } catch {
      return initial;
    }
  });
  const set = (next: T) => {
    sessionStorage.setItem(`dangjian.${key}`, JSON.stringify(next));
    setValue(next);
  };
  return [value, set];
}

/** A <select> over a label table, with an “all” option (empty string). */
export function LabelSelect({ label, labels, value, onChange, testId, allLabel = '全部' }: { label: string; labels: Record<string, string>; value: string; onChange: (value: string) => void; testId?: string; allLabel?: string }) {
  return (
    <label>
      {label}
      <select value={value} data-testid={testId} onChange={(e) => onChange(e.target.value)}>
        <option value="">{allLabel}</option>
        {Object.entries(labels).map(([key, text]) => (
          <option key={key} value={key}>
            {text}
          </option>
        ))}
      </select>
    </label>
  );
}

/** Definition list of label/value pairs (value null or undefined shows “—”). */
export function Fields({ items, testId }: { items: Array<[string, ReactNode, string?]>; testId?: string }) {
  return (
    <dl className="detail" data-testid={testId}>
      {items.map(([label, value, id]) => (
        <div key={label} className="field">
          <dt>{label}</dt>
          <dd data-testid={id}>{value ?? '—'}</dd>
        </div>
      ))}
    </dl>
  );
}

/** 中共麻城市龙池桥街道工作委员会 → 龙池桥街道 (for chart axes and narrow screens). */
export const shortOrgName = (name: string) => name.replace(/^中共麻城(市)?/, '').replace(/(工作)?委员会$/, '') || name;

export const label = (labels: Record<string, string>, value: string | null | undefined) => (value ? (labels[value] ?? value) : '—');

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
export const STANDING_LABELS: Record<string, string> = { NORMAL: '正常', LOST_CONTACT: '失联', SUSPENDED: '停止党籍' };
export const POST_KIND_LABELS: Record<string, string> = { VANGUARD: '党员先锋岗', MODEL: '党员示范岗', RESPONSIBILITY: '党员责任岗' };
export const CARE_METHOD_LABELS: Record<string, string> = { PHONE: '电话慰问', VISIT: '走访慰问' };
export const ROLE_LABELS: Record<string, string> = { ADMIN: '系统管理员', ORG_ADMIN: '组织管理员', ANALYST: '数据分析人员', SYSTEM: '下级系统' };
export const ORG_KIND_LABELS: Record<string, string> = {
  CITY_COMMITTEE: '市委',
  WORKING_DEPARTMENT: '市委工作部门',
  WORKING_COMMITTEE: '党工委',
  LEADING_GROUP: '党组',
  PARTY_COMMITTEE: '基层党委',
  GENERAL_BRANCH: '党总支',
  BRANCH: '党支部',
  JOINT_BRANCH: '联合党支部',
  TEMPORARY_PARTY_COMMITTEE: '临时党委',
  TEMPORARY_GENERAL_BRANCH: '临时党总支',
  TEMPORARY_BRANCH: '临时党支部',
  TEMPORARY_JOINT_BRANCH: '临时联合党支部',
};
export const UNIT_TYPE_LABELS: Record<string, string> = {
  CITY: '市',
  TOWN: '乡镇',
  SUBDISTRICT: '街道（办事处）',
  VILLAGE: '村',
  COMMUNITY: '社区',
  GOVERNMENT_AGENCY: '机关',
  PUBLIC_INSTITUTION: '事业单位',
  ENTERPRISE: '企业',
  HOSPITAL: '医院',
  SCHOOL: '学校',
  SOCIAL_ORGANIZATION: '社会组织',
};
