/**
 * 慰问: phone calls to 452 市乡村三级党组织书记 and home visits to families of isolation-ward
 * medical staff, needy members and front-line cadres.
 */
import { randomDate } from './dates';
import type { CareRecipientCategory, CareVisitRow, Dataset, FundTransactionRow, MemberRow } from './model';
import type { NamedPeople } from './members';
import type { OrgTree } from './organizations';
import { randomFor, type Random } from './random';

const PHONE_CALLS = 452;

export function addCareVisits(dataset: Dataset, tree: OrgTree, people: NamedPeople, frontlineStaff: readonly MemberRow[], familyCondolence: FundTransactionRow): void {
  const rng = randomFor('care-visits');
  const named = new Set<MemberRow>(Object.values(people));
  const visitors = [people.yeXu, people.liFeng, ...tree.departmentBranch.members.filter((member) => member.in_service && !named.has(member)).slice(0, 6)];
  const visit = (category: CareRecipientCategory, method: CareVisitRow['method'], recipient: MemberRow | null, recipientName: string, note: string, transaction: FundTransactionRow | null = null) =>
    dataset.careVisit.add({
      organization_id: tree.department.row.id, visitor_id: rng.pick(visitors).id, recipient_member_id: recipient?.id ?? null,
      recipient_name: recipientName, recipient_category: category, method,
      visited_at: method === 'PHONE' ? randomDate(rng, '2020-01-30', '2020-02-12') : randomDate(rng, '2020-02-06', '2020-02-15'),
      note, fund_transaction_id: transaction?.id ?? null,
    });
  for (const secretary of secretariesToCall(rng, dataset, tree)) {
    visit('ORGANIZATION_SECRETARY', 'PHONE', secretary, secretary.name, '电话慰问，了解基层疫情防控工作困难和需求，转达组织的关心关怀');
  }
  for (const staff of rng.sample(frontlineStaff, 40)) {
    visit('MEDICAL_STAFF_FAMILY', 'VISIT', null, `${staff.name}家属`, `走访隔离病区医务人员${staff.name}的家属，送去慰问金和生活物资`, familyCondolence);
  }
  const villageMembers = tree.villages.flatMap((node) => node.members);
  const needy = rng.sample(villageMembers.filter((member) => member.occupation === 'RETIRED' || member.occupation === 'FARMER'), 30);
  for (const member of needy) visit('NEEDY_MEMBER', 'VISIT', member, member.name, '走访慰问困难党员，了解生活和身体状况');
  const cadres = rng.sample(villageMembers.filter((member) => member.occupation === 'VILLAGE_CADRE'), 30);
  for (const member of cadres) visit('FRONTLINE_CADRE', 'VISIT', member, member.name, '走访慰问奋战在防控一线的村（社区）干部');
}

/** 市级 (the party committees under 市委), 乡镇 (all 19 areas) and 村 (the rest of the 452) secretaries. */
function secretariesToCall(rng: Random, dataset: Dataset, tree: OrgTree): MemberRow[] {
  const areaNodes = new Set(tree.areas.map((area) => area.node));
  const city = tree.root.children.filter((node) => (node.row.kind === 'PARTY_COMMITTEE' || node.row.kind === 'WORKING_COMMITTEE') && !areaNodes.has(node));
  const villageCount = PHONE_CALLS - city.length - tree.areas.length;
  const villages = rng.sample(tree.villages, villageCount).sort((a, b) => a.row.id - b.row.id);
  const secretaries = [...city, ...areaNodes, ...villages].map((node) => dataset.member.byId(node.row.secretary_id as number));
  if (new Set(secretaries).size !== PHONE_CALLS) throw new Error('secretaries to call are not distinct');
  return secretaries;
}
