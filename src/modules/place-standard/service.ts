import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { setImmediate } from 'node:timers/promises';
import { TransactionRollbackError } from 'drizzle-orm';
import { DomainError, notFound } from '../../core/errors.js';
import { fold } from '../../core/french.js';
import { type Actor, requireFunder } from '../../core/permissions.js';
import { communePlace, territoryName } from '../../core/territory.js';
import type { Db, Queryable } from '../../db/client.js';
import * as funders from '../funders/service.js';
import * as placeProfiles from '../place-profiles/service.js';
import { type FileFormat, formatOf, type ReadRecord, recordsOf } from './read.js';
import * as repo from './repo.js';
import {
  type CommuneHint,
  type PlaceDescription,
  type Problem,
  readStandardRow,
  type StandardRow,
  toStandardRow,
} from './standard.js';

export type LineStatus = 'created' | 'updated' | 'unchanged' | 'rejected';
export interface ImportLine {
  /** The line of the file (CSV, header = 1) or the element's rank (JSON, first = 1). */
  line: number;
  status: LineStatus;
  externalId: string | null;
  name: string | null;
  placeId?: string;
  /** Why a line was rejected. */
  field?: string;
  reason?: string;
  /** What was left out of a place that was kept (free-text hours, unknown service…). */
  notes: Problem[];
}
export interface ImportReport {
  counts: Record<LineStatus, number>;
  lines: ImportLine[];
}

/** Places written per statement: one round trip per table for each batch. */
const BATCH = 1000;
/** Lines checked between two turns of the event loop, which let the batch being written go on. */
const YIELD_EVERY = 50;

interface Candidate {
  line: number;
  externalId: string;
  source: string;
  place: PlaceDescription;
  notes: Problem[];
  /** the file names other sites of this SIRET (other names): never joined to one of them */
  otherSites: boolean;
}

const emptyCounts = (): Record<LineStatus, number> => ({ created: 0, updated: 0, unchanged: 0, rejected: 0 });

const profileOf = (placeId: string, c: Candidate): repo.ProfileValues => ({
  placeId,
  address: c.place.address,
  addressComplement: c.place.addressComplement,
  postcode: c.place.postcode,
  latitude: c.place.latitude,
  longitude: c.place.longitude,
  openingHours: c.place.openingHours,
  services: c.place.services,
  publics: c.place.publics,
  specificSupport: c.place.specificSupport,
  accessModes: c.place.accessModes,
  supportModes: c.place.supportModes,
  fees: c.place.fees,
  phone: c.place.phone,
  emails: c.place.emails,
  website: c.place.website,
  bookingUrl: c.place.bookingUrl,
  accessibilityUrl: c.place.accessibilityUrl,
  summary: c.place.summary,
  description: c.place.description,
  source: c.source,
  externalId: c.externalId,
  updatedAt: new Date(),
});

const COMPARED = [
  'address',
  'addressComplement',
  'postcode',
  'latitude',
  'longitude',
  'openingHours',
  'services',
  'publics',
  'specificSupport',
  'accessModes',
  'supportModes',
  'fees',
  'phone',
  'emails',
  'website',
  'bookingUrl',
  'accessibilityUrl',
  'summary',
  'description',
] as const;

function profileDiffers(old: repo.KnownProfile, next: repo.ProfileValues): boolean {
  return COMPARED.some((k) => JSON.stringify(old[k] ?? null) !== JSON.stringify(next[k] ?? null));
}

/**
 * Imports places in the national standard into a funder's roster (issue 11, point 6). Lines are
 * read one by one from the stream and written by batches; each line gets its line in the report.
 * A place is the same place when the file's (source, id) or SIRET is already known: importing
 * the same file twice changes nothing. Imported places join the funder's roster unqualified.
 * `actor` null: the command line (the operator). A dry run computes the same report and
 * writes nothing (each batch's transaction is rolled back).
 */
