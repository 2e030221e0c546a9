import { randomUUID } from 'node:crypto';
import { addDays, businessDate, frenchDate } from '../../core/dates.js';
import { conflict, invalid, notFound } from '../../core/errors.js';
import { agree } from '../../core/french.js';
import {
  activationMovement,
  cancellationMovement,
  carryOverMovements,
  expiryMovement,
} from '../../core/ledger.js';
import { formatBookletSerial, formatPassCode, generatePassCodes, passCodeUrl } from '../../core/pass-code.js';
import { type Actor, can, requireFunder } from '../../core/permissions.js';
import { roomLeft } from '../../core/program/plan-cap.js';
import { recordedDate } from '../../core/recorded-date.js';
import { fileSlug } from '../../core/text.js';
import type { Queryable } from '../../db/client.js';
import * as audit from '../audit/service.js';
import * as ledger from '../ledger/service.js';
import * as programs from '../programs/service.js';
import * as repo from './repo.js';

export interface IssueInput {
  bookletCount: number;
  bookletSize: 5 | 10;
  envelopeId?: string | null;
  issuedOn?: string;
  /** Required when `issuedOn` is not today; kept in the audit trail. */
  backdateReason?: string | null;
}

// Big enough that per-statement overhead vanishes, small enough to show progress.
const BOOKLETS_PER_CHUNK = 5_000;
const fmt = (n: number) => n.toLocaleString('fr-FR');
/** « Au plus 65 carnets de 10. », « Au plus 1 carnet de 5. », « Plus aucun carnet de 5 ne peut être émis. » */
const atMost = (booklets: number, size: number) =>
  booklets === 0
    ? `Plus aucun carnet de ${size} ne peut être émis.`
    : `Au plus ${fmt(booklets)} ${agree(booklets, 'carnet', 'carnets')} de ${size}.`;

/** Who may record a date other than today: a funder admin (or the system itself: demo, command line). */
export const mayBackdate = (actor: Actor | null, funderId?: string) =>
  actor === null || can(actor, 'program:write', funderId);

/**
 * Issues booklets and their passes (not yet active: activation follows funding), in one
 * transaction with the programme locked, so two issues cannot both squeeze under a cap.
 */
export async function issue(
  db: Queryable,
  actor: Actor | null,
  programId: string,
  input: IssueInput,
  onProgress?: (passesDone: number, passesTotal: number) => void,
) {
  const today = businessDate();
  return db.transaction(async (tx) => {
    // Authorise on the programme first: another funder's programme is not found, whatever the date.
    const locked = await programs.lockAsOf(tx, actor, programId, input.issuedOn ?? today);
    const when = recordedDate(
      { date: input.issuedOn, reason: input.backdateReason },
      today,
      'issuedOn',
      mayBackdate(actor),
    );
    if (!when.ok) throw invalid(when.issues);
    const { date: issuedOn, backdateReason } = when.value;
    const { program, state, envelopes } = locked;
    programs.requireAllowed(locked, issuedOn, 'issue', 'issuedOn');
    if (!state) {
      // A programme decided ahead: its booklets are issued from its first day, not before.
      const start = await programs.startsOn(tx, program.id);
      throw invalid([
        {
          field: 'issuedOn',
          message: start
            ? `Le dispositif prend effet le ${frenchDate(start)} : ses carnets peuvent être émis à partir de ce jour.`
            : "Le dispositif n'existe pas encore à cette date.",
        },
      ]);
    }
    if (!state.bookletSizes.includes(input.bookletSize)) {
      throw invalid([
        {
          field: 'bookletSize',
          message: `Ce dispositif n'admet que des carnets de ${state.bookletSizes.join(' ou ')} pass.`,
        },
      ]);
    }
    const envelope = input.envelopeId ? envelopes.find((e) => e.id === input.envelopeId) : null;
    if (input.envelopeId && !envelope) {
      throw invalid([
        { field: 'envelopeId', message: "Cette enveloppe n'existe pas pour ce dispositif à cette date." },
      ]);
    }
    const count = input.bookletCount * input.bookletSize;
    const issued = await repo.issuedCounts(tx, programId, envelope?.id ?? null);
    // The plan, and its share outside the envelopes, must hold on the issue date and every later one.
    const shortfall = await programs.planShortfall(tx, locked, issuedOn, count, envelope?.id ?? null);
    if (shortfall) {
      const room = roomLeft(shortfall, count);
      throw conflict('program_cap_exceeded', programs.shortfallMessage(shortfall, count), [
        {
          field: 'bookletCount',
          message: atMost(Math.floor(room / input.bookletSize), input.bookletSize),
        },
      ]);
    }
    if (envelope && issued.envelope + count > envelope.cap) {
      throw conflict(
        'envelope_cap_exceeded',
        `L'enveloppe « ${envelope.name} » est plafonnée à ${fmt(envelope.cap)} pass ; ${fmt(issued.envelope)} sont déjà émis.`,
        [
          {
            field: 'bookletCount',
            message: atMost(
              Math.floor((envelope.cap - issued.envelope) / input.bookletSize),
              input.bookletSize,
            ),
          },
        ],
      );
    }
    const batch = await repo.insertBatch(tx, {
      funderId: program.funderId,
      programId,
      envelopeId: envelope?.id ?? null,
      bookletSize: input.bookletSize,
      bookletCount: input.bookletCount,
      issuedOn,
      createdBy: actor?.userId ?? null,
    });
    const prefix = program.serialPrefix;
    const firstSequence = (await repo.bookletCount(tx, programId, batch.id)) + 1;
    const codes = generatePassCodes(count);
    for (let start = 0; start < input.bookletCount; start += BOOKLETS_PER_CHUNK) {
      const n = Math.min(BOOKLETS_PER_CHUNK, input.bookletCount - start);
      const ids = Array.from({ length: n }, () => randomUUID());
      const serials = ids.map((_, i) => formatBookletSerial(prefix, firstSequence + start + i));
      await repo.insertBooklets(tx, batch, serials, ids);
      const passBooklets = ids.flatMap((id) => Array<string>(input.bookletSize).fill(id));
      const chunkCodes = codes.slice(start * input.bookletSize, (start + n) * input.bookletSize);
      await repo.insertPasses(tx, batch, state.faceValueCents, passBooklets, chunkCodes);
      onProgress?.((start + n) * input.bookletSize, count);
    }
    // Money already on account activates the new passes at once.
    const activated = await activateFunded(tx, program);
    await audit.record(tx, {
      actor,
      funderId: program.funderId,
      action: 'passes.issue',
      objectType: 'issue_batch',
      objectId: batch.id,
      summary: {
        programId,
        envelope: envelope?.name ?? null,
        booklets: input.bookletCount,
        size: input.bookletSize,
        passes: count,
        activated: activated.n,
        issuedOn,
        ...(backdateReason ? { backdateReason } : {}),
      },
    });
    return {
      batch,
      passes: count,
      activatedPasses: activated.n,
      firstSerial: formatBookletSerial(prefix, firstSequence),
      lastSerial: formatBookletSerial(prefix, firstSequence + input.bookletCount - 1),
    };
  });
}

