import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

/** A message as the test SMTP server received it, its headers and text part decoded. */
export interface Received {
  raw: string;
  to: string[];
  messageId: string;
  subject: string;
  text: string;
  html: string;
}

/** RFC 2047 encoded words (nodemailer's subjects): =?UTF-8?Q?…?= or =?UTF-8?B?…?=. */
function decodeWords(value: string): string {
  return value
    .replace(/\?=\s+=\?/g, '?==?')
    .replace(/=\?utf-8\?([qb])\?([^?]*)\?=/gi, (_, kind: string, data: string) =>
      kind.toLowerCase() === 'b'
        ? Buffer.from(data, 'base64').toString('utf8')
        : Buffer.from(
            data
              .replace(/_/g, ' ')
              .replace(/=([0-9A-F]{2})/gi, (_m, h: string) => String.fromCharCode(parseInt(h, 16))),
            'latin1',
          ).toString('utf8'),
    );
}

function decodeBody(body: string, encoding: string): string {
  if (/base64/i.test(encoding)) return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
  if (/quoted-printable/i.test(encoding))
    return Buffer.from(
      body
        .replace(/=\r?\n/g, '')
        .replace(/=([0-9A-F]{2})/gi, (_m, h: string) => String.fromCharCode(parseInt(h, 16))),
      'latin1',
    ).toString('utf8');
  return body;
}

function headersOf(part: string): { headers: Record<string, string>; body: string } {
  const split = part.indexOf('\r\n\r\n');
  const head = part.slice(0, split).replace(/\r\n[ \t]+/g, ' ');
  const headers: Record<string, string> = {};
  for (const line of head.split('\r\n')) {
    const i = line.indexOf(':');
    if (i > 0) headers[line.slice(0, i).toLowerCase()] = line.slice(i + 1).trim();
  }
  return { headers, body: part.slice(split + 4) };
}

function partOf(raw: string, type: string): string {
  const { headers, body } = headersOf(raw);
  const boundary = /boundary="?([^";]+)"?/.exec(headers['content-type'] ?? '')?.[1];
  if (!boundary)
    return (headers['content-type'] ?? '').startsWith(type)
      ? decodeBody(body, headers['content-transfer-encoding'] ?? '')
      : '';
  for (const piece of body.split(`--${boundary}`)) {
    const found = partOf(piece.replace(/^\r\n/, ''), type);
    if (found) return found;
  }
  return '';
}

function parse(raw: string, to: string[]): Received {
  const { headers } = headersOf(raw);
  return {
    raw,
    to,
    messageId: headers['message-id'] ?? '',
    subject: decodeWords(headers.subject ?? ''),
    text: partOf(raw, 'text/plain'),
    html: partOf(raw, 'text/html'),
  };
}

export interface TestSmtp {
  url: string;
  received: Received[];
  /**
   * The next `n` messages are refused with a temporary error (451) after their data is read;
   * `reply` is the server's text (with `{to}` replaced by the first recipient).
   */
  refuseNext(n: number, reply?: string): void;
  close(): Promise<void>;
}

/** A real SMTP server on a free local port (no TLS, no authentication), recording what it accepts. */
export async function startTestSmtp(): Promise<TestSmtp> {
  const received: Received[] = [];
  let refusals = 0;
  let refusalReply = 'Service indisponible, réessayez plus tard';
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        if (refusals > 0) {
          refusals--;
          callback(
            Object.assign(
              new Error(refusalReply.replace('{to}', session.envelope.rcptTo[0]?.address ?? '')),
              { responseCode: 451 },
            ),
          );
          return;
        }
        received.push(
          parse(
            Buffer.concat(chunks).toString('utf8'),
            session.envelope.rcptTo.map((r) => r.address),
          ),
        );
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    refuseNext(n, reply = 'Service indisponible, réessayez plus tard') {
      refusals = n;
      refusalReply = reply;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
