import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  ACTION_LABELS,
  FUNDER_JOURNAL_ACTIONS,
  namedTerritories,
  PLATFORM_JOURNAL_ACTIONS,
  summaryLines,
  territoryKey,
} from '../../core/audit-labels.js';
import { territoryName } from '../../core/territory.js';
import type { TerritoryRef } from '../../db/schema/index.js';

const SRC = join(import.meta.dirname, '../..');

function files(dir: string, ext: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const path = join(dir, d.name);
    if (d.isDirectory()) return files(path, ext);
    return d.name.endsWith(ext) && !d.name.includes('.test.') ? [path] : [];
  });
}

/**
 * Every action code recorded in src: the quoted codes on `action:` lines of the services, and
 * the ones the SQL functions pass to audit_append. A computed action would escape this list,
 * so none may be written as a template (a lookup in a constant table of codes is read).
 */
function recordedActions(): { actions: Set<string>; templates: string[] } {
  const actions = new Set<string>();
  const templates: string[] = [];
  for (const file of files(SRC, '.ts')) {
    const text = readFileSync(file, 'utf8');
    // The expression after `action:`, up to the next property (ternaries span lines).
    for (const m of text.matchAll(/\baction: ([\s\S]*?),\s*\n\s*[\w.]+[:,]/g)) {
      const expr = m[1]!;
      if (expr.includes('`')) templates.push(`${file}: ${expr}`);
      // A lookup in a table of codes (`MOVE_ACTIONS[kind]`): the table's codes.
      const table = /^([A-Z_]+)\[/.exec(expr.trim());
      const source = table ? (new RegExp(`const ${table[1]} = \\{([^}]*)\\}`).exec(text)?.[1] ?? '') : expr;
      if (table && !source) templates.push(`${file}: ${expr}`);
      for (const q of source.matchAll(/'([a-z_]+\.[a-z_]+)'/g)) actions.add(q[1]!);
    }
  }
  for (const file of files(join(SRC, 'db/migrations'), '.sql')) {
    const text = readFileSync(file, 'utf8');
    for (const call of text.matchAll(/audit_append\(([\s\S]{0,400})/g))
      for (const q of call[1]!.matchAll(/'([a-z_]+\.[a-z_]+)'/g)) actions.add(q[1]!);
  }
  return { actions, templates };
}

/** The text of a call's arguments, from its opening parenthesis to the matching one. */
function argumentsAt(text: string, open: number): string {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    if (text[i] === '(') depth++;
    else if (text[i] === ')' && --depth === 0) return text.slice(open + 1, i);
  }
  return text.slice(open + 1);
}

/**
 * The actions src records with no funder, so in the platform's journal: `audit.record` calls
 * with `funderId: null`, or inside a loop over a place's funders that falls back to `[null]`
 * (a place on no roster), and every entry given to `recordTeamChange` (a place's team: no
 * funder when the place is on no roster).
 */
function platformActions(): Set<string> {
  const actions = new Set<string>();
  for (const file of files(SRC, '.ts')) {
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(/\b(audit\.record|recordTeamChange)\(/g)) {
      const args = argumentsAt(text, m.index + m[0].length - 1);
      const before = text.slice(Math.max(0, m.index - 300), m.index);
      const noFunder =
        m[1] === 'recordTeamChange' ||
        /\bfunderId: null\b/.test(args) ||
        (/\bfunderId,/.test(args) && /: \[null\]\)/.test(before));
      if (!noFunder) continue;
      for (const a of args.matchAll(/\baction: ([^\n]*)/g))
        for (const q of a[1]!.matchAll(/'([a-z_]+\.[a-z_]+)'/g)) actions.add(q[1]!);
    }
  }
  return actions;
}

/**
 * The actions src may record for a funder: every `audit.record` call but those with
 * `funderId: null` (a loop that falls back to `[null]` records for the place's funders too), every
 * entry given to `recordTeamChange`, and the SQL functions' `audit_append` calls (all a funder's).
 */
