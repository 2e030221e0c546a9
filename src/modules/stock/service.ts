import { businessDate, frenchDate } from '../../core/dates.js';
import { conflict, DomainError, forbidden, invalid, notFound } from '../../core/errors.js';
import { agree, frenchOrder } from '../../core/french.js';
import { formatPassCode, maskPassCode, parseBookletSerial, parsePassCode } from '../../core/pass-code.js';
import { BLOCK_REASON_LABELS, BOOKLET_STATUS_LABELS, PASS_STATE_LABELS } from '../../core/pass-labels.js';
import { type Actor, can, isPlatformAdmin, requireFunder } from '../../core/permissions.js';
import { REFUSAL_MESSAGES } from '../../core/session.js';
import type { Queryable } from '../../db/client.js';
import type { TerritoryRef } from '../../db/schema/index.js';
import * as audit from '../audit/service.js';
import * as funders from '../funders/service.js';
import * as programs from '../programs/service.js';
import * as redemptions from '../redemptions/service.js';
import * as repo from './repo.js';
import type { BOOKLET_STATUSES, STORED_PASS_STATUSES } from './schemas.js';

type BookletStatus = (typeof BOOKLET_STATUSES)[number];

import { serialOf } from './serial.js';

export { serialOf };

async function prescriberOf(tx: Queryable, funderId: string, id: string, field: string) {
  const org = await funders.findOrganisation(tx, funderId, id);
  if (!org || org.kind !== 'prescriber')
    throw invalid([{ field, message: 'Choisissez un prescripteur de ce financeur.' }]);
  return org;
}

/**
 * Which booklets an allocation takes from the funder's stock: the oldest `count` (of one
 * envelope when `envelopeId` is given), every booklet from `firstSerial` to `lastSerial`, or
 * the chosen `serials`.
 */
export interface AllocationInput {
  prescriberId: string;
  count?: number;
  envelopeId?: string;
  firstSerial?: string;
  lastSerial?: string;
  serials?: string[];
}

const MAX_RANGE = 10_000;

/**
 * The funder hands booklets from its stock to a prescriber. Named booklets (a range, a
 * choice) go all or none: one that is not in stock refuses the whole allocation, naming it.
 */
export async function allocate(db: Queryable, actor: Actor, programId: string, input: AllocationInput) {
  return db.transaction(async (tx) => {
    const today = businessDate();
    const locked = await programs.lockAsOf(tx, actor, programId, today);
    programs.requireAllowed(locked, today, 'allocate', 'count');
    const { program } = locked;
    const prescriber = await prescriberOf(tx, program.funderId, input.prescriberId, 'prescriberId');
    const taken = await chosenBooklets(tx, programId, input);
    // Which budget the booklets come from: the journal of a funder with several programmes says so.
    const envelope = input.envelopeId
      ? await programs.envelopeOf(tx, programId, input.envelopeId)
      : undefined;
    await move(tx, actor, program.funderId, taken, null, prescriber.id, 'allocate', {
      programId,
      ...(envelope && { envelope: envelope.name }),
    });
    // Entrusting booklets before their funding is allowed (the funding may follow), but said:
    // the prescriber cannot hand them out until then.
    const unfunded = await repo.unfundedAmong(
      tx,
      taken.map((b) => b.id),
    );
    return { serials: taken.map((b) => b.serial), unfunded };
  });
}

