import { badUserInput } from '../../common/errors';
import { OrganizationKind as K, ORGANIZATION_KIND_LABELS } from './organization.enums';

const GRASSROOTS_COMMITTEES = [K.PARTY_COMMITTEE, K.WORKING_COMMITTEE];
const BRANCH_PARENTS = [K.PARTY_COMMITTEE, K.WORKING_COMMITTEE, K.GENERAL_BRANCH];
const TEMPORARY_PARENTS = [K.PARTY_COMMITTEE, K.WORKING_COMMITTEE, K.GENERAL_BRANCH, K.TEMPORARY_PARTY_COMMITTEE, K.TEMPORARY_GENERAL_BRANCH];

/**
 * Which kinds may sit directly under which. The 市委 is the root; 工作部门, 党组 and 党工委 hang off
 * it (a 党组 is a leading group inside an organ, not a grassroots organization); grassroots
 * committees, general branches and branches nest below; temporary organizations need a parent
 * that can approve them.
 */
export const ALLOWED_PARENT_KINDS: Record<K, K[]> = {
  [K.CITY_COMMITTEE]: [],
  [K.WORKING_DEPARTMENT]: [K.CITY_COMMITTEE],
  [K.LEADING_GROUP]: [K.CITY_COMMITTEE],
  [K.WORKING_COMMITTEE]: [K.CITY_COMMITTEE],
  [K.PARTY_COMMITTEE]: [K.CITY_COMMITTEE, ...GRASSROOTS_COMMITTEES],
  [K.GENERAL_BRANCH]: GRASSROOTS_COMMITTEES,
  [K.BRANCH]: BRANCH_PARENTS,
  [K.JOINT_BRANCH]: BRANCH_PARENTS,
  [K.TEMPORARY_PARTY_COMMITTEE]: [K.CITY_COMMITTEE, ...GRASSROOTS_COMMITTEES],
  [K.TEMPORARY_GENERAL_BRANCH]: TEMPORARY_PARENTS,
  [K.TEMPORARY_BRANCH]: TEMPORARY_PARENTS,
  [K.TEMPORARY_JOINT_BRANCH]: TEMPORARY_PARENTS,
};

export function assertKindAllowedUnder(kind: K, parentKind: K | null, field = 'parentId'): void {
  const allowed = ALLOWED_PARENT_KINDS[kind];
  if (parentKind === null ? allowed.length === 0 : allowed.includes(parentKind)) return;
  const parentLabel = parentKind === null ? '（无上级）' : ORGANIZATION_KIND_LABELS[parentKind];
  throw badUserInput(`${ORGANIZATION_KIND_LABELS[kind]}不能设在${parentLabel}之下`, field);
}
