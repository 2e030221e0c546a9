import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { freeLowPort } from '../test/processes.js';
import { startTlsPostgres, type TlsPostgres } from '../test/tls-postgres.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pn-tls-'));
let server: TlsPostgres;
let port: number;
beforeAll(async () => {
  server = await startTlsPostgres();
  port = await freeLowPort();
});
afterAll(async () => {
  await server?.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** The command line as an operator runs it, on the TLS server with `query` after DATABASE_URL. */
const cli = (query: string, ...args: string[]) => cliOn(`${server.url}${query}`, ...args);
const cliOn = (url: string, ...args: string[]) =>
  promisify(execFile)(process.execPath, ['--import', 'tsx', 'src/cli.ts', ...args], {
    env: {
      ...process.env,
      DATABASE_URL: url,
      DATA_DIR: dir,
      DEMO_DATA: 'false',
      PORT: String(port),
    },
    timeout: 60_000,
  }).then(
    (r) => ({ code: 0, stdout: r.stdout, stderr: r.stderr }),
    (e: { code: number; stdout: string; stderr: string }) => e,
  );

/** What the operator reads on stderr, without pg-connection-string's own warning about sslmode. */
const failure = (stderr: string) =>
  stderr
    .split('\n')
    .filter(
      (l) => l && !/SECURITY WARNING|^In the next|^To prepare|^- If you|^See https|trace-warnings/.test(l),
    )
    .join('\n');

describe('PostgreSQL over TLS with a self-signed certificate', () => {
  it('a start with sslmode=require says in one line that the certificate cannot be verified, and what to set', async () => {
    const run = await cli('?sslmode=require', 'start');
    expect(run.code).toBe(1);
    expect(failure(run.stderr)).toBe(
      'Le certificat TLS du serveur PostgreSQL n’a pas pu être vérifié (self-signed certificate) : ' +
        'indiquez son autorité de certification avec sslmode=verify-full&sslrootcert=<fichier> dans DATABASE_URL ' +
        '(docs/operations.md, « PostgreSQL over TLS »).',
    );
  });

  it('a backup without TLS is told that the server wants it', async () => {
    const run = await cli('?sslmode=disable', 'backup', path.join(dir, 'plain.dump'));
    expect(run.code).toBe(1);
    const said = failure(run.stderr);
    expect(said).toContain('no encryption');
    expect(said).toContain('sslmode=verify-full&sslrootcert=<fichier>');
    expect(said).toContain('« PostgreSQL over TLS »');
    expect(said).not.toContain('\n');
  });

  it.each([
    ['sslmode=verify-full&sslrootcert=<ca>', 'verified.dump'],
    ['sslmode=require&uselibpqcompat=true', 'compat.dump'],
    ['sslmode=no-verify', 'no-verify.dump'],
  ])('backs up with %s: pg_dump gets what libpq understands', async (query, name) => {
    const target = path.join(dir, name);
    const run = await cli(`?${query.replace('<ca>', server.caFile)}`, 'backup', target);
    expect(run.stderr).not.toContain('invalid');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`Sauvegarde écrite dans ${target}`);
  });

  it('a server without TLS, asked for it, is said so', async () => {
    // The run's test server has no TLS.
    const run = await cliOn(
      `${inject('pgServerUrl')}?sslmode=verify-full`,
      'backup',
      path.join(dir, 'x.dump'),
    );
    expect(run.code).toBe(1);
    expect(failure(run.stderr)).toBe(
      'DATABASE_URL demande TLS (sslmode) mais le serveur PostgreSQL ne le propose pas : activez ssl sur le serveur, ' +
        'ou retirez sslmode de DATABASE_URL si le réseau est de confiance (docs/operations.md, « PostgreSQL over TLS »).',
    );
  });

  it('migrates with sslmode=verify-full&sslrootcert, the way the server connects at start', async () => {
    const run = await promisify(execFile)(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'migrate'], {
      env: {
        ...process.env,
        DATABASE_URL: `${server.url}?sslmode=verify-full&sslrootcert=${server.caFile}`,
        DATA_DIR: dir,
        PORT: String(await freeLowPort()),
      },
    });
    expect(run.stdout).toContain('Migrations appliquées.');
  });
});
