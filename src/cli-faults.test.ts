import { execFile } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { promisify } from 'node:util';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { STANDARD_SERVICES } from './core/session.js';
import { openDatabase } from './db/open.js';
import { testConfig } from './test/app.js';
import {
  alive,
  freeLowPort,
  groupProcesses,
  healthy,
  killApp,
  killGroup,
  type Launched,
  launch,
  postmasterPid,
  until,
} from './test/processes.js';

const run = promisify(execFile);

/**
 * The platform run as an operator runs it (`npm run cli -- start`: npm → sh → tsx → node,
 * and the embedded PostgreSQL under DATA_DIR), then killed, stopped and deprived of its
 * database the way faults and process managers do it. One data directory for the file:
 * each test leaves the server stopped.
 */
describe('the server under faults', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'pn-faults-'));
  fs.chmodSync(dataDir, 0o755);
  const launched: Launched[] = [];
  let env: NodeJS.ProcessEnv;
  let port: number;

  const start = (extra: NodeJS.ProcessEnv = {}) => {
    const l = launch(['run', 'cli', '--', 'start'], { ...env, ...extra });
    launched.push(l);
    return l;
  };
  const cli = (...args: string[]) =>
    run('npm', ['run', '--silent', 'cli', '--', ...args], {
      env: { ...process.env, ...env },
      timeout: 90_000,
    }).then(
      (r) => ({ code: 0, out: r.stdout + r.stderr }),
      (e) => ({ code: e.code as number, out: `${e.stdout}${e.stderr}` }),
    );

  beforeAll(async () => {
    port = await freeLowPort();
    env = {
      DATA_DIR: dataDir,
      PORT: String(port),
      EMBEDDED_PG_PORT: String(await freeLowPort()),
      DATABASE_URL: '',
      DEMO_DATA: 'true',
      LOG_LEVEL: 'info',
      ADMIN_PASSWORD: 'un mot de passe assez long',
    };
  });
  afterAll(async () => {
    for (const l of launched) killGroup(l.child.pid!);
    await sleep(200);
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('restarts healthy within 15 s after kill -9, shares its database with the command line, and a banner not buried by requests', async () => {
    const first = start();
    await healthy(port, 120_000, first);
    await until('the banner', () => first.output().includes('curl -H') || undefined, 10_000);

    // The banner stays the last thing printed, whatever the requests.
    for (let i = 0; i < 10; i++) {
      await fetch(`http://127.0.0.1:${port}/api/v1/health`);
      await fetch(`http://127.0.0.1:${port}/api/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: 'personne@example.fr', password: 'mauvais mot de passe' }),
      });
    }
    await sleep(300);
    expect(first.output().trimEnd().split('\n').at(-1)).toMatch(/curl -H "Authorization: Bearer pn_/);

    // The command line works beside the running server, on the same embedded database.
    const admin = await cli('admin', 'create', '--email', 'ops@example.fr');
    expect(admin.out).toContain('Administrateur de la plateforme ops@example.fr créé.');
    expect(admin.code).toBe(0);
    // A second server on the same data is refused, with the reason.
    const second = await cli('start');
    expect(second.code).toBe(1);
    expect(second.out).toMatch(/utilisé par le processus \d+/);
    expect(second.out).not.toContain('undefined');
    await healthy(port, 5_000);

    // kill -9 of the app: its PostgreSQL stays behind, holding the port and the data.
    const orphan = postmasterPid(dataDir)!;
    killApp(first);
    await first.exited;
    await sleep(500);
    expect(alive(orphan)).toBe(true);

    // The next start, with the project's start script (its web build skipped here), takes
    // the orphan over with no manual step.
    const npmStart = () => {
      const l = launch(['start'], { ...env, SKIP_WEB_BUILD: 'true' });
      launched.push(l);
      return l;
    };
    let began = Date.now();
    const again = npmStart();
    await healthy(port, 60_000, again);
    const afterKill = Date.now() - began;
    expect(again.output()).not.toContain('undefined');
    expect(alive(orphan)).toBe(false);

    // SIGTERM to the top process only (what a process manager sends) stops every layer
    // (npm, sh, node) and the embedded PostgreSQL.
    again.child.kill('SIGTERM');
    expect(await again.exited, again.output()).toBe(0);
    await until(
      'every process gone',
      () => groupProcesses(again.child.pid!).length === 0 || undefined,
      5_000,
    );
    expect(postmasterPid(dataDir)).toBeUndefined();

    // Healthy within 15 s of the restart; on a loaded machine, where any start is slower,
    // no slower than a start after a clean stop plus 5 s.
    began = Date.now();
    const clean = npmStart();
    await healthy(port, 60_000, clean);
    const afterStop = Date.now() - began;
    clean.child.kill('SIGTERM');
    expect(await clean.exited, clean.output()).toBe(0);
    expect(afterKill).toBeLessThan(Math.max(15_000, afterStop + 5_000));
  }, 300_000);

  it('a start that fails once the database is up stops it again, and says why', async () => {
    const taken = net.createServer().listen(port, '0.0.0.0');
    try {
      const failed = start();
      const code = await failed.exited;
      expect(code).toBe(1);
      expect(failed.output()).toMatch(/EADDRINUSE.*\n.*donnez à PORT/);
      expect(failed.output()).not.toMatch(/^undefined$/m);
      expect(groupProcesses(failed.child.pid!)).toEqual([]);
      expect(postmasterPid(dataDir)).toBeUndefined();
    } finally {
      taken.close();
    }
  }, 120_000);

  it('stops in under 2 s with exit 0 when its PostgreSQL has already died', async () => {
    const l = start();
    await healthy(port, 60_000, l);
    process.kill(postmasterPid(dataDir)!, 'SIGKILL');
    await sleep(100);
    const began = Date.now();
    l.child.kill('SIGTERM');
    expect(await l.exited, l.output()).toBe(0);
    expect(Date.now() - began).toBeLessThan(2000);
    await until('every process gone', () => groupProcesses(l.child.pid!).length === 0 || undefined, 5_000);
    expect(postmasterPid(dataDir)).toBeUndefined();
  }, 120_000);

  it('loses no acknowledged redemption and redeems no pass twice through kill -9 of the app and of PostgreSQL', async () => {
    let server = start();
    await healthy(port, 60_000, server);
    const key = fs.readFileSync(path.join(dataDir, 'demo-api-key.txt'), 'utf8').trim();
    const db = () =>
      new pg.Client({
        connectionString: `postgres://postgres:${encodeURIComponent(fs.readFileSync(path.join(dataDir, 'pg.password'), 'utf8').trim())}@127.0.0.1:${env.EMBEDDED_PG_PORT}/passnum`,
      });
    const codes = await query<{ code: string }>(
      db(),
      `SELECT p.code FROM passes p JOIN booklets b ON b.id = p.booklet_id
         JOIN api_keys k ON k.prefix = $1
         JOIN program_places pp ON pp.place_id = k.place_id AND pp.program_id = p.program_id
        WHERE p.status = 'active' AND b.status = 'handed_out'
          AND current_date BETWEEN p.valid_from AND p.valid_until
        ORDER BY p.code`,
      [key.split('_')[1]],
    );
    expect(codes.length).toBeGreaterThanOrEqual(20);

    // Each code is contested by two terminals with their own nonces; a request that gets no
    // answer (connection refused, reset, 503) is sent again with the same nonce.
    const acknowledged: { code: string; nonce: string; id: number }[] = [];
    const refused: string[] = [];
    const redeem = async (code: string, nonce: string) => {
      for (const deadline = Date.now() + 120_000; Date.now() < deadline; await sleep(150)) {
        try {
          const res = await fetch(`http://127.0.0.1:${port}/api/v1/redemptions`, {
            method: 'POST',
            headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
            body: JSON.stringify({
              code,
              nonce,
              theme: STANDARD_SERVICES[0],
              durationMinutes: 60,
              format: 'individual',
            }),
            signal: AbortSignal.timeout(10_000),
          });
          if (res.status === 200 || res.status === 201) {
            acknowledged.push({ code, nonce, id: (await res.json()).id });
            return;
          }
          if (res.status < 500) {
            refused.push(`${res.status} ${(await res.json()).code}`);
            return;
          }
        } catch {
          // no answer: the server is down or restarting
        }
      }
      throw new Error(`no answer for ${nonce} within 120 s`);
    };
    const load = (async () => {
      const sent: Promise<void>[] = [];
      for (const [i, { code }] of codes.entries()) {
        sent.push(redeem(code, `panne-${i}-a`), redeem(code, `panne-${i}-b`));
        await sleep(250);
      }
      await Promise.all(sent);
    })();

    await sleep(1500);
    killApp(server);
    await server.exited;
    server = start();
    await healthy(port, 15_000, server);
    await sleep(1500);
    process.kill(postmasterPid(dataDir)!, 'SIGKILL');
    await sleep(500);
    await healthy(port, 30_000, server);
    await load;

    // Every pass was redeemed exactly once, by the one terminal told so.
    expect(new Set(acknowledged.map((a) => a.code)).size).toBe(codes.length);
    expect(acknowledged).toHaveLength(codes.length);
    expect(refused).toHaveLength(codes.length);
    for (const r of refused) expect(r).toMatch(/ already_redeemed$/);
    const stored = await query<{ nonce: string; id: number; code: string }>(
      db(),
      `SELECT r.nonce, r.id::int AS id, p.code FROM redemptions r JOIN passes p ON p.id = r.pass_id
        WHERE r.nonce LIKE 'panne-%' AND r.cancelled_at IS NULL`,
    );
    expect(stored.map((s) => `${s.code} ${s.nonce} ${s.id}`).sort()).toEqual(
      acknowledged.map((a) => `${a.code} ${a.nonce} ${a.id}`).sort(),
    );
    const twice = await query(
      db(),
      'SELECT pass_id FROM redemptions WHERE cancelled_at IS NULL GROUP BY pass_id HAVING count(*) > 1',
    );
    expect(twice).toEqual([]);
    // The ledger: every movement balances, and what is redeemed is what the passes say.
    const unbalanced = await query(
      db(),
      'SELECT movement FROM ledger_postings GROUP BY movement HAVING sum(amount_cents) <> 0',
    );
    expect(unbalanced).toEqual([]);
    const redeemed = await query<{ program_id: string; ledger: number; passes: number }>(
      db(),
      `SELECT p.program_id,
              (SELECT coalesce(sum(amount_cents), 0)::int FROM ledger_postings l
                WHERE l.program_id = p.program_id AND l.account IN ('redeemed', 'paid')) AS ledger,
              sum(p.face_value_cents) FILTER (WHERE p.status = 'redeemed')::int AS passes
         FROM passes p GROUP BY p.program_id`,
    );
    for (const r of redeemed) expect(r.ledger).toBe(r.passes ?? 0);

    const verify = await cli('audit', 'verify');
    expect(verify.out).toContain('Journal d’audit intact');
    expect(verify.code).toBe(0);

    server.child.kill('SIGTERM');
    expect(await server.exited, server.output()).toBe(0);
  }, 300_000);
});