export async function importPlaces(
  db: Db,
  actor: Actor | null,
  funderId: string,
  input: {
    records: AsyncIterable<ReadRecord>;
    dryRun: boolean;
    /** The source of lines whose file names none: importing it again finds them again. */
    defaultSource: string;
    onProgress?: (processed: number, counts: Record<LineStatus, number>) => unknown;
  },
): Promise<ImportReport> {
  if (actor) requireFunder(actor, 'organisation:write', funderId, 'Financeur');
  if (!(await funders.funderExists(db, funderId))) throw notFound('Financeur');
  const report: ImportReport = { counts: emptyCounts(), lines: [] };
  const seenIds = new Map<string, number>();
  // By SIRET, the lines of each name (folded): an association's sites share its SIRET.
  const seenSirets = new Map<string, Map<string, number>>();
  const seenPlaces = new Map<string, number>();
  const add = (line: ImportLine) => {
    report.lines.push(line);
    report.counts[line.status] += 1;
  };
  let batch: Candidate[] = [];

  // The next batch is read while the previous one is written: reading is CPU, writing waits on
  // PostgreSQL. Batches are still written one after the other, in the file's order.
  let writing: Promise<void> = Promise.resolve();
  const record = async (current: Candidate[]) => {
    const lines = await writeBatch(db, actor, funderId, current, input.dryRun);
    for (const line of lines) {
      if (line.placeId && line.status !== 'rejected') {
        const first = seenPlaces.get(line.placeId);
        if (first !== undefined) {
          // Two lines of one file that the platform knows as one place (the SIRET of one is the other's).
          add({
            ...line,
            status: 'rejected',
            field: 'pivot',
            reason: `Même lieu que la ligne ${first} (SIRET déjà connu sur la plateforme) : ligne non reprise.`,
          });
          continue;
        }
        seenPlaces.set(line.placeId, line.line);
      }
      add(line);
    }
    await input.onProgress?.(report.lines.length, report.counts);
  };
  const flush = async () => {
    if (batch.length === 0) return;
    const current = batch;
    batch = [];
    await writing;
    writing = record(current);
    // A failed write stops the reading at the next batch, not later.
    writing.catch(() => {});
  };

  let lines = 0;
  for await (const record of input.records) {
    // Checking lines is CPU work, resumed by promises only: without a pause now and then, the
    // answers of PostgreSQL to the batch being written would wait for the next batch to be read.
    if (++lines % YIELD_EVERY === 0) await setImmediate();
    if ('unreadable' in record) {
      add({
        line: record.line,
        status: 'rejected',
        externalId: null,
        name: null,
        field: 'ligne',
        reason: record.unreadable,
        notes: [],
      });
      continue;
    }
    const read = readStandardRow(record.raw);
    if (!read.ok) {
      add({
        line: record.line,
        status: 'rejected',
        externalId: read.externalId,
        name: read.name,
        ...read.problem,
        notes: [],
      });
      continue;
    }
    const source = read.source ?? input.defaultSource;
    const reject = (field: string, reason: string) =>
      add({
        line: record.line,
        status: 'rejected',
        externalId: read.externalId,
        name: read.place.name,
        field,
        reason,
        notes: [],
      });
    const key = `${source}\u0000${read.externalId}`;
    const sameId = seenIds.get(key);
    if (sameId !== undefined) {
      reject(
        'id',
        `Doublon : même identifiant « ${read.externalId} » que la ligne ${sameId} : ligne non reprise.`,
      );
      continue;
    }
    seenIds.set(key, record.line);
    let otherSites = false;
    if (read.place.siret) {
      const names = seenSirets.get(read.place.siret) ?? new Map<string, number>();
      const sameSiret = names.get(fold(read.place.name));
      if (sameSiret !== undefined) {
        reject(
          'pivot',
          `Doublon : même SIRET ${read.place.siret} et même nom que la ligne ${sameSiret} : ligne non reprise.`,
        );
        continue;
      }
      otherSites = names.size > 0;
      names.set(fold(read.place.name), record.line);
      seenSirets.set(read.place.siret, names);
    }
    const communeCode = funders.communeOf(read.commune);
    if (!communeCode) {
      reject(
        'code_insee',
        `Commune introuvable : ni le code INSEE « ${read.commune.inseeCode ?? ''} » ni le code postal ${read.commune.postcode} avec le nom « ${read.commune.name ?? ''} » ne désignent une commune : ligne non reprise.`,
      );
      continue;
    }
    if (read.commune.inseeCode && read.commune.inseeCode !== communeCode)
      read.notes.push({
        field: 'code_insee',
        reason: `Code INSEE « ${read.commune.inseeCode} » inconnu : commune retrouvée par le code postal et le nom.`,
      });
    const postcode = completedPostcode(read.commune, communeCode, read.notes) ?? read.place.postcode;
    batch.push({
      line: record.line,
      externalId: read.externalId,
      source,
      place: { ...read.place, postcode, communeCode },
      notes: read.notes,
      otherSites,
    });
    if (batch.length >= BATCH) await flush();
  }
  await flush();
  await writing;
  report.lines.sort((a, b) => a.line - b.line);
  return report;
}

