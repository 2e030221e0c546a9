import { businessDate } from '../../core/dates.js';
import { conflict, invalid, notFound } from '../../core/errors.js';
import { type Actor, can, requireFunder } from '../../core/permissions.js';
import type { Queryable } from '../../db/client.js';
import * as audit from '../audit/service.js';
import * as funders from '../funders/service.js';
import * as programs from '../programs/service.js';
import * as repo from './repo.js';

export { serialOf } from './serial.js';

async function prescriberOf(tx: Queryable, funderId: string, id: string, field: string) {
  const org = await funders.findOrganisation(tx, funderId, id);
  if (!org || org.kind !== 'prescriber')
    throw invalid([{ field, message: 'Choisissez un prescripteur de ce financeur.' }]);
  return org;
}

/** The funder hands booklets from its stock to a prescriber, oldest serials first. */
export async function allocate(
  db: Queryable,
  actor: Actor,
  programId: string,
  input: { prescriberId: string; count: number },
) {
  return db.transaction(async (tx) => {
    const today = businessDate();
    const locked = await programs.lockAsOf(tx, actor, programId, today);
    programs.requireAllowed(locked, today, 'allocate', 'count');
    const { program } = locked;
    const prescriber = await prescriberOf(tx, program.funderId, input.prescriberId, 'prescriberId');
    const taken = await repo.takeFromStock(tx, programId, input.count);
    if (taken.length < input.count) {
      throw conflict(
        'stock_insufficient',
        `Il ne reste que ${taken.length} carnets en stock pour ce dispositif.`,
        [{ field: 'count', message: `Au plus ${taken.length} carnets.` }],
      );
    }
    await move(tx, actor, program.funderId, taken, null, prescriber.id, 'allocate');
    return { serials: taken.map((b) => b.serial) };
  });
}

/** Moves named booklets between prescribers, or back to the funder when `toId` is null. */
export async function transfer(
  db: Queryable,
  actor: Actor,
  funderId: string,
  input: { serials: string[]; toId: string | null },
) {
  requireFunder(actor, 'program:write', funderId, 'Financeur');
  return db.transaction(async (tx) => {
    const to = input.toId ? (await prescriberOf(tx, funderId, input.toId, 'toId')).id : null;
    const found = await repo.bookletsBySerial(tx, funderId, input.serials);
    const missing = input.serials.filter((s) => !found.some((b) => b.serial === s));
    if (missing.length)
      throw invalid([{ field: 'serials', message: `Carnets inconnus : ${missing.join(', ')}.` }]);
    const notHeld = found.filter((b) => b.status !== 'allocated');
    if (notHeld.length) {
      throw conflict(
        'booklet_not_allocated',
        'Seuls les carnets détenus par un prescripteur peuvent être transférés ou repris.',
        [
          {
            field: 'serials',
            message: `Non détenus par un prescripteur : ${notHeld.map((b) => b.serial).join(', ')}.`,
          },
        ],
      );
    }
    // Handing stock to a prescriber is an allocation: its programme's status today must allow it.
    // Taking booklets back to the funder is always possible.
    if (to) {
      const today = businessDate();
      for (const programId of new Set(found.map((b) => b.programId))) {
        programs.requireAllowed(
          await programs.lockAsOf(tx, actor, programId, today),
          today,
          'allocate',
          'toId',
        );
      }
    }
    for (const b of found) await move(tx, actor, funderId, [b], b.holderId, to, to ? 'transfer' : 'return');
    return { serials: found.map((b) => b.serial) };
  });
}

/** Written out so that every action code is a literal the labels' test finds. */
const MOVE_ACTIONS = {
  allocate: 'stock.allocate',
  transfer: 'stock.transfer',
  return: 'stock.return',
} as const;

async function move(
  tx: Queryable,
  actor: Actor,
  funderId: string,
  list: { id: string; serial: string }[],
  from: string | null,
  to: string | null,
  kind: 'allocate' | 'transfer' | 'return',
) {
  await repo.setHolder(
    tx,
    list.map((b) => b.id),
    to,
  );
  await repo.recordMovements(
    tx,
    list.map((b) => ({ funderId, bookletId: b.id, kind, fromId: from, toId: to, actorUserId: actor.userId })),
  );
  await audit.record(tx, {
    actor,
    funderId,
    action: MOVE_ACTIONS[kind],
    objectType: 'booklet',
    objectId: list.length === 1 ? list[0]!.serial : null,
    summary: { booklets: list.length, from, to, first: list[0]?.serial, last: list.at(-1)?.serial },
  });
}

/** A prescriber's stock, seen by its own agents and by its funder's staff; others get 404. */
export async function stockOf(db: Queryable, actor: Actor, organisationId: string) {
  const org = await funders.findPrescriber(db, organisationId);
  const ownAgent = actor.memberships.some(
    (m) => m.role === 'prescriber_agent' && m.organisationId === organisationId,
  );
  if (!org || !(ownAgent || can(actor, 'stock:read', org.funderId))) throw notFound('Structure');
  return { organisationId, booklets: await repo.stockOf(db, organisationId) };
}

export async function movementsOf(db: Queryable, actor: Actor, funderId: string, serial: string) {
  requireFunder(actor, 'stock:read', funderId, 'Financeur');
  const rows = await repo.movementsOf(db, funderId, serial);
  if (!rows.length) throw notFound('Carnet');
  return rows.map((r) => ({ ...r, at: new Date(r.at).toISOString() }));
}

/*
 * For the modules that take a booklet out of circulation or out of a prescriber's stock
 * (beneficiaries: hand-out and replacement; blocking): the booklet, locked in their
 * transaction. They authorise on it themselves.
 */

/** The booklet by serial (canonical, see `serialOf`), locked for a change of hands; undefined if none. */
export const lockBooklet = repo.lockBooklet;

/**
 * The prescriber answerable for a booklet (its holder, else the one that handed it out), for
 * blocking's rule of who may block it. Null for a booklet in the funder's stock.
 */
export const prescriberOfBooklet = repo.prescriberOf;

/**
 * A booklet of the organisation's stock, locked, whose passes are all funded: one its agents
 * may hand out. Another funder's booklet is not found; one held elsewhere, or not funded yet,
 * is a conflict naming `field`.
 */
export async function bookletInStock(
  tx: Queryable,
  funderId: string | null,
  organisationId: string,
  serial: string,
  field: string,
) {
  const booklet = await lockBooklet(tx, serial);
  if (!booklet || booklet.funderId !== funderId) throw notFound('Carnet');
  if (booklet.status !== 'allocated' || booklet.holderId !== organisationId) {
    throw conflict('booklet_not_in_stock', "Ce carnet n'est pas dans le stock de votre structure.", [
      { field, message: "Ce carnet n'est pas dans le stock de votre structure." },
    ]);
  }
  if ((await repo.inactivePasses(tx, booklet.id)) > 0) {
    throw conflict(
      'booklet_not_funded',
      "Ce carnet n'est pas encore financé : ses pass ne peuvent pas circuler.",
      [{ field, message: "Ce carnet n'est pas encore financé." }],
    );
  }
  return booklet;
}