async function chosenBooklets(tx: Queryable, programId: string, input: AllocationInput) {
  if (input.serials?.length) {
    const serials = [...new Set(input.serials.map((s) => serialOf(s, 'serials')))];
    const found = await repo.programBookletsBySerial(tx, programId, serials);
    const unknown = serials.filter((s) => !found.some((b) => b.serial === s));
    if (unknown.length)
      throw invalid([
        { field: 'serials', message: `Carnets inconnus dans ce dispositif : ${unknown.join(', ')}.` },
      ]);
    return inStockOnly(found, 'serials');
  }
  if (input.firstSerial || input.lastSerial) {
    if (!input.firstSerial) throw invalid([{ field: 'firstSerial', message: 'Indiquez le premier carnet.' }]);
    if (!input.lastSerial) throw invalid([{ field: 'lastSerial', message: 'Indiquez le dernier carnet.' }]);
    const first = parseSerial(input.firstSerial, 'firstSerial');
    const last = parseSerial(input.lastSerial, 'lastSerial');
    if (first.prefix !== last.prefix)
      throw invalid([{ field: 'lastSerial', message: 'Les deux carnets doivent être du même dispositif.' }]);
    if (last.sequence < first.sequence)
      throw invalid([{ field: 'lastSerial', message: 'Le dernier carnet doit suivre le premier.' }]);
    if (last.sequence - first.sequence >= MAX_RANGE)
      throw invalid([{ field: 'lastSerial', message: `Au plus ${MAX_RANGE} carnets à la fois.` }]);
    const found = await repo.bookletsInRange(tx, programId, first.serial, last.serial);
    if (found.length === 0)
      throw invalid([{ field: 'firstSerial', message: 'Aucun carnet de ce dispositif dans cette plage.' }]);
    return inStockOnly(found, 'firstSerial');
  }
  if (!input.count) throw invalid([{ field: 'count', message: 'Indiquez le nombre de carnets à confier.' }]);
  if (input.envelopeId && !(await programs.envelopeOf(tx, programId, input.envelopeId)))
    throw invalid([{ field: 'envelopeId', message: 'Choisissez une enveloppe de ce dispositif.' }]);
  const taken = await repo.takeFromStock(tx, programId, input.count, input.envelopeId);
  if (taken.length < input.count) {
    const where = input.envelopeId ? 'dans cette enveloppe' : 'pour ce dispositif';
    const left = `${taken.length} ${agree(taken.length, 'carnet', 'carnets')}`;
    const detail =
      taken.length === 0
        ? `Il ne reste aucun carnet en stock ${where}.`
        : `Il ne reste que ${left} en stock ${where}.`;
    const most = taken.length === 0 ? 'Plus aucun carnet en stock.' : `Au plus ${left}.`;
    throw conflict('stock_insufficient', detail, [{ field: 'count', message: most }]);
  }
  return taken;
}

function parseSerial(input: string, field: string) {
  const parsed = parseBookletSerial(input);
  if (!parsed.ok)
    throw invalid([{ field, message: 'Numéro de carnet illisible : vérifiez-le sur la couverture.' }]);
  return parsed;
}

/** Named booklets move all or none: the ones not in the funder's stock refuse the allocation. */
function inStockOnly<T extends { serial: string; status: string }>(found: T[], field: string): T[] {
  const away = found.filter((b) => b.status !== 'stock');
  if (away.length) {
    throw conflict(
      'booklets_not_in_stock',
      'Certains de ces carnets ne sont plus dans le stock du financeur : aucun carnet n’a été confié.',
      [{ field, message: `Hors du stock : ${away.map((b) => b.serial).join(', ')}.` }],
    );
  }
  return found;
}

/**
 * A programme's booklets, filtered, sorted, a page at a time, with the names of envelopes and
 * holders. Envelopes and prescribers are ranked here by their names in French order, and the
 * database sorts the booklets by those ranks: their names are the programme's and the funder's.
 */
