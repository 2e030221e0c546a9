import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Queryable } from '../../db/client.js';
import {
  funderCharters,
  funderQuestionnaires,
  placeApplications,
  placeBankAccounts,
  placeCharterAcceptances,
  users,
} from '../../db/schema/index.js';

export type QuestionnaireRow = typeof funderQuestionnaires.$inferSelect;

/** Serialises the versions of one funder's texts: two admins saving at once get 1 and 2. */
async function lockFunderTexts(tx: Queryable, funderId: string, what: string) {
  await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtext(${`${what}:${funderId}`}))`);
}

export async function questionnaires(tx: Queryable, funderId: string) {
  return tx
    .select()
    .from(funderQuestionnaires)
    .where(eq(funderQuestionnaires.funderId, funderId))
    .orderBy(desc(funderQuestionnaires.version));
}

export async function questionnaireVersion(tx: Queryable, funderId: string, version: number) {
  const [row] = await tx
    .select()
    .from(funderQuestionnaires)
    .where(and(eq(funderQuestionnaires.funderId, funderId), eq(funderQuestionnaires.version, version)));
  return row;
}

export async function insertQuestionnaire(
  tx: Queryable,
  values: Omit<typeof funderQuestionnaires.$inferInsert, 'version'>,
) {
  await lockFunderTexts(tx, values.funderId, 'questionnaire');
  const [row] = await tx
    .insert(funderQuestionnaires)
    .values({
      ...values,
      version: sql`(SELECT coalesce(max(version), 0) + 1 FROM funder_questionnaires WHERE funder_id = ${values.funderId})`,
    })
    .returning();
  return row!;
}

export async function charters(tx: Queryable, funderId: string) {
  return tx
    .select()
    .from(funderCharters)
    .where(eq(funderCharters.funderId, funderId))
    .orderBy(desc(funderCharters.version));
}

export async function insertCharter(
  tx: Queryable,
  values: Omit<typeof funderCharters.$inferInsert, 'version'>,
) {
  await lockFunderTexts(tx, values.funderId, 'charter');
  const [row] = await tx
    .insert(funderCharters)
    .values({
      ...values,
      version: sql`(SELECT coalesce(max(version), 0) + 1 FROM funder_charters WHERE funder_id = ${values.funderId})`,
    })
    .returning();
  return row!;
}

export async function insertAcceptance(tx: Queryable, values: typeof placeCharterAcceptances.$inferInsert) {
  const [row] = await tx.insert(placeCharterAcceptances).values(values).returning();
  return row!;
}

/** The place's latest acceptance of the funder's charter, with the version accepted. */
export async function latestAcceptance(tx: Queryable, placeId: string, funderId: string) {
  const [row] = await tx
    .select({
      charterId: placeCharterAcceptances.charterId,
      version: funderCharters.version,
      signatory: placeCharterAcceptances.signatory,
      acceptedOn: placeCharterAcceptances.acceptedOn,
    })
    .from(placeCharterAcceptances)
    .innerJoin(funderCharters, eq(funderCharters.id, placeCharterAcceptances.charterId))
    .where(and(eq(placeCharterAcceptances.placeId, placeId), eq(placeCharterAcceptances.funderId, funderId)))
    .orderBy(desc(funderCharters.version), desc(placeCharterAcceptances.id))
    .limit(1);
  return row;
}

export async function insertBankAccount(tx: Queryable, values: typeof placeBankAccounts.$inferInsert) {
  const [row] = await tx.insert(placeBankAccounts).values(values).returning();
  return row!;
}

/** The place's bank accounts, latest (current) first. */
export async function bankAccounts(tx: Queryable, placeId: string) {
  return tx
    .select({
      id: placeBankAccounts.id,
      iban: placeBankAccounts.iban,
      bic: placeBankAccounts.bic,
      holder: placeBankAccounts.holder,
      createdAt: placeBankAccounts.createdAt,
      createdBy: users.displayName,
    })
    .from(placeBankAccounts)
    .leftJoin(users, eq(users.id, placeBankAccounts.createdBy))
    .where(eq(placeBankAccounts.placeId, placeId))
    .orderBy(desc(placeBankAccounts.id));
}

/** Which of the places have recorded a bank account (one query for them all). */
export async function placesWithBankAccount(tx: Queryable, placeIds: string[]): Promise<Set<string>> {
  if (placeIds.length === 0) return new Set();
  const rows = await tx
    .selectDistinct({ placeId: placeBankAccounts.placeId })
    .from(placeBankAccounts)
    .where(inArray(placeBankAccounts.placeId, placeIds));
  return new Set(rows.map((r) => r.placeId));
}

export async function insertApplication(tx: Queryable, values: typeof placeApplications.$inferInsert) {
  const [row] = await tx.insert(placeApplications).values(values).returning();
  return row!;
}

/** A place's applications (of one funder, or all), latest first, with the version answered. */
export async function applications(tx: Queryable, placeId: string, funderId?: string) {
  return tx
    .select({
      id: placeApplications.id,
      funderId: placeApplications.funderId,
      programId: placeApplications.programId,
      questionnaireVersion: funderQuestionnaires.version,
      answers: placeApplications.answers,
      score: placeApplications.score,
      maxScore: placeApplications.maxScore,
      passMark: placeApplications.passMark,
      submittedAt: placeApplications.createdAt,
      submittedBy: users.displayName,
    })
    .from(placeApplications)
    .innerJoin(funderQuestionnaires, eq(funderQuestionnaires.id, placeApplications.questionnaireId))
    .leftJoin(users, eq(users.id, placeApplications.submittedBy))
    .where(
      funderId
        ? and(eq(placeApplications.placeId, placeId), eq(placeApplications.funderId, funderId))
        : eq(placeApplications.placeId, placeId),
    )
    .orderBy(desc(placeApplications.id));
}

/** When the place last applied to one programme of the funder; null if it never did. */
export async function lastApplicationAt(tx: Queryable, funderId: string, programId: string, placeId: string) {
  const [row] = await tx
    .select({ at: placeApplications.createdAt })
    .from(placeApplications)
    .where(
      and(
        eq(placeApplications.funderId, funderId),
        eq(placeApplications.programId, programId),
        eq(placeApplications.placeId, placeId),
      ),
    )
    .orderBy(desc(placeApplications.id))
    .limit(1);
  return row?.at ?? null;
}

/** The latest application of each place of a funder, per programme: the roster's column. */
export async function latestApplicationsOfFunder(tx: Queryable, funderId: string) {
  return tx
    .selectDistinctOn([placeApplications.placeId, placeApplications.programId], {
      placeId: placeApplications.placeId,
      programId: placeApplications.programId,
      score: placeApplications.score,
      passMark: placeApplications.passMark,
      submittedAt: placeApplications.createdAt,
    })
    .from(placeApplications)
    .where(eq(placeApplications.funderId, funderId))
    .orderBy(placeApplications.placeId, placeApplications.programId, desc(placeApplications.id));
}