function funderActions(): Set<string> {
  const actions = new Set<string>();
  for (const file of files(SRC, '.ts')) {
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(/\b(audit\.record|recordTeamChange)\(/g)) {
      const args = argumentsAt(text, m.index + m[0].length - 1);
      if (m[1] === 'audit.record' && /\bfunderId: null\b/.test(args)) continue;
      for (const a of args.matchAll(/\baction: ([^\n]*)/g))
        for (const q of a[1]!.matchAll(/'([a-z_]+\.[a-z_]+)'/g)) actions.add(q[1]!);
    }
  }
  for (const file of files(join(SRC, 'db/migrations'), '.sql')) {
    const text = readFileSync(file, 'utf8');
    for (const call of text.matchAll(/audit_append\(([\s\S]{0,400})/g))
      for (const q of call[1]!.matchAll(/'([a-z_]+\.[a-z_]+)'/g)) actions.add(q[1]!);
  }
  return actions;
}

describe('labels of the audit journal', () => {
  it('has a French label for every action code recorded anywhere in src', () => {
    const { actions, templates } = recordedActions();
    expect(templates).toEqual([]);
    expect(actions.size).toBeGreaterThan(20);
    const missing = [...actions].filter((a) => !Object.hasOwn(ACTION_LABELS, a));
    expect(missing).toEqual([]);
  });

  it('offers in the platform journal’s list exactly the actions recorded with no funder, each labelled', () => {
    const recorded = platformActions();
    expect(recorded.has('auth.lock')).toBe(true);
    expect(recorded.has('account.lookup')).toBe(true);
    expect([...PLATFORM_JOURNAL_ACTIONS].sort()).toEqual([...recorded].sort());
    expect(PLATFORM_JOURNAL_ACTIONS.filter((a) => !Object.hasOwn(ACTION_LABELS, a))).toEqual([]);
  });

  it('offers in a funder journal’s list every labelled action but those recorded only with no funder', () => {
    // A finance officer chose « Compte consulté par l’assistance » and read an empty journal forever.
    const withFunder = funderActions();
    const platformOnly = [...platformActions()].filter((a) => !withFunder.has(a));
    expect(platformOnly).toContain('account.lookup');
    expect(platformOnly).toContain('auth.lock');
    expect(FUNDER_JOURNAL_ACTIONS.filter((a) => platformOnly.includes(a))).toEqual([]);
    expect([...FUNDER_JOURNAL_ACTIONS].sort()).toEqual(
      Object.keys(ACTION_LABELS)
        .filter((a) => !platformOnly.includes(a))
        .sort(),
    );
    expect(FUNDER_JOURNAL_ACTIONS).toContain('pass.redeem');
    // Recorded both ways: a place's team and profile, in its funders' journals and the platform's.
    expect(FUNDER_JOURNAL_ACTIONS).toContain('membership.end');
    expect(FUNDER_JOURNAL_ACTIONS).toContain('place.bank_account');
  });

  it('writes amounts in euros, dates the French way and names instead of ids', () => {
    const programId = '6f1c1f9e-2a8b-4c3d-9e0f-0123456789ab';
    const lines = summaryLines(
      { programId, amountCents: 123450, receivedOn: '2026-12-01', from: null, reason: 'lost' },
      new Map([[programId, 'Pass numérique 2026']]),
    );
    expect(lines).toEqual([
      'Dispositif : Pass numérique 2026',
      'Montant : 1\u202f234,50\u00a0€',
      'Reçu le : 01/12/2026',
      'De : stock du financeur',
      'Motif : Perdu',
    ]);
  });

  it('groups the digits of counts as every page does, not of a year', () => {
    // The journal read « Plafond : 1000 » and « Pass prévus : 5000 ».
    expect(summaryLines({ cap: 1000, plannedPasses: 66100, year: 2026 }, new Map())).toEqual([
      'Plafond : 1\u202f000',
      'Pass prévus : 66\u202f100',
      'Année : 2026',
    ]);
  });

  it('reads a pair of facts in order, whatever order the database kept its keys in', () => {
    // jsonb keeps the shorter key first: « Dernier numéro » came before « Premier numéro ».
    const stored = { lastNumber: 12, periodEnd: '2026-11-30', firstNumber: 1, periodStart: '2026-11-01' };
    expect(summaryLines(stored, new Map())).toEqual([
      'Premier numéro : 1',
      'Début de la période : 01/11/2026',
      'Dernier numéro : 12',
      'Fin de la période : 30/11/2026',
    ]);
  });

  it('names a commune and a territory by their official names, not by INSEE codes alone', () => {
    // The journal once read « Commune (code INSEE) : 62850 ».
    const summary = { communeCode: '62850', territory: [{ level: 'departement', code: '80' }] };
    const names = new Map(
      namedTerritories(summary).map((t) => [
        territoryKey(t.level, t.code),
        territoryName(t as TerritoryRef) ?? '',
      ]),
    );
    expect(summaryLines(summary, names)).toEqual([
      'Commune : Vieil-Hesdin (62850)',
      'Territoire : département Somme (80)',
    ]);
    // A code no longer official stays as it is rather than vanish.
    expect(summaryLines({ communeCode: '99999' }, new Map())).toEqual(['Commune : 99999']);
  });

  it('says in French why a sign-in failed', () => {
    // A helpdesk read « Motif : wrong_password » and « Motif : locked » in the platform's journal.
    const motif = (reason: string) => summaryLines({ reason }, new Map());
    expect(motif('wrong_password')).toEqual(['Motif : mot de passe erroné']);
    expect(motif('locked')).toEqual([
      'Motif : compte bloqué depuis cet appareil ou ce réseau (trop d’essais manqués)',
    ]);
    expect(motif('unknown_account')).toEqual(['Motif : aucun compte à cette adresse']);
    expect(motif('disabled')).toEqual(['Motif : compte désactivé']);
  });

  it('says in French where a cancelled redemption’s pass goes, and which fields of a place changed', () => {
    // The journal once read « Pass rendu à : outstanding » and « changed : name ».
    expect(summaryLines({ passReturnsTo: 'outstanding' }, new Map())).toEqual([
      'Pass rendu à : la personne (pass de nouveau utilisable)',
    ]);
    expect(
      summaryLines(
        { changed: ['name', 'openingHours'], previousName: 'Médiathèque', name: 'Tartempion' },
        new Map(),
      ),
    ).toEqual(['Modifié : nom, horaires', 'Ancien nom : Médiathèque', 'Nom : Tartempion']);
  });

  it('leaves out the label of a bank line that has none, rather than an empty « Libellé : »', () => {
    // A camt.053 line may carry no remittance text, no counterparty, no additional information.
    const decision = (label: string) =>
      summaryLines(
        {
          line: 3,
          endToEndId: 'PN-2026-0007',
          label,
          amountCents: 4500,
          decision: 'dismiss',
          reason: 'Frais',
        },
        new Map(),
      );
    const without = [
      'Ligne : 3',
      'Référence du virement : PN-2026-0007',
      'Montant : 45,00\u00a0€',
      'Décision : écarté',
      'Motif : Frais',
    ];
    expect(decision('')).toEqual(without);
    expect(decision('   ')).toEqual(without);
    expect(decision('VIR SEPA MEDIATHEQUE')).toContain('Libellé : VIR SEPA MEDIATHEQUE');
  });

  it('names how a person signed in, in French (the journal once read « Méthode : password »)', () => {
    expect(summaryLines({ method: 'password' }, new Map())).toEqual(['Méthode : mot de passe']);
    expect(summaryLines({ method: 'proconnect' }, new Map())).toEqual(['Méthode : ProConnect']);
    expect(summaryLines({ method: 'invitation' }, new Map())).toEqual(['Méthode : invitation acceptée']);
    expect(summaryLines({ method: 'registration' }, new Map())).toEqual(['Méthode : inscription d’un lieu']);
  });
});
