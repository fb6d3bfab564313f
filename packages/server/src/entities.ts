import { IdempotencyRecord } from './common/idempotency.entity';
import { ApiKey, SensitiveAccessLog } from './modules/access/access.entity';
import { CareVisit } from './modules/care/care-visit.entity';
import { ChangeEvent, ChangeSequence } from './modules/change-feed/change-event.entity';
import { Commendation, CommendationBatch } from './modules/commendation/commendation.entity';
import { Donation, DonationItem } from './modules/donation/donation.entity';
import { FundAccount, FundTransaction } from './modules/fund/fund.entity';
import { InspectionRecord, InspectionTeam, InspectionTeamMember } from './modules/inspection/inspection.entity';
import { CommunityReport, Member, MemberTransfer, Position, TemporaryMembership } from './modules/member/member.entity';
import { Organization, OrganizationMove } from './modules/organization/organization.entity';
import { Post, PostHolder } from './modules/post/post.entity';
import { Squad, SquadMember } from './modules/squad/squad.entity';
import { VolunteerParticipation, VolunteerService } from './modules/volunteer/volunteer.entity';

/** Every entity, listed explicitly (MikroORM 6 with swc cannot discover them by folder scan). */
export const entities = [
  Organization,
  OrganizationMove,
  Member,
  Position,
  MemberTransfer,
  TemporaryMembership,
  CommunityReport,
  InspectionTeam,
  InspectionTeamMember,
  InspectionRecord,
  CommendationBatch,
  Commendation,
  FundAccount,
  FundTransaction,
  Donation,
  DonationItem,
  Post,
  PostHolder,
  Squad,
  SquadMember,
  VolunteerService,
  VolunteerParticipation,
  CareVisit,
  ChangeEvent,
  ChangeSequence,
  IdempotencyRecord,
  ApiKey,
  SensitiveAccessLog,
];
