import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { failureOf, main } from './cli/main.js';
import { ENTRIES } from './cli/usage.js';

const exec = promisify(execFile);
const TSX = path.resolve('node_modules/.bin/tsx');
const CLI = path.resolve('src/cli.ts');
// Nothing listens there: a command that reached for the database would fail with exit 1.
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'pn-cli-args-'));
const cwd = fs.mkdtempSync(path.join(os.tmpdir(), 'pn-cli-cwd-'));
const env = { ...process.env, DATABASE_URL: 'postgres://127.0.0.1:1/nothing', DATA_DIR: dataDir };
afterAll(() => {
  fs.rmSync(dataDir, { recursive: true, force: true });
  fs.rmSync(cwd, { recursive: true, force: true });
});

async function cli(...args: string[]) {
  const r = await exec(TSX, [CLI, ...args], { env, cwd }).then(
    (ok) => ({ ...ok, code: 0 }),
    (e: { code: number; stdout: string; stderr: string }) => e,
  );
  return { code: r.code, stdout: r.stdout, stderr: r.stderr };
}

describe('the command line’s arguments', () => {
  it('--help or -h anywhere prints the command’s usage and does nothing', async () => {
    const results = await Promise.all([
      cli('backup', '--help'),
      cli('migrate', '--help'),
      cli('issue', '--help'),
      cli('restore', 'x.dump', '-h'),
    ]);
    for (const r of results) {
      expect(r.code).toBe(0);
      expect(r.stderr).toBe('');
      expect(r.stdout).toMatch(/^Utilisation : npm run cli/);
    }
    expect(results[0]!.stdout).toContain('backup <fichier>');
    expect(results[0]!.stdout).not.toContain('restore');
    expect(results[1]!.stdout).toContain('applique les migrations de la base de données');
    expect(results[2]!.stdout).toContain('issue --program NOM|ID');
    // --count is a number of booklets, not of passes, and a booklet holds 5 or 10 passes.
    expect(results[2]!.stdout).toContain('--size 5|10');
    expect(results[2]!.stdout).toMatch(/N carnets de 10 pass/);
    expect(fs.readdirSync(cwd)).toEqual([]);
  }, 60_000);

  it('the README lists every command, and says what issue --count and --size count', () => {
    const readme = fs.readFileSync(path.resolve('README.md'), 'utf8');
    for (const entry of ENTRIES) expect(readme).toContain(`npm run cli -- ${entry.words.join(' ')}`);
    const issue = readme.split('\n').find((l) => l.startsWith('npm run cli -- issue'))!;
    expect(issue).toContain('--count <booklets>');
    expect(issue).toContain('[--size 5|10]');
  });

  it('says a negative --count is not a number of booklets, and a directory to import is not a file', async () => {
    const id = '0b0e1f5e-4c4e-4d38-9d7c-3f3e9f0a1b2c';
    const cases: [string[], RegExp][] = [
      [
        ['issue', '--program', id, '--count', '-5'],
        /^issue : --count « -5 » n’est pas un nombre entier de carnets \(1 ou plus\)/,
      ],
      [['issue', '--program', id, '--count', '3', '--size', '-5'], /^issue : --size vaut 5 ou 10/],
      [
        ['places', 'import', '--funder', id, os.tmpdir()],
        /^places import : .* est un dossier, pas un fichier/,
      ],
      [
        ['prescribers', 'import', '--funder', id, os.tmpdir()],
        /^prescribers import : .* est un dossier, pas un fichier/,
      ],
    ];
    await expectUsageErrors(cases);
    expect(fs.readdirSync(cwd)).toEqual([]);
  }, 60_000);

  it('names what is wrong in one line, exit 2, no stack', async () => {
    const cases: [string[], RegExp][] = [
      [['frobnicate'], /^Commande inconnue « frobnicate »/],
      [['audit', 'frob'], /commande inconnue « audit frob »/],
      [['audit'], /^audit : laquelle \? \(audit verify, audit head, audit rotate-key\)/],
      [['backup'], /^backup : il manque le fichier à écrire/],
      [['backup', '--', '-x'], /^backup : « -x » n’est pas une option de backup/],
      [['restore', '--replace'], /^restore : il manque le fichier de sauvegarde à lire/],
      [['issue', '--frob', '3'], /^Option inconnue « --frob »/],
      [['migrate', '--force'], /^Option inconnue « --force »/],
    ];
    const results = await Promise.all(cases.map(([args]) => cli(...args)));
    for (const [i, r] of results.entries()) {
      expect({ args: cases[i]![0], code: r.code }).toEqual({ args: cases[i]![0], code: 2 });
      expect(r.stderr).toMatch(cases[i]![1]);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
    }
    expect(fs.readdirSync(cwd)).toEqual([]);
  }, 60_000);

  // They used to exit 1, some in French, some with a stack, some after reaching the database.
  it('checks every command’s options before the database, in French, exit 2', async () => {
    const id = '0b0e1f5e-4c4e-4d38-9d7c-3f3e9f0a1b2c';
    const cases: [string[], RegExp][] = [
      [['issue', '--count', '3'], /^issue : il manque --program/],
      [['issue', '--program', '', '--count', '3'], /^issue : il manque --program/],
      [
        ['issue', '--program', id, '--count', '0'],
        /^issue : --count « 0 » n’est pas un nombre entier de carnets/,
      ],
      [['issue', '--program', id, '--count', '2.5'], /^issue : --count « 2.5 » n’est pas/],
      [['issue', '--program', id, '--count', '3', '--size', '7'], /^issue : --size vaut 5 ou 10/],
      [
        ['issue', '--program', id, '--count', '3', '--on', '2026-13-45'],
        /^issue : --on « 2026-13-45 » n’est pas une date/,
      ],
      [['issue', '--program', id, '--count', '3', '--envelope', ''], /^issue : il manque --envelope/],
      [['admin', 'create'], /^admin create : il manque --email/],
      [['admin', 'disable', '--reason', 'volé'], /^admin disable : il manque l’adresse e-mail du compte/],
      [['admin', 'disable', 'jeannine@exemple.fr'], /^admin disable : il manque --reason/],
      [['admin', 'disable', 'jeannine@exemple.fr', '--reason', '  '], /^admin disable : il manque --reason/],
      [
        ['admin', 'disable', 'jeannine', '--reason', 'volé'],
        /^admin disable : « jeannine » n’est pas une adresse e-mail/,
      ],
      [['admin', 'enable'], /^admin enable : il manque l’adresse e-mail du compte/],
      [
        ['admin', 'enable', 'a@exemple.fr', 'b@exemple.fr'],
        /^admin enable : argument inattendu « b@exemple.fr »/,
      ],
      [['admin', 'enable', 'a@exemple.fr', '--reason', 'x'], /^Option inconnue « --reason »/],
      [
        ['admin', 'enable', 'a@exemple.fr', '--email', 'b@exemple.fr'],
        /^admin enable : donnez l’adresse une seule fois, avec --email ou après la commande, pas les deux/,
      ],
      [
        ['admin', 'disable', '--email', 'jeannine', '--reason', 'volé'],
        /^admin disable : « jeannine » n’est pas une adresse e-mail/,
      ],
      [['apikey', 'create', '--place', ''], /^apikey create : il manque --place/],
      [['prescribers', 'import', '--funder', '', 'f.csv'], /^prescribers import : il manque --funder/],
      [['prescribers', 'import', '--funder', id], /^prescribers import : il manque le fichier à importer/],
      [
        ['prescribers', 'import', '--funder', id, 'absent.csv'],
        /^prescribers import : aucun fichier absent\.csv/,
      ],
      [['places', 'import', '--funder', id, 'absent.csv'], /^places import : aucun fichier absent\.csv/],
      [['places', 'import', 'absent.csv'], /^places import : il manque --funder/],
      [['payments', 'sepa', '--funder', id], /^payments sepa : il manque --out/],
      [['payments', 'runs'], /^payments runs : il manque --funder/],
      [
        ['payments', 'sepa', '--funder', id, '--out', 'nowhere/x.xml'],
        /^payments sepa : aucun dossier nowhere/,
      ],
      [['statements', 'run'], /^statements run : il manque --month/],
      [
        ['statements', 'run', '--month', '2026-13'],
        /^statements run : --month « 2026-13 » n’est pas un mois/,
      ],
      [['statements', 'run', '--month', '2026-11', '--funder', ''], /^statements run : il manque --funder/],
    ];
    await expectUsageErrors(cases);
    expect(fs.readdirSync(cwd)).toEqual([]);
  }, 60_000);
});

