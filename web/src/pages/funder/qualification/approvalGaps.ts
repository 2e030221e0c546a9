import { points } from '../../../../../src/core/french';
import type { FunderPlace } from '../../../api/qualification';

/**
 * One thing that stands between a place and its approval for a programme, in the words of the
 * server's refusal (qualification/service.ts approvalGaps). `yours` names the funder's own step
 * (its questionnaire, its charter), done on its qualification page; null for the place's.
 */
export interface ApprovalGap {
  text: string;
  yours: 'questionnaire' | 'charte' | null;
}

/**
 * What the page already knows is missing before « Approuver » is pressed: the same checks as
 * the server's, read from the place's qualification as the funder's page has it. The server
 * still decides (a step done since the page was loaded passes).
 */
export function approvalGaps(q: FunderPlace['qualification'], programId: string): ApprovalGap[] {
  const gaps: ApprovalGap[] = [];
  const application = q.applications.find((a) => a.programId === programId);
  if (!q.questionnaire && !application)
    gaps.push({
      text: 'vous n’avez pas encore publié de questionnaire : le lieu n’a pas pu y répondre',
      yours: 'questionnaire',
    });
  else if (!application)
    gaps.push({ text: 'le lieu n’a pas répondu au questionnaire pour ce dispositif', yours: null });
  else if (application.score < application.passMark)
    gaps.push({
      text: `son score (${points(application.score)}) est sous le seuil d’admission (${points(application.passMark)})`,
      yours: null,
    });
  if (!q.charter) gaps.push({ text: 'vous n’avez pas encore publié de charte', yours: 'charte' });
  else if (!q.charterAcceptance) gaps.push({ text: 'le lieu n’a pas accepté votre charte', yours: null });
  else if (!q.charterAcceptance.current)
    gaps.push({
      text: `le lieu a accepté la version ${q.charterAcceptance.version} de votre charte, pas celle en vigueur (version ${q.charter.version})`,
      yours: null,
    });
  if (!q.bankAccount)
    gaps.push({ text: 'le lieu n’a pas donné son compte bancaire (IBAN, BIC, titulaire)', yours: null });
  return gaps;
}
