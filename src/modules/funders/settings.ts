import { checkBankAccount, maskIban } from '../../core/bank-account.js';
import { conflict, type FieldIssue, invalid, notFound } from '../../core/errors.js';
import { type Actor, can, requireFunder } from '../../core/permissions.js';
import type { TellAdmins } from '../../core/safeguards.js';
import { labelOf, territoryWithin } from '../../core/territory.js';
import type { Db, Queryable } from '../../db/client.js';
import type { TerritoryRef } from '../../db/schema/index.js';
import * as audit from '../audit/service.js';
import * as repo from './repo.js';
import type { FunderSettingsInput } from './schemas.js';
import { checkTerritory, named } from './territory.js';

/**
 * A funder's settings: its territory, bank account, four-eyes rule, rule for unusual days,
 * retention of beneficiaries' identities and privacy contact, read and changed; and what other
 * modules read of them (the account for payments, the privacy notice, the retention).
 */

/**
 * The funder's settings page: its territory and bank account. Its staff read them; the
 * account's IBAN is shown in full to its admins alone, who may change it.
 */
export async function settings(db: Queryable, actor: Actor, funderId: string) {
  requireFunder(actor, 'finance:read', funderId, 'Financeur');
  const funder = await repo.findFunder(db, funderId);
  if (!funder) throw notFound('Financeur');
  const full = can(actor, 'funder:settings', funderId);
  const history = (await repo.bankAccounts(db, funderId)).map((a) => ({
    iban: full ? a.iban : maskIban(a.iban),
    masked: !full,
    bic: a.bic,
    holder: a.holder,
    recordedAt: a.recordedAt.toISOString(),
    recordedBy: a.recordedBy,
  }));
  return {
    funderId,
    name: funder.name,
    territory: named(funder.territory),
    bankAccount: history[0] ?? null,
    bankAccountHistory: history,
    fourEyes: funder.fourEyes,
    beneficiaryRetentionMonths: funder.beneficiaryRetentionMonths,
    privacyContact: funder.privacyContact,
    unusualDay: ruleOf(funder),
    placeContact: placeContactOf(funder),
  };
}

const placeContactOf = (funder: { placeContactEmail: string | null; placeContactPhone: string | null }) =>
  funder.placeContactEmail ? { email: funder.placeContactEmail, phone: funder.placeContactPhone } : null;

/**
 * Whom each funder's places write to about their statements and payments (null when the funder
 * gave no one), with its name: the place's statements page names it (one query).
 */
export async function placeContactsOf(tx: Queryable, funderIds: string[]) {
  const rows = await repo.placeContactsOf(tx, [...new Set(funderIds)]);
  return rows.map((r) => ({
    funderId: r.funderId,
    funderName: r.funderName,
    email: r.email,
    phone: r.phone,
  }));
}

const ruleOf = (funder: { unusualDayMinimum: number; unusualDayFactor: number }) => ({
  minimum: funder.unusualDayMinimum,
  factor: funder.unusualDayFactor,
});

/** The funder's rule for its places' unusual days (redemptions.unusualDays). */
export async function unusualDayRule(db: Queryable, funderId: string) {
  const funder = await repo.findFunder(db, funderId);
  if (!funder) throw notFound('Financeur');
  return ruleOf(funder);
}

/**
 * A territory may change (communes merge, an EPCI joins), but it keeps covering the envelopes
 * of the funder's programmes, each checked as it was created: a territory left by an envelope
 * would stop its passes reaching the people it was voted for.
 */
async function envelopesOutside(tx: Queryable, funderId: string, territory: TerritoryRef[]) {
  const issues: FieldIssue[] = [];
  for (const envelope of await repo.envelopeTerritories(tx, funderId)) {
    const outside = envelope.territory.filter((ref) => !territoryWithin(ref, territory));
    if (outside.length)
      issues.push({
        field: 'territory',
        message: `L’enveloppe « ${envelope.name} » (${outside.map(labelOf).join(', ')}) ne serait plus dans le territoire du financeur : le territoire doit couvrir celui de chaque enveloppe.`,
      });
  }
  return issues;
}

/**
 * A funder admin sets the territory (chosen by name, stored as INSEE codes) or records a
 * new version of the bank account; each change is audited with its old and new value (the
 * IBANs masked: the journal is read more widely than the account). A change of the four-eyes
 * rule or of the account is also told to every admin (`tellAdmins`), so that one admin cannot
 * change what guards the money without the others knowing.
 */
