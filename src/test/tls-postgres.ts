import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import { findPgTool } from '../ops/pg-tools.js';
import { freeLowPort } from './processes.js';

export interface TlsPostgres {
  /** postgres://passnum:…@127.0.0.1:<port>/passnum, without query: each test adds its sslmode. */
  url: string;
  /** The server's self-signed certificate, its own authority: what sslrootcert names. */
  caFile: string;
  stop(): Promise<void>;
}

/**
 * A scratch PostgreSQL that accepts TCP connections over TLS only, with a self-signed
 * certificate, as a Region's database host often is. Its role `passnum` is not a superuser.
 * PostgreSQL refuses to run as root: under root it runs as the `postgres` system user, which
 * Debian's PostgreSQL server package creates with the initdb and postgres it uses (.ci/run
 * installs it).
 */
export async function startTlsPostgres(): Promise<TlsPostgres> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pn-tls-pg-'));
  fs.chmodSync(dir, 0o777);
  const bin = path.dirname(findPgTool('pg_dump'));
  const asOwner = (cmd: string, args: string[]): [string, string[]] =>
    os.userInfo().uid === 0 ? ['runuser', ['-u', 'postgres', '--', cmd, ...args]] : [cmd, args];
  const key = path.join(dir, 'server.key');
  const caFile = path.join(dir, 'server.crt');
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-keyout',
      key,
      '-out',
      caFile,
      '-days',
      '2',
      '-subj',
      '/CN=127.0.0.1',
      '-addext',
      'subjectAltName=IP:127.0.0.1',
    ],
    { stdio: 'ignore' },
  );
  if (os.userInfo().uid === 0) execFileSync('chown', ['postgres', key, caFile]);
  fs.chmodSync(key, 0o600);
  fs.chmodSync(caFile, 0o644);
  const data = path.join(dir, 'data');
  execFileSync(
    ...asOwner(path.join(bin, 'initdb'), ['-D', data, '-U', 'postgres', '-E', 'UTF8', '-A', 'trust']),
    {
      stdio: 'ignore',
    },
  );
  // Over TCP, TLS only: a connection without it finds no pg_hba.conf entry.
  fs.writeFileSync(
    path.join(data, 'pg_hba.conf'),
    'local all all trust\nhostssl all all 127.0.0.1/32 scram-sha-256\n',
  );
  const port = await freeLowPort();
  const server: ChildProcess = spawn(
    ...asOwner(path.join(bin, 'postgres'), [
      '-D',
      data,
      '-p',
      String(port),
      '-k',
      dir,
      '-c',
      'listen_addresses=127.0.0.1',
      '-c',
      'ssl=on',
      '-c',
      `ssl_cert_file=${caFile}`,
      '-c',
      `ssl_key_file=${key}`,
      '-c',
      'fsync=off',
    ]),
    { stdio: 'ignore' },
  );
  const exited = new Promise((resolve) => server.once('exit', resolve));
  const password = 'tls-test-password';
  for (let tries = 0; ; tries++) {
    // Through the socket, as the cluster's superuser: creating the application's role.
    const admin = new pg.Client({ host: dir, port, user: 'postgres', database: 'postgres' });
    try {
      await admin.connect();
      await admin.query(`CREATE ROLE passnum LOGIN PASSWORD '${password}'`);
      await admin.query('CREATE DATABASE passnum OWNER passnum');
      await admin.end();
      break;
    } catch (error) {
      await admin.end().catch(() => {});
      if (tries > 100 || server.exitCode !== null) throw error;
      await sleep(100);
    }
  }
  return {
    url: `postgres://passnum:${password}@127.0.0.1:${port}/passnum`,
    caFile,
    async stop() {
      // The postmaster itself: under root, the child is runuser, which may not pass signals on.
      const pid = Number(fs.readFileSync(path.join(data, 'postmaster.pid'), 'utf8').split('\n')[0]);
      process.kill(pid, 'SIGINT');
      await exited;
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
