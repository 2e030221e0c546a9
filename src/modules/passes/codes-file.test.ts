import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, signIn, startTestApp, type TestApp } from '../../test/app.js';
import { type Circulation, demoCampaign } from '../../test/circulation.js';

/** Issue 10, point 1: the printer's file redeems every pass it lists; only funder admins take it. */
let t: TestApp;
let c: Circulation;
let batchId: string;
let url: string;
beforeAll(async () => {
  t = await startTestApp({ demo: true });
  c = await demoCampaign(t);
  const batch = await t.database.pool.query('SELECT id FROM issue_batches WHERE program_id = $1 LIMIT 1', [
    c.programId,
  ]);
  batchId = batch.rows[0].id;
  url = `/api/v1/programs/${c.programId}/issues/${batchId}/codes.csv`;
});
afterAll(() => t.close());

const journal = async (who: Client) =>
  (await who.request('GET', `/api/v1/funders/${c.funderId}/audit?limit=20`)).json().entries as {
    actorEmail: string;
    action: string;
    objectId: string;
    summary: Record<string, unknown>;
  }[];

describe("the printer's file of a batch", () => {
  it('is refused to everyone but the funder’s admins: 403 in the funder, 404 outside', async () => {
    const expected: [string, number][] = [
      ['lecteur@hautsdefrance.test', 403],
      ['prescripteur@hautsdefrance.test', 403],
      ['benevole@hautsdefrance.test', 403],
      ['lieu@hautsdefrance.test', 403],
      ['admin@pass-numerique.test', 403],
      ['financeur@pasdecalais.test', 404],
    ];
    for (const [email, status] of expected) {
      const res = await (await signIn(t.app, email)).request('GET', url);
      expect(res.statusCode, email).toBe(status);
      expect(res.body, email).not.toContain('carnet;code');
    }
    expect((await t.app.inject({ url })).statusCode).toBe(401);
  });

  it('is downloaded by a funder admin, and the journal says who took how many codes, never the codes', async () => {
    const res = await c.funder.request('GET', url);
    expect(res.statusCode).toBe(200);
    const lines = res.body.trim().split('\n').slice(1);
    expect(lines.length).toBeGreaterThan(0);

    const entry = (await journal(c.funder)).find((e) => e.action === 'passes.codes_download');
    expect(entry).toMatchObject({
      actorEmail: 'financeur@hautsdefrance.test',
      objectId: batchId,
      summary: { programId: c.programId, codes: lines.length },
    });
    const everything = JSON.stringify(
      (await t.database.pool.query("SELECT * FROM audit_entries WHERE action = 'passes.codes_download'"))
        .rows,
    );
    for (const line of lines) expect(everything).not.toContain(line.split(';')[1]!);
  });

  it('is named so that a person knows it in a downloads folder: programme and batch, not an id', async () => {
    // It was « codes-<uuid>.csv ».
    const { rows } = await t.database.pool.query(
      'SELECT id FROM issue_batches WHERE program_id = $1 ORDER BY created_at, id',
      [c.programId],
    );
    const n = rows.findIndex((r) => r.id === batchId) + 1;
    const programme: string = (await c.funder.request('GET', `/api/v1/programs/${c.programId}`)).json().name;
    const res = await c.funder.request('GET', url);
    const name = /filename="([^"]+)"/.exec(String(res.headers['content-disposition']))?.[1];
    expect(name).toMatch(/^codes-imprimeur-[a-z0-9-]+-lot-\d+\.csv$/);
    expect(name).toBe(
      `codes-imprimeur-${programme
        .toLowerCase()
        .normalize('NFD')
        .replace(/[\u0300-\u036f]/g, '')
        .replace(/[^a-z0-9]+/g, '-')
        .replace(/^-|-$/g, '')}-lot-${n}.csv`,
    );
  });

  it('can be taken again later: the programme lists its issues, each with its booklets and its file', async () => {
    const list = await c.funder.request('GET', `/api/v1/programs/${c.programId}/issues`);
    expect(list.statusCode).toBe(200);
    const { rows } = await t.database.pool.query(
      `SELECT b.id, b.booklet_count, b.booklet_size, b.issued_on::text AS issued_on,
              min(k.serial) AS first, max(k.serial) AS last
         FROM issue_batches b JOIN booklets k ON k.batch_id = b.id
        WHERE b.program_id = $1 GROUP BY b.id ORDER BY b.created_at DESC`,
      [c.programId],
    );
    expect(rows.length).toBeGreaterThan(0);
    expect(list.json()).toEqual(
      rows.map((r) =>
        expect.objectContaining({
          batchId: r.id,
          issuedOn: r.issued_on,
          bookletCount: r.booklet_count,
          bookletSize: r.booklet_size,
          passes: r.booklet_count * r.booklet_size,
          firstSerial: r.first,
          lastSerial: r.last,
        }),
      ),
    );
    // Who may take the file may see the list; nobody else (a reader learns nothing of it).
    const reader = await signIn(t.app, 'lecteur@hautsdefrance.test');
    expect((await reader.request('GET', `/api/v1/programs/${c.programId}/issues`)).statusCode).toBe(403);
  });
});
