import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { sql } from 'drizzle-orm';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { entryHash } from '../../core/audit-chain.js';
import { signSeal } from '../../core/audit-seal.js';
import { connect } from '../../db/client.js';
import { createTestDatabase, type TestDatabase } from '../../db/test/database.js';
import { buildServer } from '../../server.js';
import { testConfig } from '../../test/app.js';
import { type AuditKeys, auditKeys, loadOrCreateKeys, useKeyFile } from './keys.js';
import * as repo from './repo.js';
import { rotateKey } from './rotation.js';
import * as audit from './service.js';

/*
 * `audit rotate-key`: the key in service hands the trail over to a new key, which signs from
 * then on; `verify` follows the chain of keys from the database and the new key alone, and
 * checks each entry's writer proof with the key in force when it was written.
 */
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pn-rotation-'));
const runFile = process.env.AUDIT_SIGNING_KEY_FILE!;
let databases: TestDatabase[] = [];
afterEach(async () => {
  for (const d of databases) await d.close();
  databases = [];
  useKeyFile(runFile);
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const entry = (db: TestDatabase['db'], action = 'test.entry') =>
  audit.record(db, {
    actor: null,
    funderId: null,
    action,
    objectType: 'test',
    objectId: null,
    summary: { n: 1 },
  });

/** A trail sealed with the run's key, then handed over to a new key made in `dir`. */
async function rotated(name: string) {
  useKeyFile(runFile);
  const database = await createTestDatabase();
  databases.push(database);
  const old = auditKeys();
  await entry(database.db, 'test.before');
  await audit.seal(database.db);
  await entry(database.db, 'test.waiting'); // not sealed yet: the rotation seals it with the old key
  const file = path.join(dir, name, 'key.pem');
  const rotation = await rotateKey(database.db, file);
  return { database, db: database.db, old, file, rotation, incoming: auditKeys() };
}

/** What someone with superuser access can do behind the application's back. */
async function asSuperuser(db: TestDatabase['db'], statement: ReturnType<typeof sql>) {
  await db.execute(sql.raw('ALTER TABLE audit_seals DISABLE TRIGGER USER'));
  await db.execute(statement);
  await db.execute(sql.raw('ALTER TABLE audit_seals ENABLE TRIGGER USER'));
}

/** A seal of what waits, made by hand with `keys` as the sealer would (skipping its refusal). */
async function sealByHand(db: TestDatabase['db'], keys: AuditKeys) {
  const last = (await repo.lastSeal(db))!;
  const epoch = (await repo.epochs(db)).at(-1)!;
  const { rows } = await db.execute<{ to: string }>(
    sql`SELECT pg_snapshot_xmax(pg_current_snapshot())::text AS to`,
  );
  const entries = await repo.entriesWritten(
    db,
    { from: epoch.firstEntryId, to: null },
    last.xidTo,
    rows[0]!.to,
  );
  let hash = last.lastHash;
  const hashes = entries.map((r) => {
    hash = entryHash(hash, {
      at: r.at.toISOString(),
      actorUserId: r.actorUserId,
      actorLabel: r.actorLabel,
      funderId: r.funderId,
      action: r.action,
      objectType: r.objectType,
      objectId: r.objectId,
      summary: r.summary,
    });
    return hash;
  });
  const seal = {
    epoch: epoch.epoch,
    xidFrom: last.xidTo,
    xidTo: rows[0]!.to,
    entryIds: entries.map((r) => r.id),
    hashes,
    prevHash: last.lastHash,
    lastHash: hash,
    sealedAt: new Date(),
  };
  const signature = signSeal(keys.privateKey, {
    epoch: epoch.epoch,
    epochFirstEntryId: epoch.firstEntryId,
    epochProofsFrom: epoch.proofsFrom,
    xidFrom: seal.xidFrom,
    xidTo: seal.xidTo,
    entryIds: seal.entryIds,
    prevHash: seal.prevHash,
    lastHash: seal.lastHash,
    sealedAt: seal.sealedAt.toISOString(),
  });
  await repo.insertSeal(db, { ...seal, keyId: keys.keyId, signature });
  return entries[0]!.id;
}

describe('rotation of the audit signing key', () => {
  it('hands the trail over to a new key (made 0600) that signs from then on; verify follows both keys', async () => {
    const { db, old, file, rotation, incoming } = await rotated('first');
    expect(rotation).toMatchObject({ previousKeyId: old.keyId, keyId: incoming.keyId, created: true });
    expect(incoming.keyId).toBe(loadOrCreateKeys(file).keyId);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    // The hand-over is signed by the old key and names the new one; the rotation is journalled
    // and sealed with the new key.
    const { rows } = await db.execute<{ key_id: string; next: string | null; n: number }>(sql`
      SELECT key_id, hand_over->>'keyId' AS next, cardinality(entry_ids) AS n FROM audit_seals ORDER BY seq DESC LIMIT 2`);
    expect(rows).toEqual([
      { key_id: incoming.keyId, next: null, n: 1 },
      { key_id: old.keyId, next: incoming.keyId, n: 0 },
    ]);
    expect(await audit.lastSealKey(db)).toBe(incoming.keyId);
    // Entries written before (their writer proofs made with the old key's) and after.
    await entry(db, 'test.after');
    const result = await audit.verify(db);
    expect(result).toMatchObject({ ok: true, pending: 0 });
    expect(result.count).toBe(await repo.countEntries(db));
    // A second rotation carries the first key's writer proofs on.
    await rotateKey(db, path.join(dir, 'second', 'key.pem'));
    await entry(db, 'test.after-second');
    expect(await audit.verify(db)).toMatchObject({ ok: true, pending: 0 });
  });

  it('fails verify when the hand-over is forged or missing', async () => {
    const { db, old } = await rotated('forged');
    const stranger = loadOrCreateKeys(path.join(dir, 'stranger.pem'));
    // Countersigned by another key than the incoming one (someone holding the old key only).
    const fake = signSeal(stranger.privateKey, {
      epoch: 0,
      epochFirstEntryId: 0,
      epochProofsFrom: 0,
      xidFrom: '0',
      xidTo: '0',
      entryIds: [],
      prevHash: '',
      lastHash: '',
      sealedAt: '',
    });
    await asSuperuser(
      db,
      sql`UPDATE audit_seals SET hand_over = jsonb_set(hand_over, '{countersignature}', to_jsonb(${fake}::text))
           WHERE hand_over IS NOT NULL`,
    );
    const forged = await audit.verify(db);
    expect(forged.ok).toBe(false);
    expect(forged.ok || forged.reason).toMatch(new RegExp(`passage de la clé ${old.keyId} .* falsifié`));

    const other = await rotated('missing');
    await asSuperuser(other.db, sql`DELETE FROM audit_seals WHERE hand_over IS NOT NULL`);
    const missing = await audit.verify(other.db);
    expect(missing.ok).toBe(false);
    // The seals before it were signed by a key the key in service never took over from.
    expect(missing.ok || missing.reason).toBe(
      `sceau signé par une autre clé (${other.old.keyId}) que celle configurée (${other.incoming.keyId})`,
    );
  });

  it('fails verify on a seal signed by the old key after the hand-over; a sealer holding it refuses', async () => {
    const { db, old, incoming } = await rotated('late');
    useKeyFile(runFile);
    await entry(db, 'test.old-instance');
    await expect(audit.seal(db, { keys: old })).rejects.toThrow(
      `Le journal d’audit est signé par la clé ${incoming.keyId} : la clé ${old.keyId} de cette instance ne le scelle pas.`,
    );
    // Someone who kept the old key seals by hand.
    const first = await sealByHand(db, old);
    const result = await audit.verify(db, undefined, incoming);
    expect(result).toMatchObject({ ok: false, brokenAt: first });
    expect(result.ok || result.reason).toContain(
      `sceau signé par la clé ${old.keyId}, qui n’était pas ou plus en service (la clé ${incoming.keyId} l’était ; ${old.keyId} a été remplacée par ${incoming.keyId})`,
    );
  });

  it('makes the server refuse the old key at start, and start with the new one', async () => {
    const { database, old, incoming, file } = await rotated('start');
    const serverWith = (auditSigningKeyFile: string) =>
      buildServer({ db: database.db, config: testConfig({ auditSigningKeyFile }) });
    await expect(serverWith(runFile)).rejects.toThrow(
      `AUDIT_SIGNING_KEY_FILE=${runFile} contient la clé ${old.keyId}, remplacée par la clé ${incoming.keyId} (audit rotate-key) et qui ne signe plus.`,
    );
    const app = await serverWith(file);
    await app.close();
  });

  it('refuses the key in service, and a retired key, as the incoming one', async () => {
    const { db, old } = await rotated('again');
    await expect(rotateKey(db, runFile)).rejects.toThrow(
      `La clé de ${runFile} (${old.keyId}) a déjà été remplacée`,
    );
    const current = auditKeys();
    await expect(rotateKey(db, current.file)).rejects.toThrow('contient la clé en service');
  });

  it('is run by `audit rotate-key`, with every instance stopped', async () => {
    useKeyFile(runFile);
    const database = await createTestDatabase();
    databases.push(database);
    // Its own pool, ended before the command runs: its connection stands for a running instance.
    const own = connect(database.url, 1);
    await entry(own.db);
    await audit.seal(own.db);
    const file = path.join(dir, 'cli', 'key.pem');
    const cli = () =>
      promisify(execFile)(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'audit', 'rotate-key', file], {
        env: { ...process.env, DATABASE_URL: database.url, AUDIT_SIGNING_KEY_FILE: runFile, DATA_DIR: dir },
      }).then(
        (r) => ({ code: 0, stdout: r.stdout, stderr: r.stderr }),
        (e: { code: number; stdout: string; stderr: string }) => e,
      );
    // Held, not idle: an idle connection ends after 10 s, a node process may take longer to start.
    const held = await own.pool.connect();
    const busy = await cli();
    expect(busy.code).toBe(1);
    expect(busy.stderr).toContain('arrêtez toutes ses instances avant de remplacer la clé');
    expect(fs.existsSync(file)).toBe(false);
    held.release();
    await own.close();
    const run = await cli();
    expect(run.code, run.stderr).toBe(0);
    // The trail is walked first, with a bar, as `audit verify` does.
    expect(run.stderr).toContain('Vérification avant le passage de clé [');
    expect(run.stderr).toContain('1/1 entrées');
    const incoming = loadOrCreateKeys(file);
    expect(run.stdout).toContain(`a passé la main à la clé ${incoming.keyId}`);
    expect(run.stdout).toContain(`faites pointer AUDIT_SIGNING_KEY_FILE vers ${file}`);
    expect(await audit.verify(database.db, undefined, incoming)).toMatchObject({ ok: true, pending: 0 });
    expect((await repo.headSeal(database.db))?.keyId).toBe(incoming.keyId);
  }, 60_000);
});
