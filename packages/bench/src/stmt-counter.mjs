// Counts SQL statements sent by this process (every pg Client#query call, BEGIN/COMMIT included),
// so peers that do not report their statement count can be measured the same way.
import pg from 'pg';

export const counter = { statements: 0 };
const original = pg.Client.prototype.query;
pg.Client.prototype.query = function countedQuery(...args) {
  counter.statements += 1;
  return original.apply(this, args);
};

/** Answers GET /__stats with the statement count; returns true if it handled the request. */
export function statsRoute(req, res) {
  if (req.method === 'GET' && req.url === '/__stats') {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ statements: counter.statements }));
    return true;
  }
  return false;
}
