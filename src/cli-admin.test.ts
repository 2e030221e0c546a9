import { type ChildProcess, spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from './db/test/database.js';
import { verifyPassword } from './modules/auth/passwords.js';
import * as auth from './modules/auth/service.js';

const SECRET = 'Typed-secret-passphrase-777';

// A failed assertion must not leave a process behind.
const children: ChildProcess[] = [];
afterAll(() => {
  for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
});

interface Run {
  child: ChildProcess;
  output(): string;
  exited: Promise<number | null>;
}

/** `argv[0] argv[1..]` with stdin a pipe ('pipe') or /dev/null ('ignore'), everything it prints kept. */
function launch(argv: string[], env: NodeJS.ProcessEnv, stdin: 'pipe' | 'ignore'): Run {
  const child = spawn(argv[0]!, argv.slice(1), {
    env: { ...process.env, ADMIN_PASSWORD: '', ...env },
    stdio: [stdin, 'pipe', 'pipe'],
  });
  children.push(child);
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, output: () => out, exited };
}

const CLI = [process.execPath, '--import', 'tsx', 'src/cli.ts'];

async function waitFor(run: Run, text: string) {
  const deadline = Date.now() + 30_000;
  while (!run.output().includes(text)) {
    if (run.child.exitCode !== null || Date.now() > deadline)
      throw new Error(`no '${text}' (exit ${run.child.exitCode}):\n${run.output()}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('admin create', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(async () => {
    await db?.close();
  });
  const env = () => ({ DATABASE_URL: db.url });
  const hashOf = async (email: string): Promise<string | undefined> =>
    (await db.pool.query('SELECT password_hash FROM users WHERE email = $1', [email])).rows[0]?.password_hash;

  it('reads a piped password without writing it anywhere, and the account signs in with it', async () => {
    const run = launch([...CLI, 'admin', 'create', '--email', 'piped@region.fr'], env(), 'pipe');
    run.child.stdin!.end(`${SECRET}\n`);
    expect(await run.exited, run.output()).toBe(0);
    expect(run.output()).toContain('Administrateur de la plateforme piped@region.fr créé.');
    expect(run.output()).not.toContain(SECRET);
    expect(await verifyPassword((await hashOf('piped@region.fr'))!, SECRET)).toBe(true);
  }, 60_000);

  it('echoes nothing of a password typed at a terminal, Backspace included', async () => {
    const command = `${CLI.join(' ')} admin create --email tty@region.fr`;
    const run = launch(['script', '-qfec', command, '/dev/null'], env(), 'pipe');
    await waitFor(run, 'Mot de passe');
    // A mistyped last character, erased with Backspace (DEL, as terminals send it).
    run.child.stdin!.write(`${SECRET.slice(0, -1)}X\x7f${SECRET.at(-1)}\r`);
    await waitFor(run, 'Confirmez le mot de passe');
    run.child.stdin!.write(`${SECRET}\r`);
    expect(await run.exited, run.output()).toBe(0);
    expect(run.output()).toContain('Administrateur de la plateforme tty@region.fr créé.');
    expect(run.output()).not.toContain(SECRET.slice(0, 8));
    expect(await verifyPassword((await hashOf('tty@region.fr'))!, SECRET)).toBe(true);
  }, 60_000);

  it('refuses two different entries at a terminal with a clear message, creating nothing', async () => {
    const command = `${CLI.join(' ')} admin create --email typo@region.fr`;
    const run = launch(['script', '-qfec', command, '/dev/null'], env(), 'pipe');
    await waitFor(run, 'Mot de passe');
    run.child.stdin!.write(`${SECRET}\r`);
    await waitFor(run, 'Confirmez le mot de passe');
    run.child.stdin!.write(`${SECRET.slice(0, -1)}8\r`);
    expect(await run.exited, run.output()).not.toBe(0);
    expect(run.output()).toContain('les deux mots de passe tapés diffèrent');
    expect(run.output()).toContain('aucun compte créé');
    expect(run.output()).not.toContain(SECRET.slice(0, 8));
    expect(run.output()).not.toMatch(/\n\s+at /);
    expect(await hashOf('typo@region.fr')).toBeUndefined();
  }, 60_000);

  it('stops on Ctrl-C at the password prompt with exit code 130, creating nothing', async () => {
    const command = `${CLI.join(' ')} admin create --email interrupted@region.fr`;
    const run = launch(['script', '-qfec', command, '/dev/null'], env(), 'pipe');
    await waitFor(run, 'Mot de passe');
    run.child.stdin!.write('Typed-half\x03');
    expect(await run.exited, run.output()).toBe(130);
    expect(run.output()).not.toContain('Typed-half');
    expect(await hashOf('interrupted@region.fr')).toBeUndefined();
  }, 60_000);

  it('says that no password was given when there is nothing to read, exit 2, creating nothing', async () => {
    const run = launch([...CLI, 'admin', 'create', '--email', 'nopass@region.fr'], env(), 'ignore');
    expect(await run.exited, run.output()).toBe(2);
    expect(run.output()).toContain('ADMIN_PASSWORD');
    expect(run.output()).not.toMatch(/\n\s+at /);
    expect(await hashOf('nopass@region.fr')).toBeUndefined();
  }, 60_000);

  it('refuses an address that is not an e-mail address, from the command line and in the service', async () => {
    const run = launch(
      [...CLI, 'admin', 'create', '--email', 'notanemail'],
      { ...env(), ADMIN_PASSWORD: SECRET },
      'ignore',
    );
    expect(await run.exited, run.output()).toBe(2);
    expect(run.output()).toContain('--email');
    expect(run.output().trim().split('\n')).toHaveLength(1);
    await expect(
      auth.createPlatformAdmin(db.db, { email: 'notanemail', displayName: 'x', password: SECRET }),
    ).rejects.toMatchObject({ code: 'validation_failed' });
    expect(await hashOf('notanemail')).toBeUndefined();
  }, 60_000);

  it('disables an account and enables it again, journalled as the command line; a second time says so', async () => {
    const disabledAt = async (email: string) =>
      (await db.pool.query('SELECT disabled_at FROM users WHERE email = $1', [email])).rows[0]?.disabled_at;
    const off = launch(
      [...CLI, 'admin', 'disable', 'TTY@region.fr', '--reason', 'Poste volé'],
      env(),
      'ignore',
    );
    expect(await off.exited, off.output()).toBe(0);
    expect(off.output()).toContain('Compte tty@region.fr désactivé');
    expect(await disabledAt('tty@region.fr')).not.toBeNull();
    const again = launch(
      [...CLI, 'admin', 'disable', '--email', 'tty@region.fr', '--reason', 'Encore'],
      env(),
      'ignore',
    );
    expect(await again.exited, again.output()).toBe(1);
    expect(again.output()).toMatch(/déjà désactivé depuis le/);
    expect(again.output()).not.toMatch(/\n\s+at /);
    const on = launch([...CLI, 'admin', 'enable', '--email', 'tty@region.fr'], env(), 'ignore');
    expect(await on.exited, on.output()).toBe(0);
    expect(await disabledAt('tty@region.fr')).toBeNull();
    const { rows } = await db.pool.query(
      `SELECT action, actor_label, summary->>'reason' AS reason FROM audit_entries
        WHERE action LIKE 'account.%' ORDER BY id`,
    );
    expect(rows).toEqual([
      { action: 'account.disable', actor_label: 'ligne de commande', reason: 'Poste volé' },
      { action: 'account.enable', actor_label: 'ligne de commande', reason: null },
    ]);
  }, 90_000);
});