export async function bookletsOf(
  db: Queryable,
  actor: Actor,
  programId: string,
  q: repo.BookletFilters & Omit<repo.BookletOrder, 'ranks'> & { page: number; pageSize: number },
) {
  const program = await programs.get(db, actor, programId, businessDate(), 'stock:read');
  const envelopes = new Map(program.allEnvelopes.map((e) => [e.id, e.name]));
  const holders = new Map(
    (await funders.organisationsOf(db, actor, program.funderId, 'prescriber')).map((o) => [o.id, o.name]),
  );
  const named = q.sort === 'envelope' ? envelopes : holders;
  const ranks = [...named].sort(([, a], [, b]) => frenchOrder(a, b)).map(([id]) => id);
  const { rows, total } = await repo.listBooklets(
    db,
    programId,
    q,
    { sort: q.sort, order: q.order, ranks },
    (q.page - 1) * q.pageSize,
    q.pageSize,
  );
  return {
    total,
    page: q.page,
    pageSize: q.pageSize,
    booklets: rows.map((r) => ({
      serial: r.serial,
      size: r.size,
      status: r.status as BookletStatus,
      envelope: r.envelopeId ? (envelopes.get(r.envelopeId) ?? null) : null,
      holderId: r.holderId,
      holder: r.holderId ? (holders.get(r.holderId) ?? null) : null,
      handedOutOn: r.handedOutOn,
    })),
  };
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
  context: Record<string, string> = {},
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
    summary: {
      ...context,
      booklets: list.length,
      from,
      to,
      first: list[0]?.serial,
      last: list.at(-1)?.serial,
    },
  });
}

/** A prescriber whose booklets the actor may see: its own agents and its funder's staff; others get 404. */
export async function readablePrescriber(db: Queryable, actor: Actor, organisationId: string) {
  const org = await funders.findPrescriber(db, organisationId);
  const ownAgent = actor.memberships.some(
    (m) => m.role === 'prescriber_agent' && m.organisationId === organisationId,
  );
  if (!org || !(ownAgent || can(actor, 'stock:read', org.funderId))) throw notFound('Structure');
  return org;
}

/** A prescriber's stock, seen by its own agents and by its funder's staff. */
/**
 * The booklets a prescriber holds, each with where its beneficiary may live (`residenceWithin`:
 * a commune within each of these territories, the funder's and its envelope's when it has
 * one; empty: anywhere), so that the desk offers only those communes. The hand-out decides.
 */
export async function stockOf(db: Queryable, actor: Actor, organisationId: string) {
  await readablePrescriber(db, actor, organisationId);
  const rows = await repo.stockOf(db, organisationId);
  const territories = new Map<string, TerritoryRef[]>();
  const territoryOf = async (key: string, read: () => Promise<TerritoryRef[] | undefined>) => {
    if (!territories.has(key)) territories.set(key, (await read()) ?? []);
    return territories.get(key)!;
  };
  const booklets = [];
  for (const { funderId, envelopeId, ...booklet } of rows) {
    const groups = [
      await territoryOf(funderId, () => funders.territoryOf(db, funderId)),
      envelopeId
        ? await territoryOf(
            envelopeId,
            async () => (await programs.envelopeOf(db, booklet.programId, envelopeId))?.territory,
          )
        : [],
    ];
    booklets.push({ ...booklet, residenceWithin: groups.filter((g) => g.length > 0) });
  }
  return { organisationId, booklets };
}

/**
 * A booklet's story: its moves between the funder's stock and prescribers, then what the
 * journal says of it after (handed out, or given as a replacement, by which prescriber; blocked,
 * and why), each with when and by whom, in the order they happened. A helpdesk answering « what
 * happened to my booklet » read its allocation alone. Organisations come by id (for software)
 * and by name (for people): a block's `fromId` is the prescriber whose agent blocked it, null
 * when the funder's staff (or the operator) did, its `fromName` then the funder's.
 */
