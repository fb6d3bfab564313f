// The benchmark's data requests, each expressed three ways: our GraphQL API, PostGraphile v5
// (Amber, default inflection) and one hand-written SQL statement (the "floor"). `normalize` turns
// each answer into comparable JSON so that unequal work is never compared.

const gid = (type, id) => Buffer.from(`${type}:${id}`, 'utf8').toString('base64url');
const byName = (a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
const sortedNames = (list) => list.map((x) => x.name).sort();

export const ORG_NAME = '中共麻城市龙池桥街道工作委员会';
export const MEMBER_ID = 20000;
const MUTATION_RECIPIENT = '基准测试慰问对象';
/** Note of the (f2) rows: it is what switches the peer's change-log trigger on (see logCareVisitsSql). */
const LOGGED_NOTE = '基准测试：同等工作（写变更事件）';

/** A CREATE event's field list for a care visit row, as our change feed writes it (fields in entity order). */
const careVisitChanges = (row) => `jsonb_build_array(
  ${['organization:organization_id', 'visitor:visitor_id', 'recipientMember:recipient_member_id', 'recipientName:recipient_name', 'recipientCategory:recipient_category', 'method:method', 'visitedAt:visited_at', 'note:note', 'fundTransaction:fund_transaction_id']
    .map((pair) => pair.split(':'))
    .map(([field, column]) => `jsonb_build_object('field', '${field}', 'before', null, 'after', to_jsonb(${row}.${column}))`)
    .join(',\n  ')})`;

/**
 * For (f2), equal work on the peer: PostGraphile has no change feed, so a trigger writes the
 * event our service writes (same gap-free counter, same columns and field list) for the care
 * visits it creates with the (f2) note. Only PostGraphile's connections (application_name
 * bench-peer) fire it; our service and the floor write their events themselves.
 */
export const logCareVisitsSql = `
create or replace function bench_log_care_visit() returns trigger language plpgsql as $$
begin
  with s as (update change_sequence set value = value + 1 where id = 1 returning value)
  insert into change_event (sequence, entity_type, entity_id, operation, organization_id, organization_path, actor, request_id, mutation, changes, occurred_at)
  select s.value, 'CareVisit', new.id, 'CREATE', o.id, o.path, 'postgraphile', null, 'createCareVisit', ${careVisitChanges('new')}, now()
  from s join organization o on o.id = new.organization_id;
  return new;
end $$;
drop trigger if exists bench_log_care_visit on care_visit;
create trigger bench_log_care_visit after insert on care_visit for each row
  when (new.note = '${LOGGED_NOTE}' and current_setting('application_name') = 'bench-peer')
  execute function bench_log_care_visit();`;

/** Builds the query list once the ids of the fixed objects are known. */
export function buildQueries({ orgId }) {
  return [
    {
      key: 'a',
      title: '(a) 50 个党组织 × 各自前 20 名党员',
      ours: {
        query: `{ organizations(first: 50, orderBy: { field: CODE, direction: ASC }) { nodes { name members(first: 20, orderBy: { field: JOINED_PARTY_AT, direction: ASC }) { nodes { name } } } } }`,
        pick: (d) => d.organizations.nodes.map((o) => ({ name: o.name, members: o.members.nodes })),
      },
      peer: {
        query: `{ allOrganizations(first: 50, orderBy: [CODE_ASC]) { nodes { name membersByOrganizationId(first: 20, orderBy: [JOINED_PARTY_AT_ASC, PRIMARY_KEY_ASC]) { nodes { name } } } } }`,
        pick: (d) => d.allOrganizations.nodes.map((o) => ({ name: o.name, members: o.membersByOrganizationId.nodes })),
      },
      floor: {
        sql: `select coalesce(json_agg(json_build_object('name', o.name, 'members', (
                select coalesce(json_agg(json_build_object('name', m.name) order by m.joined_party_at, m.id), '[]')
                from (select name, joined_party_at, id from member where organization_id = o.id order by joined_party_at, id limit 20) m
              )) order by o.code), '[]') as data
              from (select id, name, code from organization order by code limit 50) o`,
        pick: (d) => d,
      },
      // Organization order and member lists compared as sorted name lists.
      normalize: (list) => list.map((o) => ({ name: o.name, members: sortedNames(o.members) })).sort(byName),
    },
    {
      key: 'b',
      title: `(b) ${ORG_NAME} 的下级组织及各自子树党员数`,
      ours: {
        query: `query($id: ID!) { organization(id: $id) { children(first: 100) { nodes { name memberCount(includeDescendants: true) } } } }`,
        variables: { id: gid('Organization', orgId) },
        pick: (d) => d.organization.children.nodes.map((c) => ({ name: c.name, count: c.memberCount })),
      },
      peer: null,
      peerMissing: 'PostGraphile Amber 无子树聚合（需自定义计算列函数或聚合插件），只能数直属党员',
      floor: {
        sql: `with per_org as (select organization_id, count(*)::int as n from member group by organization_id)
              select coalesce(json_agg(json_build_object('name', c.name, 'count', (
                select coalesce(sum(p.n), 0)::int from organization d join per_org p on p.organization_id = d.id
                where left(d.path, length(c.path)) = c.path))), '[]') as data
              from organization c where c.parent_id = $1`,
        params: [orgId],
        pick: (d) => d,
      },
      normalize: (list) => [...list].sort(byName),
    },
    {
      key: 'c',
      title: '(c) 按入党日期前 100 名党员 + 所在组织 + 表彰',
      ours: {
        query: `{ members(first: 100, orderBy: { field: JOINED_PARTY_AT, direction: ASC }) { nodes { name joinedPartyAt organization { name } commendations(first: 100) { nodes { category reason } } } } }`,
        pick: (d) => d.members.nodes.map((m) => ({ name: m.name, joinedPartyAt: m.joinedPartyAt, org: m.organization.name, commendations: m.commendations.nodes })),
      },
      peer: {
        query: `{ allMembers(first: 100, orderBy: [JOINED_PARTY_AT_ASC, PRIMARY_KEY_ASC]) { nodes { name joinedPartyAt organizationByOrganizationId { name } commendationsByRecipientMemberId(first: 100) { nodes { category reason } } } } }`,
        pick: (d) => d.allMembers.nodes.map((m) => ({ name: m.name, joinedPartyAt: m.joinedPartyAt, org: m.organizationByOrganizationId.name, commendations: m.commendationsByRecipientMemberId.nodes })),
      },
      floor: {
        sql: `select coalesce(json_agg(json_build_object('name', m.name, 'joinedPartyAt', m.joined_party_at, 'org', o.name,
                'commendations', (select coalesce(json_agg(json_build_object('category', c.category, 'reason', c.reason) order by c.id), '[]')
                                  from commendation c where c.recipient_member_id = m.id)) order by m.joined_party_at, m.id), '[]') as data
              from (select * from member order by joined_party_at, id limit 100) m join organization o on o.id = m.organization_id`,
        pick: (d) => d,
      },
      normalize: (list) =>
        list
          .map((m) => ({ ...m, commendations: m.commendations.map((c) => `${c.category}|${c.reason}`).sort() }))
          .sort((x, y) => (x.joinedPartyAt + x.name < y.joinedPartyAt + y.name ? -1 : 1)),
    },
    {
      key: 'd',
      title: '(d) 按 ID 查一名党员',
      ours: {
        query: `query($id: ID!) { member(id: $id) { name gender joinedPartyAt occupation organization { name } } }`,
        variables: { id: gid('Member', MEMBER_ID) },
        pick: (d) => ({ ...d.member, organization: d.member.organization.name }),
      },
      peer: {
        query: `query($id: Int!) { memberByRowId(rowId: $id) { name gender joinedPartyAt occupation organizationByOrganizationId { name } } }`,
        variables: { id: MEMBER_ID },
        pick: (d) => {
          const { organizationByOrganizationId: o, ...m } = d.memberByRowId;
          return { ...m, organization: o.name };
        },
      },
      floor: {
        sql: `select json_build_object('name', m.name, 'gender', m.gender, 'joinedPartyAt', m.joined_party_at,
                'occupation', m.occupation, 'organization', o.name) as data
              from member m join organization o on o.id = m.organization_id where m.id = $1`,
        params: [MEMBER_ID],
        pick: (d) => d,
      },
      normalize: (m) => m,
    },
    {
      key: 'e1',
      title: '(e1) 党员按职业分组计数',
      ours: {
        query: `{ analytics { members(groupBy: [OCCUPATION]) { groups { occupation count } } } }`,
        pick: (d) => d.analytics.members.groups,
      },
      peer: null,
      peerMissing: 'PostGraphile Amber 无 group by（需 @graphile/pg-aggregates）',
      floor: {
        sql: `select coalesce(json_agg(json_build_object('occupation', occupation, 'count', n)), '[]') as data
              from (select occupation, count(*)::int as n from member group by occupation) g`,
        pick: (d) => d,
      },
      normalize: (groups) => [...groups].sort((x, y) => (x.occupation < y.occupation ? -1 : 1)),
    },
    {
      key: 'e2',
      title: '(e2) 村/社区督查覆盖率',
      ours: {
        query: `{ inspectionCoverage { villagesTotal villagesInspected } }`,
        pick: (d) => d.inspectionCoverage,
      },
      peer: null,
      peerMissing: 'PostGraphile Amber 无 EXISTS 过滤（需 connection-filter 插件），算不出“已督查村数”',
      floor: {
        sql: `select json_build_object('villagesTotal', count(*)::int, 'villagesInspected',
                (count(*) filter (where exists (select 1 from inspection_record r where r.organization_id = v.id)))::int) as data
              from organization v where v.unit_type in ('VILLAGE', 'COMMUNITY')`,
        pick: (d) => d,
      },
      normalize: (x) => x,
    },
    {
      key: 'f',
      title: '(f) 并发写入：登记一次慰问（recordCareVisit）',
      mutation: true,
      ours: {
        query: `mutation($input: RecordCareVisitInput!) { recordCareVisit(input: $input) { careVisit { id } } }`,
        variables: {
          input: { organizationId: gid('Organization', orgId), method: 'VISIT', recipientCategory: 'NEEDY_RESIDENT', recipientName: MUTATION_RECIPIENT, visitedAt: '2026-11-01' },
        },
        pick: (d) => ({ created: Boolean(d.recordCareVisit.careVisit.id) }),
      },
      peer: {
        query: `mutation($input: CreateCareVisitInput!) { createCareVisit(input: $input) { careVisit { id } } }`,
        variables: {
          input: { careVisit: { organizationId: orgId, method: 'VISIT', recipientCategory: 'NEEDY_RESIDENT', recipientName: MUTATION_RECIPIENT, visitedAt: '2026-11-01' } },
        },
        pick: (d) => ({ created: Boolean(d.createCareVisit.careVisit.id) }),
      },
      floor: {
        sql: `insert into care_visit (organization_id, method, recipient_category, recipient_name, visited_at)
              values ($1, 'VISIT', 'NEEDY_RESIDENT', $2, '2026-11-01') returning json_build_object('created', true) as data`,
        params: [orgId, MUTATION_RECIPIENT],
        pick: (d) => d,
      },
      normalize: (x) => x,
      /** Row written by each peer, compared after the check run. */
      verifySql: `select organization_id, method, recipient_category, recipient_name, visited_at::text from care_visit where recipient_name = '${MUTATION_RECIPIENT}' order by id desc limit 1`,
    },
    {
      key: 'f2',
      title: '(f2) 同等工作的并发写入：登记一次慰问并写变更事件（对方以触发器写同样的事件）',
      mutation: true,
      ours: {
        query: `mutation($input: RecordCareVisitInput!) { recordCareVisit(input: $input) { careVisit { id } } }`,
        variables: {
          input: { organizationId: gid('Organization', orgId), method: 'VISIT', recipientCategory: 'NEEDY_RESIDENT', recipientName: MUTATION_RECIPIENT, visitedAt: '2026-11-01', note: LOGGED_NOTE },
        },
        pick: (d) => ({ created: Boolean(d.recordCareVisit.careVisit.id) }),
      },
      peer: {
        query: `mutation($input: CreateCareVisitInput!) { createCareVisit(input: $input) { careVisit { id } } }`,
        variables: {
          input: { careVisit: { organizationId: orgId, method: 'VISIT', recipientCategory: 'NEEDY_RESIDENT', recipientName: MUTATION_RECIPIENT, visitedAt: '2026-11-01', note: LOGGED_NOTE } },
        },
        pick: (d) => ({ created: Boolean(d.createCareVisit.careVisit.id) }),
      },
      // The one statement our service sends for this mutation, written by hand: the row, the next
      // sequence and the event together.
      floor: {
        sql: `with inserted as (
                insert into care_visit (organization_id, method, recipient_category, recipient_name, visited_at, note)
                select $1, 'VISIT', 'NEEDY_RESIDENT', $2, '2026-11-01', $3
                where exists (select 1 from organization t where t.id = $1 and t.dissolved_at is null for key share of t)
                returning *
              ), next as (
                update change_sequence set value = value + 1 where id = 1 and exists (select 1 from inserted) returning value
              ), logged as (
                insert into change_event (sequence, entity_type, entity_id, operation, organization_id, organization_path, actor, request_id, mutation, changes, occurred_at)
                select next.value, 'CareVisit', inserted.id, 'CREATE', o.id, o.path, 'floor', null, 'recordCareVisit', ${careVisitChanges('inserted')}, now()
                from inserted cross join next join organization o on o.id = inserted.organization_id
              )
              select json_build_object('created', true) as data from inserted`,
        params: [orgId, MUTATION_RECIPIENT, LOGGED_NOTE],
        pick: (d) => d,
      },
      normalize: (x) => x,
      setupSql: logCareVisitsSql,
      /** The row and its one change event, compared after the check run (who wrote it aside). */
      verifySql: `select c.organization_id, c.method, c.recipient_name, c.visited_at::text, c.note,
                    e.operation, e.organization_path, e.changes, (select count(*)::int from change_event x where x.entity_type = 'CareVisit' and x.entity_id = c.id) as events
                  from care_visit c join change_event e on e.entity_type = 'CareVisit' and e.entity_id = c.id
                  where c.note = '${LOGGED_NOTE}' order by c.id desc limit 1`,
    },
  ];
}
