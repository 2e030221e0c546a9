import type {
  FastifyBaseLogger,
  FastifyInstance,
  RawReplyDefaultExpression,
  RawRequestDefaultExpression,
  RawServerDefault,
} from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Config } from '../config.js';
import type { Actor } from '../core/permissions.js';
import type { Db } from '../db/client.js';
import type { SessionView } from '../modules/auth/service.js';
import type { KeyCaller } from '../modules/places/service.js';

/** The Fastify instance every module's routes receive: zod-typed, with the app's dependencies. */
export type App = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  FastifyBaseLogger,
  ZodTypeProvider
>;

export interface Deps {
  db: Db;
  config: Config;
}

declare module 'fastify' {
  interface FastifyRequest {
    /** The signed-in user, or null; set for every /api request. */
    actor: Actor | null;
    /** The session behind `actor`, as the web app sees it. */
    session: SessionView | null;
    /** The place's API key, on routes that accept one (`config.apiKey`). */
    apiKey: KeyCaller | null;
    /** The `code` of the problem answered, if any (the API keys' usage records it). */
    problemCode: string | null;
  }
  interface FastifyContextConfig {
    /** 'public' routes answer without a session; every other API route requires one. */
    auth?: 'public';
    /** The route also accepts a place's API key (`Authorization: Bearer pn_…`). */
    apiKey?: true;
  }
}
