import { accessChanged } from './access-changed.js';
import { invitation } from './invitation.js';
import { passwordLinkIssued } from './password-link-issued.js';
import { passwordReset } from './password-reset.js';
import { placeAccountChanged } from './place-account-changed.js';
import { placeLeftProgram } from './place-left-program.js';
import { placeRegistration, placeRegistrationAccount } from './place-registration.js';
import { qualificationDecision } from './qualification-decision.js';
import type { RenderContext, Rendered } from './render.js';
import { safeguardChanged } from './safeguard-changed.js';
import { statementAnswered } from './statement-answered.js';
import { statementApproved } from './statement-approved.js';
import { statementContested } from './statement-contested.js';
import { statementPaid } from './statement-paid.js';
import { statementReady } from './statement-ready.js';
import { transferReturned } from './transfer-returned.js';
import type { TemplateName, TemplateParams } from './types.js';
import { unusualDays } from './unusual-days.js';
import { usageEndReminder } from './usage-end-reminder.js';

export type { RenderContext, Rendered } from './render.js';

const TEMPLATES: { [K in TemplateName]: (p: TemplateParams[K], ctx: RenderContext) => Rendered } = {
  invitation,
  password_reset: passwordReset,
  statement_ready: statementReady,
  statement_contested: statementContested,
  statement_answered: statementAnswered,
  statement_approved: statementApproved,
  statement_paid: statementPaid,
  usage_end_reminder: usageEndReminder,
  safeguard_changed: safeguardChanged,
  place_account_changed: placeAccountChanged,
  transfer_returned: transferReturned,
  place_registration: placeRegistration,
  place_registration_account: placeRegistrationAccount,
  unusual_days: unusualDays,
  access_changed: accessChanged,
  password_link_issued: passwordLinkIssued,
  qualification_decision: qualificationDecision,
  place_left_program: placeLeftProgram,
};

/** The message of a template with its params (as stored in the outbox). */
export function render<K extends TemplateName>(
  template: K,
  params: TemplateParams[K],
  ctx: RenderContext,
): Rendered {
  return TEMPLATES[template](params, ctx);
}
