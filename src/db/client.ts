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

/** How long a request waits for a connection before it is told the database is unavailable. */
const CONNECT_TIMEOUT_MS = 5000;
/**
 * A transaction of the application left open (a request stuck between two statements)
 * would hold the audit sealer back, which seals only what every older writer has
 * finished: PostgreSQL ends such a session after this long.
 */
const IDLE_IN_TRANSACTION_MS = 60_000;
/** How the application's sessions show in pg_stat_activity; the audit sealer waits for them only. */
export const APPLICATION_NAME = 'pass-numerique';

export function connect(url: string, max = 10): Database {
  const pool = new pg.Pool({
    connectionString: url,
    max,
    // A server that does not answer (network cut, frozen host) fails requests with a
    // 503 instead of holding them; keep-alive notices a peer gone without a word.
    connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
    keepAlive: true,
    idle_in_transaction_session_timeout: IDLE_IN_TRANSACTION_MS,
    // Operators tell the application's sessions from others' in pg_stat_activity.
    application_name: APPLICATION_NAME,
  });
  // A connection dropped by the server (restart, shutdown, kill) must not crash the
  // process: an idle one is reported on the pool, one checked out (a transaction in
  // progress) on its client. Either way its query fails, the pool discards it and the
  // next query opens a new one.
  pool.on('error', () => {});
  // The same for a connection the pool is closing when the server stops (pool.end() resolves
  // before the sockets close) or one checked out between two queries: its error event had no
  // listener and crashed the process on stop; the query in flight, if any, still gets the error.
  pool.on('connect', (client) => client.on('error', () => {}));
  giveBackDeadClients(pool);
  const db = drizzle(pool, { schema });
  return { db, pool, close: () => pool.end() };
}

/**
 * A checked-out client whose connection dies is given back to the pool at once, which
 * discards it, and its owner's own release becomes a no-op. Without this, a client whose
 * BEGIN fails is never released (Drizzle's transaction releases only after BEGIN succeeded):
 * after an outage the pool would be left full of dead clients, every request would wait for
 * a connection until the timeout, and closing the pool would never end.
 */
function giveBackDeadClients(pool: pg.Pool): void {
  const connect = pool.connect.bind(pool) as (...args: unknown[]) => unknown;
  pool.connect = ((...args: unknown[]) => {
    // The callback form is the pool's own (pool.query): it always releases.
    if (args.length > 0) return connect(...args);
    return (connect() as Promise<pg.PoolClient>).then((client) => {
      const release = client.release.bind(client);
      let released = false;
      const onError = (error: Error) => client.release(error);
      client.release = (error?: Error | boolean) => {
        if (released) return;
        released = true;
        client.off('error', onError);
        release(error);
      };
      client.once('error', onError);
      return client;
    });
  }) as typeof pool.connect;
}
