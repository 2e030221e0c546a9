import type { FormerAccountTransfer } from '../../../core/safeguards.js';
import { consoleUrl, day, euros, message, type RenderContext } from './render.js';
import type { TemplateParams } from './types.js';

type Params = TemplateParams['safeguard_changed'];

const SUBJECT: Record<Params['change'], string> = {
  four_eyes_off: 'Règle des quatre yeux désactivée',
  four_eyes_on: 'Règle des quatre yeux rétablie',
  bank_account: 'Compte bancaire modifié',
  operator_invitation: 'Invitation envoyée par l’opérateur de la plateforme',
};

function what(p: Params): string[] {
  const who = `${p.changedBy} a`;
  const on = `le ${day(p.changedOn)}`;
  switch (p.change) {
    case 'four_eyes_off':
      return [
        `${who} désactivé la règle des quatre yeux pour ${p.organisationName} ${on}.`,
        'Un même administrateur peut désormais préparer et approuver seul un lot de paiement.',
      ];
    case 'four_eyes_on':
      return [
        `${who} rétabli la règle des quatre yeux pour ${p.organisationName} ${on}.`,
        'Chaque lot de paiement est de nouveau approuvé par un autre administrateur que celui qui l’a préparé.',
      ];
    case 'operator_invitation':
      return [
        `${p.changedBy}, de l’équipe qui gère la plateforme, a invité ${p.invitedEmail ?? '…'} comme ${p.roleLabel ?? '…'} de ${p.organisationName} ${on}.`,
        'Un administrateur du financeur prépare et approuve les paiements et télécharge le fichier des codes de l’imprimeur.',
      ];
    case 'bank_account':
      return [
        `${who} enregistré un nouveau compte bancaire pour ${p.organisationName} ${on} (IBAN se terminant par ${p.ibanEnd ?? '…'}).`,
        ...(p.audience === 'funder'
          ? ['Les prochains fichiers de virement seront émis depuis ce compte.']
          : placeAccount(p.formerAccountTransfers ?? [])),
      ];
  }
}

const ENGAGED: Record<FormerAccountTransfer['state'], string> = {
  prepared: 'en préparation depuis le',
  approved: 'déjà approuvé le',
  sent: 'déjà envoyé à la banque le',
};

/**
 * A place's new account: the transfers engaged before it (a run pays the accounts it was prepared
 * and approved with, a file sent is gone) still go to the former one, each said with its funder.
 */
function placeAccount(former: FormerAccountTransfer[]): string[] {
  if (former.length === 0) return ['Les prochains paiements des financeurs seront versés sur ce compte.'];
  const lines = former.map(
    (t) =>
      `- ${euros(t.amountCents)} de ${t.funderName}, ${ENGAGED[t.state]} ${day(t.since)}, sera versé sur l’ancien compte se terminant par ${t.formerIbanEnd}.`,
  );
  return [
    former.length > 1
      ? `Engagés avant ce changement, ces virements gardent l’ancien compte :\n${lines.join('\n')}`
      : `Engagé avant ce changement, ce virement garde l’ancien compte :\n${lines[0]}`,
    'Les paiements suivants seront versés sur ce compte.',
  ];
}

/** Every admin is told, so that a change nobody expected is seen the same day. */
export function safeguardChanged(p: Params, ctx: RenderContext) {
  return message(`${SUBJECT[p.change]} – ${p.organisationName}`, 'Bonjour,', [
    ...what(p),
    'Si ce changement vous surprend, prévenez sans attendre les autres administrateurs et consultez le journal.',
    p.change === 'operator_invitation'
      ? {
          label: 'Voir l’équipe du financeur',
          href: consoleUrl(ctx, 'funder', '/financeur/equipe', p.funderId),
        }
      : p.audience === 'funder'
        ? {
            label: 'Voir les paramètres du financeur',
            href: consoleUrl(ctx, 'funder', '/financeur/parametres', p.funderId),
          }
        : {
            label: 'Voir le compte bancaire du lieu',
            href: consoleUrl(ctx, 'place', '/lieu/qualification', p.placeId),
          },
  ]);
}