/**
 * The programme's issues, for taking a printer's file again (a download lost, a reprint): to
 * those who may take the file, the funder's admins.
 */
export async function issuesOf(db: Queryable, actor: Actor, programId: string) {
  const program = await programs.get(db, actor, programId);
  requireFunder(actor, 'codes:download', program.funderId, 'Dispositif');
  return (await repo.issuesOf(db, programId)).map((r) => ({ ...r, passes: r.bookletCount * r.bookletSize }));
}

/**
 * The codes of a batch for the printer. Whoever holds the file can redeem every pass of the
 * batch, so only the funder's admins take it, and each download is in the audit trail (how
 * many codes, never the codes).
 */
export async function batchCodesFile(
  db: Queryable,
  actor: Actor,
  programId: string,
  batchId: string,
  publicUrl: string,
) {
  const program = await programs.get(db, actor, programId);
  requireFunder(actor, 'codes:download', program.funderId, 'Dispositif');
  const batch = await repo.findBatch(db, programId, batchId);
  if (!batch) throw notFound('Émission');
  // A name a person recognises in a downloads folder, not « codes-<uuid>.csv ».
  const fileName = `codes-imprimeur-${fileSlug(program.name, 'dispositif')}-lot-${await repo.batchNumber(db, batch)}.csv`;
  await audit.record(db, {
    actor,
    funderId: program.funderId,
    action: 'passes.codes_download',
    objectType: 'issue_batch',
    objectId: batchId,
    summary: { programId, codes: await repo.batchCodeCount(db, batchId) },
  });
  return { fileName, text: codesFileText(db, batchId, publicUrl) };
}

/** The file's text, a page at a time: each line a booklet, a code and the link its QR code holds. */
async function* codesFileText(db: Queryable, batchId: string, publicUrl: string) {
  yield 'carnet;code;url_qr\n';
  for await (const rows of codePages(db, batchId)) {
    yield rows
      .map((r) => `${r.serial};${formatPassCode(r.code)};${passCodeUrl(publicUrl, r.code)}\n`)
      .join('');
  }
}

/** Booklets read at a time for the printer's file: at most 10,000 codes. */
const CODES_PAGE_BOOKLETS = 1000;

/**
 * The batch's codes, a page of booklets at a time, each read when the file's reader asks for
 * it: an issue of a million passes is sent without being held whole in memory (its rows and
 * lines took about half a gigabyte), and no connection is kept while a slow line takes it.
 * The codes of a batch never change, so the pages need no common snapshot.
 */
async function* codePages(db: Queryable, batchId: string) {
  let after: string | null = null;
  for (;;) {
    const rows = await repo.batchCodesPage(db, batchId, after, CODES_PAGE_BOOKLETS);
    if (rows.length === 0) return;
    yield rows;
    after = rows.at(-1)!.serial;
  }
}

