import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { loadOrCreateKeys } from '../../modules/audit/keys.js';
import { connect } from '../client.js';
import { type EmbeddedServer, startEmbeddedPostgres } from '../embedded.js';
import { runMigrations } from '../migrate.js';

export const TEMPLATE_DB = 'pn_template';

declare module 'vitest' {
  export interface ProvidedContext {
    pgServerUrl: string;
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
    srv.on('error', reject);
  });
}

/**
 * One real PostgreSQL for the whole run (TEST_DATABASE_URL, or a throw-away embedded
 * server), holding a migrated template; each test file clones it into its own database.
 */
export default async function setup(project: TestProject) {
  const keyFile = process.env.AUDIT_SIGNING_KEY_FILE!;
  const keys = loadOrCreateKeys(keyFile);
  let server: EmbeddedServer | undefined;
  let dir: string | undefined;
  let serverUrl = process.env.TEST_DATABASE_URL;
  if (!serverUrl) {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pn-test-pg-'));
    fs.chmodSync(dir, 0o777);
    server = await startEmbeddedPostgres({
      dir: path.join(dir, 'data'),
      port: await freePort(),
      ephemeral: true,
    });
    serverUrl = server.url;
  }
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${TEMPLATE_DB}`);
  await admin.query(`CREATE DATABASE ${TEMPLATE_DB}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${TEMPLATE_DB}`;
  const template = connect(url.toString(), 1);
  await runMigrations(template.pool);
  await template.close();
  project.provide('pgServerUrl', serverUrl);
  return async () => {
    if (keys.created) fs.rmSync(path.dirname(keyFile), { recursive: true, force: true });
    await server?.stop();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  };
}
