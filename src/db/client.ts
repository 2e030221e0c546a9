import { drizzle, type NodePgDatabase } from 'drizzle-orm/node-postgres';
import pg from 'pg';
import * as schema from './schema/index.js';

// bigint columns hold cents and counts well below 2^53: read them as numbers.
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => {
  const n = Number(v);
  if (!Number.isSafeInteger(n)) throw new RangeError(`bigint ${v} exceeds the safe integer range`);
  return n;
});
// Business dates stay 'YYYY-MM-DD' strings: a Date would shift them across time zones.
pg.types.setTypeParser(pg.types.builtins.DATE, (v) => v);

export type Db = NodePgDatabase<typeof schema> & { $client: pg.Pool };
/** A transaction handle; services pass it down so that one use-case is one transaction. */
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
export type Queryable = Db | Tx;

export interface Database {
  db: Db;
  pool: pg.Pool;
  close(): Promise<void>;
}

export function connect(url: string, max = 10): Database {
  const pool = new pg.Pool({ connectionString: url, max });
  // An idle connection dropped by the server (restart, shutdown) must not crash the
  // process: the pool discards it and the next query opens a new one.
  pool.on('error', () => {});
  // The same for a connection the pool is closing when the server stops (pool.end() resolves
  // before the sockets close) or one checked out between two queries: its error event had no
  // listener and crashed the process on stop; the query in flight, if any, still gets the error.
  pool.on('connect', (client) => client.on('error', () => {}));
  const db = drizzle(pool, { schema });
  return { db, pool, close: () => pool.end() };
}
