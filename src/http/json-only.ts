import { errorCodes, type FastifyInstance } from 'fastify';

const UTF8 = /^utf-?8$/i;

/**
 * Bodies are JSON in UTF-8 (and octet-stream for the files the routes that take one declare).
 * Fastify reads text/plain as a string, which the route then refused as « objet attendu,
 * chaîne reçue » at the field `body`, and reads JSON as UTF-8 whatever charset it is labelled
 * with, so that a place's software sending Latin-1 had its accents read wrong and its theme
 * refused as unknown. Both are now what they are: a type of content not accepted (415).
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
}