export async function movementsOf(db: Queryable, actor: Actor, funderId: string, serial: string) {
  requireFunder(actor, 'stock:read', funderId, 'Financeur');
  const rows = await repo.movementsOf(db, funderId, serial);
  if (!rows.length) throw notFound('Carnet');
  const moves = rows.map((r) => ({
    ...r,
    at: new Date(r.at),
    reason: null as 'lost' | 'stolen' | null,
    replacesSerial: null as string | null,
  }));
  const events = (await audit.bookletEvents(db, funderId, serial)).map((e) => {
    const text = (key: string) => (typeof e.summary[key] === 'string' ? (e.summary[key] as string) : null);
    const block = e.action === 'booklet.block';
    return {
      kind: block ? 'block' : 'hand_out',
      // Handed out by the prescriber that held it, to the person (named on the person's record);
      // blocked by the prescriber whose agent did, else by the funder's staff.
      fromId: text('organisationId'),
      toId: null,
      at: new Date(e.at),
      actorEmail: e.actorEmail,
      reason: block ? (text('reason') as 'lost' | 'stolen' | null) : null,
      replacesSerial: e.action === 'booklet.replace' ? text('replacesSerial') : null,
    };
  });
  const all = [...moves, ...events];
  const names = await funders.organisationNames(
    db,
    all.flatMap((m) => [m.fromId, m.toId].filter((id): id is string => id !== null)),
  );
  const funderName = all.some((m) => m.kind === 'block' && !m.fromId)
    ? await funders.nameOf(db, funderId)
    : null;
  const nameOf = (id: string | null) => (id ? (names.get(id) ?? null) : null);
  return all
    .sort((a, b) => a.at.getTime() - b.at.getTime())
    .map((m) => ({
      ...m,
      fromName: m.kind === 'block' && !m.fromId ? funderName : nameOf(m.fromId),
      toName: nameOf(m.toId),
      at: m.at.toISOString(),
    }));
}

type PassRow = NonNullable<Awaited<ReturnType<typeof repo.passByCode>>>;

/**
 * What a pass's booklet went through, by name: the prescriber that handed it out (its hand-out
 * or replacement in the journal, else the prescriber it last went to), and its block: when
 * (the booklet's own record), why, and by which organisation (the prescriber named in the
 * block's entry, else the funder, whose staff blocked it).
 */
async function bookletFacts(db: Queryable, pass: PassRow) {
  const events = await audit.bookletEvents(db, pass.funderId, pass.serial);
  const idIn = (e: (typeof events)[number] | undefined) =>
    typeof e?.summary.organisationId === 'string' ? e.summary.organisationId : null;
  const handOut = events.filter((e) => e.action !== 'booklet.block').at(-1);
  const handedOutById = pass.handedOutOn
    ? (idIn(handOut) ?? (await repo.prescriberOf(db, { id: pass.bookletId, holderId: pass.holderId })))
    : null;
  const blockedById = idIn(events.filter((e) => e.action === 'booklet.block').at(-1));
  const names = await funders.organisationNames(
    db,
    [pass.holderId, handedOutById, blockedById].filter((id): id is string => id !== null),
  );
  const blockReason = pass.blockReason as 'lost' | 'stolen' | null;
  const block =
    pass.blockedAt && blockReason
      ? {
          at: new Date(pass.blockedAt).toISOString(),
          reason: blockReason,
          reasonLabel: BLOCK_REASON_LABELS[blockReason],
          byOrganisationId: blockedById,
          byName: blockedById ? (names.get(blockedById) ?? '') : await funders.nameOf(db, pass.funderId),
        }
      : null;
  return {
    serial: pass.serial,
    status: pass.bookletStatus as BookletStatus,
    holderName: pass.holderId ? (names.get(pass.holderId) ?? null) : null,
    handedOutOn: pass.handedOutOn,
    handedOutByName: handedOutById ? (names.get(handedOutById) ?? null) : null,
    block,
  };
}

/** Every redemption of the pass, cancelled ones included, oldest first, with its place's name. */
async function sessionsOf(db: Queryable, passId: number) {
  const sessions = await redemptions.redemptionsOfPass(db, passId);
  const names = await funders.organisationNames(
    db,
    sessions.map((r) => r.placeId),
  );
  return sessions.map((r) => ({
    placeId: r.placeId,
    placeName: names.get(r.placeId) ?? '',
    sessionOn: r.sessionOn,
    theme: r.theme,
    durationMinutes: r.durationMinutes,
    format: r.format,
    recordedAt: new Date(r.recordedAt).toISOString(),
    cancelledAt: r.cancelledAt ? new Date(r.cancelledAt).toISOString() : null,
  }));
}

