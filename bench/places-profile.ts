/**
 * Where the import of places spends its time (issue 11, bench:places): the reading phases timed
 * alone (CSV parse; parse + checks of every field; + commune lookup), then the whole import with
 * every statement sent to PostgreSQL timed and counted. Not a target: a tool to profile with.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import pg from 'pg';
import { connect } from '../src/db/client.js';
import { startEmbeddedPostgres } from '../src/db/embedded.js';
import { runMigrations } from '../src/db/migrate.js';
import * as funders from '../src/modules/funders/service.js';
import { generatedPlaces, hoursAround, siretOf } from '../src/modules/place-standard/fixtures/generate.js';
import { recordsOf } from '../src/modules/place-standard/read.js';
import * as standard from '../src/modules/place-standard/service.js';
import { readStandardRow } from '../src/modules/place-standard/standard.js';
import { freePort } from './support.js';

const PLACES = Number(process.env.BENCH_PLACES ?? 5000);
const log = (s: string) => process.stdout.write(`${s}\n`);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pn-profile-places-'));
fs.chmodSync(dir, 0o755);
process.env.DATA_DIR = dir;
const server = await startEmbeddedPostgres({ dir: path.join(dir, 'pg'), port: await freePort() });
const database = connect(server.url, 4);

// Every statement sent by a pooled client: its first words, its wall time.
const statements: { what: string; ms: number }[] = [];
const query = pg.Client.prototype.query;
pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
  const first = args[0] as string | { text: string };
  const text = typeof first === 'string' ? first : first?.text;
  const started = performance.now();
  const result = (query as (...a: unknown[]) => Promise<unknown> | undefined).apply(this, args);
  const what = (text ?? '?')
    .replace(/\s+/g, ' ')
    .trim()
    .match(/^(\w+(?: \w+)?(?: "?\w+"?)?)/)?.[1];
  if (result && typeof result.then === 'function')
    result.then(
      () => statements.push({ what: what ?? '?', ms: performance.now() - started }),
      () => statements.push({ what: `${what} (failed)`, ms: performance.now() - started }),
    );
  return result;
} as typeof query;

const summary = (label: string) => {
  const by = new Map<string, { n: number; ms: number }>();
  for (const s of statements.splice(0)) {
    const e = by.get(s.what) ?? { n: 0, ms: 0 };
    e.n++;
    e.ms += s.ms;
    by.set(s.what, e);
  }
  const total = [...by.values()].reduce((a, e) => ({ n: a.n + e.n, ms: a.ms + e.ms }), { n: 0, ms: 0 });
  log(`  ${label}: ${total.n} round trips, ${total.ms.toFixed(0)} ms waiting on PostgreSQL`);
  for (const [what, e] of [...by].sort((a, b) => b[1].ms - a[1].ms))
    log(`    ${String(e.n).padStart(4)} × ${what.padEnd(40)} ${e.ms.toFixed(0).padStart(6)} ms`);
};

try {
  await runMigrations(database.pool);
  const ids: string[] = [];
  for (let i = 0; i < 2; i++)
    ids.push(
      (
        await database.db.transaction((tx) =>
          funders.insert(tx, null, {
            name: `Profil ${i}`,
            kind: 'epci',
            siret: siretOf(800_000 + i),
            territory: [],
          }),
        )
      ).id,
    );
  const content = Buffer.from(generatedPlaces(PLACES, 0, hoursAround(new Date())));
  const time = async (label: string, run: () => Promise<unknown>) => {
    const t = performance.now();
    await run();
    log(`${label}: ${((performance.now() - t) / 1000).toFixed(3)} s`);
  };
  log(
    `load average ${os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  );
  if (!process.env.IMPORT_ONLY)
    await time('parse only (CSV records)', async () => {
      for await (const _ of recordsOf(Readable.from([content]), 'csv'));
    });
  if (!process.env.IMPORT_ONLY)
    await time('parse + checks (readStandardRow)', async () => {
      for await (const r of recordsOf(Readable.from([content]), 'csv'))
        if ('raw' in r) readStandardRow(r.raw);
    });
  if (!process.env.IMPORT_ONLY)
    await time('parse + checks + commune', async () => {
      for await (const r of recordsOf(Readable.from([content]), 'csv'))
        if ('raw' in r) {
          const read = readStandardRow(r.raw);
          if (read.ok) funders.communeOf(read.commune);
        }
    });
  statements.length = 0;
  for (const [label, funderId] of [
    ['import', ids[0]!],
    ['re-import (unchanged)', ids[0]!],
    ['import into a second funder (joins)', ids[1]!],
  ] as const) {
    const t = performance.now();
    const report = await standard.importPlaces(database.db, null, funderId, {
      records: recordsOf(Readable.from([content]), 'csv'),
      dryRun: false,
      defaultSource: 'profile',
    });
    log(`${label}: ${((performance.now() - t) / 1000).toFixed(3)} s ${JSON.stringify(report.counts)}`);
    summary(label);
  }
  log(
    `load average ${os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  );
} finally {
  await database.close();
  await server.stop();
  fs.rmSync(dir, { recursive: true, force: true });
}
