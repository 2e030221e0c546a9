import { Writable } from 'node:stream';
import { eq, sql } from 'drizzle-orm';
import { pino } from 'pino';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { notificationOutbox } from '../../db/schema/index.js';
import { createTestDatabase, type TestDatabase } from '../../db/test/database.js';
import { loggerOptions } from '../../http/logging.js';
import { startTestSmtp, type TestSmtp } from '../../test/smtp.js';
import { EXAMPLE_MESSAGES } from './examples.js';
import * as notifications from './service.js';
import type { MessageInput } from './templates/types.js';

const PUBLIC_URL = 'https://pass.example.gouv.fr';
const FROM = 'Pass numérique <ne-pas-repondre@pass.example.gouv.fr>';

let database: TestDatabase;
let smtp: TestSmtp;
let mailer: notifications.Mailer;
beforeAll(async () => {
  database = await createTestDatabase();
  smtp = await startTestSmtp();
  mailer = notifications.smtpMailer(smtp.url, FROM);
});
afterAll(async () => {
  mailer.close();
  await smtp.close();
  await database.close();
});
beforeEach(async () => {
  smtp.received.length = 0;
  await database.db.delete(notificationOutbox);
});

const run = (options: Partial<Parameters<typeof notifications.sendDue>[1]> = {}) =>
  notifications.sendDue(database.db, { mailer, publicUrl: PUBLIC_URL, ...options });
const rowOf = async (id: string) =>
  (await database.db.select().from(notificationOutbox).where(eq(notificationOutbox.id, id)))[0]!;
const enqueue = async (message: MessageInput) => (await notifications.enqueue(database.db, message)).id!;

