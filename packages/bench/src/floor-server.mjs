// The raw-SQL floor: POST /q with {"sql", "params"} runs ONE hand-written statement with pg and
// answers {"data": <first row's data column>} via JSON.stringify, over node:http like the others.
// Loopback only; it exists purely for the benchmark.
import { createServer } from 'node:http';
import pg from 'pg';
import { statsRoute } from './stmt-counter.mjs';

const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 10 });
const port = Number(process.env.PORT);
const server = createServer((req, res) => {
  if (statsRoute(req, res)) return;
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', async () => {
    try {
      const { sql, params } = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      const { rows } = await pool.query(sql, params ?? []);
      const body = JSON.stringify({ data: rows[0]?.data ?? null });
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
      res.end(body);
    } catch (error) {
      const body = JSON.stringify({ errors: [{ message: String(error.message) }] });
      res.writeHead(500, { 'content-type': 'application/json' });
      res.end(body);
    }
  });
});
server.listen(port, '127.0.0.1', () => console.log(`floor listening on ${port}`));
process.on('SIGTERM', () => server.close(() => pool.end().then(() => process.exit(0))));