/**
 * Each command line is refused in one line matching its pattern, exit 2. Run in this process,
 * in the empty folder with the same environment: one Node process per line took most of two
 * minutes on a loaded two-core machine. src/cli.ts only prints `failureOf` and exits with its
 * code, which the spawned cases above check.
 */
async function expectUsageErrors(cases: [string[], RegExp][]) {
  const saved = {
    cwd: process.cwd(),
    DATABASE_URL: process.env.DATABASE_URL,
    DATA_DIR: process.env.DATA_DIR,
  };
  process.chdir(cwd);
  Object.assign(process.env, { DATABASE_URL: env.DATABASE_URL, DATA_DIR: env.DATA_DIR });
  const results: { code: number; stderr: string }[] = [];
  try {
    for (const [args] of cases) results.push(await inProcess(args));
  } finally {
    process.chdir(saved.cwd);
    for (const name of ['DATABASE_URL', 'DATA_DIR'] as const)
      if (saved[name] === undefined) delete process.env[name];
      else process.env[name] = saved[name];
  }
  for (const [i, r] of results.entries()) {
    expect({ args: cases[i]![0], code: r.code, stderr: r.stderr }).toEqual({
      args: cases[i]![0],
      code: 2,
      stderr: expect.stringMatching(cases[i]![1]),
    });
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  }
}

async function inProcess(args: string[]): Promise<{ code: number; stderr: string }> {
  try {
    return { code: (await main(args)) ?? 0, stderr: '' };
  } catch (err) {
    const { code, text } = failureOf(err);
    return { code, stderr: `${text}\n` };
  }
}
