import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// A module reads and writes its own tables; another module's rows it asks of that module's
// service (docs/architecture.md, "The module shape"). module-graph.test.ts keeps the imports
// in order; this test keeps the SQL: it finds every table a module's code names (in SQL text or
// as a Drizzle table) and compares with the owners below.

const modulesDir = path.dirname(fileURLToPath(import.meta.url));
const schemaDir = path.join(modulesDir, '..', 'db', 'schema');

/**
 * Each table's owners: the module that writes it, and for the booklet and its passes, the
 * modules that each write the moves of their own use-case on rows locked through `stock`
 * (docs/architecture.md), and for a place's profile, the standard's import.
 */
const OWNERS: Record<string, string[]> = {
  users: ['auth'],
  sessions: ['auth'],
  invitations: ['auth'],
  login_failures: ['auth'],
  memberships: ['auth'],
  password_resets: ['auth'],
  oidc_logins: ['proconnect'],
  audit_entries: ['audit'],
  audit_epochs: ['audit'],
  audit_seals: ['audit'],
  audit_checks: ['audit'],
  funders: ['funders'],
  organisations: ['funders'],
  funder_bank_accounts: ['funders'],
  funder_places: ['funders'],
  fundings: ['finance'],
  funding_reversals: ['finance'],
  ledger_postings: ['ledger'],
  notification_outbox: ['notifications'],
  booklets: ['passes', 'stock', 'beneficiaries', 'blocking'],
  passes: ['passes', 'stock', 'beneficiaries', 'blocking', 'redemptions'],
  issue_batches: ['passes'],
  stock_movements: ['stock', 'beneficiaries'],
  beneficiaries: ['beneficiaries'],
  payment_runs: ['payments'],
  payment_transfers: ['payments'],
  payment_transfer_statements: ['payments'],
  payment_write_offs: ['payments'],
  bank_imports: ['payments'],
  bank_import_lines: ['payments'],
  api_keys: ['places'],
  api_key_errors: ['places'],
  api_key_usage: ['places'],
  place_qualifications: ['places'],
  program_places: ['places'],
  place_profiles: ['place-profiles', 'place-standard'],
  place_imports: ['place-standard'],
  place_registration_requests: ['place-profiles'],
  programs: ['programs'],
  carry_over_decisions: ['closing'],
  carry_overs: ['closing'],
  program_amendments: ['programs'],
  program_states: ['programs'],
  envelopes: ['programs'],
  funder_questionnaires: ['qualification'],
  funder_charters: ['qualification'],
  place_applications: ['qualification'],
  place_bank_accounts: ['qualification'],
  place_charter_acceptances: ['qualification'],
  redemptions: ['redemptions'],
  late_sessions: ['redemptions'],
  statements: ['statements'],
  statement_lines: ['statements'],
  statement_events: ['statements'],
  statement_counters: ['statements'],
  // The HTTP layer's guessing and failure limits (src/http), no module's.
  rate_windows: [],
};

/**
 * Reads of another module's tables that remain, each with its reason. Never a write. A new
 * line here needs a reason as good; the way out is a set-based call of the owner's service.
 */