/** A pass's facts, as both its funder's staff and the platform's helpdesk read them. */
async function storyOf(db: Queryable, pass: PassRow) {
  const programName = (await programs.namesOf(db, [pass.programId])).get(pass.programId);
  return {
    code: pass.code,
    programId: pass.programId,
    programName: programName ?? '',
    status: pass.status as PassStatus,
    faceValueCents: pass.faceValueCents,
    validFrom: pass.validFrom,
    validUntil: pass.validUntil,
    booklet: await bookletFacts(db, pass),
    sessions: await sessionsOf(db, pass.id),
  };
}

type PassStatus = (typeof STORED_PASS_STATUSES)[number];

/**
 * One pass, found by its code, as its funder's staff see it when a place or a person calls: its
 * programme, value and dates, its booklet and where that is (who handed it out; blocked when,
 * why and by whom), and every session it paid, cancelled ones included, at which place. Nothing
 * of the person it was handed to (the beneficiaries' record says that, to those allowed to read
 * it). Not counted as a guess: the caller is the funder's staff, who hold the codes of all its
 * passes, and a code of another funder is answered 404 as one that does not exist.
 */
export async function passStory(db: Queryable, actor: Actor, funderId: string, rawCode: string) {
  requireFunder(actor, 'stock:read', funderId, 'Financeur');
  const parsed = parsePassCode(rawCode);
  if (!parsed.ok) throw invalid([{ field: 'code', message: REFUSAL_MESSAGES.malformed_code }]);
  const pass = await repo.passByCode(db, parsed.code, funderId);
  if (!pass) throw notFound('Pass');
  return storyOf(db, pass);
}

/*
 * The platform's helpdesk on the phone: « j’ai lu le code de mon carnet, le lieu l’a refusé ».
 * The operator knows a code, not its funder: the pass is found across funders, and told in
 * French with what the person can do. Never the person (no name, birth date or pseudonymous
 * id). Each lookup is journalled twice: in the pass's funder's journal, whose staff answer for
 * its passes, and in the platform's, where the operator's own look-ups are read (as
 * `account.lookup`); a code of no pass in the platform's alone. A code is a secret that can be
 * guessed: the route counts codes of no pass as guesses (GuessLimiter), and the journal keeps
 * it masked.
 */

/** What the person can do, or the helpdesk can tell, given where the pass stands. */
function adviceOf(story: Awaited<ReturnType<typeof storyOf>>, today: string): string[] {
  const b = story.booklet;
  if (b.block) {
    const by = b.handedOutByName ? ` (${b.handedOutByName})` : '';
    return [
      `Le carnet est bloqué : le prescripteur qui l’a remis${by} peut remettre un nouveau carnet à la personne, en remplacement. Les pass de ce carnet ne peuvent plus être utilisés.`,
    ];
  }
  const live = story.sessions.find((s) => s.cancelledAt === null);
  switch (story.status) {
    case 'redeemed':
      return [
        `Ce pass a déjà été utilisé${live ? ` le ${frenchDate(live.sessionOn)} à ${live.placeName}` : ''} : un pass ne sert qu’une fois.`,
        'Si la personne n’a pas eu cette séance, le lieu qui l’a enregistrée peut annuler l’encaissement dans le délai prévu ; au-delà, orientez la personne vers le financeur.',
      ];
    case 'expired':
      return [
        `Ce pass a expiré${story.validUntil ? ` le ${frenchDate(story.validUntil)}` : ''} : il ne peut plus être utilisé.`,
      ];
    case 'cancelled':
      return ['Ce pass a été annulé : il ne peut plus être utilisé. Le financeur peut dire pourquoi.'];
    case 'issued':
      return [
        'Ce pass n’est pas encore activé : le financeur n’a pas encore reçu les fonds qui le couvrent. Il ne peut pas être utilisé pour l’instant.',
      ];
  }
  if (!b.handedOutOn)
    return [
      'Ce carnet n’a pas été remis à une personne : ses pass ne sont pas encore utilisables. Le prescripteur qui le détient le remet avec l’identité de la personne.',
    ];
  if (story.validFrom && story.validFrom > today)
    return [`Ce pass n’est utilisable qu’à partir du ${frenchDate(story.validFrom)}.`];
  return [
    `Ce pass est utilisable${story.validUntil ? ` jusqu’au ${frenchDate(story.validUntil)}` : ''}. S’il a été refusé, le lieu n’est peut-être pas qualifié pour le dispositif « ${story.programName} » (ou suspendu) : l’annuaire public des lieux donne ceux qui l’acceptent.`,
  ];
}