/**
 * Activates as many issued passes, in issue order, as the programme's unactivated funded value
 * covers: a pass whose value is not on account never circulates. Called when passes are issued
 * and when money is recorded; call it with the programme locked. Posted now, or at the end of
 * `recordedOn` when the caller replays an earlier day (demo data: ledger.post's `valueOn`).
 */
export async function activateFunded(
  tx: Queryable,
  program: { id: string; funderId: string },
  recordedOn?: string,
) {
  const { unactivatedCents } = await ledger.balancesOf(tx, program.id);
  const activated = await repo.activateUpTo(tx, program.id, unactivatedCents);
  if (activated.n > 0)
    await ledger.post(tx, program.funderId, program.id, activationMovement(activated.value), recordedOn);
  return activated;
}
/** For a funding reversal: passes in stock back to unactivated (the caller posts the movement). */
export const deactivateInStock = repo.deactivateInStock;
export const circulatingCount = repo.circulatingCount;
export const statusCounts = repo.statusCounts;

/** Pass counts per envelope of a programme, for the dashboard (the caller has authorised). */
export const countsByEnvelope = repo.passCounts;

/** Passes issued and handed out in a period and up to its end, for the programme's report (the caller has authorised). */
export const periodCounts = repo.periodCounts;

/** The codes printed in one booklet, for the demo loader (no HTTP route exposes this). */
export async function bookletCodes(db: Queryable, serial: string): Promise<string[]> {
  return repo.bookletCodes(db, serial);
}

/**
 * The programme of the pass with this (canonical) code, for the QR landing page's link to
 * the directory; null when no pass has it. Callers count the misses as guesses.
 */
export async function programOfCode(db: Queryable, code: string): Promise<string | null> {
  return repo.programOfCode(db, code);
}

/**
 * Expires every pass whose validity ended before `today` and whose programme's tolerance
 * period for late sessions is over too (a place may still record a session given before the
 * usage end until then: the pass must still be there), moving its value from outstanding to
 * expired, back to the funder, one audited movement per programme. Idempotent: run it daily.
 */
export async function expireOverdue(db: Queryable, today = businessDate()) {
  return db.transaction(async (tx) => {
    const expired = [];
    for (const programId of await repo.programsWithOverdue(tx, today)) {
      const tolerance = (await programs.stateAsOf(tx, programId, today))?.lateSessionDays ?? 0;
      expired.push(...(await repo.expireOverdue(tx, programId, addDays(today, -tolerance))));
    }
    for (const e of expired) {
      await ledger.post(tx, e.funderId, e.programId, expiryMovement(e.value));
      await audit.record(tx, {
        actor: null,
        actorLabel: 'expiration quotidienne',
        funderId: e.funderId,
        action: 'passes.expire',
        objectType: 'program',
        objectId: e.programId,
        summary: { passes: e.n, valueCents: e.value, validUntilBefore: today },
      });
    }
    return expired.reduce((n, e) => n + e.n, 0);
  });
}

/**
 * At a programme's usage end: its passes never handed out are cancelled, the value of those
 * already activated back from circulation (the money stays the funder's). In the caller's
 * transaction, which audits the step; idempotent.
 */
export async function cancelNeverHandedOut(tx: Queryable, program: { id: string; funderId: string }) {
  const cancelled = await repo.cancelNeverHandedOut(tx, program.id);
  if (cancelled.value > 0) {
    await ledger.post(tx, program.funderId, program.id, cancellationMovement(cancelled.value));
  }
  return cancelled;
}

/**
 * When the tolerance period after the usage end is over: the passes handed out and not used
 * expire, their value back to the funder. In the caller's transaction; idempotent.
 */
export async function expireAtProgramEnd(tx: Queryable, program: { id: string; funderId: string }) {
  const expired = await repo.expireAllActive(tx, program.id);
  if (expired.value > 0) await ledger.post(tx, program.funderId, program.id, expiryMovement(expired.value));
  return expired;
}

/** Passes never handed out and the value of the active ones: what a carry-over would move. */
export const neverHandedOut = repo.neverHandedOutCounts;
export const cancelledNeverHandedOut = repo.cancelledNeverHandedOut;

/**
 * At a programme's usage end, its passes never handed out move to the following programme the
 * funder chose (the caller has both programmes locked and checked the target can take them):
 * their booklets and passes change programme, and their value leaves the old programme's
 * circulation for the new one's (two movements, each balanced in its programme). The target's
 * money on account may then activate the passes that had none. In the caller's transaction.
 */
export async function carryOver(
  tx: Queryable,
  from: { id: string; funderId: string },
  to: { id: string; funderId: string },
) {
  const moved = await repo.moveNeverHandedOut(tx, from.id, to.id);
  if (moved.value > 0) {
    const m = carryOverMovements(moved.value);
    await ledger.post(tx, from.funderId, from.id, m.out);
    await ledger.post(tx, to.funderId, to.id, m.in);
  }
  const activated = moved.n > moved.active ? await activateFunded(tx, to) : { n: 0, value: 0 };
  return { ...moved, activated: activated.n };
}
