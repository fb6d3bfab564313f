// --scale=N: multiplies the seeded demo dataset's members in SQL, so that one seed (deterministic,
// ~41k members) yields a database with about N× the members for the benchmark.
//
// Copy k (1..N-1) of member m gets id m.id + k·max(id) and stays in m's organization, so every
// organization's member list (and every subtree count) grows N×; the original rows, their ids and
// the organization tree are untouched (the queries' fixed MEMBER_ID and ORG_NAME keep their
// meaning). Columns with a unique constraint are regenerated: id_card_number keeps the birth date
// and sequence digits (the 17th digit encodes gender) under a different region code per copy
// (42xx02: never the seed's 421181), with a recomputed GB 11643 check digit. Phone numbers are
// shifted per copy (no constraint, but no duplicate people either). The members' commendations are
// copied with them (the seed has 42, no money attached to individual members), so list fields
// under members grow as well. Other member-linked rows (squads, volunteer hours, posts, …) are not
// copied: no benchmark query reads them.
//
// Runs in one transaction, then fixes the sequences and ANALYZEs.

export const MAX_SCALE = 100;

/** Adds `scale - 1` copies of every member (and of their commendations) to the database behind `client`. */
export async function scaleMembers(client, scale) {
  if (!Number.isInteger(scale) || scale < 2 || scale > MAX_SCALE) throw new Error(`scale must be an integer in 2..${MAX_SCALE}`);
  await client.query('begin');
  try {
    const { rows: [{ stride }] } = await client.query('select max(id)::int as stride from member');
    // Copies put '…02' region codes on top of the seed's: only safe while no original starts with one.
    const { rows: [{ clash }] } = await client.query(`select count(*)::int as clash from member where substr(id_card_number, 5, 2) = '02'`);
    if (clash) throw new Error(`${clash} seeded id_card_number values already use a …02 region code; the scaling scheme needs another one`);
    // GB 11643-1999 check digit (ISO 7064 MOD 11-2) of the first 17 digits, as a session-local function.
    await client.query(`
      create function pg_temp.id_check(body text) returns text language sql immutable as $$
        select substr('10X98765432', (sum(substr(body, i, 1)::int * ((2 ^ (18 - i))::int % 11)) % 11)::int + 1, 1)
        from generate_series(1, 17) as i
      $$`);
    await client.query(
      `insert into member (id, version, created_at, updated_at, name, gender, ethnicity, birth_date, education, joined_party_at,
                           full_member_at, status, standing, occupation, in_service, mobile, organization_id, id_card_number, phone, address)
       select m.id + k * $2, m.version, m.created_at, m.updated_at, m.name, m.gender, m.ethnicity, m.birth_date, m.education, m.joined_party_at,
              m.full_member_at, m.status, m.standing, m.occupation, m.in_service, m.mobile, m.organization_id,
              card.body || pg_temp.id_check(card.body),
              case when m.phone ~ '^[0-9]{11}$'
                   then substr(m.phone, 1, 3) || lpad(((substr(m.phone, 4)::bigint + k * 12345679) % 100000000)::text, 8, '0')
                   else m.phone end,
              m.address
       from generate_series(1, $1::int - 1) as k
       cross join member m
       cross join lateral (select to_char(420002 + k * 100, 'FM000000') || substr(m.id_card_number, 7, 11) as body) card
       where m.id <= $2
       order by k, m.id`,
      [scale, stride],
    );
    await client.query(
      `insert into commendation (version, created_at, updated_at, batch_id, recipient_member_id, category, reason, award_amount, award_transaction_id)
       select c.version, c.created_at, c.updated_at, c.batch_id, c.recipient_member_id + k * $2, c.category, c.reason,
              case when c.award_transaction_id is null then c.award_amount end, null
       from generate_series(1, $1::int - 1) as k
       cross join commendation c
       where c.recipient_member_id is not null and c.recipient_member_id <= $2
       order by k, c.id`,
      [scale, stride],
    );
    await client.query(`select setval(pg_get_serial_sequence('member', 'id'), (select max(id) from member))`);
    await client.query(`select setval(pg_get_serial_sequence('commendation', 'id'), (select max(id) from commendation))`);
    await client.query('commit');
  } catch (error) {
    await client.query('rollback');
    throw error;
  }
  await client.query('analyze member');
  await client.query('analyze commendation');
}
