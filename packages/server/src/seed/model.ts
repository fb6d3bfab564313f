/**
 * In-memory rows of the demo dataset, shaped exactly like the database columns (snake_case),
 * with explicit ids so that references can be wired before anything is written.
 */
import type { CareMethod, CareRecipientCategory as CareCategory } from '../modules/care/care-visit.entity';
import type { CommendationCategory as Category } from '../modules/commendation/commendation.entity';
import type { DonationKind, DonorType as Donor } from '../modules/donation/donation.entity';
import type { FundAccountKind, TransactionDirection, TransactionKind as TxKind } from '../modules/fund/fund.entity';
import type { RectificationStatus, TeamRole } from '../modules/inspection/inspection.entity';
import type { Education as EducationEnum, Gender as GenderEnum, MemberStatus, OccupationCategory, PartyStanding } from '../modules/member/member.enums';
import { GRASSROOTS_KINDS, type OrganizationKind as Kind, type UnitType as Unit } from '../modules/organization/organization.enums';
import type { PostKind } from '../modules/post/post.entity';

/** The string values of the entities' enums (rows hold plain strings, as the database does). */
export type OrganizationKind = `${Kind}`;
export type UnitType = `${Unit}`;
export type Occupation = `${OccupationCategory}`;
export type Education = `${EducationEnum}`;
export type Gender = `${GenderEnum}`;
export type TransactionKind = `${TxKind}`;
export type DonorType = `${Donor}`;
export type CommendationCategory = `${Category}`;
export type CareRecipientCategory = `${CareCategory}`;

/** 基层党组织: the kinds with a national type code (党委、党总支、党支部 and their temporary forms). */
export function isGrassroots(kind: OrganizationKind): boolean {
  return (GRASSROOTS_KINDS as readonly string[]).includes(kind);
}

export interface OrganizationRow {
  id: number; name: string; code: string; kind: OrganizationKind; parent_id: number | null;
  path: string; depth: number; unit_name: string; unit_type: UnitType; established_at: string;
  dissolved_at: string | null; task: string | null; approval_document: string | null;
  village_group_count: number | null; secretary_id: number | null;
}

export interface MemberRow {
  id: number; name: string; gender: Gender; ethnicity: string; birth_date: string; education: Education;
  joined_party_at: string; full_member_at: string | null; status: `${MemberStatus}`;
  standing: `${PartyStanding}`; occupation: Occupation; in_service: boolean;
  mobile: boolean; organization_id: number; id_card_number: string; phone: string; address: string | null;
}

export interface PositionRow {
  id: number; member_id: number; title: string; organization_id: number | null; started_at: string; ended_at: string | null;
}
export interface MemberTransferRow {
  id: number; member_id: number; from_organization_id: number; to_organization_id: number; transferred_at: string; reason: string;
}
export interface TemporaryMembershipRow {
  id: number; member_id: number; organization_id: number; joined_at: string; left_at: string | null; role: string | null;
}
export interface CommunityReportRow {
  id: number; member_id: number; community_id: number; reported_at: string; duty: string | null;
}
export interface InspectionTeamRow {
  id: number; name: string; number: number; area_id: number; organizer_id: number; formed_at: string;
}
export interface InspectionTeamMemberRow {
  id: number; team_id: number; member_id: number; role: `${TeamRole}`; served_from: string; served_to: string | null;
}
export interface InspectionRecordRow {
  id: number; team_id: number; organization_id: number; inspected_at: string; round: number; findings: string;
  problems: string | null; problem_count: number; rectification_status: `${RectificationStatus}`;
  rectified_at: string | null; groups_visited: number | null;
}
export interface FundAccountRow {
  id: number; name: string; kind: `${FundAccountKind}`;
  organization_id: number; opened_at: string; description: string | null;
}
export interface FundTransactionRow {
  id: number; account_id: number; direction: `${TransactionDirection}`; kind: TransactionKind; amount: number;
  counterparty: string; purpose: string; occurred_at: string; recorded_by_id: number | null;
  target_organization_id: number | null; approval_meeting: string | null; document_number: string | null;
}
export interface DonationRow {
  id: number; donor_name: string; donor_type: DonorType; mobilized_by_id: number; recipient_id: number;
  kind: `${DonationKind}`; amount: number | null; donated_at: string; fund_transaction_id: number | null; note: string | null;
}
export interface DonationItemRow {
  id: number; donation_id: number; name: string; quantity: number; unit: string;
}
export interface CommendationBatchRow {
  id: number; title: string; issuer_id: number; issued_at: string; document_number: string | null;
}
export interface CommendationRow {
  id: number; batch_id: number; recipient_member_id: number | null; recipient_organization_id: number | null;
  category: CommendationCategory; reason: string; award_amount: number | null; award_transaction_id: number | null;
}
export interface PostRow {
  id: number; name: string; kind: `${PostKind}`; organization_id: number; established_at: string; duty: string;
}
export interface PostHolderRow { id: number; post_id: number; member_id: number; since: string }
export interface SquadRow {
  id: number; name: string; organization_id: number; leader_id: number | null; formed_at: string; mission: string;
}
export interface SquadMemberRow { id: number; squad_id: number; member_id: number; joined_at: string }
export interface VolunteerServiceRow {
  id: number; content: string; organization_id: number; location: string; served_at: string; duration_minutes: number;
}
export interface VolunteerParticipationRow { id: number; service_id: number; member_id: number }
export interface CareVisitRow {
  id: number; organization_id: number; visitor_id: number | null; recipient_member_id: number | null;
  recipient_name: string; recipient_category: CareRecipientCategory; method: `${CareMethod}`;
  visited_at: string; note: string | null; fund_transaction_id: number | null;
}
export interface OrganizationMoveRow {
  id: number; organization_id: number; from_parent_id: number | null; to_parent_id: number; moved_at: string;
  document_number: string; reason: string;
}