/** What the person reading each message must find in it (subject, then facts of the body). */
const EXPECTED: Record<string, { subject: string; body: string[] }> = {
  invitation: {
    subject: 'Invitation à rejoindre l’équipe « Département de la Meuse » sur le pass numérique',
    body: [
      'Julien Robert vous invite',
      'en tant qu’administrateur du financeur',
      `${PUBLIC_URL}/invitation/exemple-jeton-invitation`,
      'valable jusqu’au 14 décembre 2026',
    ],
  },
  password_reset: {
    subject: 'Réinitialisation de votre mot de passe – pass numérique',
    body: [
      'Bonjour Marc Lefebvre,',
      `${PUBLIC_URL}/mot-de-passe/nouveau/exemple-jeton-reinitialisation`,
      'valable une heure',
    ],
  },
  place_registration: {
    subject: 'Confirmez l’inscription de votre lieu – pass numérique',
    body: [
      `${PUBLIC_URL}/lieux/inscription/confirmer/exemple-jeton-inscription`,
      'valable 24 heures',
      'rien n’est créé sans cette confirmation',
    ],
  },
  access_changed: {
    subject: 'Votre accès à Médiathèque de Verdun a pris fin',
    body: [
      'Thomas Petit a retiré le 27 novembre 2026 votre accès à Médiathèque de Verdun sur Pass numérique.',
      'Vous ne pouvez plus agir pour cette structure.',
    ],
  },
  password_link_issued: {
    subject: 'Un lien pour changer votre mot de passe a été préparé',
    body: [
      'Thomas Petit, administrateur de Médiathèque de Verdun, a préparé le 27 novembre 2026 un lien pour choisir un nouveau mot de passe',
      'Si vous n’avez rien demandé',
    ],
  },
  unusual_days: {
    subject: 'Journée inhabituelle du 3 décembre 2026 : « Pass numérique Meuse 2026 »',
    body: [
      'Le 3 décembre 2026, 2 lieux ont encaissé bien plus de pass',
      'que d’habitude (au moins 15, et plus de quatre fois leur moyenne des quatre semaines d’avant)',
      '– Médiathèque de Verdun : 42 pass (d’habitude 3,5 par jour d’activité)',
      '– Espace numérique de Commercy : 21 pass (aucun les quatre semaines d’avant)',
      'Rien n’a été refusé.',
      `${PUBLIC_URL}/financeur/programmes/0b6f7d2e-3c1a-4e8b-9f00-5a1d2c3b4e5f/tableau-de-bord`,
    ],
  },
  place_registration_account: {
    subject: 'Inscription d’un lieu : vous avez déjà un compte – pass numérique',
    body: ['déjà un compte', 'l’inscription n’a rien créé', `${PUBLIC_URL}/connexion`],
  },
  statement_ready: {
    subject: 'Relevé n° 2026-000017 de octobre 2026 disponible',
    body: [
      'Médiathèque de Verdun',
      '480,00\u00a0€',
      'jusqu’au 17 novembre 2026',
      `${PUBLIC_URL}/lieu/releves`,
    ],
  },
  statement_contested: {
    subject: 'Relevé n° 2026-000017 contesté par Médiathèque de Verdun',
    body: [
      'Deux séances du 14 octobre <manquent> au relevé & une est comptée deux fois.',
      `${PUBLIC_URL}/financeur/releves`,
    ],
  },
  statement_answered: {
    subject: 'Réponse à votre contestation du relevé n° 2026-000017',
    body: ['Département de la Meuse a répondu', 'figureront au relevé de novembre'],
  },
  statement_approved: {
    subject: 'Relevé n° 2026-000017 approuvé',
    body: ['a approuvé le relevé n° 2026-000017', '480,00\u00a0€'],
  },
  statement_paid: {
    subject: 'Relevé n° 2026-000017 payé',
    body: [
      'a payé 480,00\u00a0€ à Médiathèque de Verdun le 28 novembre 2026',
      'Le libellé du virement porte ce numéro de relevé.',
    ],
  },
  usage_end_reminder: {
    subject: 'Derniers jours pour remettre les pass « Pass numérique Meuse 2026 »',
    body: [
      'peuvent être remis jusqu’au 30 novembre 2026, dans 30 jours',
      'utilisés jusqu’au 31 décembre 2026',
      'CCAS de Bar-le-Duc détient encore 42 pass non distribués',
      `${PUBLIC_URL}/prescripteur`,
    ],
  },
  safeguard_changed: {
    subject: 'Règle des quatre yeux désactivée – Département de la Meuse',
    body: [
      'Julien Robert a désactivé la règle des quatre yeux pour Département de la Meuse le 27 novembre 2026',
      'préparer et approuver seul un lot de paiement',
      `${PUBLIC_URL}/financeur/parametres`,
    ],
  },
  place_account_changed: {
    subject: 'Compte bancaire d’un lieu modifié – Médiathèque de Verdun',
    body: [
      'Médiathèque de Verdun a enregistré un nouveau compte bancaire le 27 novembre 2026 (IBAN se terminant par 0189)',
      'Le virement de 480,00\u00a0€ à Médiathèque de Verdun, dans un lot approuvé le 25 novembre 2026, sera versé sur l’ancien compte se terminant par 0129',
      'annulez le lot et préparez-en un autre',
      `${PUBLIC_URL}/financeur/paiements`,
    ],
  },
  qualification_decision: {
    subject: 'Qualification retirée pour « Pass numérique Meuse 2026 » – Médiathèque de Verdun',
    body: [
      'Département de la Meuse a retiré à Médiathèque de Verdun sa qualification pour le dispositif « Pass numérique Meuse 2026 », le 27 novembre 2026.',
      'Motif : Fermeture définitive de la médiathèque au 30 novembre.',
      'ne peut plus encaisser les pass de ce dispositif pour une séance donnée depuis la décision. Une séance donnée quand il était qualifié',
      'Les séances déjà enregistrées restent dues',
      'adressez-vous à lui avant de candidater de nouveau',
      'écrivez à Département de la Meuse (pass-numerique@meuse.fr) ou appelez le 03 29 45 77 12',
      `${PUBLIC_URL}/lieu/qualification?lieu=3f2a1c4e-8b7d-4e6f-9a0b-1c2d3e4f5a6b`,
    ],
  },
  place_left_program: {
    subject: 'Un lieu cesse de prendre les pass de « Pass numérique Meuse 2026 » – Médiathèque de Verdun',
    body: [
      'Médiathèque de Verdun a cessé de prendre les pass du dispositif « Pass numérique Meuse 2026 », à sa demande, le 27 novembre 2026.',
      'Motif : Notre médiatrice part en janvier et nous fermons le point numérique.',
      'Les séances qu’il a déjà enregistrées restent dues',
      'émettre dès maintenant son relevé final',
      `${PUBLIC_URL}/financeur/lieux/3f2a1c4e-8b7d-4e6f-9a0b-1c2d3e4f5a6b?financeur=0c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f`,
    ],
  },
  transfer_returned: {
    subject: 'Virement retourné : vérifiez votre compte bancaire',
    body: [
      'Le virement de 480,00\u00a0€ de Département de la Meuse à Médiathèque de Verdun, pour le relevé n° 2026-000017, a été retourné par la banque le 2 décembre 2026 (compte clôturé).',
      'Ce montant vous reste dû. Pour que Département de la Meuse vous le verse de nouveau, enregistrez le compte bancaire de votre lieu',
      `${PUBLIC_URL}/lieu/qualification`,
    ],
  },
};

