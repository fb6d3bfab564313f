import { ReferenceKind, type EntityMetadata } from '@mikro-orm/core';
import { startTestServer, type TestServer } from '../test/harness';
import { hydrate } from './hydration';

// The read paths' hydrator must give resolvers exactly what the ORM's own hydration gives.
describe('plain read hydration', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.close());

  const entities = (): EntityMetadata[] =>
    Object.values(server.orm.getMetadata().getAll()).filter((meta) => !meta.abstract && !meta.embeddable && !meta.virtual);

  function comparable(value: unknown): unknown {
    if (value instanceof Date) return `date:${value.toISOString()}`;
    if (typeof value === 'bigint') return `bigint:${value}`;
    return value;
  }

  it('matches em.map on seeded rows of every entity, for table rows and to_jsonb rows alike', async () => {
    let compared = 0;
    for (const meta of entities()) {
      const em = server.orm.em.fork();
      const tableRows: Array<Record<string, unknown>> = await em.execute(`select * from "${meta.tableName}" order by 1 limit 30`);
      const jsonRows: Array<{ row: Record<string, unknown> }> = await em.execute(`select to_jsonb(t) as row from "${meta.tableName}" t order by 1 limit 30`);
      for (const row of [...tableRows, ...jsonRows.map((r) => r.row)]) {
        const expected = em.fork().map(meta.className, { ...row }) as Record<string, unknown>;
        const actual = hydrate(em, meta.className, row) as Record<string, unknown>;
        expect(actual.constructor).toBe(meta.class);
        expect(actual).toBeInstanceOf(meta.class);
        for (const prop of meta.props) {
          if (prop.kind === ReferenceKind.SCALAR) {
            expect([meta.className, prop.name, comparable(actual[prop.name])]).toEqual([meta.className, prop.name, comparable(expected[prop.name] ?? null)]);
          } else if (prop.kind === ReferenceKind.MANY_TO_ONE) {
            const reference = actual[prop.name] as Record<string, unknown> | null;
            const expectedReference = expected[prop.name] as Record<string, unknown> | null;
            expect([prop.name, reference?.id ?? null]).toEqual([prop.name, expectedReference?.id ?? null]);
            if (reference) expect(reference.constructor.name).toBe(prop.type);
          }
        }
        compared++;
      }
    }
    expect(compared).toBeGreaterThan(500);
  });

  it('leaves the unit of work empty, so a later write in the same request starts clean', async () => {
    const em = server.orm.em.fork();
    const [row] = await em.execute('select * from member order by id limit 1');
    const member = hydrate(em, 'Member', row) as { name: string; globalId: string };
    member.name = 'changed locally';
    expect(em.getUnitOfWork().getIdentityMap().values()).toHaveLength(0);
    expect(member.globalId).toBe(Buffer.from(`Member:${row.id}`).toString('base64url'));
  });
});
