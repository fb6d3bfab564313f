/** Proves, before anything is written, that the generated rows reproduce the report's figures. */
import { ageOn } from '../common/dates';
import { isValidIdCardNumber } from '../common/id-card';
import { isValidMobilePhone } from '../common/phone';
import { addYears, REPORT_DATE } from './dates';
import { isGrassroots, type Dataset } from './model';
import type { NamedPeople } from './members';

function expect(condition: boolean, message: string): void {
  if (!condition) throw new Error(`演示数据校验失败：${message}`);
}

function between(value: number, min: number, max: number, what: string): void {
  expect(value >= min && value <= max, `${what} = ${value}，应在 ${min}–${max} 之间`);
}

const distinct = <T>(values: readonly T[]) => new Set(values).size;
const sum = (values: readonly number[]) => values.reduce((a, b) => a + b, 0);

export function checkDataset(dataset: Dataset, people: NamedPeople): void {
  checkOrganizations(dataset);
  checkMembers(dataset, people);
  checkActivities(dataset);
  checkMoney(dataset);
}

function checkOrganizations({ organization }: Dataset): void {
  const orgs = organization.rows;
  between(orgs.filter((org) => isGrassroots(org.kind)).length, 1601, 1699, '基层党组织数');
  const villages = orgs.filter((org) => org.unit_type === 'VILLAGE' || org.unit_type === 'COMMUNITY');
  expect(villages.length === 452, `村（社区）数 ${villages.length}`);
  expect(villages.every((org) => (org.village_group_count ?? 0) >= 4 && (org.village_group_count ?? 0) <= 15), '塆组数');
  expect(orgs.filter((org) => org.kind === 'TEMPORARY_BRANCH').length === 5, '临时党支部数');
  expect(distinct(orgs.map((org) => org.code)) === orgs.length, '组织编码重复');
}

function checkMembers(dataset: Dataset, people: NamedPeople): void {
  const members = dataset.member.rows;
  between(members.length, 40_000, 42_000, '党员数');
  for (const member of Object.values(people)) expect(members.filter((row) => row.name === member.name).length === 1, `${member.name} 不唯一`);
  expect(ageOn(people.liuXiaofeng.birth_date, REPORT_DATE) === 38 && ageOn(people.tanJie.birth_date, REPORT_DATE) === 74, '年龄');
  const homeKinds = new Set(members.map((member) => dataset.organization.byId(member.organization_id).kind));
  expect([...homeKinds].every((kind) => isGrassroots(kind) && !kind.startsWith('TEMPORARY')), '党员所在组织类别');
  expect(distinct(members.map((member) => member.id_card_number)) === members.length && members.every((member) => isValidIdCardNumber(member.id_card_number)), '身份证号');
  expect(distinct(members.map((member) => member.phone)) === members.length && members.every((member) => isValidMobilePhone(member.phone)), '手机号');
  for (const member of members) {
    const full = member.status === 'FULL';
    expect(member.joined_party_at >= addYears(member.birth_date, 18) && member.joined_party_at <= REPORT_DATE, `${member.id} 入党日期`);
    expect(full ? member.full_member_at === addYears(member.joined_party_at, 1) : member.full_member_at === null && member.joined_party_at > '2019-02-16', `${member.id} 转正`);
    expect(member.in_service === (member.occupation !== 'RETIRED'), `${member.id} 在职`);
  }
  expect(distinct(dataset.temporaryMembership.rows.map((row) => row.member_id)) === 65, '临时党支部党员医护人员数');
  const reporters = dataset.communityReport.rows.map((row) => row.member_id);
  expect(distinct(reporters) === reporters.length, '报到重复');
  between(reporters.length, 39_000, 39_999, '到村（社区）报到党员数');
}

function checkActivities(dataset: Dataset): void {
  expect(dataset.inspectionTeam.rows.length === 19 && distinct(dataset.inspectionTeamMember.rows.map((row) => row.member_id)) === 38, '督查专班');
  expect(dataset.inspectionRecord.rows.length === 452 * 17 && distinct(dataset.inspectionRecord.rows.map((row) => row.inspected_at)) === 17, '督查记录');
  between(dataset.post.rows.length, 601, 699, '党员岗数');
  expect(dataset.squad.rows.length === 710, '突击队数');
  for (const squad of dataset.squad.rows) {
    const crew = dataset.squadMember.rows.filter((row) => row.squad_id === squad.id);
    expect(crew.length >= 5 && crew.length <= 20 && crew.some((row) => row.member_id === squad.leader_id), `突击队 ${squad.id}`);
  }
  between(dataset.volunteerService.rows.length, 2500, 2599, '志愿服务次数');
  between(distinct(dataset.volunteerParticipation.rows.map((row) => row.member_id)), 10_000, 10_999, '志愿者人数');
  const calls = dataset.careVisit.rows.filter((row) => row.method === 'PHONE' && row.recipient_category === 'ORGANIZATION_SECRETARY');
  expect(calls.length === 452 && distinct(calls.map((row) => row.recipient_member_id)) === 452, '电话慰问书记');
  const counts = new Map<string, number>();
  for (const row of dataset.commendation.rows) counts.set(row.category, (counts.get(row.category) ?? 0) + 1);
  const expected = { FRONTLINE_MEMBER: 4, GRASSROOTS_CADRE: 10, MEDICAL_WORKER: 8, VOLUNTEER: 20, ADVANCED_UNIT: 4 };
  for (const [category, count] of Object.entries(expected)) expect(counts.get(category) === count, `表彰 ${category}`);
}

function checkMoney(dataset: Dataset): void {
  const transactions = dataset.fundTransaction.rows;
  expect(sum(transactions.filter((row) => row.kind === 'CONDOLENCE').map((row) => row.amount)) === 203_000_000, '慰问资金 203万元');
  const cash = (mobilizer: string) => {
    const org = dataset.organization.rows.find((row) => row.name.includes(mobilizer));
    return sum(dataset.donation.rows.filter((row) => row.kind === 'CASH' && row.mobilized_by_id === org?.id).map((row) => row.amount ?? 0));
  };
  expect(cash('工商业联合会党组') === 1_716_000_000, '商会捐款 1716万元');
  between(cash('产业发展中心党组'), 1_000_000_000, 1_099_999_999, '石材企业捐款（分）');
  between(sum(dataset.donationItem.rows.filter((row) => row.name === '口罩').map((row) => row.quantity)), 830_000, 839_999, '口罩');
  for (const donation of dataset.donation.rows.filter((row) => row.kind === 'CASH')) {
    expect(dataset.fundTransaction.byId(donation.fund_transaction_id as number).amount === donation.amount, `捐赠 ${donation.id} 入账`);
  }
}
