import { businessDate, daysBetween } from '../../core/dates.js';
import { conflict, type FieldIssue, notFound } from '../../core/errors.js';
import { type Actor, requireFunder } from '../../core/permissions.js';
import type { Db, Queryable } from '../../db/client.js';
import * as audit from '../audit/service.js';
import * as auth from '../auth/service.js';
import * as funders from '../funders/service.js';
import * as stock from '../stock/service.js';
import { type CheckedLine, checkLine, nameKey } from './check.js';
import { formatOf, readLines } from './file.js';

export type LineStatus = 'created' | 'unchanged' | 'rejected';

/** One line of an import's report: what became (or, in a dry run, would become) of it. */
export interface ReportLine {
  line: number;
  name: string | null;
  status: LineStatus;
  /** the fields at fault, for a rejected line */
  errors: FieldIssue[];
  /** the prescriber created or already there */
  prescriberId: string | null;
}

export interface ImportInput {
  fileName: string;
  content: Buffer;
  dryRun: boolean;
}

/** Later lines naming a structure an earlier line of the file names are rejected. */
function markDuplicates(checked: CheckedLine[]): CheckedLine[] {
  const seen = new Map<string, number>();
  return checked.map((c) => {
    const name = c.ok ? c.value.name : c.name;
    const key = name ? nameKey(name) : '';
    if (!key) return c;
    const first = seen.get(key);
    if (first === undefined) {
      seen.set(key, c.ok ? c.value.line : c.line);
      return c;
    }
    const line = c.ok ? c.value.line : c.line;
    return {
      ok: false,
      line,
      name,
      errors: [{ field: 'name', message: `Ligne en double : la ligne ${first} nomme déjà cette structure.` }],
    };
  });
}

const isUniqueViolation = (error: unknown) =>
  [error, (error as { cause?: unknown })?.cause].some((e) => (e as { code?: unknown })?.code === '23505');

/**
 * Imports a funder's prescribers from a CSV or XLSX file (issue 11, point 2), or, in a dry
 * run, reports what it would do, line by line. A line is created, unchanged (a prescriber
 * of that name is there already: importing a file twice creates nothing the second time),
 * or rejected with each field at fault. Applying is one transaction, audited with counts.
 * `actor` is null for the command line and the demo loader.
 */
export async function importFile(
  db: Db,
  actor: Actor | null,
  funderId: string,
  input: ImportInput,
  onProgress?: (done: number, total: number) => void,
) {
  if (actor) requireFunder(actor, 'organisation:write', funderId, 'Financeur');
  else if (!(await funders.nameOf(db, funderId))) throw notFound('Financeur');
  const lines = await readLines(formatOf(input.fileName), input.content);
  const checked = markDuplicates(lines.map(checkLine));
  const run = async (tx: Queryable) => {
    const report: ReportLine[] = [];
    for (const [i, c] of checked.entries()) {
      if (!c.ok) {
        report.push({ line: c.line, name: c.name, status: 'rejected', errors: c.errors, prescriberId: null });
      } else {
        const { line, name, kind, siret, communeCode } = c.value;
        const existing = await funders.findPrescriberByName(tx, funderId, name);
        let id = existing?.id ?? null;
        if (!existing && !input.dryRun) {
          const row = await funders.insertOrganisation(tx, actor, {
            funderId,
            kind: 'prescriber',
            name,
            prescriberKind: kind,
            communeCode,
            ...(siret ? { siret } : {}),
          });
          id = row.id;
        }
        report.push({ line, name, status: existing ? 'unchanged' : 'created', errors: [], prescriberId: id });
      }
      onProgress?.(i + 1, checked.length);
    }
    const counts = {
      lines: report.length,
      created: report.filter((r) => r.status === 'created').length,
      unchanged: report.filter((r) => r.status === 'unchanged').length,
      rejected: report.filter((r) => r.status === 'rejected').length,
    };
    if (!input.dryRun) {
      await audit.record(tx, {
        actor,
        funderId,
        action: 'prescriber.import',
        objectType: 'funder',
        objectId: funderId,
        summary: { fileName: input.fileName, ...counts },
      });
    }
    return { dryRun: input.dryRun, fileName: input.fileName, counts, lines: report };
  };
  if (input.dryRun) return run(db);
  try {
    return await db.transaction(run);
  } catch (e) {
    // Someone added one of these names meanwhile: nothing was written, the import can be run again.
    if (isUniqueViolation(e))
      throw conflict(
        'import_conflict',
        'Un prescripteur de ce fichier a été ajouté en même temps par ailleurs : rien n’a été importé, relancez l’import.',
      );
    throw e;
  }
}

/**
 * A prescriber's page for its funder's staff: booklets held now, booklets handed out, the
 * passes of those redeemed, days since its last hand-out, its agents. Another funder's
 * prescriber is not found.
 */
export async function prescriberPage(db: Db, actor: Actor, funderId: string, prescriberId: string) {
  requireFunder(actor, 'stock:read', funderId, 'Financeur');
  const org = await funders.findOrganisation(db, funderId, prescriberId);
  if (!org || org.kind !== 'prescriber') throw notFound('Prescripteur');
  const [figures] = await stock.prescriberFigures(db, funderId, prescriberId);
  const last = figures?.lastHandOutOn ?? null;
  const { members, invited } = await auth.agentsOf(db, prescriberId);
  return {
    ...funders.presentPrescriber(org),
    held: figures?.held ?? 0,
    handedOut: figures?.handedOut ?? 0,
    redeemed: figures?.redeemed ?? 0,
    lastHandOutOn: last,
    daysSinceLastHandOut: last ? daysBetween(last, businessDate()) : null,
    booklets: await stock.heldBooklets(db, prescriberId),
    agents: members.map((m) => ({
      membershipId: m.membershipId,
      displayName: m.displayName,
      email: m.email,
    })),
    invitedAgents: invited.map((i) => ({ email: i.email, expiresAt: i.expiresAt.toISOString() })),
  };
}

/** The funder's prescribers with their figures, for the list of prescribers. */
export async function prescribersWithFigures(db: Db, actor: Actor, funderId: string) {
  const list = await funders.prescribersOf(db, actor, funderId);
  const figures = new Map((await stock.prescriberFigures(db, funderId)).map((f) => [f.prescriberId, f]));
  return list.map((p) => {
    const f = figures.get(p.id);
    return {
      ...p,
      held: f?.held ?? 0,
      handedOut: f?.handedOut ?? 0,
      redeemed: f?.redeemed ?? 0,
      lastHandOutOn: f?.lastHandOutOn ?? null,
    };
  });
}
