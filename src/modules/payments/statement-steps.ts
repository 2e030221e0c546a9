import { sql } from 'drizzle-orm';
import { conflict } from '../../core/errors.js';
import type { Actor } from '../../core/permissions.js';
import { STATEMENT_STATUS_LABELS, STATEMENT_TRANSITIONS, type StatementStep } from '../../core/statement.js';
import type { Queryable } from '../../db/client.js';
import * as notifications from '../notifications/service.js';
import type { TransferRow, TransferView } from './repo.js';

/**
 * Where payments meet the statements and the outbox: the steps a payment run takes its
 * statements through (approve, send, pay, unapprove), each an append-only statement event and a
 * conditional update the database checks against the statement's transition table; and the
 * e-mails to places (statement_approved, statement_paid), enqueued in the same transaction.
 */

/** Preparations and imports of one funder run one at a time: no statement lands in two runs. */
export async function lockFunderRuns(tx: Queryable, funderId: string) {
  await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtextextended(${`payment_runs:${funderId}`}, 0))`);
}

export async function move(tx: Queryable, actor: Actor | null, statementIds: string[], step: StatementStep) {
  if (statementIds.length === 0) return;
  const { from, to } = STATEMENT_TRANSITIONS[step];
  const ids = sql.join(
    statementIds.map((id) => sql`${id}::uuid`),
    sql`, `,
  );
  const { rows } = await tx.execute<{ id: string }>(sql`
    UPDATE statements SET status = ${to} WHERE id IN (${ids}) AND status = ${from} RETURNING id`);
  if (rows.length !== statementIds.length) {
    const { rows: stuck } = await tx.execute<{
      number: string;
      status: keyof typeof STATEMENT_STATUS_LABELS;
    }>(sql`SELECT number, status FROM statements WHERE id IN (${ids}) ORDER BY number`);
    const which = stuck
      .filter((s) => s.status !== to)
      .map((s) => `${s.number} (${STATEMENT_STATUS_LABELS[s.status].toLowerCase()})`);
    throw conflict(
      'statement_state',
      `Relevé${which.length > 1 ? 's' : ''} ${which.join(', ')} : son état a changé depuis la préparation du lot (contestation par le lieu ?). Annulez ce lot et préparez-en un autre.`,
    );
  }
  await tx.execute(sql`
    INSERT INTO statement_events (statement_id, event, status, actor_user_id, actor_label)
    SELECT id, ${step}, ${to}, ${actor?.userId ?? null}::uuid, ${actor?.email ?? 'ligne de commande'}
      FROM unnest(ARRAY[${ids}]) AS id`);
}

async function placeAdmins(tx: Queryable, placeId: string): Promise<string[]> {
  const { rows } = await tx.execute<{ email: string }>(sql`
    SELECT DISTINCT u.email FROM memberships m JOIN users u ON u.id = m.user_id
     WHERE m.organisation_id = ${placeId} AND m.role = 'place_admin' ORDER BY 1`);
  return rows.map((r) => r.email);
}

export async function notifyApproved(tx: Queryable, funderName: string, transfers: TransferView[]) {
  for (const t of transfers) {
    const { rows } = await tx.execute<{ id: string; number: string; totalCents: number }>(sql`
      SELECT id, number, total_cents AS "totalCents" FROM statements
       WHERE id IN (${sql.join(
         t.statementIds.map((id) => sql`${id}::uuid`),
         sql`, `,
       )})`);
    for (const to of await placeAdmins(tx, t.placeId))
      for (const s of rows)
        await notifications.enqueue(tx, {
          to,
          template: 'statement_approved',
          params: {
            placeName: t.placeName,
            funderName,
            statementNumber: s.number,
            totalCents: Number(s.totalCents),
          },
          dedupeKey: `statement_approved:${s.id}:${to}`,
        });
  }
}

export async function notifyPaid(
  tx: Queryable,
  funderId: string,
  transfer: TransferRow,
  statementIds: string[],
  paidOn: string,
) {
  const { rows } = await tx.execute<{ number: string; placeName: string; funderName: string }>(sql`
    SELECT s.number, o.name AS "placeName", f.name AS "funderName"
      FROM statements s JOIN organisations o ON o.id = s.place_id JOIN funders f ON f.id = s.funder_id
     WHERE s.funder_id = ${funderId} AND s.id IN (${sql.join(
       statementIds.map((id) => sql`${id}::uuid`),
       sql`, `,
     )}) ORDER BY s.number`);
  const [first] = rows;
  if (!first) return;
  for (const to of await placeAdmins(tx, transfer.placeId))
    await notifications.enqueue(tx, {
      to,
      template: 'statement_paid',
      funderId,
      params: {
        placeName: first.placeName,
        funderName: first.funderName,
        statementNumbers: rows.map((r) => r.number),
        amountCents: transfer.amountCents,
        paidOn,
      },
      dedupeKey: `statement_paid:${transfer.id}:${to}`,
    });
}
