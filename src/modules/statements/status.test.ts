import { afterAll, beforeAll, expect, it } from 'vitest';
import { STATEMENT_STATUSES, STATEMENT_TRANSITIONS } from '../../core/statement.js';
import { createTestDatabase, type TestDatabase } from '../../db/test/database.js';

/** The statement's transition table is the same in core/statement.ts and in the database. */
let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(() => db.close());

it('allows in SQL exactly the steps core/statement.ts declares', async () => {
  const declared = new Set(Object.values(STATEMENT_TRANSITIONS).map((s) => `${s.from}>${s.to}`));
  for (const from of STATEMENT_STATUSES) {
    for (const to of STATEMENT_STATUSES) {
      if (from === to) continue;
      const { rows } = await db.pool.query('SELECT statement_transition_allowed($1, $2) AS ok', [from, to]);
      expect({ from, to, ok: rows[0].ok }).toEqual({ from, to, ok: declared.has(`${from}>${to}`) });
    }
  }
});
