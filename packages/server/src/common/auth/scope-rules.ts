import type { Knex } from '@mikro-orm/postgresql';

/**
 * How each table's rows belong to an organization subtree. A caller limited to a subtree sees a
 * row when the rule holds for the subtree's path prefix; a table without a rule is invisible to
 * such callers (fail closed). Rows that name several organizations (a transfer, a donation) are
 * visible from either side.
 */
type Rule = (alias: string) => string;

const ORGS = "select id from organization where path like :prefix";
const MEMBERS = `select m.id from member m join organization o on o.id = m.organization_id where o.path like :prefix`;
const orgIn = (column: string) => `${column} in (${ORGS})`;
const memberIn = (column: string) => `${column} in (${MEMBERS})`;
const rowsOf = (table: string) => (alias: string) => `${alias} in (select s.id from ${table} s where ${RULES[table]('s')})`;
const any = (...conditions: string[]) => `(${conditions.join(' or ')})`;

const RULES: Record<string, Rule> = {
  organization: (t) => `${t}.path like :prefix`,
  organization_move: (t) => orgIn(`${t}.organization_id`),
  member: (t) => orgIn(`${t}.organization_id`),
  position: (t) => any(orgIn(`${t}.organization_id`), memberIn(`${t}.member_id`)),
  member_transfer: (t) => any(orgIn(`${t}.from_organization_id`), orgIn(`${t}.to_organization_id`)),
  temporary_membership: (t) => any(orgIn(`${t}.organization_id`), memberIn(`${t}.member_id`)),
  community_report: (t) => any(orgIn(`${t}.community_id`), memberIn(`${t}.member_id`)),
  inspection_team: (t) => any(orgIn(`${t}.area_id`), orgIn(`${t}.organizer_id`)),
  inspection_team_member: (t) => rowsOf('inspection_team')(`${t}.team_id`),
  inspection_record: (t) => orgIn(`${t}.organization_id`),
  commendation: (t) => any(orgIn(`${t}.recipient_organization_id`), memberIn(`${t}.recipient_member_id`)),
  commendation_batch: (t) => any(orgIn(`${t}.issuer_id`), `${t}.id in (select c.batch_id from commendation c where ${RULES.commendation('c')})`),
  fund_account: (t) => orgIn(`${t}.organization_id`),
  fund_transaction: (t) => any(rowsOf('fund_account')(`${t}.account_id`), orgIn(`${t}.target_organization_id`)),
  donation: (t) => any(orgIn(`${t}.recipient_id`), orgIn(`${t}.mobilized_by_id`)),
  donation_item: (t) => rowsOf('donation')(`${t}.donation_id`),
  post: (t) => orgIn(`${t}.organization_id`),
  post_holder: (t) => any(rowsOf('post')(`${t}.post_id`), memberIn(`${t}.member_id`)),
  squad: (t) => orgIn(`${t}.organization_id`),
  squad_member: (t) => any(rowsOf('squad')(`${t}.squad_id`), memberIn(`${t}.member_id`)),
  volunteer_service: (t) => orgIn(`${t}.organization_id`),
  volunteer_participation: (t) => any(rowsOf('volunteer_service')(`${t}.service_id`), memberIn(`${t}.member_id`)),
  care_visit: (t) => any(orgIn(`${t}.organization_id`), memberIn(`${t}.recipient_member_id`)),
  change_event: (t) => `${t}.organization_path like :prefix`,
  api_key: (t) => orgIn(`${t}.organization_id`),
};

/** The condition restricting `table` (aliased `alias`) to the subtree at `scopePath`. */
export function scopeCondition(knex: Knex, table: string, alias: string, scopePath: string): Knex.Raw {
  const rule = RULES[table];
  if (!rule) return knex.raw('false');
  return knex.raw(rule(alias), { prefix: `${scopePath}%` });
}
