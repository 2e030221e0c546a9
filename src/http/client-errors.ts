import type { Socket } from 'node:net';

/**
 * What Node's HTTP parser refuses before Fastify sees a request (headers too large, a
 * request that is not HTTP, a client too slow to send its headers) is answered in the
 * same problem+json shape as every other error, with the same no-store and security
 * headers an API answer carries. The socket is closed after: the parser cannot resume.
 */
const ANSWERS: Record<
  string,
  { status: number; reason: string; code: string; title: string; detail: string }
> = {
  HPE_HEADER_OVERFLOW: {
    status: 431,
    reason: 'Request Header Fields Too Large',
    code: 'request_header_too_large',
    title: 'En-têtes trop volumineux',
    // Node's limit (16 KiB) counts the request line with the headers: a long query string
    // reaches it as surely as a heap of cookies.
    detail:
      'L’adresse ou les en-têtes de la requête sont trop longs (16 Kio en tout au plus) : raccourcissez les paramètres de l’adresse, ou effacez les cookies du site.',
  },
  ERR_HTTP_REQUEST_TIMEOUT: {
    status: 408,
    reason: 'Request Timeout',
    code: 'request_timeout',
    title: 'Délai dépassé',
    detail: "La requête n'est pas arrivée entière à temps. Réessayez.",
  },
};
const BAD_REQUEST = {
  status: 400,
  reason: 'Bad Request',
  code: 'bad_request',
  title: 'Requête invalide',
  detail: "La requête n'est pas une requête HTTP valide.",
};

export function clientErrorHandler(error: Error & { code?: string }, socket: Socket) {
  // A connection reset leaves nothing to answer.
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const a = ANSWERS[error.code ?? ''] ?? BAD_REQUEST;
  if (socket.writable) {
    const body = JSON.stringify({
      type: `about:blank#${a.code}`,
      title: a.title,
      status: a.status,
      code: a.code,
      detail: a.detail,
    });
    socket.write(
      [
        `HTTP/1.1 ${a.status} ${a.reason}`,
        'Content-Type: application/problem+json; charset=utf-8',
        `Content-Length: ${Buffer.byteLength(body)}`,
        'Cache-Control: no-store',
        'X-Content-Type-Options: nosniff',
        'Connection: close',
        '',
        body,
      ].join('\r\n'),
    );
  }
  socket.destroy();
}
