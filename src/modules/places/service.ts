import { generateApiKey, parseApiKey, secretMatches } from '../../core/api-key.js';
import { businessDate } from '../../core/dates.js';
import { DomainError, invalid, notFound } from '../../core/errors.js';
import { LruCache } from '../../core/lru.js';
import { type Actor, PLACE_ROLES } from '../../core/permissions.js';
import type { Queryable } from '../../db/client.js';
import { FailureLimiter, ShutOut } from '../../http/failure-limiter.js';
import * as audit from '../audit/service.js';
import * as funders from '../funders/service.js';
import * as programs from '../programs/service.js';
import * as repo from './repo.js';

/**
 * The place an agent (or admin) works for. A place the actor does not work at does not
 * exist for them (404), whoever owns it.
 */
export function placeOf(actor: Actor, placeId: string) {
  const m = actor.memberships.find((x) => PLACE_ROLES.includes(x.role) && x.organisationId === placeId);
  if (!m || !m.funderId) throw notFound('Lieu');
  return { placeId, funderId: m.funderId };
}

/** The place whose API keys the actor manages: its admin only; its agents see a 403. */
export function placeAdminOf(actor: Actor, placeId: string) {
  const place = placeOf(actor, placeId);
  const admin = actor.memberships.some((x) => x.role === 'place_admin' && x.organisationId === placeId);
  if (!admin)
    throw new DomainError(
      403,
      'forbidden',
      "Seul l'administrateur du lieu gère ses clés d'API : demandez-lui de le faire.",
    );
  return place;
}

export async function listKeys(db: Queryable, actor: Actor, placeId: string) {
  placeAdminOf(actor, placeId);
  return repo.keysOf(db, placeId);
}

/** Creates a key; `actor` null is the command line, run by the operator. */
export async function createKey(db: Queryable, actor: Actor | null, placeId: string, label: string) {
  const funderId = actor ? placeAdminOf(actor, placeId).funderId : await funderOfPlace(db, placeId);
  const fresh = generateApiKey();
  return db.transaction(async (tx) => {
    const row = await repo.insertKey(tx, {
      funderId,
      placeId,
      label,
      prefix: fresh.prefix,
      secretHash: fresh.secretHash,
      createdBy: actor?.userId ?? null,
    });
    await audit.record(tx, {
      actor,
      funderId,
      action: 'api_key.create',
      objectType: 'api_key',
      objectId: row.id,
      summary: { placeId, label, prefix: row.prefix },
    });
    return { ...row, key: fresh.key };
  });
}

async function funderOfPlace(db: Queryable, placeId: string): Promise<string> {
  const place = await funders.findPlace(db, placeId);
  if (!place) throw invalid([{ field: 'place', message: 'Aucun lieu ne porte cet identifiant.' }]);
  return place.funderId;
}

export async function revokeKey(db: Queryable, actor: Actor, placeId: string, keyId: string) {
  const { funderId } = placeAdminOf(actor, placeId);
  return db.transaction(async (tx) => {
    const row = await repo.revokeKey(tx, placeId, keyId);
    if (!row) throw notFound('Clé');
    keyCache.delete(row.prefix);
    await audit.record(tx, {
      actor,
      funderId,
      action: 'api_key.revoke',
      objectType: 'api_key',
      objectId: keyId,
      summary: { placeId, prefix: row.prefix },
    });
    return row;
  });
}

export interface KeyCaller {
  keyId: string;
  placeId: string;
  funderId: string;
  label: string;
}

type CachedKey = Awaited<ReturnType<typeof repo.keyByPrefix>>;
// Redemptions are the hot path: a key is read from the database at most every few
// seconds per instance. A revocation is immediate on the instance that made it and
// reaches the others within KEY_CACHE_MS. Unknown prefixes are remembered too (a flood of
// made-up keys costs no query each), so the cache is bounded: least recently used first out.
const KEY_CACHE_MS = 5000;
export const KEY_CACHE_SIZE = 5000;
const keyCache = new LruCache<string, { row: CachedKey; at: number }>(KEY_CACHE_SIZE);
export const keyCacheSize = () => keyCache.size;

/**
 * Bearers that match no key, per address: a few mistakes are allowed (a key pasted
 * wrong), a guesser is told to wait. Counted like unknown codes (http/failure-limiter.ts).
 */
const KEY_FAILURE_LIMIT = 10;
const KEY_FAILURE_WINDOW_MS = 10 * 60_000;
const keyGuesses = new FailureLimiter('unknown api key', KEY_FAILURE_LIMIT, KEY_FAILURE_WINDOW_MS);

const invalidKey = () => new DomainError(401, 'invalid_api_key', "Clé d'API absente, invalide ou révoquée.");

/** The key's place; `address` (the client's) is limited in how many wrong keys it may try. */
export async function authenticateKey(
  db: Queryable,
  presented: string,
  address?: string,
): Promise<KeyCaller> {
  if (address === undefined) return keyCaller(db, presented);
  try {
    return await keyGuesses.run(
      db,
      [`ip:${address}`],
      () => keyCaller(db, presented),
      (error) => error instanceof DomainError && error.code === 'invalid_api_key',
    );
  } catch (error) {
    if (!(error instanceof ShutOut)) throw error;
    throw new DomainError(
      429,
      'rate_limited',
      "Trop de clés d'API invalides ont été présentées depuis cette adresse : patientez avant de réessayer.",
      [],
      { retryAfterS: Math.max(1, Math.ceil(error.retryAfterMs / 1000)) },
    );
  }
}

async function keyCaller(db: Queryable, presented: string): Promise<KeyCaller> {
  const parsed = parseApiKey(presented);
  if (!parsed) throw invalidKey();
  let cached = keyCache.get(parsed.prefix);
  if (!cached || Date.now() - cached.at > KEY_CACHE_MS) {
    cached = { row: await repo.keyByPrefix(db, parsed.prefix), at: Date.now() };
    keyCache.set(parsed.prefix, cached);
    if (cached.row && !cached.row.revokedAt) void repo.touchKey(db, cached.row.id).catch(() => {});
  }
  const row = cached.row;
  if (!row || row.revokedAt || !secretMatches(parsed.secret, row.secretHash)) throw invalidKey();
  return { keyId: row.id, placeId: row.placeId, funderId: row.funderId, label: `clé ${row.prefix}` };
}

/** The funder declares that a place accepts a programme's passes. */
export async function acceptProgram(
  db: Queryable,
  actor: Actor | null,
  programId: string,
  placeId: string,
  acceptedOn = businessDate(),
) {
  return db.transaction(async (tx) => {
    const { program } = await programs.lockAsOf(tx, actor, programId, acceptedOn);
    const place = await funders.findOrganisation(tx, program.funderId, placeId);
    if (!place || place.kind !== 'place')
      throw invalid([{ field: 'placeId', message: 'Choisissez un lieu de ce financeur.' }]);
    const added = await repo.acceptProgram(tx, {
      funderId: program.funderId,
      programId,
      placeId,
      acceptedOn,
    });
    if (added) {
      await audit.record(tx, {
        actor,
        funderId: program.funderId,
        action: 'program.accept_place',
        objectType: 'program',
        objectId: programId,
        summary: { placeId, placeName: place.name, acceptedOn },
      });
    }
    return repo.placesOfProgram(tx, programId);
  });
}

export async function placesOfProgram(db: Queryable, actor: Actor, programId: string) {
  await programs.get(db, actor, programId);
  return repo.placesOfProgram(db, programId);
}
