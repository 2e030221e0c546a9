import { type ChildProcess, execFile, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { RUN_STATUS_WORDS } from './cli/names.js';
import { createTestDatabase } from './db/test/database.js';

const run = promisify(execFile);
const TSX = path.resolve('node_modules/.bin/tsx');

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const srv = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

// A failed assertion must not leave a server running after the test.
const children: ChildProcess[] = [];
afterAll(() => {
  for (const c of children) if (c.exitCode === null) c.kill('SIGTERM');
});

/** Starts `cli start` and resolves once it prints `last` (the demo list's last line), with everything it printed. */
function start(
  env: NodeJS.ProcessEnv,
  last = 'financeur@paysdeverdun.test',
): Promise<{ child: ChildProcess; output: () => string }> {
  // node with tsx as a loader, as `npm start` runs it: tsx's own process SIGKILLs its child
  // when the child does not confirm a relayed signal within 30 ms, which a loaded machine misses.
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'start'], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no start within 90 s:\n${out}`)), 90_000);
    child.stdout!.on('data', () => {
      // The demo account list is the last thing printed; wait for its last line.
      if (out.includes(last)) {
        clearTimeout(timer);
        resolve({ child, output: () => out });
      }
    });
    child.on('exit', (code) => reject(new Error(`exited ${code}:\n${out}`)));
  });
}

const stopped = (child: ChildProcess) => new Promise<number | null>((resolve) => child.on('exit', resolve));

describe('command line', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'pn-cli-'));
  fs.chmodSync(dataDir, 0o755);
  afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  it('starts on the embedded database with the demo, stops on SIGTERM, and reuses the data', async () => {
    const env = {
      DATA_DIR: dataDir,
      PORT: String(await freePort()),
      EMBEDDED_PG_PORT: String(await freePort()),
      DATABASE_URL: '',
    };
    const first = await start(env);
    expect(first.output()).toContain('Chargement des données de démonstration (premier démarrage)');
    expect(first.output()).toContain('financeur@hautsdefrance.test');
    const health = await fetch(`http://127.0.0.1:${env.PORT}/api/v1/health`);
    expect(await health.json()).toEqual({ status: 'ok', database: 'ok' });
    first.child.kill('SIGTERM');
    expect(await stopped(first.child)).toBe(0);

    const second = await start(env);
    expect(second.output()).not.toContain('Chargement des données de démonstration');
    const login = await fetch(`http://127.0.0.1:${env.PORT}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'financeur@hautsdefrance.test', password: 'demo-pass-numerique' }),
    });
    expect(login.status).toBe(200);
    second.child.kill('SIGINT');
    expect(await stopped(second.child)).toBe(0);
  }, 180_000);

  it('loads the demo afresh at the next start when the first start was stopped during its load', async () => {
    const cutDir = fs.mkdtempSync(path.join(os.tmpdir(), 'pn-cli-cut-'));
    fs.chmodSync(cutDir, 0o755);
    try {
      const env = {
        DATA_DIR: cutDir,
        PORT: String(await freePort()),
        EMBEDDED_PG_PORT: String(await freePort()),
        DATABASE_URL: '',
      };
      const first = start(env).catch(() => undefined);
      // Stopped as a process manager would, once some of the demo is in.
      const child = children.at(-1)!;
      let out = '';
      child.stdout!.on('data', (d) => (out += d));
      await new Promise<void>((resolve, reject) => {
        child.on('exit', () => reject(new Error(`exited before its demo load:\n${out}`)));
        const poll = setInterval(() => {
          if (!out.includes('Chargement des données de démonstration')) return;
          clearInterval(poll);
          setTimeout(resolve, 1500);
        }, 50);
      });
      child.kill('SIGTERM');
      await stopped(child);
      await first;
      expect(out).not.toContain('Pass numérique fonctionne');

      const second = await start(env);
      expect(second.output()).toContain(
        'Le chargement de la démonstration au premier démarrage a été interrompu',
      );
      const base = `http://127.0.0.1:${env.PORT}/api/v1`;
      const login = await fetch(`${base}/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: 'admin@pass-numerique.test', password: 'demo-pass-numerique' }),
      });
      expect(login.status).toBe(200);
      const cookie = login.headers
        .getSetCookie()
        .map((c) => c.split(';')[0])
        .join('; ');
      const list = await fetch(`${base}/funders`, { headers: { cookie } });
      const funders = ((await list.json()) as { name: string }[]).map((f) => f.name);
      // The whole demo, once: not the half of the first start, not twice its funders.
      expect(funders.sort()).toEqual([
        'Département du Pas-de-Calais',
        'PETR du Pays de Verdun',
        'Région Hauts-de-France',
      ]);
      expect(fs.existsSync(path.join(cutDir, 'demo-api-key.txt'))).toBe(true);
      second.child.kill('SIGTERM');
      expect(await stopped(second.child)).toBe(0);

      const third = await start(env);
      expect(third.output()).not.toContain('Chargement des données de démonstration');
      third.child.kill('SIGTERM');
      expect(await stopped(third.child)).toBe(0);
    } finally {
      fs.rmSync(cutDir, { recursive: true, force: true });
    }
  }, 300_000);

  it('checks no audit journal of an empty folder: it stops, names the folder, and creates nothing', async () => {
    // Run from the wrong folder, `audit verify` used to start a new empty database there and
    // say « Audit chain intact: 0 entries ».
    const elsewhere = fs.mkdtempSync(path.join(os.tmpdir(), 'pn-cli-empty-'));
    try {
      const env = {
        ...process.env,
        DATA_DIR: elsewhere,
        DATABASE_URL: '',
        EMBEDDED_PG_PORT: String(await freePort()),
        ADMIN_PASSWORD: 'Une-phrase-de-passe-solide-2026',
      };
      // A mistyped DATA_DIR used to give these a brand-new platform (cluster, signing key) and
      // report success: only `start` makes a new embedded platform.
      for (const args of [
        ['audit', 'verify'],
        ['backup', path.join(elsewhere, 'b.dump')],
        ['audit', 'head'],
        ['admin', 'create', '--email', 'ops@example.fr'],
        ['seed'],
        ['migrate'],
      ]) {
        const failed = await run(TSX, ['src/cli.ts', ...args], { env }).catch((e) => e);
        expect(failed.code, args.join(' ')).not.toBe(0);
        expect(failed.stderr).toContain(`Aucune base de la plateforme dans ${elsewhere}`);
        expect(failed.stdout).not.toContain('intact');
      }
      expect(fs.readdirSync(elsewhere)).toEqual([]);
    } finally {
      fs.rmSync(elsewhere, { recursive: true, force: true });
    }
  }, 60_000);

  // An embedded instance restored from a backup holds no demo: the list was printed all the same.
  it('lists the demo accounts at start only when the database holds them', async () => {
    const db = await createTestDatabase();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pn-cli-nodemo-'));
    try {
      await db.pool.query(
        `INSERT INTO funders (name, kind, siret, territory) VALUES ('Essai', 'region', '20005374200017', '[]')`,
      );
      const env = { DATABASE_URL: db.url, DEMO_DATA: 'true', DATA_DIR: dir, PORT: String(await freePort()) };
      const started = await start(env, 'fonctionne sur');
      await new Promise((r) => setTimeout(r, 500));
      expect(started.output()).not.toContain('Chargement des données de démonstration');
      expect(started.output()).not.toContain('Comptes de démonstration');
      expect(started.output()).not.toContain('financeur@hautsdefrance.test');
      started.child.kill('SIGTERM');
      expect(await stopped(started.child)).toBe(0);
    } finally {
      await db.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 90_000);

  it('creates a platform administrator with the password from ADMIN_PASSWORD', async () => {
    const db = await createTestDatabase();
    try {
      const env = { ...process.env, DATABASE_URL: db.url, ADMIN_PASSWORD: 'un mot de passe long' };
      const ok = await run(TSX, ['src/cli.ts', 'admin', 'create', '--email', 'Ops@Example.fr'], { env });
      expect(ok.stdout).toContain('Administrateur de la plateforme ops@example.fr créé.');
      const { rows } = await db.pool.query(
        `SELECT m.role FROM users u JOIN memberships m ON m.user_id = u.id WHERE u.email = 'ops@example.fr'`,
      );
      expect(rows).toEqual([{ role: 'platform_admin' }]);
      const short = await run(TSX, ['src/cli.ts', 'admin', 'create', '--email', 'b@example.fr'], {
        env: { ...env, ADMIN_PASSWORD: 'court' },
      }).catch((e) => e);
      expect(short.code).toBe(1);
      expect(short.stderr).toContain('au moins 12 caractères');
    } finally {
      await db.close();
    }
  }, 60_000);

  // On a server that sends no e-mail, « Mot de passe oublié » sent people to the platform admin,
  // who found the link masked in the outbox: a dead end. Whoever runs the server prepares it.
  it('prepares a password link for an account, printed once, that sets a new password', async () => {
    const db = await createTestDatabase();
    try {
      const env = { ...process.env, DATABASE_URL: db.url, PUBLIC_URL: 'https://pass.example.fr' };
      await run(TSX, ['src/cli.ts', 'seed'], { env });
      const ok = await run(
        TSX,
        ['src/cli.ts', 'password', 'link', '--email', 'Prescripteur@HautsDeFrance.test'],
        {
          env,
        },
      );
      const link = /https:\/\/pass\.example\.fr\/mot-de-passe\/nouveau\/(\S+)/.exec(ok.stdout);
      expect(link, ok.stdout).not.toBeNull();
      expect(ok.stdout).toContain('valable une heure');
      const { rows } = await db.pool.query(
        `SELECT actor_label FROM audit_entries WHERE action = 'auth.password_reset_link'`,
      );
      expect(rows).toEqual([{ actor_label: 'ligne de commande' }]);
      const { confirmPasswordReset } = await import('./modules/auth/password-reset.js');
      await confirmPasswordReset(db.db, { token: link![1]!, password: 'une toute nouvelle phrase 2026' });
      const { verifyPassword } = await import('./modules/auth/passwords.js');
      const { rows: user } = await db.pool.query(
        `SELECT password_hash FROM users WHERE email = 'prescripteur@hautsdefrance.test'`,
      );
      expect(await verifyPassword(user[0].password_hash, 'une toute nouvelle phrase 2026')).toBe(true);

      const unknown = await run(TSX, ['src/cli.ts', 'password', 'link', '--email', 'personne@example.fr'], {
        env,
      }).catch((e) => e);
      expect(unknown.code).toBe(1);
      expect(unknown.stderr).toContain('Aucun compte n’a l’adresse personne@example.fr');
    } finally {
      await db.close();
    }
  }, 90_000);

  it('issues booklets from the command line with a progress bar, within the programme cap', async () => {
    const db = await createTestDatabase();
    try {
      const env = { ...process.env, DATABASE_URL: db.url };
      await run(TSX, ['src/cli.ts', 'seed'], { env });
      const { rows } = await db.pool.query(
        `SELECT p.id, p.funder_id FROM programs p JOIN funders f ON f.id = p.funder_id WHERE f.name = 'PETR du Pays de Verdun'`,
      );
      // The programme is closed today: the command records an issue of the time it ran, with why.
      const past = ['--on', '2022-06-01', '--reason', 'Reprise de l’historique'];
      // The operator looks up the names the commands take.
      const listed = (await run(TSX, ['src/cli.ts', 'funders', 'list'], { env })).stdout.split('\n');
      const verdun = listed.findIndex((l) => l.startsWith('PETR du Pays de Verdun (SIRET 25550009000014)  '));
      expect(verdun).toBeGreaterThanOrEqual(0);
      expect(listed[verdun]).toContain(rows[0].funder_id);
      expect(listed[verdun + 1]).toBe(`  Pass Numérique Pays de Verdun  ${rows[0].id}`);
      expect(listed.at(-2)).toMatch(/^3 financeurs, \d+ programmes\.$/);
      // Named as the web app shows it, capitals and accents aside.
      const program = ['--program', 'pass numerique pays de verdun'];
      const ok = await run(TSX, ['src/cli.ts', 'issue', ...program, '--count', '150', ...past], { env });
      expect(ok.stderr).toContain('Émission [');
      expect(ok.stdout).toMatch(
        /1500 pass émis en 150 carnets C[0-9A-Z]{5}-0000001-\d … C[0-9A-Z]{5}-0000150-\d/,
      );
      const over = await run(
        TSX,
        ['src/cli.ts', 'issue', '--program', rows[0].id, '--count', '31', ...past],
        {
          env,
        },
      ).catch((e) => e);
      expect(over.code).toBe(1);
      expect(over.stderr).toMatch(/1\s800 pass ; 1\s500 sont déjà émis/);
      // Refused before anything is written: no bar drawn at 0 % above the reason.
      expect(over.stderr).not.toContain('Émission [');
      // An envelope is named as the programme's page shows it; another programme's is none of its.
      const envelope = async (name: string) =>
        run(TSX, ['src/cli.ts', 'issue', ...program, '--count', '1', '--envelope', name, ...past], {
          env,
        }).catch((e) => e);
      const picardie = await envelope('Picardie');
      expect(picardie.code).toBe(2);
      expect(picardie.stderr).toContain(
        'issue : --envelope « Picardie » : aucune enveloppe ne porte ce nom.',
      );
      const nord = await db.pool.query(
        `INSERT INTO envelopes (funder_id, program_id, name, cap, effective_on, territory)
         SELECT funder_id, id, 'Nord meusien', 100, '2022-01-01', '[]' FROM programs WHERE id = $1 RETURNING id`,
        [rows[0].id],
      );
      expect((await envelope('nord  meusien')).stdout).toMatch(/10 pass émis en 1 carnet C/);
      const batches = await db.pool.query(
        'SELECT envelope_id FROM issue_batches WHERE program_id = $1 AND envelope_id IS NOT NULL',
        [rows[0].id],
      );
      expect(batches.rows).toEqual([{ envelope_id: nord.rows[0].id }]);
      const { rows: n } = await db.pool.query('SELECT count(*)::int AS n FROM passes WHERE program_id = $1', [
        rows[0].id,
      ]);
      expect(n[0].n).toBe(1510);
      // The issues are the operator's, in the journal as the other commands' are; the seed's
      // own entries, and the background jobs', stay the platform's.
      const { rows: signed } = await db.pool.query(
        `SELECT DISTINCT actor_label FROM audit_entries WHERE action = 'passes.issue' AND summary->>'issuedOn' = '2022-06-01'`,
      );
      expect(signed).toEqual([{ actor_label: 'ligne de commande' }]);
    } finally {
      await db.close();
    }
  }, 90_000);

  it('creates an API key for a place, printed once and stored as a hash', async () => {
    const db = await createTestDatabase();
    try {
      const env = { ...process.env, DATABASE_URL: db.url };
      // A place belongs to no funder (issue 11): the operator makes keys for any place.
      const place = await db.pool.query(
        `INSERT INTO organisations (funder_id, kind, name) VALUES (NULL, 'place', 'Lieu') RETURNING id`,
      );
      await db.pool.query(
        `INSERT INTO organisations (funder_id, kind, name, siret) VALUES (NULL, 'place', 'Espace numérique', '13002526500013'),
                (NULL, 'place', 'Espace Numérique', '21800021200017')`,
      );
      const created = await run(TSX, ['src/cli.ts', 'apikey', 'create', '--place', 'lieu'], { env });
      expect(created.stdout).toContain(
        `Clé d’API créée pour le lieu Lieu (${place.rows[0].id}), affichée une seule fois`,
      );
      const key = /pn_([a-z2-7]{10})_[A-Za-z0-9_-]{43}/.exec(created.stdout);
      expect(key).not.toBeNull();
      const stored = await db.pool.query('SELECT prefix, secret_hash FROM api_keys');
      expect(stored.rows).toEqual([
        { prefix: key![1], secret_hash: expect.stringMatching(/^[0-9a-f]{64}$/) },
      ]);
      expect(created.stdout).not.toContain(stored.rows[0].secret_hash);
      const apikey = (place: string) =>
        run(TSX, ['src/cli.ts', 'apikey', 'create', '--place', place], { env }).catch((e) => e);
      const wrong = await apikey('nope');
      expect(wrong.code).toBe(2);
      expect(wrong.stderr).toContain('apikey create : --place « nope » : aucun lieu ne porte ce nom.');
      // Two places share a name: the operator is shown both, and gives the SIRET of the one meant.
      const shared = await apikey('espace numerique');
      expect(shared.code).toBe(2);
      expect(shared.stderr).toContain(
        '--place « espace numerique » désigne 2 lieux ; donnez l’id de celui que vous visez :',
      );
      expect(shared.stderr).toContain('Espace numérique (13002526500013)');
      expect(shared.stderr).toContain('Espace Numérique (21800021200017)');
      const bySiret = await apikey('218 000 212 00017');
      expect(bySiret.code).toBeUndefined();
      expect(bySiret.stdout).toMatch(/pn_[a-z2-7]{10}_/);
      const keys = await db.pool.query(
        `SELECT o.name FROM api_keys k JOIN organisations o ON o.id = k.place_id ORDER BY o.name`,
      );
      expect(keys.rows.map((r) => r.name)).toEqual(['Espace Numérique', 'Lieu']);
    } finally {
      await db.close();
    }
  }, 60_000);

  it('lists a funder’s payment runs and writes a run’s SEPA file, named by its file’s reference', async () => {
    const db = await createTestDatabase();
    const out = fs.mkdtempSync(path.join(os.tmpdir(), 'pn-sepa-'));
    try {
      const env = { ...process.env, DATABASE_URL: db.url };
      await run(TSX, ['src/cli.ts', 'seed'], { env });
      const cli = (...args: string[]) =>
        run(TSX, ['src/cli.ts', 'payments', ...args], { env }).catch((e) => e);
      const funder = ['--funder', 'region hauts de france'];
      const runs = async () =>
        (
          await db.pool.query(
            `SELECT r.message_id, r.status, r.transfer_count, r.total_cents::int AS total
               FROM payment_runs r JOIN funders f ON f.id = r.funder_id
              WHERE f.name = 'Région Hauts-de-France' ORDER BY r.prepared_at DESC, r.id DESC`,
          )
        ).rows;
      // The demo: a run sent and paid, and the Centre social's run approved, awaiting its file.
      const before = await runs();
      expect(before.map((r) => r.status)).toEqual(['approved', 'sent']);
      const [waiting, paid] = before;
      const listed = (await cli('runs', ...funder)).stdout.split('\n');
      expect(listed).toHaveLength(4);
      before.forEach((r, i) => {
        expect(listed[i]).toMatch(
          new RegExp(
            `^\\d{4}-\\d{2}-\\d{2}  ${RUN_STATUS_WORDS[r.status]} +${r.transfer_count} virement${r.transfer_count >= 2 ? 's' : ''} +${(r.total / 100).toFixed(2)} EUR  ${r.message_id}$`,
          ),
        );
      });
      expect(listed[2]).toBe('2 lots de paiement.');
      // A reference that names none of the funder's runs: said, exit 2, nothing sent.
      const file = path.join(out, 'virements.xml');
      const wrong = await cli('sepa', ...funder, '--out', file, '--run', 'PN-0000');
      expect(wrong.code).toBe(2);
      expect(wrong.stderr).toContain(
        'payments sepa : --run « PN-0000 » : aucun lot de paiement n’a cette référence.',
      );
      expect(fs.existsSync(file)).toBe(false);
      expect(await runs()).toEqual(before);
      // A folder given for the file: said, exit 2, nothing sent (it printed Node's EISDIR).
      const folder = await cli('sepa', ...funder, '--out', out);
      expect(folder.code).toBe(2);
      expect(folder.stderr).toContain(
        `payments sepa : --out ${out} est un dossier : donnez le fichier à écrire`,
      );
      expect(await runs()).toEqual(before);
      // Without --run, the approved run: its file, and the run is sent.
      const sent = await cli('sepa', ...funder, '--out', file);
      expect(sent.stdout).toBe(
        `${waiting.transfer_count} virement${waiting.transfer_count >= 2 ? 's' : ''}, ${(waiting.total / 100).toFixed(2)} EUR, écrit${waiting.transfer_count >= 2 ? 's' : ''} dans ${file} (fichier ${waiting.message_id} ; le lot est maintenant envoyé et ses relevés en paiement).\n`,
      );
      expect(fs.readFileSync(file, 'utf8')).toContain(`<MsgId>${waiting.message_id}</MsgId>`);
      expect((await runs()).map((r) => r.status)).toEqual(['sent', 'sent']);
      // The paid run's file again, its reference typed in lower case: a copy, nothing changes.
      const again = await cli('sepa', ...funder, '--out', file, '--run', paid.message_id.toLowerCase());
      expect(again.stdout).toContain(`(fichier ${paid.message_id}, copie du fichier déjà envoyé).`);
      expect(fs.readFileSync(file, 'utf8')).toContain(`<MsgId>${paid.message_id}</MsgId>`);
      // Nothing approved is left to send: said in French, exit 1.
      const none = await cli('sepa', ...funder, '--out', file);
      expect(none.code).toBe(1);
      expect(none.stderr).toContain(
        'Aucun lot de paiement approuvé en attente de transmission pour ce financeur.',
      );
    } finally {
      fs.rmSync(out, { recursive: true, force: true });
      await db.close();
    }
  }, 90_000);

  it('says when a month’s statements run finds nothing to state', async () => {
    const db = await createTestDatabase();
    try {
      const env = { ...process.env, DATABASE_URL: db.url };
      const done = await run(TSX, ['src/cli.ts', 'statements', 'run', '--month', '2026-10'], { env });
      expect(done.stdout).toBe('2026-10 : aucun financeur n’a d’utilisations à relever ; rien n’est émis.\n');
    } finally {
      await db.close();
    }
  }, 60_000);

  it('imports a funder’s prescribers from a file, dry run first, with a report line by line', async () => {
    const db = await createTestDatabase();
    try {
      const env = { ...process.env, DATABASE_URL: db.url };
      // The funder named by its SIRET, as written on its letters (with spaces).
      await db.pool.query(
        `INSERT INTO funders (name, kind, siret, territory) VALUES ('Essai', 'region', '20005374200017', '[]')`,
      );
      const sample = 'src/demo/pays-de-verdun-prescripteurs-demo.csv';
      const cli = (...args: string[]) =>
        run(TSX, ['src/cli.ts', 'prescribers', 'import', '--funder', '200 053 742 00017', ...args, sample], {
          env,
        });
      const count = async () =>
        (await db.pool.query("SELECT count(*)::int AS n FROM organisations WHERE kind = 'prescriber'"))
          .rows[0].n;
      const dry = await cli('--dry-run');
      expect(dry.stdout).toContain(
        'Essai à blanc, rien n’est enregistré : 25 lignes, 25 à créer, 0 inchangé, 0 rejeté.',
      );
      expect(dry.stdout).toMatch(/ligne +2 +créé +Mission locale du Nord meusien \(démo\)/);
      expect(await count()).toBe(0);
      expect((await cli()).stdout).toContain('25 lignes, 25 créés, 0 inchangé, 0 rejeté.');
      expect((await cli()).stdout).toContain('25 lignes, 0 créé, 25 inchangés, 0 rejeté.');
      expect(await count()).toBe(25);
      const audit = await db.pool.query(
        "SELECT actor_label, summary FROM audit_entries WHERE action = 'prescriber.import' ORDER BY id",
      );
      expect(audit.rows.map((r) => r.summary.created)).toEqual([25, 0]);
    } finally {
      await db.close();
    }
  }, 90_000);
});