/** A pass found by the platform's helpdesk from a code as typed (platform admins only). */
export async function lookUpPass(db: Queryable, actor: Actor, rawCode: string) {
  if (!isPlatformAdmin(actor)) throw forbidden();
  const parsed = parsePassCode(rawCode);
  if (!parsed.ok)
    throw new DomainError('malformed_code', REFUSAL_MESSAGES.malformed_code, [
      { field: 'code', message: 'Code du pass : vérifiez chaque caractère.' },
    ]);
  const masked = maskPassCode(parsed.code);
  const pass = await repo.passByCode(db, parsed.code);
  if (!pass) {
    await audit.record(db, {
      actor,
      funderId: null,
      action: 'pass.lookup',
      objectType: 'pass',
      objectId: null,
      summary: { code: masked, passFound: false },
    });
    throw new DomainError('unknown_code', REFUSAL_MESSAGES.unknown_code);
  }
  return db.transaction(async (tx) => {
    const story = await storyOf(tx, pass);
    const summary = { code: masked, passFound: true, serial: pass.serial, programId: pass.programId };
    await audit.record(tx, {
      actor,
      funderId: pass.funderId,
      action: 'pass.lookup',
      objectType: 'pass',
      objectId: String(pass.id),
      summary,
    });
    await audit.record(tx, {
      actor,
      funderId: null,
      action: 'pass.lookup',
      objectType: 'pass',
      objectId: String(pass.id),
      summary,
    });
    const { code, booklet, ...rest } = story;
    return {
      ...rest,
      code: formatPassCode(code),
      funderId: pass.funderId,
      funderName: await funders.nameOf(tx, pass.funderId),
      statusLabel: PASS_STATE_LABELS[story.status],
      booklet: { ...booklet, statusLabel: BOOKLET_STATUS_LABELS[booklet.status] },
      advice: adviceOf(story, businessDate()),
    };
  });
}

/*
 * For the modules that take a booklet out of circulation or out of a prescriber's stock
 * (beneficiaries: hand-out and replacement; blocking): the booklet, locked in their
 * transaction. They authorise on it themselves.
 */

/**
 * No booklet bears the serial typed (its check digit right: a misread cover, another funder's
 * booklet): said at the field that holds it, so that the agent knows which serial to check.
 */
export function unknownBooklet(field: string) {
  return new DomainError('not_found', 'Carnet introuvable.', [
    { field, message: 'Aucun carnet ne porte ce numéro : vérifiez-le sur la couverture du carnet.' },
  ]);
}

/** The booklet by serial (canonical, see `serialOf`), locked for a change of hands; undefined if none. */
export const lockBooklet = repo.lockBooklet;

/**
 * The prescriber answerable for a booklet (its holder, else the one that handed it out), for
 * blocking's rule of who may block it. Null for a booklet in the funder's stock.
 */
export const prescriberOfBooklet = repo.prescriberOf;

/**
 * Why a booklet is not in the organisation's stock, as its agent needs to hear it: a booklet
 * it handed out or blocked itself is said so (an agent who read « pas dans le stock » thought
 * it was another structure's); of another's, nothing is said.
 */
async function notInStock(
  tx: Queryable,
  booklet: NonNullable<Awaited<ReturnType<typeof lockBooklet>>>,
  organisationId: string,
) {
  const ours = booklet.status !== 'stock' && (await repo.prescriberOf(tx, booklet)) === organisationId;
  if (ours && booklet.status === 'handed_out' && booklet.handedOutOn)
    return `Ce carnet a déjà été remis par votre structure, le ${frenchDate(booklet.handedOutOn)} : il n'est plus dans son stock.`;
  if (ours && booklet.status === 'blocked')
    return 'Ce carnet est bloqué (perdu ou volé) : ses pass ne peuvent plus être remis.';
  return "Ce carnet n'est pas dans le stock de votre structure.";
}