async function query<T = Record<string, unknown>>(client: pg.Client, text: string, values: unknown[] = []) {
  await client.connect();
  try {
    return (await client.query(text, values)).rows as T[];
  } finally {
    await client.end();
  }
}

/**
 * Ordinary mistakes of an operator (a path mistyped, a directory for a file, a wrong password
 * in DATABASE_URL, a DATA_DIR that cannot be written): one line that names the path or the
 * variable, exit 1, no stack, and nothing left running.
 */
describe('operator mistakes', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pn-mistakes-'));
  fs.chmodSync(dir, 0o755);
  const dataDir = path.join(dir, 'data');
  let env: NodeJS.ProcessEnv;
  const node = (args: string[], extra: NodeJS.ProcessEnv = {}) =>
    run(process.execPath, ['--import', 'tsx', 'src/cli.ts', ...args], {
      env: { ...process.env, ...env, ...extra },
      timeout: 90_000,
    }).then(
      (r) => ({ code: 0, out: r.stdout, err: r.stderr }),
      (e) => ({ code: e.code as number, out: `${e.stdout}`, err: `${e.stderr}` }),
    );
  /** Exit 1 with one line on stderr, no stack, and the embedded server stopped. */
  const oneLine = (r: { code: number; err: string }, codes = [1]) => {
    expect(codes, r.err).toContain(r.code);
    expect(r.err.trim().split('\n'), r.err).toHaveLength(1);
    expect(r.err).not.toMatch(/\n\s+at /);
    expect(postmasterPid(dataDir)).toBeUndefined();
    return r.err;
  };

  beforeAll(async () => {
    env = {
      DATA_DIR: dataDir,
      EMBEDDED_PG_PORT: String(await freeLowPort()),
      DATABASE_URL: '',
      DEMO_DATA: 'false',
      LOG_LEVEL: 'warn',
    };
    // The platform's database, made as a first start makes it.
    const database = await openDatabase(
      testConfig({ dataDir, embeddedPgPort: Number(env.EMBEDDED_PG_PORT), databaseUrl: undefined }),
      () => {},
      'share',
      { migrate: true },
    );
    await database.shutdown();
  }, 120_000);
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('a backup into a directory that does not exist, or onto a directory, is refused before dumping', async () => {
    const missing = path.join(dir, 'nodir', 'x.dump');
    const err = oneLine(await node(['backup', missing]));
    expect(err).toContain(path.join(dir, 'nodir'));
    const target = path.join(dir, 'bk');
    fs.mkdirSync(target);
    const r = await node(['backup', target]);
    expect(oneLine(r)).toContain(target);
    expect(r.out).not.toContain('Sauvegarde [');
    expect(fs.readdirSync(target)).toEqual([]);
    expect(fs.readdirSync(dir).filter((f) => f.endsWith('.partial'))).toEqual([]);
  }, 120_000);

  it('an import of a file that does not exist, or of a directory, names the path', async () => {
    const funder = '00000000-0000-4000-8000-000000000001';
    // The command line may refuse it as a usage mistake (exit 2) before anything is read.
    expect(
      oneLine(
        await node(['prescribers', 'import', '--funder', funder, path.join(dir, 'missing.csv')]),
        [1, 2],
      ),
    ).toContain(path.join(dir, 'missing.csv'));
    expect(oneLine(await node(['places', 'import', '--funder', funder, dir]), [1, 2])).toContain(dir);
  }, 60_000);

  it('a DATABASE_URL with a wrong password or an unknown database names DATABASE_URL, without the password', async () => {
    const server = new URL(inject('pgServerUrl'));
    const wrong = new URL(server);
    wrong.password = 'Wr0ngPassw0rd';
    let err = oneLine(await node(['migrate'], { DATABASE_URL: wrong.toString() }));
    expect(err).toMatch(/DATABASE_URL/);
    expect(err).toMatch(/password authentication failed/);
    expect(err).not.toContain('Wr0ngPassw0rd');
    const nodb = new URL(server);
    nodb.pathname = '/nodb';
    err = oneLine(await node(['migrate'], { DATABASE_URL: nodb.toString() }));
    expect(err).toMatch(/DATABASE_URL/);
    expect(err).toMatch(/"nodb" does not exist/);
    if (server.password) expect(err).not.toContain(decodeURIComponent(server.password));
  }, 60_000);

  it('a DATA_DIR that cannot be created names DATA_DIR and why', async () => {
    const file = path.join(dir, 'a-file');
    fs.writeFileSync(file, '');
    const start = async (dataDir: string) =>
      node(['start'], { DATA_DIR: dataDir, PORT: String(await freeLowPort()) });
    const err = oneLine(await start(path.join(file, 'data')));
    expect(err).toContain(`DATA_DIR (${path.join(file, 'data')})`);
    // A read-only file system (when this test may mount one): said so, not « ENOENT ».
    const ro = path.join(dir, 'ro');
    fs.mkdirSync(ro);
    try {
      await run('mount', ['-t', 'tmpfs', '-o', 'ro', 'tmpfs', ro]);
    } catch {
      return;
    }
    try {
      const roErr = oneLine(await start(path.join(ro, 'data')));
      expect(roErr).toContain(`DATA_DIR (${path.join(ro, 'data')})`);
      expect(roErr).toMatch(/système de fichiers en lecture seule/);
    } finally {
      await run('umount', [ro]);
    }
  }, 60_000);

  it('a HOST this machine does not have is told as the HTTP address, not the database', async () => {
    for (const host of ['not-a-host.invalid', '192.0.2.1']) {
      const r = await node(['start'], { HOST: host, PORT: String(await freeLowPort()) });
      const err = r.err;
      expect(r.code, err).toBe(1);
      expect(err).not.toMatch(/\n\s+at /);
      expect(err).not.toMatch(/database|PostgreSQL/i);
      expect(err).toMatch(/HOST/);
      expect(postmasterPid(dataDir)).toBeUndefined();
    }
  }, 120_000);
});
