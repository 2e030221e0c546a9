import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

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
      expect(r.stdout).toMatch(/^Usage: npm run cli/);
    }
    expect(results[0]!.stdout).toContain('backup <file>');
    expect(results[0]!.stdout).not.toContain('restore');
    expect(results[1]!.stdout).toContain('apply database migrations');
    expect(results[2]!.stdout).toContain('issue --program ID');
    expect(fs.readdirSync(cwd)).toEqual([]);
  }, 60_000);

  it('names what is wrong in one line, exit 2, no stack', async () => {
    const cases: [string[], RegExp][] = [
      [['frobnicate'], /^Unknown command 'frobnicate'/],
      [['audit', 'frob'], /unknown command 'audit frob'/],
      [['backup'], /^backup: the file to write is missing/],
      [['backup', '--', '-x'], /^backup: '-x' is not an option of backup/],
      [['restore', '--replace'], /^restore: the backup file to read is missing/],
      [['issue', '--frob', '3'], /^Unknown option '--frob'/],
      [['migrate', '--force'], /^Unknown option '--force'/],
    ];
    const results = await Promise.all(cases.map(([args]) => cli(...args)));
    for (const [i, r] of results.entries()) {
      expect({ args: cases[i]![0], code: r.code }).toEqual({ args: cases[i]![0], code: 2 });
      expect(r.stderr).toMatch(cases[i]![1]);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
    }
    expect(fs.readdirSync(cwd)).toEqual([]);
  }, 60_000);
});
