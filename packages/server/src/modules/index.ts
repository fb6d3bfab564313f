import { accessResolvers } from './access/access.resolver';
import { analyticsResolvers } from './analytics/analytics.resolver';
import { careResolvers } from './care/care.resolver';
import { changeFeedResolvers } from './change-feed/change-feed.resolver';
import { commendationResolvers } from './commendation/commendation.resolver';
import { donationResolvers } from './donation/donation.resolver';
import { fundResolvers } from './fund/fund.resolver';
import { inspectionResolvers } from './inspection/inspection.resolver';
import { memberResolvers } from './member/member.resolver';
import { organizationResolvers } from './organization/organization.resolver';
import { postResolvers } from './post/post.resolver';
import { squadResolvers } from './squad/squad.resolver';
import { volunteerResolvers } from './volunteer/volunteer.resolver';

/** Every module's resolvers; schema.ts builds the schema from this list. */
export const moduleResolvers: Function[] = [
  ...accessResolvers,
  ...organizationResolvers,
  ...memberResolvers,
  ...inspectionResolvers,
  ...commendationResolvers,
  ...fundResolvers,
  ...donationResolvers,
  ...postResolvers,
  ...squadResolvers,
  ...volunteerResolvers,
  ...careResolvers,
  ...changeFeedResolvers,
  ...analyticsResolvers,
];