/**
 * A postcode of four digits (a spreadsheet drops the leading zero of 01000 … 09999) is
 * completed only where the commune found has the completed code: « 2920 » for Morlaix
 * (Finistère) is not « 02920 », a postcode of the Aisne, but a typo. Then the commune's own
 * postcode is taken when it has one only, said in the line's notes. Returns the postcode
 * to keep when it is not the file's as completed, and writes the note either way.
 */
function completedPostcode(hint: CommuneHint, communeCode: string, notes: Problem[]): string | undefined {
  if (!hint.completedFrom) return undefined;
  const own = communePlace(communeCode)?.postcodes ?? [];
  const name = territoryName({ level: 'commune', code: communeCode }) ?? communeCode;
  const kept = own.length === 0 || own.includes(hint.postcode) ? undefined : own[0];
  const reason = !kept
    ? `Code postal « ${hint.completedFrom} » complété en « ${hint.postcode} ».`
    : own.length === 1
      ? `Code postal « ${hint.completedFrom} » incomplet, et « ${hint.postcode} » n’est pas celui de ${name} : code postal de la commune retenu, ${kept}.`
      : `Code postal « ${hint.completedFrom} » incomplet, et « ${hint.postcode} » n’est pas un code postal de ${name} (${own.join(', ')}) : lieu repris avec ${kept}, à vérifier.`;
  // In the order of the standard's columns, as the other notes: after the SIRET's (« pivot »).
  const at = notes.findIndex((n) => n.field !== 'pivot');
  notes.splice(at < 0 ? notes.length : at, 0, { field: 'code_postal', reason });
  return kept;
}

