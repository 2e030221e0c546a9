import { businessDate } from '../../core/dates.js';
import type { Actor } from '../../core/permissions.js';
import type { Db } from '../../db/client.js';
import * as funders from '../funders/service.js';
import * as placeProfiles from '../place-profiles/service.js';
import * as programs from '../programs/service.js';
import * as redemptions from '../redemptions/service.js';
import { periodOf, type ReportPeriodQuery } from './service.js';

/**
 * Every place that took passes of the programme in a period, with its sessions and where it is,
 * for the map of the report (« Bilan de la période »): the report names its ten busiest places
 * only, and no coordinates. Authorised, and its period read, as the report's are; a place
 * without coordinates is listed with null ones, so that the page can say it is not on the map.
 */
export async function reportPlaces(db: Db, actor: Actor, programId: string, query: ReportPeriodQuery) {
  return db.transaction(
    async (tx) => {
      const program = await programs.get(tx, actor, programId, query.to ?? businessDate(), 'finance:read');
      const { from, to } = periodOf(
        query,
        program.startsOn,
        program.state?.calendar.closure ?? null,
        businessDate(),
      );
      const places = (await redemptions.sessionsInPeriod(tx, programId, from, to)).filter(
        (g) => g.by === 'place',
      );
      const ids = places.map((p) => p.key!);
      const where = await funders.organisationsWhere(tx, ids);
      const at = await placeProfiles.coordinatesOf(tx, ids);
      return {
        from,
        to,
        places: places
          .map((p) => ({
            placeId: p.key!,
            name: where.get(p.key!)?.name ?? 'Lieu',
            commune: where.get(p.key!)?.commune ?? null,
            sessions: p.sessions,
            latitude: at.get(p.key!)?.latitude ?? null,
            longitude: at.get(p.key!)?.longitude ?? null,
          }))
          .sort((a, b) => b.sessions - a.sessions || a.name.localeCompare(b.name, 'fr')),
      };
    },
    { isolationLevel: 'repeatable read', accessMode: 'read only' },
  );
}
