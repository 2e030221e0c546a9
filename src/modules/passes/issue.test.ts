import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseBookletSerial, parsePassCode } from '../../core/pass-code.js';
import { type Client, signIn, startTestApp, type TestApp } from '../../test/app.js';

let t: TestApp;
let hdf: Client;
let programId: string;
let envelopes: { id: string; name: string; cap: number }[];

// The seed programmes are closed today: these tests record issues made while they ran.
const HISTORY = 'Reprise de l’historique du dispositif';
const PAST = { issuedOn: '2022-06-01', backdateReason: HISTORY };

beforeAll(async () => {
  t = await startTestApp({ demo: true });
  hdf = await signIn(t.app, 'financeur@hautsdefrance.test');
  const funderId = hdf.session.memberships[0]!.funderId!;
  programId = (await hdf.request('GET', `/api/v1/funders/${funderId}/programs`)).json()[0].id;
  envelopes = (await hdf.request('GET', `/api/v1/programs/${programId}`)).json().envelopes;
});
afterAll(() => t.close());

const passCount = async () =>
  Number((await t.database.pool.query('SELECT count(*) FROM passes')).rows[0].count);

describe('issuing booklets', () => {
  it('issues booklets with serials and valid, unique codes the printer can download', async () => {
    const res = await hdf.request('POST', `/api/v1/programs/${programId}/issues`, {
      bookletCount: 30,
      bookletSize: 10,
      ...PAST,
    });
    expect(res.statusCode).toBe(201);
    const { batchId, passes, firstSerial, lastSerial } = res.json();
    expect(passes).toBe(300);
    expect(parseBookletSerial(firstSerial)).toMatchObject({ ok: true, sequence: 1 });
    expect(parseBookletSerial(lastSerial)).toMatchObject({ ok: true, sequence: 30 });
    const csv = await hdf.request('GET', `/api/v1/programs/${programId}/issues/${batchId}/codes.csv`);
    expect(csv.headers['content-type']).toContain('text/csv');
    const lines = csv.body.trim().split('\n');
    expect(lines[0]).toBe('carnet;code;url_qr');
    expect(lines).toHaveLength(301);
    const codes = lines.slice(1).map((l) => l.split(';')[1]!);
    expect(new Set(codes).size).toBe(300);
    expect(codes.every((c) => parsePassCode(c).ok)).toBe(true);
    expect(lines[1]).toMatch(/;http:\/\/localhost:3000\/p\/[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{2}$/);
    const perBooklet = new Map<string, number>();
    for (const l of lines.slice(1))
      perBooklet.set(l.split(';')[0]!, (perBooklet.get(l.split(';')[0]!) ?? 0) + 1);
    expect([...perBooklet.values()].every((n) => n === 10)).toBe(true);
    expect(perBooklet.size).toBe(30);
  });

  it('continues serial numbers across batches', async () => {
    const res = await hdf.request('POST', `/api/v1/programs/${programId}/issues`, {
      bookletCount: 2,
      bookletSize: 5,
      ...PAST,
    });
    expect(parseBookletSerial(res.json().firstSerial)).toMatchObject({ ok: true, sequence: 31 });
  });

  it('sends the printer a large issue whole, in order, read a page of booklets at a time', async () => {
    // 1,050 booklets: more than one page of the file (1,000 booklets), the last one partial.
    const res = await hdf.request('POST', `/api/v1/programs/${programId}/issues`, {
      bookletCount: 1050,
      bookletSize: 10,
      ...PAST,
    });
    expect(res.statusCode).toBe(201);
    const { batchId } = res.json();
    const csv = await hdf.request('GET', `/api/v1/programs/${programId}/issues/${batchId}/codes.csv`);
    expect(csv.statusCode).toBe(200);
    const lines = csv.body.split('\n');
    expect(lines[0]).toBe('carnet;code;url_qr');
    expect(lines.at(-1)).toBe(''); // the file ends with a line end
    const rows = lines.slice(1, -1).map((l) => l.split(';'));
    const { rows: expected } = await t.database.pool.query(
      `SELECT b.serial, p.code FROM passes p JOIN booklets b ON b.id = p.booklet_id
        WHERE b.batch_id = $1 ORDER BY b.serial, p.id`,
      [batchId],
    );
    expect(expected).toHaveLength(10_500);
    expect(rows.map(([serial, code]) => `${serial};${code!.replaceAll('-', '')}`)).toEqual(
      expected.map((r) => `${r.serial};${r.code}`),
    );
    // The journal says how many codes the file gave.
    const { rows: entries } = await t.database.pool.query(
      `SELECT summary FROM audit_entries WHERE action = 'passes.codes_download' AND object_id = $1`,
      [batchId],
    );
    expect(entries.map((e) => e.summary.codes)).toEqual([10_500]);
  });

  it('refuses to exceed an envelope cap and writes nothing', async () => {
    const lycees = envelopes.find((e) => e.name === 'Expérimentation lycées')!;
    const before = await passCount();
    const res = await hdf.request('POST', `/api/v1/programs/${programId}/issues`, {
      bookletCount: 401,
      bookletSize: 10,
      envelopeId: lycees.id,
      ...PAST,
    });
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('envelope_cap_exceeded');
    expect(res.json().errors[0]).toMatchObject({
      field: 'bookletCount',
      message: 'Au plus 400 carnets de 10.',
    });
    expect(await passCount()).toBe(before);
    const ok = await hdf.request('POST', `/api/v1/programs/${programId}/issues`, {
      bookletCount: 400,
      bookletSize: 10,
      envelopeId: lycees.id,
      ...PAST,
    });
    expect(ok.statusCode).toBe(201);
  });

  it('refuses to exceed the programme’s planned passes as of the issue date', async () => {
    const before = await passCount();
    // 68,750 were planned on 2020-03-01; 4,310 are already issued, so 6,444 booklets of 10 is the most.
    const res = await hdf.request('POST', `/api/v1/programs/${programId}/issues`, {
      bookletCount: 6_445,
      bookletSize: 10,
      issuedOn: '2020-03-01',
      backdateReason: HISTORY,
    });
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('program_cap_exceeded');
    expect(await passCount()).toBe(before);
  });

  it('refuses a booklet size the programme does not allow, and another funder’s programme', async () => {
    const pdc = await signIn(t.app, 'financeur@pasdecalais.test');
    const pdcFunder = pdc.session.memberships[0]!.funderId!;
    const pdcProgram = (await pdc.request('GET', `/api/v1/funders/${pdcFunder}/programs`)).json()[0].id;
    const five = await pdc.request('POST', `/api/v1/programs/${pdcProgram}/issues`, {
      bookletCount: 1,
      bookletSize: 5,
      ...PAST,
    });
    expect(five.statusCode).toBe(422);
    expect(five.json().errors[0].field).toBe('bookletSize');
    const foreign = await pdc.request('POST', `/api/v1/programs/${programId}/issues`, {
      bookletCount: 1,
      bookletSize: 10,
      ...PAST,
    });
    expect(foreign.statusCode).toBe(404);
  });
});