/** One batch in one transaction: which lines are new, changed or the same, then the writes. */
async function writeBatch(
  db: Db,
  actor: Actor | null,
  funderId: string,
  batch: Candidate[],
  dryRun: boolean,
) {
  const lines: ImportLine[] = [];
  try {
    await db.transaction(async (tx) => {
      const lookup = await repo.knownPlaces(
        tx,
        funderId,
        batch.map((c) => ({
          source: c.source,
          externalId: c.externalId,
          siret: c.place.siret,
          name: c.place.name,
          otherSites: c.otherSites,
        })),
      );
      const found = new Map(lookup.places.map((p) => [p.rank, p]));
      const created: funders.PlaceIdentity[] = [];
      const joining = new Set<string>();
      const renamed: funders.PlaceIdentity[] = [];
      const fresh: repo.ProfileValues[] = [];
      const written: repo.ProfileValues[] = [];
      for (const [rank, c] of batch.entries()) {
        const identity = { name: c.place.name, siret: c.place.siret, communeCode: c.place.communeCode };
        const base = { line: c.line, externalId: c.externalId, name: c.place.name, notes: c.notes };
        const known = found.get(rank);
        const sites = known ? undefined : lookup.sites.get(rank);
        if (sites && !c.otherSites) {
          // Several sites of the SIRET, none of the line's name: which one it is, nothing says.
          lines.push({
            ...base,
            status: 'rejected',
            field: 'pivot',
            reason: `SIRET ${c.place.siret} : celui de plusieurs lieux de la plateforme (${sites.map((n) => `« ${n} »`).join(', ')}), aucun du nom « ${c.place.name} » : ligne non reprise. Donnez au lieu le nom de l’un d’eux, ou ajoutez-le depuis vos lieux s’il est un autre site de la même structure.`,
          });
          continue;
        }
        if (sites)
          c.notes.push({
            field: 'pivot',
            reason: `SIRET ${c.place.siret} : aussi celui de ${sites.map((n) => `« ${n} »`).join(', ')} ; le fichier nomme plusieurs sites de ce SIRET : lieu créé comme un autre site de la même structure.`,
          });
        if (!known) {
          const id = randomUUID();
          created.push({ id, ...identity });
          fresh.push(profileOf(id, c));
          lines.push({ ...base, status: 'created', placeId: id });
          continue;
        }
        const placeId = known.id;
        const profile = known.profile;
        const joins = !known.onRoster && !joining.has(placeId);
        if (joins) joining.add(placeId);
        // A place found by its SIRET that keeps its own description (registered itself, or
        // imported from another source) keeps it: the file only puts it on the roster.
        const owned = !profile || (profile.source === c.source && profile.externalId === c.externalId);
        // A place other funders work with keeps the name they know it by: one funder's file
        // does not rename it for all of them (their lists, statements and payments name it).
        const keepsName = known.name !== identity.name && (!owned || known.shared);
        if (keepsName) identity.name = known.name;
        // Found by its SIRET, not by the file's id, under another name: the funder sees which
        // place of the platform the line was joined to before taking it for a new one; and a
        // place of its file that others know under another name, that the name stays theirs.
        if (!(profile && owned) && known.name !== c.place.name)
          c.notes.push({
            field: 'pivot',
            reason: `SIRET ${c.place.siret} : ligne rattachée au lieu « ${known.name} » déjà présent sur la plateforme, ${
              !owned
                ? 'qui garde son nom'
                : keepsName
                  ? `que d’autres financeurs connaissent sous ce nom : le lieu le garde, le nom du fichier « ${c.place.name} » n’est pas repris`
                  : `qui prend le nom « ${identity.name} »`
            }.`,
          });
        else if (profile && owned && keepsName)
          c.notes.push({
            field: 'pivot',
            reason: `Lieu « ${known.name} » : d’autres financeurs le connaissent sous ce nom, qu’il garde ; le nom du fichier « ${c.place.name} » n’est pas repris.`,
          });
        let changed = joins;
        if (owned) {
          const next = profileOf(placeId, c);
          if (!profile || profileDiffers(profile, next)) {
            written.push(next);
            changed = true;
          }
          const siret = c.place.siret ?? known.siret;
          if (
            known.name !== identity.name ||
            known.communeCode !== identity.communeCode ||
            known.siret !== siret
          ) {
            renamed.push({ id: placeId, ...identity, siret });
            changed = true;
          }
        } else
          c.notes.push({
            field: 'pivot',
            reason:
              'Lieu déjà présent sur la plateforme (même SIRET) avec sa propre fiche : fiche conservée.',
          });
        if (joins)
          c.notes.push({
            field: 'pivot',
            reason: 'Lieu déjà présent sur la plateforme : ajouté à vos lieux.',
          });
        lines.push({ ...base, status: changed ? 'updated' : 'unchanged', placeId });
      }
      await funders.addPlaces(tx, actor, funderId, {
        created,
        existing: [...joining],
        source: batch[0]!.source,
      });
      await funders.updatePlaceIdentities(tx, renamed);
      await repo.upsertProfiles(tx, fresh, true);
      await repo.upsertProfiles(tx, written);
      if (dryRun) tx.rollback();
    });
    // Once committed: a session judged meanwhile would keep the former services.
    placeProfiles.forgetSessionThemes(lines.flatMap((l) => (l.placeId ? [l.placeId] : [])));
  } catch (e) {
    if (!(e instanceof TransactionRollbackError)) throw e;
  }
  return lines;
}

