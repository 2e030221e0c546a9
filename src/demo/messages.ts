import type { Db } from '../db/client.js';
import * as notifications from '../modules/notifications/service.js';

/**
 * The demo's outbox (issue 12, point 7) besides the invitations its accounts were created with:
 * the Médiathèque's statement of last month. Without SMTP_URL it waits there, as the platform
 * admin sees at /admin/messages. No end-of-programme reminder: the demo campaign's end is more
 * than a month away, and a reminder « dans 30 jours » of it would say a false date.
 */
export async function loadDemoMessages(
  db: Db,
  ids: { hdf: string; mediatheque: string; campaignName: string },
  today = new Date(),
) {
  const last = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth() - 1, 1));
  const month = last.toISOString().slice(0, 7);
  const contestBy = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), 16))
    .toISOString()
    .slice(0, 10);
  await notifications.enqueue(db, {
    to: 'lieu@hautsdefrance.test',
    template: 'statement_ready',
    funderId: ids.hdf,
    params: {
      placeName: 'Médiathèque Louis Aragon',
      placeId: ids.mediatheque,
      funderName: 'Région Hauts-de-France',
      programName: ids.campaignName,
      statementNumber: `${month.slice(0, 4)}-000001`,
      month,
      totalCents: 36_000,
      contestBy,
    },
    dedupeKey: `demo:statement_ready:${month}`,
  });
}
