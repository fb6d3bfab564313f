/**
 * Donations mobilized by the two 党组: 1716万元 and 83万余个口罩 from chambers of commerce
 * (工商联党组), 1000余万元 from stone enterprises (产业中心党组); and the 驻太仓 members' donations.
 * Cash is planned and booked on the ledger first; the donation rows follow once ids are known.
 */
import { randomDate } from './dates';
import { transact, yuan, type Account, type Accounts } from './funds';
import type { Ledger } from './ledger';
import type { Dataset, DonorType, FundTransactionRow, OrgNode } from './model';
import { CHAMBERS_OF_COMMERCE } from './names';
import type { OrgTree } from './organizations';
import { randomFor, splitTotal, type Random } from './random';

const FEDERATION_CASH = yuan(17_160_000);
const STONE_CASH = yuan(10_368_000);
const MASKS = 835_600;
const MASK_DONATIONS = 30;
const OTHER_ITEMS: readonly (readonly [string, string, number, number])[] = [
  ['防护服', '套', 100, 3000], ['医用手套', '双', 1000, 20000], ['消毒液', '公斤', 200, 5000], ['医用酒精', '公斤', 100, 2000],
  ['测温枪', '把', 20, 300], ['护目镜', '副', 100, 2000], ['方便面', '箱', 100, 1500], ['矿泉水', '箱', 100, 2000],
];

interface DonationPlan {
  donor: string;
  donorType: DonorType;
  mobilizedBy: OrgNode;
  recipient: OrgNode;
  donatedAt: string;
  transaction?: FundTransactionRow;
  items: (readonly [string, number, string])[];
  note: string;
}

/** Books every cash donation on the ledger; call `writeDonations` after the ledger is committed. */
export function planDonations(ledger: Ledger, accounts: Accounts, tree: OrgTree): DonationPlan[] {
  const rng = randomFor('donations');
  recordTaicangDonations(rng, ledger, accounts.taicang, tree);
  return [
    ...planCash(rng, ledger, accounts.federation, CHAMBERS_OF_COMMERCE, FEDERATION_CASH, yuan(10_000), tree.federationGroup, 'CHAMBER_OF_COMMERCE'),
    ...planFederationMaterials(rng, tree),
    ...planCash(rng, ledger, accounts.industry, tree.stoneEnterprises.map((node) => node.row.unit_name), STONE_CASH, yuan(1000), tree.industryGroup, 'ENTERPRISE'),
    ...planStoneMaterials(rng, tree),
  ];
}

export function writeDonations(dataset: Dataset, plans: readonly DonationPlan[]): void {
  for (const plan of plans) {
    const donation = dataset.donation.add({
      donor_name: plan.donor, donor_type: plan.donorType, mobilized_by_id: plan.mobilizedBy.row.id, recipient_id: plan.recipient.row.id,
      kind: plan.transaction ? 'CASH' : 'MATERIAL', amount: plan.transaction?.amount ?? null, donated_at: plan.donatedAt,
      fund_transaction_id: plan.transaction?.id ?? null, note: plan.note,
    });
    for (const [name, quantity, unit] of plan.items) dataset.donationItem.add({ donation_id: donation.id, name, quantity, unit });
  }
}

function planCash(rng: Random, ledger: Ledger, account: Account, donors: readonly string[], total: number, unit: number, mobilizedBy: OrgNode, donorType: DonorType): DonationPlan[] {
  const amounts = splitTotal(rng, total, donors.length, unit);
  return donors.map((donor, i) => {
    const donatedAt = randomDate(rng, '2020-01-26', '2020-02-08');
    const transaction = transact(ledger, account, {
      direction: 'IN', kind: 'DONATION', amount: amounts[i], counterparty: donor, purpose: '捐赠疫情防控资金', occurredAt: donatedAt,
    });
    return { donor, donorType, mobilizedBy, recipient: mobilizedBy, donatedAt, transaction, items: [], note: `响应${mobilizedBy.row.unit_name}党组倡议捐款` };
  });
}

function otherItems(rng: Random, names: readonly string[] = OTHER_ITEMS.map(([name]) => name)): (readonly [string, number, string])[] {
  return OTHER_ITEMS.filter(([name]) => names.includes(name))
    .filter(() => rng.chance(0.45))
    .map(([name, unit, min, max]) => [name, Math.round(rng.int(min, max) / 10) * 10 || min, unit] as const);
}

/** 口罩 in the first 30 material donations (83万余个 in all) plus other supplies. */
function planFederationMaterials(rng: Random, tree: OrgTree): DonationPlan[] {
  const masks = splitTotal(rng, MASKS, MASK_DONATIONS, 100);
  const recipients = [tree.hospital, tree.healthCommittee, ...tree.areas.map((area) => area.node)];
  return Array.from({ length: 38 }, (_, i) => {
    const items = otherItems(rng);
    if (i < MASK_DONATIONS) items.unshift(['口罩', masks[i], '个']);
    if (!items.length) items.push(['防护服', rng.int(10, 100) * 10, '套']);
    return {
      donor: rng.pick(CHAMBERS_OF_COMMERCE), donorType: 'CHAMBER_OF_COMMERCE', mobilizedBy: tree.federationGroup, recipient: rng.pick(recipients),
      donatedAt: randomDate(rng, '2020-01-24', '2020-02-12'), items, note: '经市工商联党组统筹，捐赠防疫物资',
    };
  });
}

/** Stone enterprises also gave disinfectant and food (no masks). */
function planStoneMaterials(rng: Random, tree: OrgTree): DonationPlan[] {
  return rng.sample(tree.stoneEnterprises, 8).map((enterprise) => {
    const items = otherItems(rng, ['消毒液', '方便面', '矿泉水', '医用酒精']);
    if (!items.length) items.push(['消毒液', rng.int(20, 200) * 10, '公斤']);
    return {
      donor: enterprise.row.unit_name, donorType: 'ENTERPRISE', mobilizedBy: tree.industryGroup, recipient: rng.pick([tree.hospital, tree.areas[18].node]),
      donatedAt: randomDate(rng, '2020-01-27', '2020-02-10'), items, note: '响应市产业发展中心党组倡议捐赠物资',
    };
  });
}

/** 驻太仓流动党员 donate 300–3000 元 each into their committee's account. */
function recordTaicangDonations(rng: Random, ledger: Ledger, account: Account, tree: OrgTree): void {
  for (const branch of tree.taicang.children) {
    for (const member of branch.members) {
      if (!rng.chance(0.85)) continue;
      transact(ledger, account, {
        direction: 'IN', kind: 'DONATION', amount: yuan(rng.int(3, 30) * 100), counterparty: member.name,
        purpose: '驻太仓流动党员爱心捐款', occurredAt: randomDate(rng, '2020-01-27', '2020-02-04'),
      });
    }
  }
}