/** The rows of one table; ids are handed out in insertion order starting at 1. */
export class Table<T extends { id: number }> {
  readonly rows: T[] = [];

  constructor(readonly name: string) {}

  add(row: Omit<T, 'id'>): T {
    return this.push({ id: 0, ...row } as T);
  }

  /** Adopts a row object built elsewhere, giving it the next id. */
  push(row: T): T {
    row.id = this.rows.length + 1;
    this.rows.push(row);
    return row;
  }

  byId(id: number): T {
    const row = this.rows[id - 1];
    if (row?.id !== id) throw new Error(`${this.name} ${id} not found`);
    return row;
  }
}

/** Every table, in an order where each row's references are inserted before it. */
export function createDataset() {
  return {
    organization: new Table<OrganizationRow>('organization'),
    member: new Table<MemberRow>('member'),
    position: new Table<PositionRow>('position'),
    memberTransfer: new Table<MemberTransferRow>('member_transfer'),
    temporaryMembership: new Table<TemporaryMembershipRow>('temporary_membership'),
    communityReport: new Table<CommunityReportRow>('community_report'),
    inspectionTeam: new Table<InspectionTeamRow>('inspection_team'),
    inspectionTeamMember: new Table<InspectionTeamMemberRow>('inspection_team_member'),
    inspectionRecord: new Table<InspectionRecordRow>('inspection_record'),
    fundAccount: new Table<FundAccountRow>('fund_account'),
    fundTransaction: new Table<FundTransactionRow>('fund_transaction'),
    donation: new Table<DonationRow>('donation'),
    donationItem: new Table<DonationItemRow>('donation_item'),
    commendationBatch: new Table<CommendationBatchRow>('commendation_batch'),
    commendation: new Table<CommendationRow>('commendation'),
    post: new Table<PostRow>('post'),
    postHolder: new Table<PostHolderRow>('post_holder'),
    squad: new Table<SquadRow>('squad'),
    squadMember: new Table<SquadMemberRow>('squad_member'),
    volunteerService: new Table<VolunteerServiceRow>('volunteer_service'),
    volunteerParticipation: new Table<VolunteerParticipationRow>('volunteer_participation'),
    careVisit: new Table<CareVisitRow>('care_visit'),
    organizationMove: new Table<OrganizationMoveRow>('organization_move'),
  };
}

export type Dataset = ReturnType<typeof createDataset>;

/** How the members of a leaf organization are generated. */
export type MemberProfile =
  | 'village' | 'community' | 'agency' | 'retiredCadres' | 'institution' | 'hospital' | 'school' | 'enterprise' | 'flowing';

/** An organization with the tree links and generator metadata that are not stored. */
export interface OrgNode {
  row: OrganizationRow;
  parent: OrgNode | null;
  children: OrgNode[];
  /** Home members (组织关系所在). */
  members: MemberRow[];
  /** The town, subdistrict or development zone the unit is located in, if any. */
  area: OrgNode | null;
  /** Leaves only: how many members and of what kind. */
  profile: MemberProfile | null;
  size: number;
}