// ——— Import jobs, for the web page: started, then polled for progress and report ———

/** Only the funder's admins import places (the operator supports funders, it does not run them). */
export function mayImport(actor: Actor, funderId: string) {
  requireFunder(actor, 'organisation:write', funderId, 'Financeur');
}

/** The web's upload: the file's bytes, read as CSV or JSON by its content. */
export async function startImport(
  db: Db,
  actor: Actor,
  funderId: string,
  file: { name: string; content: Buffer },
  dryRun: boolean,
) {
  mayImport(actor, funderId);
  if (!(await funders.funderExists(db, funderId))) throw notFound('Financeur');
  if (file.content.length === 0)
    throw new DomainError('empty_file', 'Le fichier est vide : choisissez un fichier CSV ou JSON.', [
      { field: 'file', message: 'Le fichier est vide.' },
    ]);
  const format = formatOf(file.content);
  const expected = format === 'csv' ? countLines(file.content) - 1 : 0;
  const job = await repo.insertImport(db, {
    funderId,
    createdBy: actor.userId,
    fileName: file.name.slice(0, 200),
    dryRun,
    expected: Math.max(expected, 0),
  });
  void runJob(db, actor, funderId, job.id, file, format, dryRun);
  return { id: job.id };
}

function countLines(content: Buffer) {
  let n = 0;
  for (let i = content.indexOf(10); i !== -1; i = content.indexOf(10, i + 1)) n++;
  return content[content.length - 1] === 10 ? n : n + 1;
}

async function runJob(
  db: Db,
  actor: Actor,
  funderId: string,
  id: string,
  file: { name: string; content: Buffer },
  format: FileFormat,
  dryRun: boolean,
) {
  try {
    const report = await importPlaces(db, actor, funderId, {
      records: recordsOf(Readable.from([file.content]), format, (total) =>
        repo.updateImport(db, id, { expected: total }),
      ),
      dryRun,
      defaultSource: `import:${funderId}`,
      onProgress: (processed, counts) => repo.updateImport(db, id, { processed, counts }),
    });
    await repo.updateImport(db, id, {
      status: 'done',
      processed: report.lines.length,
      expected: report.lines.length,
      counts: report.counts,
      lines: report.lines,
      finishedAt: new Date(),
    });
  } catch (e) {
    const detail =
      e instanceof DomainError ? e.detail : 'L’import a échoué : réessayez ou contactez le support.';
    await repo
      .updateImport(db, id, { status: 'failed', error: detail, finishedAt: new Date() })
      .catch(() => {});
  }
}

export async function importJob(db: Queryable, actor: Actor, funderId: string, id: string) {
  mayImport(actor, funderId);
  const job = await repo.findImport(db, funderId, id);
  if (!job) throw notFound('Import');
  return {
    id: job.id,
    fileName: job.fileName,
    dryRun: job.dryRun,
    status: job.status,
    expected: job.expected,
    processed: job.processed,
    counts: { ...emptyCounts(), ...job.counts },
    lines: job.lines as ImportLine[],
    error: job.error,
  };
}

// ——— Export: the funder's qualified places, in the standard ———

/** Every place the funder qualified (approved, not suspended) that has a profile, in the standard. */
export async function exportPlaces(db: Queryable, funderId: string): Promise<StandardRow[]> {
  if (!(await funders.funderExists(db, funderId))) throw notFound('Financeur');
  const rows = await repo.qualifiedPlaces(db, funderId);
  return rows.map(({ profile: p, ...o }) =>
    toStandardRow({
      ...p,
      id: o.id,
      name: o.name,
      siret: o.siret,
      communeCode: o.communeCode ?? '',
      communeName: (o.communeCode && funders.communeName(o.communeCode)) || '',
      source: p.source ?? 'Pass numérique',
    }),
  );
}
