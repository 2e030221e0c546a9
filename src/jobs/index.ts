import type { FastifyBaseLogger } from 'fastify';
import type { Db } from '../db/client.js';
import * as rateWindows from '../http/rate-windows.js';
import * as audit from '../modules/audit/service.js';
import * as passes from '../modules/passes/service.js';
import { every } from './schedule.js';

/**
 * The server's background work. Sealing keeps the audit chain a fraction of a second
 * behind the writes; expiry runs hourly so that a pass stops at midnight, Paris time,
 * give or take an hour (the redemption itself checks the date, so nothing expired can
 * be used meanwhile: only the counts wait); the rate-limit windows that have closed
 * are deleted hourly too.
 */
export function startJobs(db: Db, log: FastifyBaseLogger): () => Promise<void> {
  const stops = [
    every(250, 'audit sealing', () => audit.seal(db), log),
    every(3_600_000, 'pass expiry', () => passes.expireOverdue(db), log),
    every(3_600_000, 'rate windows purge', () => rateWindows.purgeClosed(db), log),
  ];
  return async () => {
    await Promise.all(stops.map((stop) => stop()));
  };
}
