#!/usr/bin/env bash
# Proves the README's start command on a fresh embedded database: starts `pnpm start` without
# DATABASE_URL, waits for the printed URL, asks one question of the demo data, and stops it.
set -euo pipefail
cd "$(dirname "$0")/.."
data_dir=$(mktemp -d)
log=$(mktemp)
port=${SMOKE_PORT:-$(node -e 'const s = require("net").createServer().listen(0, "127.0.0.1", () => { console.log(s.address().port); s.close(); })')}
cleanup() {
  # pnpm does not pass signals on to the service: stop the whole process group.
  [ -n "${pid:-}" ] && kill -TERM -- "-$pid" 2>/dev/null && wait "$pid" 2>/dev/null || true
  rm -rf "$data_dir" "$log"
}
trap cleanup EXIT
setsid env -u DATABASE_URL EMBEDDED_PG_DIR="$data_dir/pg" PORT="$port" pnpm start >"$log" 2>&1 &
pid=$!
for _ in $(seq 1 180); do
  grep -q "已启动" "$log" && break
  kill -0 "$pid" 2>/dev/null || { cat "$log"; echo "smoke: the service exited early" >&2; exit 1; }
  sleep 1
done
grep -q "已启动" "$log" || { cat "$log"; echo "smoke: the service did not start within 180 s" >&2; exit 1; }
# The demo prints ready-to-paste tokens; the first is the administrator's.
authorization=$(grep -m1 -o 'Authorization: Bearer [^ ]*' "$log" | sed 's/^Authorization: //')
[ -n "$authorization" ] || { cat "$log"; echo "smoke: no demo token was printed" >&2; exit 1; }
anonymous=$(curl -s -o /dev/null -w '%{http_code}' -X POST "http://127.0.0.1:$port/graphql" -H 'content-type: application/json' \
  -d '{"query":"{ members(first: 1) { totalCount } }"}')
[ "$anonymous" = 401 ] || { echo "smoke: an anonymous query was answered with $anonymous, not 401" >&2; exit 1; }
answer=$(curl -sf -X POST "http://127.0.0.1:$port/graphql" -H 'content-type: application/json' -H "authorization: $authorization" \
  -d '{"query":"{ members(first: 1) { totalCount } }"}')
echo "smoke: $answer"
node -e 'const n = JSON.parse(process.argv[1]).data.members.totalCount; if (n < 40000) { console.error(`smoke: only ${n} members`); process.exit(1); }' "$answer"
console=$(curl -sf "http://127.0.0.1:$port/")
case "$console" in *控制台*) ;; *) echo "smoke: the console is not served at /" >&2; exit 1 ;; esac
# The console's role switch: every demo role's token answers, the organization administrator's within its subtree only.
credentials=$(curl -sf "http://127.0.0.1:$port/graphql/demo-credentials")
node - "$port" "$credentials" <<'JS'
const [port, json] = process.argv.slice(2);
const credentials = JSON.parse(json);
const roles = credentials.map((c) => c.role);
for (const role of ['ADMIN', 'ORG_ADMIN', 'ANALYST']) if (!roles.includes(role)) throw new Error(`smoke: demo role ${role} missing (${roles})`);
(async () => {
  const counts = {};
  for (const { role, headers } of credentials) {
    const response = await fetch(`http://127.0.0.1:${port}/graphql`, {
      method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ query: '{ members(first: 1) { totalCount } }' }),
    });
    counts[role] = (await response.json()).data.members.totalCount;
  }
  if (!(counts.ORG_ADMIN > 0 && counts.ORG_ADMIN < counts.ADMIN)) throw new Error(`smoke: scoped demo roles see ${JSON.stringify(counts)}`);
  console.log(`smoke: demo roles ${JSON.stringify(counts)}`);
})().catch((error) => { console.error(error.message); process.exit(1); });
JS
echo "smoke: README start command works on a fresh embedded database, serves the console at / and its demo roles"