describe('the sender, through a real SMTP server', () => {
  it('sends each of the eighteen templates once, in French, text and escaped HTML', async () => {
    const ids = new Map<string, string>();
    for (const message of EXAMPLE_MESSAGES) ids.set(await enqueue(message as MessageInput), message.template);
    expect(ids.size).toBe(EXAMPLE_MESSAGES.length);
    expect(new Set(EXAMPLE_MESSAGES.map((m) => m.template))).toEqual(new Set(notifications.TEMPLATE_NAMES));

    const result = await run();
    expect(result).toMatchObject({ claimed: 18, sent: 18, refused: 0 });
    expect(smtp.received).toHaveLength(18);
    for (const [id, template] of ids) {
      const got = smtp.received.filter((m) => m.messageId === `<${id}@pass.example.gouv.fr>`);
      expect(got, template).toHaveLength(1);
      const mail = got[0]!;
      const expected = EXPECTED[template]!;
      expect(mail.subject, template).toBe(expected.subject);
      for (const fact of expected.body) expect(mail.text, `${template}: ${fact}`).toContain(fact);
      expect(mail.text).toContain('L’équipe du pass numérique');
      expect(mail.html).toContain('<html lang="fr">');
      expect(mail.html).not.toContain('<manquent>');
      expect((await rowOf(id)).status).toBe('sent');
    }
    const contested = smtp.received.find((m) => m.subject.includes('contesté'))!;
    expect(contested.html).toContain('&lt;manquent&gt; au relevé &amp; une');
    expect(contested.to).toEqual(['finances@meuse.fr']);
    // A sent message keeps no usable link: the token is erased from its params.
    const invitationId = [...ids].find(([, t]) => t === 'invitation')![0];
    expect((await rowOf(invitationId)).params).not.toHaveProperty('token');

    // Nothing is sent twice.
    expect(await run()).toMatchObject({ claimed: 0, sent: 0 });
    expect(smtp.received).toHaveLength(18);
  });

  it('tries again after a refusal, with a growing wait, and delivers exactly once', async () => {
    const id = await enqueue(EXAMPLE_MESSAGES[2] as MessageInput);
    smtp.refuseNext(1);
    expect(await run({ baseDelayMs: 60_000 })).toMatchObject({ claimed: 1, sent: 0, refused: 1 });
    const refused = await rowOf(id);
    expect(refused).toMatchObject({ status: 'queued', attempts: 1 });
    expect(refused.lastError).toMatch(/ 451$/);
    expect(refused.lastError).not.toContain('@');
    const waitMs = refused.nextAttemptAt.getTime() - Date.now();
    expect(waitMs).toBeGreaterThan(50_000);
    expect(smtp.received).toHaveLength(0);

    // Not due yet: nothing happens.
    expect(await run()).toMatchObject({ claimed: 0 });
    // Its time comes.
    await database.db.execute(sql`UPDATE notification_outbox SET next_attempt_at = now() WHERE id = ${id}`);
    expect(await run()).toMatchObject({ claimed: 1, sent: 1 });
    expect(await run()).toMatchObject({ claimed: 0 });
    expect(smtp.received.map((m) => m.messageId)).toEqual([`<${id}@pass.example.gouv.fr>`]);
    expect(await rowOf(id)).toMatchObject({ status: 'sent', attempts: 2, lastError: null });
  });

  it('doubles the wait after each refusal, and gives up after the last attempt', async () => {
    expect([1, 2, 3, 4].map((n) => notifications.retryDelayMs(n, 60_000))).toEqual([
      60_000, 120_000, 240_000, 480_000,
    ]);
    expect(notifications.retryDelayMs(30, 60_000)).toBe(86_400_000);
    const id = await enqueue(EXAMPLE_MESSAGES[5] as MessageInput);
    smtp.refuseNext(2);
    await run({ maxAttempts: 2, baseDelayMs: 0 });
    expect(await rowOf(id)).toMatchObject({ status: 'queued', attempts: 1 });
    await run({ maxAttempts: 2, baseDelayMs: 0 });
    expect(await rowOf(id)).toMatchObject({ status: 'failed', attempts: 2 });
    expect(await run({ maxAttempts: 2, baseDelayMs: 0 })).toMatchObject({ claimed: 0 });
    expect(smtp.received).toHaveLength(0);
  });

  it('never sends again by itself a message whose sender died while sending it', async () => {
    const id = await enqueue(EXAMPLE_MESSAGES[6] as MessageInput);
    // A sender claimed it, maybe handed it to SMTP, and died before recording the outcome.
    await database.db.execute(sql`
      UPDATE notification_outbox
         SET status = 'sending', attempts = 1, claim_token = gen_random_uuid(), lease_until = now() - interval '1 second'
       WHERE id = ${id}`);
    expect(await run()).toMatchObject({ abandoned: 1, claimed: 0 });
    expect(await rowOf(id)).toMatchObject({ status: 'failed', lastError: 'interrupted' });
    expect(smtp.received).toHaveLength(0);

    // The platform admin decides to send it again: same Message-ID, so a duplicate is recognisable.
    await notifications.requeue(database.db, null, id);
    expect(await run()).toMatchObject({ sent: 1 });
    expect(smtp.received.map((m) => m.messageId)).toEqual([`<${id}@pass.example.gouv.fr>`]);
  });

  it('a late sender still records a message it did send after its lease ran out', async () => {
    const id = await enqueue(EXAMPLE_MESSAGES[3] as MessageInput);
    const slow: notifications.Mailer = {
      async send(message) {
        await database.db.execute(
          sql`UPDATE notification_outbox SET lease_until = now() - interval '1 second' WHERE id = ${id}`,
        );
        await notifications.sendDue(database.db, { mailer, publicUrl: PUBLIC_URL }); // another instance
        await mailer.send(message);
      },
      close() {},
    };
    await notifications.sendDue(database.db, { mailer: slow, publicUrl: PUBLIC_URL });
    expect(await rowOf(id)).toMatchObject({ status: 'sent' });
    expect(smtp.received).toHaveLength(1);
  });
});

