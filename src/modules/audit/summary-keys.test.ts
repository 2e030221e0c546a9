import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { summaryLines } from '../../core/audit-labels.js';
import { startTestApp, type TestApp } from '../../test/app.js';
import { demoCampaign } from '../../test/circulation.js';

/*
 * The journal reads every entry's details in French: a key without a label was shown as it is
 * stored (« reclaimedCents : 0,00 € », « created : 25 »). Checked on what the demo records and
 * on a funding reversed, the one correction the demo does not make.
 */
let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ demo: true });
  const c = await demoCampaign(t);
  const funded = await c.funder.request('POST', `/api/v1/programs/${c.programId}/fundings`, {
    payer: 'Région Hauts-de-France',
    amountCents: 1_000,
    reference: 'Versement à annuler',
  });
  expect(funded.statusCode, funded.body).toBe(201);
  const reversed = await c.funder.request(
    'POST',
    `/api/v1/programs/${c.programId}/fundings/${funded.json().fundings.at(-1).id}/reversal`,
    { reason: 'Saisi deux fois' },
  );
  expect(reversed.statusCode, reversed.body).toBe(201);
});
afterAll(() => t.close());

describe('details of the audit journal', () => {
  it('names every key of every recorded entry in French', async () => {
    const { rows } = await t.database.pool.query<{ action: string; key: string }>(
      `SELECT DISTINCT action, key FROM audit_entries, jsonb_object_keys(summary) AS key
        WHERE jsonb_typeof(summary) = 'object' ORDER BY action, key`,
    );
    expect(rows.map((r) => r.action)).toContain('funding.reverse');
    // A key shown as it is stored: its line starts with the key itself (hidden keys show none).
    const raw = rows.filter(({ key }) => summaryLines({ [key]: 1 }, new Map())[0]?.startsWith(`${key} :`));
    expect(raw.map((r) => `${r.action}: ${r.key}`)).toEqual([]);
  });

  it('says which programme a movement of booklets belongs to, and where an envelope’s passes go', async () => {
    const latest = async (action: string) =>
      (
        await t.database.pool.query(
          'SELECT summary FROM audit_entries WHERE action = $1 ORDER BY id DESC LIMIT 1',
          [action],
        )
      ).rows[0]?.summary;
    const c = await demoCampaign(t);
    expect(await latest('envelope.create')).toMatchObject({
      programId: c.programId,
      name: 'Somme',
      territory: [{ level: 'departement', code: '80' }],
    });
    expect(await latest('stock.allocate')).toMatchObject({ programId: c.programId });
    expect(await latest('booklet.hand_out')).toMatchObject({ programId: c.programId });
  });
});
