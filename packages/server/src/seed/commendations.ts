/**
 * 第一批通报表扬 (4 一线党员, 10 基层干部, 8 医务工作者, 20 志愿者) and the 通报表扬 of 4 units with
 * money awards paid from 代市委管理的党费.
 */
import { transact, yuan, type Accounts } from './funds';
import type { Ledger } from './ledger';
import type { CommendationCategory, Dataset, FundTransactionRow, MemberRow, OrgNode } from './model';
import type { NamedPeople } from './members';
import type { OrgTree } from './organizations';
import { randomFor } from './random';

const UNIT_DOCUMENT = '麻组通〔2020〕12号';
const REASONS: Record<Exclude<CommendationCategory, 'ADVANCED_UNIT'>, string[]> = {
  FRONTLINE_MEMBER: ['坚守卡口一线，连续值守二十余天', '主动请缨参加党员突击队，逐户排查不漏一人', '带头捐款捐物，积极参与联防联控'],
  GRASSROOTS_CADRE: ['组织村（社区）党员干部全员上阵，防控措施落实到塆到户', '靠前指挥，做实做细群众工作，辖区防控扎实有效', '连续奋战在防控一线，带领群众筑牢防线'],
  MEDICAL_WORKER: ['主动请战进入隔离病区，全力救治新冠肺炎患者', '坚守发热门诊一线，连续工作不下火线', '夫妻齐心抗疫，同在一线救治患者'],
  VOLUNTEER: ['组织志愿突击队装卸、转运社会各界捐赠物资', '为居家群众代购配送生活物资，服务周到', '参与卡口值守和入户排查，任劳任怨'],
};

interface AwardPlan {
  unit: OrgNode;
  amount: number;
  field: string;
  transaction: FundTransactionRow;
}

/** Books the 4 unit awards on the ledger (paid out of 代管党费) before it is committed. */
export function planAwards(ledger: Ledger, accounts: Accounts, tree: OrgTree): AwardPlan[] {
  const units: [OrgNode, number, string][] = [
    [tree.hospital, 100_000, '医疗救治'], [tree.longchiqiao.node, 50_000, '联防联控'],
    [tree.federationGroup, 50_000, '物资保障'], [tree.mediaBranch, 30_000, '宣传教育'],
  ];
  return units.map(([unit, amount, field]) => ({
    unit, amount: yuan(amount), field,
    transaction: transact(ledger, accounts.partyFee, {
      direction: 'OUT', kind: 'AWARD', amount: yuan(amount), counterparty: unit.row.name,
      purpose: `奖励在疫情防控${field}工作中成效显著的单位`, occurredAt: '2020-02-14', target: unit,
      approvalMeeting: '市委组织部2020年第4次部务会议', documentNumber: UNIT_DOCUMENT,
    }),
  }));
}

export interface Honourees {
  frontline: readonly MemberRow[];
  cadres: readonly MemberRow[];
  medical: readonly MemberRow[];
  volunteers: readonly MemberRow[];
}

/** Picks the 42 people of 第一批通报表扬 from those who did the work. */
export function chooseHonourees(dataset: Dataset, tree: OrgTree, people: NamedPeople, frontlineStaff: readonly MemberRow[], volunteers: readonly MemberRow[]): Honourees {
  const rng = randomFor('commendations');
  const named = new Set<MemberRow>(Object.values(people));
  const taken = new Set<MemberRow>([...named, frontlineStaff[0]]);
  const choose = (candidates: readonly MemberRow[], count: number) => {
    const chosen = rng.sample(candidates.filter((member) => !taken.has(member)), count);
    chosen.forEach((member) => taken.add(member));
    return chosen;
  };
  const villageIds = new Set(tree.villages.map((node) => node.row.id));
  const squadMembers = [...new Set(dataset.squadMember.rows.map((row) => dataset.member.byId(row.member_id)))];
  const secretaries = tree.villages.map((node) => dataset.member.byId(node.row.secretary_id as number));
  return {
    frontline: choose(squadMembers.filter((member) => villageIds.has(member.organization_id) && member.occupation !== 'VILLAGE_CADRE'), 4),
    cadres: choose(secretaries, 10),
    medical: [people.chenJingfeng, people.wangShuanglan, frontlineStaff[0], ...choose(frontlineStaff.slice(1), 5)],
    volunteers: [people.pengXiangyang, ...choose(volunteers, 19)],
  };
}

export function addCommendations(dataset: Dataset, tree: OrgTree, honourees: Honourees, awards: readonly AwardPlan[]): void {
  const rng = randomFor('commendation-reasons');
  const first = dataset.commendationBatch.add({
    title: '新冠肺炎疫情防控第一批通报表扬',
    issuer_id: tree.department.row.id, issued_at: '2020-02-12', document_number: '麻组通〔2020〕9号',
  });
  const groups: [CommendationCategory, readonly MemberRow[]][] = [
    ['FRONTLINE_MEMBER', honourees.frontline], ['GRASSROOTS_CADRE', honourees.cadres],
    ['MEDICAL_WORKER', honourees.medical], ['VOLUNTEER', honourees.volunteers],
  ];
  for (const [category, members] of groups) {
    members.forEach((member, i) => {
      const reason = category === 'MEDICAL_WORKER' && i === 2 ? '90后女党员主动请战，坚守隔离病区一线' : rng.pick(REASONS[category as keyof typeof REASONS]);
      dataset.commendation.add({
        batch_id: first.id, recipient_member_id: member.id, recipient_organization_id: null, category, reason, award_amount: null, award_transaction_id: null,
      });
    });
  }
  const units = dataset.commendationBatch.add({
    title: '疫情防控工作成效显著单位通报表扬',
    issuer_id: tree.department.row.id, issued_at: '2020-02-14', document_number: UNIT_DOCUMENT,
  });
  for (const award of awards) {
    dataset.commendation.add({
      batch_id: units.id, recipient_member_id: null, recipient_organization_id: award.unit.row.id, category: 'ADVANCED_UNIT',
      reason: `在疫情防控${award.field}工作中成效显著`, award_amount: award.amount, award_transaction_id: award.transaction.id,
    });
  }
}