/** The sizes of the programme's booklets the organisation holds, to hand out. */
export const sizesHeld = (tx: Queryable, organisationId: string, programId: string) =>
  repo.sizesHeld(tx, organisationId, programId);

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
  if (!booklet || booklet.funderId !== funderId) throw unknownBooklet(field);
  if (booklet.status !== 'allocated' || booklet.holderId !== organisationId) {
    const message = await notInStock(tx, booklet, organisationId);
    throw conflict('booklet_not_in_stock', message, [{ field, message }]);
  }
  if ((await repo.inactivePasses(tx, booklet.id)) > 0) {
    throw conflict(
      'booklet_not_funded',
      "Ce carnet n'est pas encore financé : ses pass ne peuvent pas circuler.",
      [
        {
          field,
          message:
            "Ce carnet n'est pas encore financé : remettez un autre carnet de votre stock. Celui-ci pourra être remis quand le financeur aura enregistré son versement.",
        },
      ],
    );
  }
  return booklet;
}

/**
 * The funder takes back booklets a prescriber holds and has not handed out (issue 11,
 * point 2): all of them, or those named by serial. They return to the funder's stock by a
 * new `return` movement each, audited as one entry with the count.
 */
export async function takeBack(
  db: Queryable,
  actor: Actor,
  funderId: string,
  prescriberId: string,
  which: { all: true } | { serials: string[] },
) {
  requireFunder(actor, 'program:write', funderId, 'Financeur');
  return db.transaction(async (tx) => {
    const org = await funders.findOrganisation(tx, funderId, prescriberId);
    if (!org || org.kind !== 'prescriber') throw notFound('Prescripteur');
    const held = await repo.heldBy(tx, prescriberId);
    let chosen = held;
    if ('serials' in which) {
      const serials = [...new Set(which.serials.map((s) => serialOf(s, 'serials')))];
      const notHeld = serials.filter((s) => !held.some((b) => b.serial === s));
      if (notHeld.length) {
        throw conflict('booklet_not_held', 'Ces carnets ne sont pas détenus par ce prescripteur.', [
          { field: 'serials', message: `Non détenus par ce prescripteur : ${notHeld.join(', ')}.` },
        ]);
      }
      chosen = held.filter((b) => serials.includes(b.serial));
    }
    if (chosen.length === 0) {
      throw conflict('nothing_to_take_back', 'Ce prescripteur ne détient aucun carnet à reprendre.', [
        { field: 'serials', message: 'Ce prescripteur ne détient aucun carnet à reprendre.' },
      ]);
    }
    await move(tx, actor, funderId, chosen, prescriberId, null, 'return');
    return { serials: chosen.map((b) => b.serial) };
  });
}

/** The figures of a funder's prescribers (or one of them), for callers that authorised. */
export const prescriberFigures = repo.prescriberFigures;
export type PrescriberFigures = repo.PrescriberFigures;

/** How many prescribers handed out a booklet of the programme in a period, for its report (the caller has authorised). */
export const prescribersHandingOut = repo.prescribersHandingOut;

/** The booklets a prescriber holds now, for callers that authorised. */
export const heldBooklets = repo.stockOf;

/**
 * Who still holds active passes of the programme (prescribers with allocated booklets), and
 * how many each: the end-of-programme reminders go to them. One query for the programme.
 */
export async function holdersOfProgram(
  tx: Queryable,
  programId: string,
): Promise<{ organisationId: string; passes: number }[]> {
  return repo.holdersOfProgram(tx, programId);
}

/** Every booklet of the funder, a batch at a time, for its export (the caller has authorised). */
export const forEachBookletOfFunder = repo.forEachBookletOfFunder;