const KNOWN_READS: Record<string, Record<string, string>> = {
  audit: {
    ...Object.fromEntries(
      [
        'organisations',
        'users',
        'envelopes',
        'api_keys',
        'invitations',
        'fundings',
        'payment_runs',
        'program_amendments',
        'programs',
      ].map((t) => [
        t,
        'the journal names the objects of its entries (who, which programme…): every module writes to audit, so audit calling their services would make a cycle',
      ]),
    ),
    memberships:
      'a place’s journal finds its team’s entries by their object (a role changed names the membership only), read-only; auth writes to audit, so a call of its service would make a cycle',
  },
  auth: Object.fromEntries(
    ['funders', 'organisations', 'funder_places'].map((t) => [
      t,
      'a session’s memberships carry their funder’s and organisation’s names and a place’s funders, read with the session in one query on every request',
    ]),
  ),
  directory: Object.fromEntries(
    ['programs', 'program_places', 'place_profiles', 'organisations'].map((t) => [
      t,
      'the public directory is one read-only query over the places and programmes it shows',
    ]),
  ),
  funders: {
    ...Object.fromEntries(
      ['memberships', 'users'].map((t) => [
        t,
        'how many admins a funder has (the four-eyes rule) and who recorded its bank account',
      ]),
    ),
    envelopes:
      'a new territory must keep covering the envelopes’ (programs depends on funders: a cycle otherwise), read-only',
  },
  passes: Object.fromEntries(
    ['envelopes', 'users'].map((t) => [
      t,
      'a programme’s issues are listed with their envelope’s name and who issued them, by join, read-only',
    ]),
  ),
  payments: Object.fromEntries(
    ['statements', 'organisations', 'place_bank_accounts', 'funder_bank_accounts', 'users'].map((t) => [
      t,
      'a run’s transfers are read with their statements’ numbers, their place’s name and bank account, by join, read-only; statements move only through their service',
    ]),
  ),
  'place-standard': {
    ...Object.fromEntries(
      ['organisations', 'program_places'].map((t) => [
        t,
        'the standard’s export reads the funder’s qualified places with their names in one query',
      ]),
    ),
    funder_places:
      'an import finds, in one statement per batch, which places the funder’s roster already holds (bench:places: a service call per batch cost a round trip), read-only',
  },
  places: {
    ...Object.fromEntries(
      ['funders', 'organisations', 'funder_places', 'users'].map((t) => [
        t,
        'a funder’s roster of places and its decisions, with names, read-only',
      ]),
    ),
    place_profiles:
      'whether a place has filled in its profile, without which the directory does not list it (place-profiles depends on places: a cycle otherwise), read-only',
  },
  programs: {
    issue_batches: 'a programme’s budget counts the value issued, read-only',
    carry_overs:
      'the passes received from a previous programme count against the plan on their day (closing depends on programs: a cycle otherwise)',
    ...Object.fromEntries(
      ['booklets', 'redemptions', 'late_sessions'].map((t) => [
        t,
        'an amendment may not end the calendar before the last hand-out or session (passes and redemptions depend on programs: a cycle otherwise), read-only',
      ]),
    ),
    passes:
      'an amendment moving the usage end into the past says how many passes the next run would cancel or expire (passes depends on programs: a cycle otherwise), read-only',
  },
  qualification: { users: 'the name of who recorded a bank account, read-only' },
  redemptions: Object.fromEntries(
    ['booklets'].map((t) => [t, 'checking a code reads its booklet’s holder and beneficiary, read-only']),
  ),
  statements: {
    ...Object.fromEntries(
      ['funders', 'programs', 'organisations', 'redemptions', 'passes', 'ledger_postings', 'users'].map(
        (t) => [
          t,
          'the monthly run is one set-based statement over the redemptions and the ledger (bench:statements); statements and payables read names by join',
        ],
      ),
    ),
    ...Object.fromEntries(
      ['payment_runs', 'payment_transfers', 'payment_transfer_statements', 'payment_write_offs'].map((t) => [
        t,
        'the payables as of a day read what is left of transfers paid in part, by join, read-only (the runs: when a complement carried statements)',
      ]),
    ),
    ...Object.fromEntries(
      ['bank_imports', 'bank_import_lines'].map((t) => [
        t,
        'the payables as of a day read when a transfer’s payment or return was recorded (its bank line), read-only',
      ]),
    ),
    late_sessions:
      'a statement’s lines give a late session’s own day beside its recording, by join, read-only',
  },
  stock: Object.fromEntries(
    ['users', 'organisations'].map((t) => [
      t,
      'a booklet’s history names who moved it and its holder, read-only',
    ]),
  ),
};

const tables = () => {
  const found = new Set<string>();
  for (const file of fs.readdirSync(schemaDir)) {
    const text = fs.readFileSync(path.join(schemaDir, file), 'utf8');
    for (const [, name] of text.matchAll(/pgTable\(\s*'([a-z_]+)'/g)) found.add(name!);
  }
  return [...found].sort();
};

const camel = (table: string) => table.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());

/** The tables a file names: in SQL (upper-case keywords, so prose in comments is not read) or as Drizzle tables. */
function tablesNamed(text: string, all: string[]) {
  const named = new Map<string, 'read' | 'write'>();
  const schemaImports = [...text.matchAll(/import\s*\{([^}]*)\}\s*from\s*'[./]*db\/schema[^']*'/g)]
    .flatMap(([, names]) => names!.split(','))
    .map((n) => n.trim());
  for (const table of all) {
    const t = `"?${table}"?\\b`;
    const written =
      new RegExp(`\\b(UPDATE|INSERT INTO|DELETE FROM)\\s+${t}`).test(text) ||
      (schemaImports.includes(camel(table)) &&
        new RegExp(`\\.(insert|update|delete)\\(\\s*${camel(table)}\\s*\\)`).test(text));
    const read = new RegExp(`\\b(FROM|JOIN)\\s+${t}`).test(text) || schemaImports.includes(camel(table));
    if (written) named.set(table, 'write');
    else if (read) named.set(table, 'read');
  }
  return named;
}

/** Every module's naming of another module's table, as "module/file: table (read|write)". */
function foreignTables() {
  const all = tables();
  const found: { module: string; file: string; table: string; how: 'read' | 'write' }[] = [];
  for (const name of fs.readdirSync(modulesDir)) {
    const dir = path.join(modulesDir, name);
    if (!fs.statSync(dir).isDirectory()) continue;
    for (const file of fs.readdirSync(dir, { recursive: true }) as string[]) {
      if (!file.endsWith('.ts') || file.endsWith('.test.ts')) continue;
      for (const [table, how] of tablesNamed(fs.readFileSync(path.join(dir, file), 'utf8'), all)) {
        if (!OWNERS[table]?.includes(name)) found.push({ module: name, file, table, how });
      }
    }
  }
  return found;
}

describe('the modules’ tables', () => {
  it('each have their owners named here', () => {
    expect(tables().filter((t) => !(t in OWNERS))).toEqual([]);
  });

  it('are written only by their owners', () => {
    const writes = foreignTables()
      .filter((f) => f.how === 'write')
      .map((f) => `${f.module}/${f.file} writes ${f.table}`);
    expect(writes).toEqual([]);
  });

  it('are read by another module only where the exceptions above say why', () => {
    const reads = [
      ...new Set(
        foreignTables()
          .filter((f) => f.how === 'read')
          .map((f) => `${f.module}: ${f.table}`),
      ),
    ].sort();
    const known = Object.entries(KNOWN_READS)
      .flatMap(([module, t]) => Object.keys(t).map((table) => `${module}: ${table}`))
      .sort();
    expect(reads).toEqual(known);
  });
});
