/**
 * Fund accounts and the ledger movements that are not donations: 党费 receipts into 代市委管理的党费,
 * the 203万元 of 慰问 from 代管党费 and 驻太仓 donations, and 下拨 of donated money to towns.
 */
import type { Dataset, FundAccountRow, FundTransactionRow, OrgNode, TransactionKind } from './model';
import type { Ledger } from './ledger';
import type { OrgTree } from './organizations';
import { randomFor } from './random';

/** 元 → 分 */
export const yuan = (amount: number): number => Math.round(amount * 100);

export interface Account {
  row: FundAccountRow;
  /** Who books its movements: the secretary of its organization (组织部: its branch secretary). */
  recorderId: number | null;
}

export interface Accounts {
  partyFee: Account;
  taicang: Account;
  federation: Account;
  industry: Account;
}

export interface Movement {
  direction: FundTransactionRow['direction'];
  kind: TransactionKind;
  amount: number;
  counterparty: string;
  purpose: string;
  occurredAt: string;
  target?: OrgNode;
  approvalMeeting?: string;
  documentNumber?: string;
}

export function transact(ledger: Ledger, account: Account, movement: Movement): FundTransactionRow {
  return ledger.record(account.row, {
    direction: movement.direction, kind: movement.kind, amount: movement.amount, counterparty: movement.counterparty,
    purpose: movement.purpose, occurred_at: movement.occurredAt, recorded_by_id: account.recorderId,
    target_organization_id: movement.target?.row.id ?? null, approval_meeting: movement.approvalMeeting ?? null,
    document_number: movement.documentNumber ?? null,
  });
}

export function openAccounts(dataset: Dataset, tree: OrgTree): Accounts {
  const open = (name: string, kind: FundAccountRow['kind'], node: OrgNode, openedAt: string, description: string, recorder = node): Account => ({
    row: dataset.fundAccount.add({ name, kind, organization_id: node.row.id, opened_at: openedAt, description }),
    recorderId: recorder.row.secretary_id,
  });
  return {
    partyFee: open('代市委管理的党费', 'MANAGED_PARTY_FEE', tree.department, '2010-01-01', '市委组织部代市委管理的党费，专款专用', tree.departmentBranch),
    taicang: open('驻太仓党委党员爱心捐款', 'DONATION', tree.taicang, '2020-01-27', '驻太仓流动党员委员会党员自愿捐款'),
    federation: open('市工商联商会捐赠', 'DONATION', tree.federationGroup, '2020-01-25', '市工商联党组发动各地商会捐赠的疫情防控资金'),
    industry: open('产业中心石材企业捐款', 'DONATION', tree.industryGroup, '2020-01-25', '市产业发展中心党组倡议园区石材企业捐赠的疫情防控资金'),
  };
}

/** 13 months of 党费 handed up by the grassroots party committees (2019-01 … 2020-01). */
export function recordPartyFees(ledger: Ledger, accounts: Accounts): void {
  const rng = randomFor('party-fees');
  for (let i = 0; i < 13; i += 1) {
    const year = 2019 + Math.floor(i / 12);
    const month = (i % 12) + 1;
    transact(ledger, accounts.partyFee, {
      direction: 'IN', kind: 'PARTY_FEE', amount: yuan(rng.int(180, 260) * 1000), counterparty: '全市各基层党委',
      purpose: `${year}年${month}月按规定上缴市委管理的党费`, occurredAt: `${year}-${String(month).padStart(2, '0')}-25`,
    });
  }
}

const CONDOLENCE_MEETING = '市委组织部2020年第3次部务会议';
const CONDOLENCE_DOCUMENT = '麻组文〔2020〕7号';

/**
 * 203万元 of 慰问: 173万元 from 代管党费 and 30万元 from 驻太仓党委党员爱心捐款. Returns the
 * payment for the families of isolation-ward medical staff (home visits refer to it).
 */
export function recordCondolences(ledger: Ledger, accounts: Accounts, tree: OrgTree): FundTransactionRow {
  const condolence = (account: Account, amount: number, target: OrgNode, purpose: string, occurredAt: string) =>
    transact(ledger, account, {
      direction: 'OUT', kind: 'CONDOLENCE', amount: yuan(amount), counterparty: target.row.name, purpose, occurredAt, target,
      approvalMeeting: CONDOLENCE_MEETING, documentNumber: CONDOLENCE_DOCUMENT,
    });
  condolence(accounts.partyFee, 600_000, tree.healthCommittee, '慰问市人民医院等定点救治医院战斗在一线的医务工作者', '2020-02-05');
  const families = condolence(accounts.partyFee, 180_000, tree.hospital, '慰问隔离病区医务人员家属', '2020-02-06');
  for (const area of tree.areas) {
    condolence(accounts.partyFee, 50_000, area.node, `慰问${area.short}战斗在疫情防控一线的基层党员、干部，支持基层党组织开展疫情防控工作`, '2020-02-07');
  }
  condolence(accounts.taicang, 120_000, tree.hospital, '慰问战斗在抗疫一线的医务工作者（驻太仓党委党员爱心捐款）', '2020-02-06');
  for (const area of tree.areas.filter((candidate) => candidate.short.endsWith('街道'))) {
    condolence(accounts.taicang, 60_000, area.node, `慰问${area.short}一线基层党员、干部（驻太仓党委党员爱心捐款）`, '2020-02-08');
  }
  return families;
}

/** 下拨 of donated money to the hospital and to towns for epidemic-prevention supplies. */
export function recordAllocations(ledger: Ledger, accounts: Accounts, tree: OrgTree): void {
  const rng = randomFor('allocations');
  const allocate = (account: Account, amount: number, target: OrgNode, meeting: string, document: string) =>
    transact(ledger, account, {
      direction: 'OUT', kind: 'ALLOCATION', amount: yuan(amount), counterparty: target.row.name,
      purpose: `下拨${target.row.unit_name}用于采购防疫物资、保障一线防控工作`, occurredAt: `2020-02-${rng.int(10, 14)}`,
      target, approvalMeeting: meeting, documentNumber: document,
    });
  const towns = tree.areas.filter((area) => !area.urban);
  allocate(accounts.federation, 3_000_000, tree.hospital, '市工商联党组2020年第2次党组会议', '麻工商联党〔2020〕2号');
  allocate(accounts.federation, 2_000_000, tree.healthCommittee, '市工商联党组2020年第2次党组会议', '麻工商联党〔2020〕2号');
  for (const town of towns) allocate(accounts.federation, 400_000, town.node, '市工商联党组2020年第2次党组会议', '麻工商联党〔2020〕2号');
  allocate(accounts.industry, 3_000_000, tree.hospital, '市产业发展中心党组2020年第1次党组会议', '麻产发党〔2020〕1号');
  for (const area of tree.areas.filter((candidate) => candidate.urban)) {
    allocate(accounts.industry, 750_000, area.node, '市产业发展中心党组2020年第1次党组会议', '麻产发党〔2020〕1号');
  }
}
