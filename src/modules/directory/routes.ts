import { z } from 'zod';
import { OSM_ATTRIBUTION, OSM_TILE_URL } from '../../config.js';
import type { App, Deps } from '../../http/app.js';
import { api } from '../../http/openapi.js';
import { GuessLimiter } from '../redemptions/guess-limiter.js';
import {
  CodeParams,
  DirectoryProgram,
  PassDirectory,
  PlaceParams,
  PlaceSearchQuery,
  PlaceSearchResult,
  ProgramParams,
  PublicConfig,
  PublicPlace,
} from './schemas.js';
import * as service from './service.js';

/**
 * The public directory: no sign-in. Every route is limited per address (the count lives in
 * PostgreSQL, shared by every instance), so that nobody scrapes or floods it.
 */
export function directoryRoutes(app: App, { db, config }: Deps) {
  const rateLimit = { max: config.directoryRatePerMinute ?? 120, timeWindow: '1 minute' };
  const open = { auth: 'public' as const, rateLimit };
  const guesses = new GuessLimiter(db, config.codeGuessLimit, config.codeGuessWindowMinutes * 60_000);

  app.get(
    '/public/config',
    {
      config: open,
      schema: {
        ...api(
          'getPublicConfig',
          'Public settings of the web app (directory map tiles, who runs the instance)',
        ),
        tags: ['directory'],
        summary: "Réglages publics de l'application web (fond de carte de l'annuaire, exploitant)",
        response: { 200: PublicConfig },
      },
    },
    async () => ({
      mapTileUrl: config.mapTileUrl ?? OSM_TILE_URL,
      mapAttribution: config.mapTileAttribution ?? (config.mapTileUrl ? '' : OSM_ATTRIBUTION),
      operator: config.operator ?? null,
    }),
  );

  app.get(
    '/public/programs',
    {
      config: open,
      schema: {
        ...api(
          'listDirectoryPrograms',
          'Running programmes with at least one qualified place (public directory)',
        ),
        tags: ['directory'],
        summary: 'Dispositifs en cours ayant au moins un lieu qualifié (annuaire public)',
        response: { 200: z.array(DirectoryProgram) },
      },
    },
    async () => service.programsWithDirectory(db),
  );

  app.get(
    '/public/programs/:programId/places',
    {
      config: open,
      schema: {
        ...api(
          'searchDirectoryPlaces',
          'Places that take the programme’s passes, filtered by commune, postcode, distance, service, opening',
        ),
        tags: ['directory'],
        summary:
          'Lieux qui acceptent les pass du dispositif, filtrés par commune, code postal, distance, service, ouverture',
        params: ProgramParams,
        querystring: PlaceSearchQuery,
        response: { 200: PlaceSearchResult },
      },
    },
    async (req) => service.searchPlaces(db, req.params.programId, req.query),
  );

  app.get(
    '/public/places/:placeId',
    {
      config: open,
      schema: {
        ...api(
          'getDirectoryPlace',
          'Public page of a place: address, hours, services, contact, programmes taken',
        ),
        tags: ['directory'],
        summary: 'Fiche publique d’un lieu : adresse, horaires, services, contact, dispositifs acceptés',
        params: PlaceParams,
        response: { 200: PublicPlace },
      },
    },
    async (req) => service.placePage(db, req.params.placeId),
  );

  app.get(
    '/public/passes/:code/directory',
    {
      config: open,
      schema: {
        ...api(
          'getPassDirectory',
          'The programme of a pass, for its “Where to use my pass?” link: its name, funder and last day of use (nothing about the pass itself)',
          ['malformed_code', 'unknown_code'],
        ),
        tags: ['directory'],
        summary:
          'Le dispositif d’un pass, pour le lien « Où utiliser mon pass ? » de sa page : son nom, son financeur, le dernier jour d’utilisation (rien sur le pass lui-même)',
        params: CodeParams,
        response: { 200: PassDirectory },
      },
    },
    async (req) => guesses.guard([`ip:${req.ip}`], () => service.programOfPass(db, req.params.code)),
  );
}