describe('a backlog (a month’s statements e-mailed at once)', () => {
  const statementReady = EXAMPLE_MESSAGES.find((m) => m.template === 'statement_ready') as MessageInput;
  const reset = EXAMPLE_MESSAGES.find((m) => m.template === 'password_reset') as MessageInput;
  const enqueueBacklog = async (n: number) => {
    for (let i = 0; i < n; i++) await enqueue({ ...statementReady, to: `lieu-${i}@exemple.fr` });
  };

  it('sends a link someone waits for before the messages queued ahead of it', async () => {
    await enqueueBacklog(45);
    const resetId = await enqueue(reset);
    expect(await run({ batch: 20 })).toMatchObject({ claimed: 20, sent: 20 });
    expect(smtp.received.map((m) => m.messageId)).toContain(`<${resetId}@pass.example.gouv.fr>`);
    expect(smtp.received.filter((m) => m.subject.startsWith('Relevé'))).toHaveLength(19);
  });

  it('is drained in one look at the outbox, batch after batch, not one batch per look', async () => {
    await enqueueBacklog(45);
    expect(
      await notifications.sendBacklog(database.db, { mailer, publicUrl: PUBLIC_URL, batch: 20 }, 60_000),
    ).toMatchObject({ claimed: 45, sent: 45 });
    expect(smtp.received).toHaveLength(45);
    expect(await run()).toMatchObject({ claimed: 0 });
  });

  it('stops looking at the end of its time, so that a server can stop', async () => {
    await enqueueBacklog(45);
    expect(
      await notifications.sendBacklog(database.db, { mailer, publicUrl: PUBLIC_URL, batch: 20 }, 0),
    ).toMatchObject({ claimed: 20, sent: 20 });
  });
});

describe('a refusal, in the log', () => {
  /** A logger as the server's (scrubbed), writing its lines to an array. */
  const capture = () => {
    const lines: Record<string, unknown>[] = [];
    const stream = new Writable({
      write(chunk, _enc, done) {
        for (const l of String(chunk).split('\n').filter(Boolean)) lines.push(JSON.parse(l));
        done();
      },
    });
    return { lines, log: pino(loggerOptions('info', stream), stream) };
  };

  it('says each failed attempt at warn and a message given up at error, never the address', async () => {
    const message = EXAMPLE_MESSAGES[0] as MessageInput;
    const id = await enqueue(message);
    const { lines, log } = capture();
    smtp.refuseNext(2, 'Boîte de {to} pleine, réessayez plus tard');
    await run({ maxAttempts: 2, baseDelayMs: 0, log });
    await run({ maxAttempts: 2, baseDelayMs: 0, log });
    expect(await rowOf(id)).toMatchObject({ status: 'failed', attempts: 2 });
    expect(lines.map((l) => [l.level, l.msg, l.attempt])).toEqual([
      [40, 'e-mail attempt failed', 1],
      [50, 'e-mail given up after its last attempt', 2],
    ]);
    for (const line of lines) {
      expect(line).toMatchObject({ messageId: id, template: message.template, error: 'EMESSAGE 451' });
      expect(line.reason).toContain('[e-mail] pleine');
    }
    expect(JSON.stringify(lines)).not.toContain(message.to);
  });

  it('says a server that cannot be reached (ESOCKET), as SMTP_URL pointing at nothing does', async () => {
    const id = await enqueue(EXAMPLE_MESSAGES[1] as MessageInput);
    const { lines, log } = capture();
    const nowhere = notifications.smtpMailer('smtp://127.0.0.1:1', FROM);
    try {
      await run({ mailer: nowhere, baseDelayMs: 0, log });
    } finally {
      nowhere.close();
    }
    expect(await rowOf(id)).toMatchObject({ status: 'queued', attempts: 1 });
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ level: 40, messageId: id, attempt: 1, error: 'ESOCKET' });
    expect(lines[0]!.reason).toContain('ECONNREFUSED');
  });
});