export async function updateSettings(
  db: Db,
  actor: Actor,
  funderId: string,
  input: FunderSettingsInput,
  tellAdmins: TellAdmins,
) {
  requireFunder(actor, 'funder:settings', funderId, 'Financeur');
  const issues: FieldIssue[] = input.territory ? checkTerritory(input.territory) : [];
  const account = input.bankAccount ? checkBankAccount(input.bankAccount) : undefined;
  if (account && !account.ok) issues.push(...account.issues);
  if (issues.length) throw invalid(issues);
  await db.transaction(async (tx) => {
    const funder = await repo.lockFunder(tx, funderId);
    if (!funder) throw notFound('Financeur');
    // A setting's change, journalled with its value before and after.
    const journal = (action: string, before: unknown, after: unknown) =>
      audit.record(tx, {
        actor,
        funderId,
        action,
        objectType: 'funder',
        objectId: funderId,
        summary: { before, after },
      });
    if (input.territory) {
      const after = uniqueRefs(input.territory);
      const stranded = await envelopesOutside(tx, funderId, after);
      if (stranded.length) throw conflict('territory_leaves_envelopes', stranded[0]!.message, stranded);
      await repo.setTerritory(tx, funderId, after);
      await journal('funder.territory_change', funder.territory, after);
    }
    if (input.fourEyes !== undefined && input.fourEyes !== funder.fourEyes) {
      await repo.setFourEyes(tx, funderId, input.fourEyes);
      await journal('funder.four_eyes_change', funder.fourEyes, input.fourEyes);
      await tellAdmins(tx, { change: input.fourEyes ? 'four_eyes_on' : 'four_eyes_off' });
    }
    const months = input.beneficiaryRetentionMonths;
    if (months !== undefined && months !== funder.beneficiaryRetentionMonths) {
      await repo.setRetention(tx, funderId, months);
      await journal('funder.retention_change', funder.beneficiaryRetentionMonths, months);
    }
    const contact = input.privacyContact;
    if (contact !== undefined && contact !== funder.privacyContact) {
      await repo.setPrivacyContact(tx, funderId, contact);
      await journal('funder.privacy_contact_change', funder.privacyContact, contact);
    }
    const placeContact = input.placeContact;
    const contactBefore = placeContactOf(funder);
    if (
      placeContact !== undefined &&
      (placeContact?.email !== contactBefore?.email ||
        (placeContact?.phone ?? null) !== (contactBefore?.phone ?? null))
    ) {
      const after = placeContact && { email: placeContact.email, phone: placeContact.phone ?? null };
      await repo.setPlaceContact(tx, funderId, after);
      await journal('funder.place_contact_change', contactBefore, after);
    }
    const rule = input.unusualDay;
    const before = ruleOf(funder);
    if (rule && (rule.minimum !== before.minimum || rule.factor !== before.factor)) {
      await repo.setUnusualDayRule(tx, funderId, rule);
      await journal('funder.unusual_day_change', before, rule);
    }
    if (account?.ok) {
      const [previous] = await repo.bankAccounts(tx, funderId);
      const row = await repo.insertBankAccount(tx, { funderId, ...account.value, recordedBy: actor.userId });
      const shown = (a: { iban: string; bic: string; holder: string }) => ({
        iban: maskIban(a.iban),
        bic: a.bic,
        holder: a.holder,
      });
      await audit.record(tx, {
        actor,
        funderId,
        action: 'funder.bank_account_change',
        objectType: 'funder_bank_account',
        objectId: row.id,
        summary: { before: previous ? shown(previous) : null, after: shown(row) },
      });
      await tellAdmins(tx, { change: 'bank_account', iban: row.iban });
    }
  });
  return settings(db, actor, funderId);
}

/** The same territory chosen twice counts once; the order chosen is kept. */
function uniqueRefs(territory: TerritoryRef[]): TerritoryRef[] {
  const seen = new Set<string>();
  return territory
    .map(({ level, code }) => ({ level, code }))
    .filter((t) => {
      const key = `${t.level}:${t.code}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
}

/** Every IBAN the funder's account has had: a bank statement of one of them is the funder's. */
export async function accountIbans(tx: Queryable, funderId: string): Promise<string[]> {
  return [...new Set((await repo.bankAccounts(tx, funderId)).map((a) => a.iban))];
}

/**
 * What a payment run needs of its funder (issue 12): its name, the four-eyes setting, how many
 * admins it has, and the bank account in force (full IBAN: it goes into the transfer file).
 */
export async function paymentProfile(tx: Queryable, funderId: string) {
  const funder = await repo.findFunder(tx, funderId);
  if (!funder) throw notFound('Financeur');
  const [account] = await repo.bankAccounts(tx, funderId);
  return {
    name: funder.name,
    fourEyes: funder.fourEyes,
    adminCount: await repo.adminCount(tx, funderId),
    account: account ?? null,
  };
}

/** What the information notice given to a person at hand-out says of its funder. */
export async function privacyOf(tx: Queryable, funderId: string) {
  const funder = await repo.findFunder(tx, funderId);
  if (!funder) throw notFound('Financeur');
  return {
    funderName: funder.name,
    privacyContact: funder.privacyContact,
    retentionMonths: funder.beneficiaryRetentionMonths,
  };
}

/** Months the funder keeps its beneficiaries' identities after their last programme's closure. */
export async function beneficiaryRetentionMonths(tx: Queryable, funderId: string): Promise<number> {
  const funder = await repo.findFunder(tx, funderId);
  if (!funder) throw notFound('Financeur');
  return funder.beneficiaryRetentionMonths;
}
