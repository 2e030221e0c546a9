import { errorCodes, type FastifyInstance } from 'fastify';

const UTF8 = /^utf-?8$/i;
/** Refuses bytes that are not UTF-8 instead of replacing them with U+FFFD. */
const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Bodies are JSON in UTF-8 (and octet-stream for the files the routes that take one declare).
 * Fastify reads text/plain as a string, which the route then refused as « objet attendu,
 * chaîne reçue » at the field `body`, and reads JSON as UTF-8 whatever charset it is labelled
 * with, so that a place's software sending Latin-1 had its accents read wrong and its theme
 * refused as unknown. Both are now what they are: a type of content not accepted (415).
 * Latin-1 sent unlabelled, or labelled UTF-8, is the same mistake: Fastify's parser turned each
 * such byte into « � », so that two nonces differing by an accent were one. The bytes are
 * decoded here, strictly, then handed to Fastify's own JSON parser.
 */
export function jsonOnly(app: FastifyInstance) {
  app.removeContentTypeParser('text/plain');
  app.addHook('onRequest', async (req) => {
    if (req.method === 'GET' || req.method === 'HEAD') return;
    const type = req.headers['content-type'];
    if (!type || !/^\s*application\/json\b/i.test(type)) return;
    const charset = /;\s*charset\s*=\s*"?([^";\s]+)"?/i.exec(type)?.[1];
    if (charset && !UTF8.test(charset)) throw new errorCodes.FST_ERR_CTP_INVALID_MEDIA_TYPE(type);
  });
  const parseJson = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (req, body, done) => {
    let text: string;
    try {
      text = strictUtf8.decode(body as Buffer);
    } catch {
      done(new errorCodes.FST_ERR_CTP_INVALID_MEDIA_TYPE(String(req.headers['content-type'])), undefined);
      return;
    }
    // Many clients label every POST as JSON, a bodiless one too (a cancellation): on a route
    // that takes no body, nothing sent is no body, not a broken one.
    if (text === '' && !req.routeOptions.schema?.body) {
      done(null, undefined);
      return;
    }
    parseJson(req, text, (error, value) => {
      // Fastify's parser says « invalid JSON » for both; valid JSON was refused for a key.
      done(error && isJson(text) ? new ForbiddenJsonKey() : error, value);
    });
  });
}

/**
 * A JSON body naming `__proto__` or `constructor.prototype`, which could reach the prototype
 * of the objects built from it: refused, with the same code as invalid JSON, but saying why.
 */
export class ForbiddenJsonKey extends Error {
  readonly code = 'FST_ERR_CTP_INVALID_JSON_BODY';
  readonly statusCode = 400;
  constructor() {
    super('JSON body with a forbidden prototype key');
  }
}

function isJson(text: string) {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}
