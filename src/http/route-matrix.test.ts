import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { businessDate } from '../core/dates.js';
import { STANDARD_SERVICES } from '../core/session.js';
import { dayAfterMonth } from '../core/statement.js';
import { hautsDeFranceDemoCampaign } from '../demo/programs.js';
import { DEMO_PASSWORD } from '../demo/seed.js';
import * as auth from '../modules/auth/service.js';
import * as funders from '../modules/funders/service.js';
import * as places from '../modules/places/service.js';
import * as statements from '../modules/statements/service.js';
import { newAccount, sessionOf, TEST_PASSWORD } from '../test/accounts.js';
import { type Client, startTestApp, type TestApp } from '../test/app.js';
import { type Circulation, demoCampaign, handedOutBooklets, placeKey } from '../test/circulation.js';

/**
 * Issue 10, point 1: every route of the OpenAPI document × every role × own and other
 * funder, against the table below, written by hand and independent of the guard's code.
 *
 * The objects are the demo campaign's (Région Hauts-de-France): its programme, a batch, a
 * funding, its Médiathèque (a place) and Mission locale (a prescriber), a booklet and a
 * pass. "own" probes them as the role's Hauts-de-France account; "other" as the same role
 * of another funder (Département du Pas-de-Calais, its own place and prescriber), for whom
 * they must not exist. The operator and the anonymous caller belong to no funder: both
 * columns hold for them alike.
 *
 * Outcome classes: `ok` (anything but 401, 403, 404 and 5xx: the request passed
 * authorisation, and a 409 or 422 is the business answering), `401`, `403`, `404`.
 * Requests carry valid bodies: validation runs before the services authorise, so a
 * forbidden caller must get its 403/404 with a body that would otherwise be accepted.
 *
 * A new route: add a row to EXPECTED (and a body to BODIES if it takes one, a query to
 * QUERIES if it needs one, its path parameters to the fixture's `params`; a route that ends
 * the caller's session or changes its password goes in OWN_SESSION too). A route of the
 * document without a row fails the test, naming it. MATRIX_DEBUG=1 prints the status of
 * every probe the table allows, to see that bodies are accepted and not merely authorised.
 */

const ROLES = [
  'anonymous',
  'api_key',
  'platform_admin',
  'funder_admin',
  'funder_viewer',
  'prescriber_agent',
  'place_agent',
  'place_admin',
  'beneficiary',
] as const;
type Role = (typeof ROLES)[number];
type Outcome = 'ok' | '401' | '403' | '404';

/** One line per route, outcomes in ROLES order; `both` when the funder does not matter. */
type Row = { own: string; other: string } | { both: string };

// biome-ignore format: the table is aligned by hand, one column per role
const EXPECTED: Record<string, Row> = {
  //                                                         anon key padm fadm fview presc placeA placeAd benef
  'GET /health':                                    { both:  'ok   ok  ok   ok   ok    ok    ok     ok      ok' },
  'POST /auth/login':                               { both:  'ok   ok  ok   ok   ok    ok    ok     ok      ok' },
  'POST /auth/logout':                              { both:  'ok   ok  ok   ok   ok    ok    ok     ok      ok' },
  'POST /auth/password':                            { both:  '401  403 ok   ok   ok    ok    ok     ok      ok' },
  // ProConnect is not configured here: its sign-in and callback are not found for anyone.
  'GET /auth/proconnect':                           { both:  'ok   ok  ok   ok   ok    ok    ok     ok      ok' },
  'GET /auth/proconnect/login':                     { both:  '404  404 404  404  404   404   404    404     404' },
  'GET /auth/proconnect/callback':                  { both:  '404  404 404  404  404   404   404    404     404' },
  'GET /auth/me':                                   { both:  '401  403 ok   ok   ok    ok    ok     ok      ok' },
  'GET /invitations/{token}':                       { both:  'ok   ok  ok   ok   ok    ok    ok     ok      ok' },
  'POST /invitations/{token}/accept':               { both:  'ok   ok  ok   ok   ok    ok    ok     ok      ok' },
  // The invitation of each probe is for a new address: no caller is the one invited.
  'POST /invitations/{token}/join':                 { both:  '401  403 403  403  403   403   403    403     403' },
  // The e-mail outbox (issue 12, point 7): the platform admin's; resending a queued message is a 409.
  'GET /admin/accounts':                            { both:  '401  403 ok   403  403   403   403    403     403' },
  // Cutting an account off: the first probe disables it, the next are told it is already (409).
  'POST /admin/accounts/disable':                   { both:  '401  403 ok   403  403   403   403    403     403' },
  'POST /admin/accounts/enable':                    { both:  '401  403 ok   403  403   403   403    403     403' },
  // The helpdesk's « Trouver un pass »: a code of any funder, the platform admin's alone.
  'GET /admin/passes/{code}':                       { both:  '401  403 ok   403  403   403   403    403     403' },
  'GET /admin/messages':                            { both:  '401  403 ok   403  403   403   403    403     403' },
  'GET /admin/messages/{messageId}':                { both:  '401  403 ok   403  403   403   403    403     403' },
  'POST /admin/messages/{messageId}/resend':        { both:  '401  403 ok   403  403   403   403    403     403' },
  // Password reset by e-mail: public, the same answer whether the address exists; a bad link is a 400.
  'POST /auth/password-reset':                      { both:  'ok   ok  ok   ok   ok    ok    ok     ok      ok' },
  'POST /auth/password-reset/confirm':              { both:  'ok   ok  ok   ok   ok    ok    ok     ok      ok' },
  'GET /auth/password-reset/{token}':               { both:  'ok   ok  ok   ok   ok    ok    ok     ok      ok' },
  'GET /audit':                                     { both:  '401  403 ok   403  403   403   403    403     403' },
  'GET /audit.csv':                                 { both:  '401  403 ok   403  403   403   403    403     403' },
  'GET /communes':                                  { both:  '401  403 ok   ok   ok    ok    ok     ok      ok' },
  'GET /territories':                               { both:  'ok   ok  ok   ok   ok    ok    ok     ok      ok' },
  // The public directory (issue 11, point 5): no sign-in, limited per address.
  'GET /public/config':                             { both:  'ok   ok  ok   ok   ok    ok    ok     ok      ok' },
  'GET /public/programs':                           { both:  'ok   ok  ok   ok   ok    ok    ok     ok      ok' },
  'GET /public/programs/{programId}/places':        { both:  'ok   ok  ok   ok   ok    ok    ok     ok      ok' },
  'GET /public/places/{placeId}':                   { both:  'ok   ok  ok   ok   ok    ok    ok     ok      ok' },
  'GET /public/passes/{code}/directory':            { both:  'ok   ok  ok   ok   ok    ok    ok     ok      ok' },
  'GET /funders':                                   { both:  '401  403 ok   ok   ok    ok    ok     ok      ok' },
  'POST /funders':                                  { both:  '401  403 ok   403  403   403   403    403     403' },
  'POST /funders/{funderId}/invitations':           { own:   '401  403 ok   ok   403   403   403    403     403',
                                                      other: '401  403 ok   404  404   404   404    404     404' },
  'GET /funders/{funderId}/invitations':            { own:   '401  403 ok   ok   403   403   403    403     403',
                                                      other: '401  403 ok   404  404   404   404    404     404' },
  'POST /funders/{funderId}/invitations/{invitationId}/withdraw':
                                                    { own:   '401  403 ok   ok   403   403   403    403     403',
                                                      other: '401  403 ok   404  404   404   404    404     404' },
  'POST /funders/{funderId}/invitations/{invitationId}/resend':
                                                    { own:   '401  403 ok   ok   403   403   403    403     403',
                                                      other: '401  403 ok   404  404   404   404    404     404' },
  'GET /funders/{funderId}/members':                { own:   '401  403 ok   ok   403   403   403    403     403',
                                                      other: '401  403 ok   404  404   404   404    404     404' },
  'POST /funders/{funderId}/members/{membershipId}/role':
                                                    { own:   '401  403 ok   ok   403   403   403    403     403',
                                                      other: '401  403 ok   404  404   404   404    404     404' },
  'POST /funders/{funderId}/members/{membershipId}/end':
                                                    { own:   '401  403 ok   ok   403   403   403    403     403',
                                                      other: '401  403 ok   404  404   404   404    404     404' },
  // A password link to hand over: the team's own admins only; the operator has her command line.
  'POST /funders/{funderId}/members/{membershipId}/password-link':
                                                    { own:   '401  403 403  ok   403   403   403    403     403',
                                                      other: '401  403 403  404  404   404   404    404     404' },
  'GET /funders/{funderId}/audit':                  { own:   '401  403 ok   ok   ok    403   403    403     403',
                                                      other: '401  403 ok   404  404   404   404    404     404' },
  'GET /funders/{funderId}/audit/integrity':        { own:   '401  403 ok   ok   ok    403   403    403     403',
                                                      other: '401  403 ok   404  404   404   404    404     404' },
  // The check runs in the background, one run for the platform: any funder's reader follows it.
  'POST /funders/{funderId}/audit/integrity':       { own:   '401  403 ok   ok   ok    403   403    403     403',
                                                      other: '401  403 ok   404  404   404   404    404     404' },
  'GET /funders/{funderId}/audit/integrity/latest': { own:   '401  403 ok   ok   ok    403   403    403     403',
                                                      other: '401  403 ok   404  404   404   404    404     404' },
  'GET /funders/{funderId}/audit/integrity/{checkId}':
                                                    { own:   '401  403 ok   ok   ok    403   403    403     403',
                                                      other: '401  403 ok   404  404   404   404    404     404' },
  'GET /funders/{funderId}/audit.csv':              { own:   '401  403 ok   ok   ok    403   403    403     403',
                                                      other: '401  403 ok   404  404   404   404    404     404' },
  'GET /funders/{funderId}/organisations':          { own:   '401  403 ok   ok   ok    403   403    403     403',
                                                      other: '401  403 ok   404  404   404   404    404     404' },
  'GET /funders/{funderId}/prescribers':            { own:   '401  403 ok   ok   ok    403   403    403     403',
                                                      other: '401  403 ok   404  404   404   404    404     404' },
  // Only the funder's admins add prescribers (the operator supports funders, it does not run them).
  'POST /funders/{funderId}/prescribers':           { own:   '401  403 403  ok   403   403   403    403     403',
                                                      other: '401  403 403  404  404   404   404    404     404' },
  'POST /funders/{funderId}/prescribers/imports':   { own:   '401  403 403  ok   403   403   403    403     403',
                                                      other: '401  403 403  404  404   404   404    404     404' },
  'GET /funders/{funderId}/prescribers/{prescriberId}':
                                                    { own:   '401  403 ok   ok   ok    403   403    403     403',
                                                      other: '401  403 ok   404  404   404   404    404     404' },
  // Taking stock back moves booklets, as a transfer does: the funder's admins only.
  'POST /funders/{funderId}/prescribers/{prescriberId}/returns':
                                                    { own:   '401  403 403  ok   403   403   403    403     403',
                                                      other: '401  403 403  404  404   404   404    404     404' },
  'PATCH /funders/{funderId}':                      { own:   '401  403 ok   403  403   403   403    403     403',
                                                      other: '401  403 ok   404  404   404   404    404     404' },
  'GET /funders/{funderId}/settings':               { own:   '401  403 ok   ok   ok    403   403    403     403',
                                                      other: '401  403 ok   404  404   404   404    404     404' },
  'PATCH /funders/{funderId}/settings':             { own:   '401  403 403  ok   403   403   403    403     403',
                                                      other: '401  403 403  404  404   404   404    404     404' },
  // A person's data (docs/architecture.md, "A person's data"): the funder's admins answer the person's requests.
  // Everything the funder recorded, beneficiaries' identities included: its admins only.
  'GET /funders/{funderId}/export.zip':             { own:   '401  403 403  ok   403   403   403    403     403',
                                                      other: '401  403 403  404  404   404   404    404     404' },
  'GET /funders/{funderId}/beneficiaries':          { own:   '401  403 403  ok   403   403   403    403     403',
                                                      other: '401  403 403  404  404   404   404    404     404' },
  'GET /funders/{funderId}/beneficiaries/{beneficiaryId}':
                                                    { own:   '401  403 403  ok   403   403   403    403     403',
                                                      other: '401  403 403  404  404   404   404    404     404' },
  'POST /funders/{funderId}/beneficiaries/{beneficiaryId}/erasure':
                                                    { own:   '401  403 403  ok   403   403   403    403     403',
                                                      other: '401  403 403  404  404   404   404    404     404' },
  'POST /funders/{funderId}/beneficiaries/{beneficiaryId}/rectification':
                                                    { own:   '401  403 403  ok   403   403   403    403     403',
                                                      other: '401  403 403  404  404   404   404    404     404' },
  // What a person is told of their data: every member of the funder reads it, the desk shows it.
  'GET /funders/{funderId}/privacy-notice':         { own:   '401  403 ok   ok   ok    ok    ok     ok      403',
                                                      other: '401  403 ok   404  404   404   404    404     404' },
  // Paying the places (issue 12, points 3 to 5): staff read; the funder's admins act.
  'GET /funders/{funderId}/payments':               { own:   '401  403 ok   ok   ok    403   403    403     403',
                                                      other: '401  403 ok   404  404   404   404    404     404' },
  'POST /funders/{funderId}/payment-runs':          { own:   '401  403 403  ok   403   403   403    403     403',
                                                      other: '401  403 403  404  404   404   404    404     404' },
  'POST /funders/{funderId}/payment-runs/{runId}/approve':
                                                    { own:   '401  403 403  ok   403   403   403    403     403',
                                                      other: '401  403 403  404  404   404   404    404     404' },
  'POST /funders/{funderId}/payment-runs/{runId}/cancel':
                                                    { own:   '401  403 403  ok   403   403   403    403     403',
                                                      other: '401  403 403  404  404   404   404    404     404' },
  'POST /funders/{funderId}/payment-runs/{runId}/sepa':
                                                    { own:   '401  403 403  ok   403   403   403    403     403',
                                                      other: '401  403 403  404  404   404   404    404     404' },
  // The bank refused the run's file: recorded by the funder's admins (no four eyes: it pays nothing).
  'POST /funders/{funderId}/payment-runs/{runId}/reject':
                                                    { own:   '401  403 403  ok   403   403   403    403     403',
                                                      other: '401  403 403  404  404   404   404    404     404' },
  'POST /funders/{funderId}/bank-imports':          { own:   '401  403 403  ok   403   403   403    403     403',
                                                      other: '401  403 403  404  404   404   404    404     404' },
  'GET /funders/{funderId}/bank-imports/{bankImportId}':
                                                    { own:   '401  403 ok   ok   ok    403   403    403     403',
                                                      other: '401  403 ok   404  404   404   404    404     404' },
  'POST /funders/{funderId}/bank-imports/{bankImportId}/lines/{lineId}/decision':
                                                    { own:   '401  403 403  ok   403   403   403    403     403',
                                                      other: '401  403 403  404  404   404   404    404     404' },
  'POST /funders/{funderId}/payment-transfers/{transferId}/write-off':
                                                    { own:   '401  403 403  ok   403   403   403    403     403',
                                                      other: '401  403 403  404  404   404   404    404     404' },
  'GET /funders/{funderId}/programs':               { own:   '401  403 ok   ok   ok    ok    ok     ok      403',
                                                      other: '401  403 ok   404  404   404   404    404     404' },
  'POST /funders/{funderId}/programs':              { own:   '401  403 403  ok   403   403   403    403     403',
                                                      other: '401  403 403  404  404   404   404    404     404' },
  'GET /programs/{programId}':                      { own:   '401  403 ok   ok   ok    ok    ok     ok      403',
                                                      other: '401  403 ok   404  404   404   404    404     404' },
  'POST /programs/{programId}/amendments':          { own:   '401  403 403  ok   403   403   403    403     403',
                                                      other: '401  403 403  404  404   404   404    404     404' },
  'POST /programs/{programId}/envelopes':           { own:   '401  403 403  ok   403   403   403    403     403',
                                                      other: '401  403 403  404  404   404   404    404     404' },
  'POST /programs/{programId}/issues':              { own:   '401  403 403  ok   403   403   403    403     403',
                                                      other: '401  403 403  404  404   404   404    404     404' },
  'GET /programs/{programId}/issues':               { own:   '401  403 403  ok   403   403   403    403     403',
                                                      other: '401  403 403  404  404   404   404    404     404' },
  'GET /programs/{programId}/issues/{batchId}/codes.csv':
                                                    { own:   '401  403 403  ok   403   403   403    403     403',
                                                      other: '401  403 403  404  404   404   404    404     404' },
  'POST /programs/{programId}/fundings':            { own:   '401  403 403  ok   403   403   403    403     403',
                                                      other: '401  403 403  404  404   404   404    404     404' },
  'POST /programs/{programId}/fundings/{fundingId}/reversal':
                                                    { own:   '401  403 403  ok   403   403   403    403     403',
                                                      other: '401  403 403  404  404   404   404    404     404' },
  'GET /programs/{programId}/finance':              { own:   '401  403 ok   ok   ok    403   403    403     403',
                                                      other: '401  403 ok   404  404   404   404    404     404' },
  'GET /programs/{programId}/payers':               { own:   '401  403 ok   ok   ok    403   403    403     403',
                                                      other: '401  403 ok   404  404   404   404    404     404' },
  'GET /programs/{programId}/cofunder-shares':      { own:   '401  403 ok   ok   ok    403   403    403     403',
                                                      other: '401  403 ok   404  404   404   404    404     404' },
  'GET /programs/{programId}/cofunder-shares.csv':  { own:   '401  403 ok   ok   ok    403   403    403     403',
                                                      other: '401  403 ok   404  404   404   404    404     404' },
  'GET /programs/{programId}/closure':              { own:   '401  403 ok   ok   ok    403   403    403     403',
                                                      other: '401  403 ok   404  404   404   404    404     404' },
  'GET /programs/{programId}/carry-over':           { own:   '401  403 ok   ok   ok    403   403    403     403',
                                                      other: '401  403 ok   404  404   404   404    404     404' },
  'PUT /programs/{programId}/carry-over':           { own:   '401  403 403  ok   403   403   403    403     403',
                                                      other: '401  403 403  404  404   404   404    404     404' },
  'GET /programs/{programId}/call-for-funds.pdf':   { own:   '401  403 ok   ok   ok    403   403    403     403',
                                                      other: '401  403 ok   404  404   404   404    404     404' },
  'GET /programs/{programId}/dashboard':            { own:   '401  403 ok   ok   ok    403   403    403     403',
                                                      other: '401  403 ok   404  404   404   404    404     404' },
  // A programme's report for a period (« Bilan »): read as its finances are; the files' downloads are audited.
  'GET /programs/{programId}/report':               { own:   '401  403 ok   ok   ok    403   403    403     403',
                                                      other: '401  403 ok   404  404   404   404    404     404' },
  'GET /programs/{programId}/report.pdf':           { own:   '401  403 ok   ok   ok    403   403    403     403',
                                                      other: '401  403 ok   404  404   404   404    404     404' },
  'GET /programs/{programId}/report.csv':           { own:   '401  403 ok   ok   ok    403   403    403     403',
                                                      other: '401  403 ok   404  404   404   404    404     404' },
  'GET /programs/{programId}/report/places':        { own:   '401  403 ok   ok   ok    403   403    403     403',
                                                      other: '401  403 ok   404  404   404   404    404     404' },
  'GET /programs/{programId}/places':               { own:   '401  403 ok   ok   ok    ok    ok     ok      403',
                                                      other: '401  403 ok   404  404   404   404    404     404' },
  'PUT /programs/{programId}/places/{placeId}':     { own:   '401  403 403  ok   403   403   403    403     403',
                                                      other: '401  403 403  404  404   404   404    404     404' },
  // Each probe decides on a place of its own, on the funder's roster, not yet qualified.
  'POST /programs/{programId}/places/{placeId}/decisions':
                                                    { own:   '401  403 403  ok   403   403   403    403     403',
                                                      other: '401  403 403  404  404   404   404    404     404' },
  'POST /funders/{funderId}/places':                { own:   '401  403 403  ok   403   403   403    403     403',
                                                      other: '401  403 403  404  404   404   404    404     404' },
  // A place of the platform chosen by name: the demo's Médiathèque, already on the roster (no change).
  'PUT /funders/{funderId}/places/{placeId}':       { own:   '401  403 403  ok   403   403   403    403     403',
                                                      other: '401  403 403  404  404   404   404    404     404' },
  'GET /funders/{funderId}/platform-places':        { own:   '401  403 403  ok   403   403   403    403     403',
                                                      other: '401  403 403  404  404   404   404    404     404' },
  'GET /funders/{funderId}/places/{placeId}':       { own:   '401  403 ok   ok   ok    403   403    403     403',
                                                      other: '401  403 ok   404  404   404   404    404     404' },
  'GET /programs/{programId}/booklets':             { own:   '401  403 ok   ok   ok    403   403    403     403',
                                                      other: '401  403 ok   404  404   404   404    404     404' },
  'GET /funders/{funderId}/places':                 { own:   '401  403 ok   ok   ok    403   403    403     403',
                                                      other: '401  403 ok   404  404   404   404    404     404' },
  // What a funder asks of places: read by everyone who works with it, written by its admins.
  'GET /funders/{funderId}/questionnaire':          { own:   '401  403 ok   ok   ok    ok    ok     ok      403',
                                                      other: '401  403 ok   404  404   404   404    404     404' },
  'POST /funders/{funderId}/questionnaire':         { own:   '401  403 403  ok   403   403   403    403     403',
                                                      other: '401  403 403  404  404   404   404    404     404' },
  'GET /funders/{funderId}/charter':                { own:   '401  403 ok   ok   ok    ok    ok     ok      403',
                                                      other: '401  403 ok   404  404   404   404    404     404' },
  'POST /funders/{funderId}/charter':               { own:   '401  403 403  ok   403   403   403    403     403',
                                                      other: '401  403 403  404  404   404   404    404     404' },
  // A place's qualification: read by its people, committed by its admin only.
  'GET /places/{placeId}/applications':             { own:   '401  403 404  404  404   404   ok     ok      404',
                                                      other: '401  403 404  404  404   404   404    404     404' },
  'POST /places/{placeId}/applications':            { own:   '401  403 404  404  404   404   403    ok      404',
                                                      other: '401  403 404  404  404   404   404    404     404' },
  'POST /places/{placeId}/applications/charter':    { own:   '401  403 404  404  404   404   403    ok      404',
                                                      other: '401  403 404  404  404   404   404    404     404' },
  'GET /places/{placeId}/applications/bank-accounts':
                                                    { own:   '401  403 404  404  404   404   ok     ok      404',
                                                      other: '401  403 404  404  404   404   404    404     404' },
  'POST /places/{placeId}/applications/bank-accounts':
                                                    { own:   '401  403 404  404  404   404   403    ok      404',
                                                      other: '401  403 404  404  404   404   404    404     404' },
  // Issue 11, point 6: the national standard. The export is public (the national cartography harvests it).
  'GET /public/funders/{funderId}/places.json':     { both:  'ok   ok  ok   ok   ok    ok    ok     ok      ok' },
  'GET /public/funders/{funderId}/places.csv':      { both:  'ok   ok  ok   ok   ok    ok    ok     ok      ok' },
  // Only the funder's admins import places; without a file the admin is told to send one (415).
  'POST /funders/{funderId}/place-imports':         { own:   '401  403 403  ok   403   403   403    403     403',
                                                      other: '401  403 403  404  404   404   404    404     404' },
  'GET /funders/{funderId}/place-imports/{importId}':
                                                    { own:   '401  403 403  ok   403   403   403    403     403',
                                                      other: '401  403 403  404  404   404   404    404     404' },
  'POST /programs/{programId}/allocations':         { own:   '401  403 403  ok   403   403   403    403     403',
                                                      other: '401  403 403  404  404   404   404    404     404' },
  'POST /funders/{funderId}/transfers':             { own:   '401  403 403  ok   403   403   403    403     403',
                                                      other: '401  403 403  404  404   404   404    404     404' },
  'GET /funders/{funderId}/booklets/{serial}/movements':
                                                    { own:   '401  403 ok   ok   ok    403   403    403     403',
                                                      other: '401  403 ok   404  404   404   404    404     404' },
  'GET /funders/{funderId}/passes/{code}':          { own:   '401  403 ok   ok   ok    403   403    403     403',
                                                      other: '401  403 ok   404  404   404   404    404     404' },
  // A prescriber's own objects: another organisation's are not found, whatever the role.
  'GET /organisations/{organisationId}/stock':      { own:   '401  403 ok   ok   ok    ok    404    404     404',
                                                      other: '401  403 ok   404  404   404   404    404     404' },
  'GET /organisations/{organisationId}/handed-out': { own:   '401  403 ok   ok   ok    ok    404    404     404',
                                                      other: '401  403 ok   404  404   404   404    404     404' },
  'GET /organisations/{organisationId}/handed-out.csv':
                                                    { own:   '401  403 ok   ok   ok    ok    404    404     404',
                                                      other: '401  403 ok   404  404   404   404    404     404' },
  // A person found by names and birth date: the organisation's own agents, as for a hand-out.
  'POST /organisations/{organisationId}/handed-out/lookup':
                                                    { own:   '401  403 404  404  404   ok    404    404     404',
                                                      other: '401  403 404  404  404   404   404    404     404' },
  'POST /organisations/{organisationId}/hand-outs': { own:   '401  403 404  404  404   ok    404    404     404',
                                                      other: '401  403 404  404  404   404   404    404     404' },
  'POST /organisations/{organisationId}/replacements':
                                                    { own:   '401  403 404  404  404   ok    404    404     404',
                                                      other: '401  403 404  404  404   404   404    404     404' },
  // A prescriber blocks only what its organisation holds or handed out (here: it handed it out).
  'POST /booklets/{serial}/block':                  { own:   '401  403 403  ok   403   ok    403    403     403',
                                                      other: '401  403 403  404  404   404   404    404     404' },
  // A place's own objects (its keys, its redemptions): another place's are not found.
  'GET /places/{placeId}/members':                  { own:   '401  403 404  404  404   404   403    ok      404',
                                                      other: '401  403 404  404  404   404   404    404     404' },
  'POST /places/{placeId}/members/{membershipId}/role':
                                                    { own:   '401  403 404  404  404   404   403    ok      404',
                                                      other: '401  403 404  404  404   404   404    404     404' },
  'POST /places/{placeId}/members/{membershipId}/end':
                                                    { own:   '401  403 404  404  404   404   403    ok      404',
                                                      other: '401  403 404  404  404   404   404    404     404' },
  'POST /places/{placeId}/members/{membershipId}/password-link':
                                                    { own:   '401  403 404  404  404   404   403    ok      404',
                                                      other: '401  403 404  404  404   404   404    404     404' },
  'GET /places/{placeId}/invitations':              { own:   '401  403 404  404  404   404   403    ok      404',
                                                      other: '401  403 404  404  404   404   404    404     404' },
  'POST /places/{placeId}/invitations':             { own:   '401  403 404  404  404   404   403    ok      404',
                                                      other: '401  403 404  404  404   404   404    404     404' },
  'POST /places/{placeId}/invitations/{invitationId}/withdraw':
                                                    { own:   '401  403 404  404  404   404   403    ok      404',
                                                      other: '401  403 404  404  404   404   404    404     404' },
  'POST /places/{placeId}/invitations/{invitationId}/resend':
                                                    { own:   '401  403 404  404  404   404   403    ok      404',
                                                      other: '401  403 404  404  404   404   404    404     404' },
  'GET /places/{placeId}/api-keys':                 { own:   '401  403 404  404  404   404   403    ok      404',
                                                      other: '401  403 404  404  404   404   404    404     404' },
  'GET /places/{placeId}/api-keys/usage':           { own:   '401  403 404  404  404   404   403    ok      404',
                                                      other: '401  403 404  404  404   404   404    404     404' },
  'POST /places/{placeId}/api-keys':                { own:   '401  403 404  404  404   404   403    ok      404',
                                                      other: '401  403 404  404  404   404   404    404     404' },
  'POST /places/{placeId}/api-keys/{keyId}/revoke': { own:   '401  403 404  404  404   404   403    ok      404',
                                                      other: '401  403 404  404  404   404   404    404     404' },
  // Who did what at the place: its admin's, as its team and keys are.
  'GET /places/{placeId}/journal':                  { own:   '401  403 404  404  404   404   403    ok      404',
                                                      other: '401  403 404  404  404   404   404    404     404' },
  'GET /places/{placeId}/journal.csv':              { own:   '401  403 404  404  404   404   403    ok      404',
                                                      other: '401  403 404  404  404   404   404    404     404' },
  'GET /places/{placeId}/programs':                 { own:   '401  403 404  404  404   404   ok     ok      404',
                                                      other: '401  403 404  404  404   404   404    404     404' },
  'GET /places/{placeId}/decisions':                { own:   '401  403 404  404  404   404   ok     ok      404',
                                                      other: '401  403 404  404  404   404   404    404     404' },
  // Its admin says the place stops taking a programme's passes; probed on a programme it does not take (409),
  // so that the desk's routes probed after still find it taking the demo's.
  'POST /places/{placeId}/programs/{programId}/leave':
                                                    { own:   '401  403 404  404  404   404   403    ok      404',
                                                      other: '401  403 404  404  404   404   404    404     404' },
  'GET /places/{placeId}/profile':                  { own:   '401  403 404  404  404   404   ok     ok      404',
                                                      other: '401  403 404  404  404   404   404    404     404' },
  'PUT /places/{placeId}/profile':                  { own:   '401  403 404  404  404   404   403    ok      404',
                                                      other: '401  403 404  404  404   404   404    404     404' },
  // Its admin adds another site of its SIRET (each probe a new name: the first site of a name is created).
  'POST /places/{placeId}/sites':                   { own:   '401  403 404  404  404   404   403    ok      404',
                                                      other: '401  403 404  404  404   404   404    404     404' },
  // A place registers itself, without a session: its form's lists are public too.
  'GET /public/funders':                            { both:  'ok   ok  ok   ok   ok    ok    ok     ok      ok' },
  'POST /public/place-registrations':               { both:  'ok   ok  ok   ok   ok    ok    ok     ok      ok' },
  'POST /public/place-registrations/confirm':       { both:  'ok   ok  ok   ok   ok    ok    ok     ok      ok' },
  // The place's software reconciles its redemptions with its visits: its key lists them too.
  'GET /places/{placeId}/redemptions':              { own:   '401  ok  404  404  404   404   ok     ok      404',
                                                      other: '401  404 404  404  404   404   404    404     404' },
  // The desk: a place (by key or agent) asks about a code; the funder's pass, for another funder's place, is unknown.
  'GET /passes/{code}':                             { own:   '401  ok  404  404  404   404   ok     ok      404',
                                                      other: '401  404 404  404  404   404   404    404     404' },
  'POST /redemptions':                              { own:   '401  ok  404  404  404   404   ok     ok      404',
                                                      other: '401  404 404  404  404   404   404    404     404' },
  'POST /redemptions/{redemptionId}/cancel':        { own:   '401  ok  404  404  404   404   ok     ok      404',
                                                      other: '401  404 404  404  404   404   404    404     404' },
  // « Mes lieux »: the signed-in person's own places (none for a role of no place), never a key's.
  'GET /places':                                    { both:  '401  403 ok   ok   ok    ok    ok     ok      ok' },
  // Statements (issue 12): the place's people see their own; the funder's staff, the funder's.
  'GET /places/{placeId}/statements':               { own:   '401  403 404  404  404   404   ok     ok      404',
                                                      other: '401  403 404  404  404   404   404    404     404' },
  'GET /places/{placeId}/payables':                 { own:   '401  403 404  404  404   404   ok     ok      404',
                                                      other: '401  403 404  404  404   404   404    404     404' },
  // The place's year for its accounts, its sessions by theme and mediator, and their file: its people only.
  'GET /places/{placeId}/year':                     { own:   '401  403 404  404  404   404   ok     ok      404',
                                                      other: '401  403 404  404  404   404   404    404     404' },
  'GET /places/{placeId}/year.csv':                 { own:   '401  403 404  404  404   404   ok     ok      404',
                                                      other: '401  403 404  404  404   404   404    404     404' },
  'GET /places/{placeId}/activity':                 { own:   '401  403 404  404  404   404   ok     ok      404',
                                                      other: '401  403 404  404  404   404   404    404     404' },
  'GET /places/{placeId}/redemptions.csv':          { own:   '401  403 404  404  404   404   ok     ok      404',
                                                      other: '401  403 404  404  404   404   404    404     404' },
  // The transfers its funders sent it, as its bank statement shows them: its people only, as its statements.
  'GET /places/{placeId}/transfers':                { own:   '401  403 404  404  404   404   ok     ok      404',
                                                      other: '401  403 404  404  404   404   404    404     404' },
  'GET /places/{placeId}/transfers.csv':            { own:   '401  403 404  404  404   404   ok     ok      404',
                                                      other: '401  403 404  404  404   404   404    404     404' },
  'GET /funders/{funderId}/statements':             { own:   '401  403 ok   ok   ok    403   403    403     403',
                                                      other: '401  403 ok   404  404   404   404    404     404' },
  'GET /funders/{funderId}/statements.csv':         { own:   '401  403 ok   ok   ok    403   403    403     403',
                                                      other: '401  403 ok   404  404   404   404    404     404' },
  // A place's final statement: issued by the funder's admins, who pay places (the business answers 409 here).
  'POST /funders/{funderId}/statements/final':      { own:   '401  403 403  ok   403   403   403    403     403',
                                                      other: '401  403 403  404  404   404   404    404     404' },
  'GET /funders/{funderId}/payables':               { own:   '401  403 ok   ok   ok    403   403    403     403',
                                                      other: '401  403 ok   404  404   404   404    404     404' },
  'GET /statements/{statementId}':                  { own:   '401  403 ok   ok   ok    404   ok     ok      404',
                                                      other: '401  403 ok   404  404   404   404    404     404' },
  'GET /statements/{statementId}/pdf':              { own:   '401  403 ok   ok   ok    404   ok     ok      404',
                                                      other: '401  403 ok   404  404   404   404    404     404' },
  'GET /statements/{statementId}/csv':              { own:   '401  403 ok   ok   ok    404   ok     ok      404',
                                                      other: '401  403 ok   404  404   404   404    404     404' },
  // Only the place contests (the funder's people see it: 403); only the funder's admins answer.
  'POST /statements/{statementId}/contest':         { own:   '401  403 403  403  403   404   ok     ok      404',
                                                      other: '401  403 403  404  404   404   404    404     404' },
  'POST /statements/{statementId}/answer':          { own:   '401  403 403  ok   403   404   403    403     404',
                                                      other: '401  403 403  404  404   404   404    404     404' },
};

type Scope = 'own' | 'other';

/** The outcome the table gives a route, a role and a scope. */
function expected(route: string, role: Role, scope: Scope): Outcome {
  const row = EXPECTED[route]!;
  const line = 'both' in row ? row.both : row[scope];
  const cells = line.trim().split(/\s+/);
  if (cells.length !== ROLES.length)
    throw new Error(`EXPECTED['${route}'] has ${cells.length} cells, not one per role (${ROLES.join(' ')})`);
  const cell = cells[ROLES.indexOf(role)]!;
  if (!['ok', '401', '403', '404'].includes(cell))
    throw new Error(`EXPECTED['${route}']: unknown outcome ${cell}`);
  return cell as Outcome;
}

function outcomeOf(res: LightMyRequestResponse): Outcome | string {
  if (res.statusCode === 401 || res.statusCode === 403 || res.statusCode === 404)
    return String(res.statusCode) as Outcome;
  if (res.statusCode >= 500) return `${res.statusCode} (server error)`;
  return 'ok';
}

/** A caller: a session (with what opens another one), an API key, or nobody. */
interface Caller {
  client?: Client;
  email?: string;
  password?: string;
  key?: string;
}

interface Fixture {
  params: Record<string, string>;
  callers: Record<Scope, Record<Role, Caller>>;
  c: Circulation;
  mediatheque: string;
  missionLocale: string;
  code: string;
  stockSerials: string[];
  handedOutSerial: string;
  blockedSerial: string;
}

let t: TestApp;
let f: Fixture;
let counter = 0;
const unique = () => `${Date.now().toString(36)}${counter++}`;

/** Valid bodies: a forbidden caller must be refused by authorisation, not by validation. */
const BODIES: Record<string, (f: Fixture, caller: Caller) => unknown> = {
  'POST /funders/{funderId}/payment-runs': () => ({}),
  'POST /funders/{funderId}/payment-runs/{runId}/reject': () => ({
    reason: 'Compte débiteur bloqué (compte rendu de rejet de la banque).',
  }),
  'POST /funders/{funderId}/bank-imports/{bankImportId}/lines/{lineId}/decision': () => ({
    decision: 'dismiss',
  }),
  'POST /funders/{funderId}/payment-transfers/{transferId}/write-off': () => ({
    reason: 'Le lieu a accepté une retenue.',
  }),
  'POST /funders/{funderId}/statements/final': (f) => ({ placeId: f.mediatheque, programId: f.c.programId }),
  'POST /statements/{statementId}/contest': () => ({ reason: 'Une séance manque au relevé.' }),
  'POST /statements/{statementId}/answer': () => ({ reason: 'La séance a été annulée le jour même.' }),
  'POST /auth/login': () => ({ email: 'lecteur@hautsdefrance.test', password: DEMO_PASSWORD }),
  'POST /invitations/{token}/accept': () => ({ displayName: 'Nouvelle personne', password: TEST_PASSWORD }),
  'POST /auth/password-reset': () => ({ email: `personne-${unique()}@exemple.fr` }),
  'POST /auth/password-reset/confirm': () => ({ token: `jeton-${unique()}`, password: TEST_PASSWORD }),
  'POST /public/place-registrations/confirm': () => ({ token: `jeton-${unique()}` }),
  // The same password again: the caller's next session (the other funder's probe) still opens.
  'POST /auth/password': (_f, caller) => ({
    currentPassword: caller.password ?? 'aucun',
    newPassword: caller.password ?? 'aucun',
  }),
  // A bank account: the territory, which hand-outs check, stays as the demo has it.
  'POST /funders/{funderId}/beneficiaries/{beneficiaryId}/erasure': () => ({
    erasureReason: 'person_request',
  }),
  'POST /funders/{funderId}/beneficiaries/{beneficiaryId}/rectification': () => ({
    firstName: 'Rectifiée',
    lastName: 'Par la matrice',
    birthDate: '1950-05-05',
  }),
  // The demo funder's own identity: the operator's probe records nothing, and on the other
  // funder it meets the demo's SIRET (409), so no later probe sees a renamed funder.
  'PATCH /funders/{funderId}': () => ({
    name: 'Région Hauts-de-France',
    kind: 'region',
    siret: '20005374200017',
    reason: 'Vérification de la matrice des droits',
  }),
  'PATCH /funders/{funderId}/settings': () => ({
    bankAccount: { iban: 'FR7610071590000000100123486', bic: 'AGRIFRPP', holder: 'Trésorerie' },
  }),
  'POST /funders': () => ({
    name: `Commune test ${unique()}`,
    kind: 'commune',
    siret: '21800021300015',
    territory: [{ level: 'commune', code: '80021' }],
    firstAdminEmail: `premier-${unique()}@exemple.fr`,
  }),
  'POST /funders/{funderId}/invitations': () => ({
    email: `invite-${unique()}@exemple.fr`,
    role: 'funder_viewer',
  }),
  'POST /funders/{funderId}/members/{membershipId}/role': () => ({ role: 'funder_admin' }),
  'POST /funders/{funderId}/prescribers': () => ({
    name: `Prescripteur ${unique()}`,
    kind: 'association',
    siret: '21570408700018',
    communeCode: '80021',
  }),
  // A dry run: the probes change nothing.
  'POST /funders/{funderId}/prescribers/imports': () => ({
    fileName: 'prescripteurs.csv',
    contentBase64: Buffer.from('Nom;Type;Commune\nCCAS de test;CCAS;80021').toString('base64'),
    dryRun: true,
  }),
  // A booklet handed out: the business refuses it (409), nothing moves.
  'POST /funders/{funderId}/prescribers/{prescriberId}/returns': (f) => ({ serials: [f.handedOutSerial] }),
  'POST /funders/{funderId}/programs': () => hautsDeFranceDemoCampaign.creation,
  'POST /programs/{programId}/amendments': () => ({
    effectiveOn: businessDate(),
    legal: {
      body: 'Commission permanente',
      number: `M-${unique()}`,
      decidedOn: businessDate(),
      votesFor: 10,
      votesAgainst: 0,
      abstentions: 0,
      text: 'Matrice des droits',
    },
    changes: { plannedPasses: 100_000 },
  }),
  'POST /programs/{programId}/envelopes': () => ({
    name: `Enveloppe ${unique()}`,
    cap: 1,
    effectiveOn: businessDate(),
  }),
  'POST /programs/{programId}/issues': () => ({ bookletCount: 1, bookletSize: 10 }),
  'POST /programs/{programId}/fundings': () => ({
    payer: 'Région Hauts-de-France',
    amountCents: 100,
    reference: `Matrice ${unique()}`,
    confirmOverShare: true,
  }),
  'POST /programs/{programId}/fundings/{fundingId}/reversal': () => ({ reason: 'Saisie en double' }),
  'POST /programs/{programId}/allocations': (f) => ({ prescriberId: f.missionLocale, count: 1 }),
  'POST /funders/{funderId}/transfers': (f) => ({ serials: [f.stockSerials[0]], toId: null }),
  'POST /organisations/{organisationId}/hand-outs': (f) => ({
    serial: f.stockSerials[1],
    beneficiary: {
      firstName: 'Matrice',
      lastName: `Droits ${unique()}`,
      birthDate: '1950-01-01',
      communeCode: '80021',
      audience: 'senior_60_plus',
    },
  }),
  'POST /organisations/{organisationId}/handed-out/lookup': () => ({
    firstName: 'Matrice',
    lastName: 'Droits',
    birthDate: '1950-01-01',
  }),
  'POST /organisations/{organisationId}/replacements': (f) => ({
    blockedSerial: f.blockedSerial,
    serial: f.stockSerials[2],
  }),
  'POST /admin/accounts/disable': () => ({ email: CUT_OFF, reason: 'Matrice des droits' }),
  'POST /admin/accounts/enable': () => ({ email: CUT_OFF }),
  'POST /booklets/{serial}/block': () => ({ reason: 'lost' }),
  'POST /places/{placeId}/api-keys': () => ({ label: `Caisse ${unique()}` }),
  'POST /places/{placeId}/members/{membershipId}/role': () => ({ role: 'place_admin' }),
  'POST /places/{placeId}/invitations': () => ({
    email: `benevole-${unique()}@exemple.fr`,
    role: 'place_agent',
  }),
  // The same SIRET each time: the first probe adds the place, the others find it shared.
  'POST /funders/{funderId}/places': () => ({
    name: `Lieu ${unique()}`,
    siret: '21570408700018',
    communeCode: '80021',
  }),
  'POST /programs/{programId}/places/{placeId}/decisions': () => ({ decision: 'approved' }),
  'POST /places/{placeId}/programs/{programId}/leave': () => ({ reason: 'Fermeture du point numérique' }),
  'PUT /programs/{programId}/carry-over': () => ({ target: null }),
  'PUT /places/{placeId}/profile': () => placeProfile({ name: 'Médiathèque Louis Aragon' }),
  'POST /places/{placeId}/sites': (f) => ({
    ...placeProfile({ name: `Site ${unique()}` }),
    funderIds: [f.c.funderId],
  }),
  // The same SIRET each time: the first probe registers the place, the others are told it exists.
  'POST /public/place-registrations': (f) => ({
    ...placeProfile({ name: `Lieu inscrit ${unique()}` }),
    siret: '44200000000012',
    funderIds: [f.c.funderId],
    admin: { displayName: 'Matrice', email: `inscription-${unique()}@exemple.fr`, password: TEST_PASSWORD },
  }),

  'POST /funders/{funderId}/questionnaire': () => ({
    passMark: 1,
    questions: [{ label: 'Le lieu a-t-il un médiateur ?', kind: 'yes_no', yesPoints: 1, noPoints: 0 }],
  }),
  'POST /funders/{funderId}/charter': () => ({ text: `Charte ${unique()}` }),
  'POST /places/{placeId}/applications': (f) => ({
    programId: f.params.programId,
    questionnaireVersion: 1,
    answers: [{ questionId: 'q1', choiceId: 'oui' }],
  }),
  'POST /places/{placeId}/applications/charter': (f) => ({
    funderId: f.params.funderId,
    version: 1,
    signatory: 'Thomas Petit',
  }),
  'POST /places/{placeId}/applications/bank-accounts': () => ({
    iban: 'FR76 3000 6000 0112 3456 7890 189',
    bic: 'AGRIFRPP',
    holder: 'Médiathèque Louis Aragon',
    currentPassword: DEMO_PASSWORD,
  }),
  'POST /redemptions': (f) => ({
    placeId: f.mediatheque,
    code: f.code,
    nonce: `matrice-${unique()}`,
    theme: STANDARD_SERVICES[0],
    durationMinutes: 60,
    format: 'individual',
  }),
};

/** The account `POST /admin/accounts/disable` and `enable` act on. */
const CUT_OFF = 'coupe@hautsdefrance-matrice.test';

/** A place's description in the national standard, as the profile and registration routes take it. */
const placeProfile = (identity: { name: string }) => ({
  ...identity,
  communeCode: '80021',
  address: '1 place de la Matrice',
  postcode: '80000',
  openingHours: 'Mo-Fr 09:00-17:00',
  services: [STANDARD_SERVICES[0]],
});

/** Query strings a route needs (a session at the desk names its place). */
const QUERIES: Record<string, (f: Fixture) => string> = {
  'GET /communes': () => 'q=Amiens',
  'GET /territories': () => 'q=Amiens&levels=commune,epci',
  'GET /passes/{code}': (f) => `placeId=${f.mediatheque}`,
  'GET /funders/{funderId}/beneficiaries': () => 'q=Paulette',
  'GET /funders/{funderId}/platform-places': () => 'q=Médiathèque',
  'GET /places/{placeId}/year': () => 'year=2026',
  'GET /places/{placeId}/year.csv': () => 'year=2026',
  'GET /places/{placeId}/activity': () => 'from=2026-01-01&to=2026-12-31',
  'GET /places/{placeId}/redemptions.csv': () => 'from=2026-01-01&to=2026-12-31',
  'GET /organisations/{organisationId}/handed-out.csv': () => 'from=2026-01-01&to=2026-12-31',
  'GET /places/{placeId}/transfers': () => 'from=2026-01-01&to=2026-12-31',
  'GET /places/{placeId}/transfers.csv': () => 'from=2026-01-01&to=2026-12-31',
  'GET /admin/accounts': () => `email=${encodeURIComponent('lieu@hautsdefrance.test')}`,
  'POST /funders/{funderId}/bank-imports': () => 'format=csv&fileName=releve.csv',
  // Both funders' programmes have the State as co-funder.
  'GET /programs/{programId}/call-for-funds.pdf': () => `cofunder=${encodeURIComponent('État (ANCT)')}`,
};

/**
 * Routes that end the caller's session or change its password: probed last, in this order,
 * each with a session of its own opened with the caller's password (a password change must
 * come last, or change it back).
 */
const OWN_SESSION = ['POST /auth/logout', 'POST /auth/password'];

/** Routes whose object is used up by one call (an invitation): a new one for each probe. */
async function perProbeParams(route: string): Promise<Record<string, string>> {
  if (route === 'POST /programs/{programId}/places/{placeId}/decisions') {
    const place = await t.database.db.transaction((tx) =>
      funders.insertOrganisation(tx, null, {
        funderId: f.c.funderId,
        kind: 'place',
        name: `Lieu à qualifier ${unique()}`,
      }),
    );
    return { placeId: place.id };
  }
  // A programme the Médiathèque does not take: its admin is answered 409, and it keeps the demo's.
  if (route === 'POST /places/{placeId}/programs/{programId}/leave')
    return { programId: '00000000-0000-4000-8000-000000000000' };
  // A place's team routes take one of the place's memberships and invitations, not the funder's.
  if (route.startsWith('POST /places/{placeId}/members/'))
    return { membershipId: f.params.placeMembershipId! };
  if (route.startsWith('POST /places/{placeId}/invitations/'))
    return { invitationId: f.params.placeInvitationId! };
  if (!route.includes('{token}')) return {};
  const { token } = await t.database.db.transaction((tx) =>
    auth.invite(tx, null, {
      funderId: f.c.funderId,
      email: `matrice-${unique()}@exemple.fr`,
      role: 'funder_viewer',
    }),
  );
  return { token };
}

async function probe(route: string, role: Role, scope: Scope): Promise<LightMyRequestResponse> {
  const [method, template] = route.split(' ') as [InjectOptions['method'], string];
  const params = { ...f.params, ...(await perProbeParams(route)) };
  const path = template.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = params[name];
    if (!value) throw new Error(`no fixture value for {${name}} of ${route}: add it to the fixture's params`);
    return encodeURIComponent(value);
  });
  const query = QUERIES[route]?.(f);
  let caller = f.callers[scope][role];
  if (OWN_SESSION.includes(route) && caller.email)
    caller = await sessionCaller(caller.email, caller.password!);
  const body = BODIES[route]?.(f, caller);
  const headers: Record<string, string> = {};
  const cookies: Record<string, string> = {};
  if (caller.key) headers.authorization = `Bearer ${caller.key}`;
  if (caller.client) {
    cookies.pn_session = caller.client.cookie;
    if (method !== 'GET') headers['x-csrf-token'] = caller.client.csrfToken;
  }
  return t.app.inject({
    method,
    url: `/api/v1${path}${query ? `?${query}` : ''}`,
    headers,
    cookies,
    payload: body as InjectOptions['payload'],
    // One address per caller: limits per address (sign-in, guesses) must not blur the table.
    remoteAddress: `10.${scope === 'own' ? 1 : 2}.${ROLES.indexOf(role)}.1`,
  });
}

async function sessionCaller(email: string, password: string): Promise<Caller> {
  return { client: await sessionOf(t, email, password), email, password };
}

async function orgId(name: string): Promise<string> {
  const { rows } = await t.database.pool.query('SELECT id FROM organisations WHERE name = $1', [name]);
  return rows[0].id;
}

beforeAll(async () => {
  // Guesses are limited per place, key, user and address; this test guesses on purpose (other funder).
  t = await startTestApp({ demo: true, config: { codeGuessLimit: 1_000_000 } });
  const c = await demoCampaign(t);
  const mediatheque = c.organisations['Médiathèque Louis Aragon']!;
  const { serials, codes, missionLocale } = await handedOutBooklets(t, c, 3);
  // A booklet blocked after its hand-out, for the replacement route.
  const blocked = await c.funder.request('POST', `/api/v1/booklets/${serials[2]}/block`, { reason: 'lost' });
  if (blocked.statusCode !== 200) throw new Error(`block failed: ${blocked.body}`);
  const allocated = await c.funder.request('POST', `/api/v1/programs/${c.programId}/allocations`, {
    prescriberId: missionLocale,
    count: 3,
  });
  if (allocated.statusCode !== 201) throw new Error(`allocation failed: ${allocated.body}`);
  const stockSerials: string[] = allocated.json().serials;
  const funding = await c.funder.request('POST', `/api/v1/programs/${c.programId}/fundings`, {
    payer: 'Région Hauts-de-France',
    amountCents: 1_000,
    reference: 'Versement à annuler (matrice)',
    confirmOverShare: true,
  });
  const batch = await t.database.pool.query('SELECT id FROM issue_batches WHERE program_id = $1 LIMIT 1', [
    c.programId,
  ]);
  const ownKey = await placeKey(t, mediatheque);
  // The key the revocation route revokes: not the one the table redeems with.
  const keyId = (await places.createKey(t.database.db, null, mediatheque, 'Caisse à révoquer')).id;
  const redemption = await t.app.inject({
    method: 'POST',
    url: '/api/v1/redemptions',
    headers: { authorization: `Bearer ${ownKey}` },
    payload: {
      code: codes[0],
      nonce: 'matrice-annulation',
      theme: STANDARD_SERVICES[0],
      durationMinutes: 60,
      format: 'individual',
    },
  });
  if (redemption.statusCode !== 201) throw new Error(`redemption failed: ${redemption.body}`);

  // The account the operator's routes cut off and give back: nobody probes with it.
  await newAccount(t, { funderId: c.funderId, email: CUT_OFF, role: 'funder_viewer' });

  // A colleague whose role and access the team's routes change, and an invitation to withdraw.
  await newAccount(t, {
    funderId: c.funderId,
    email: 'collegue@hautsdefrance-matrice.test',
    role: 'funder_viewer',
  });
  const colleague = await t.database.pool.query(
    `SELECT m.id FROM memberships m JOIN users u ON u.id = m.user_id WHERE u.email = 'collegue@hautsdefrance-matrice.test'`,
  );
  const invitation = await t.database.db.transaction((tx) =>
    auth.invite(tx, null, {
      funderId: c.funderId,
      email: 'invitee@hautsdefrance-matrice.test',
      role: 'funder_viewer',
    }),
  );

  // The same at the Médiathèque: one of its agents, and an invitation its admin could withdraw.
  await newAccount(t, {
    funderId: c.funderId,
    email: 'agent@mediatheque-matrice.test',
    role: 'place_agent',
    organisationId: mediatheque,
  });
  const placeAgent = await t.database.pool.query(
    `SELECT m.id FROM memberships m JOIN users u ON u.id = m.user_id WHERE u.email = 'agent@mediatheque-matrice.test'`,
  );
  const placeInvitation = await t.database.db.transaction((tx) =>
    auth.invite(tx, null, {
      funderId: c.funderId,
      email: 'invitee@mediatheque-matrice.test',
      role: 'place_agent',
      organisationId: mediatheque,
    }),
  );

  const demo = (email: string) => sessionCaller(email, DEMO_PASSWORD);
  const own: Record<Role, Caller> = {
    anonymous: {},
    api_key: { key: ownKey },
    platform_admin: await demo('admin@pass-numerique.test'),
    funder_admin: await demo('financeur@hautsdefrance.test'),
    funder_viewer: await demo('lecteur@hautsdefrance.test'),
    prescriber_agent: await demo('prescripteur@hautsdefrance.test'),
    place_agent: await demo('benevole@hautsdefrance.test'),
    place_admin: await demo('lieu@hautsdefrance.test'),
    beneficiary: await demo('beneficiaire@hautsdefrance.test'),
  };
  // The same roles at another funder, with its own place and prescriber.
  const pdc = (
    await t.database.pool.query("SELECT id FROM funders WHERE name = 'Département du Pas-de-Calais'")
  ).rows[0].id;
  const boulogne = await orgId('Espace numérique de Boulogne-sur-Mer');
  const lens = await orgId('Maison du Département Solidarité de Lens');
  const account = async (
    role: Exclude<Role, 'anonymous' | 'api_key' | 'platform_admin'>,
    organisationId?: string,
  ) => {
    const email = `${role.replace('_', '-')}@pasdecalais-matrice.test`;
    const client = await newAccount(t, { funderId: pdc, email, role, organisationId });
    return { client, email, password: TEST_PASSWORD };
  };
  const other: Record<Role, Caller> = {
    anonymous: {},
    api_key: { key: await placeKey(t, boulogne) },
    platform_admin: own.platform_admin,
    funder_admin: await demo('financeur@pasdecalais.test'),
    funder_viewer: await account('funder_viewer'),
    prescriber_agent: await account('prescriber_agent', lens),
    place_agent: await account('place_agent', boulogne),
    place_admin: await account('place_admin', boulogne),
    beneficiary: await account('beneficiary'),
  };

  // The Médiathèque's statement of the month (its redemption above is on it).
  const month = businessDate().slice(0, 7);
  await statements.run(t.database.db, { month, funderId: c.funderId }, dayAfterMonth(month));
  const statement = await t.database.db.$client.query(
    'SELECT id FROM statements WHERE place_id = $1 ORDER BY sequence DESC LIMIT 1',
    [mediatheque],
  );

  f = {
    c,
    mediatheque,
    missionLocale,
    code: codes[1]!,
    stockSerials,
    handedOutSerial: serials[0]!,
    blockedSerial: serials[2]!,
    callers: { own, other },
    params: {
      funderId: c.funderId,
      programId: c.programId,
      batchId: batch.rows[0].id,
      fundingId: funding.json().fundingId,
      placeId: mediatheque,
      keyId,
      organisationId: missionLocale,
      prescriberId: missionLocale,
      membershipId: colleague.rows[0].id,
      invitationId: invitation.invitation.id,
      placeMembershipId: placeAgent.rows[0].id,
      placeInvitationId: placeInvitation.invitation.id,
      serial: serials[1]!,
      code: codes[1]!,
      redemptionId: String(redemption.json().id),
      beneficiaryId: (
        await t.database.pool.query('SELECT beneficiary_id FROM booklets WHERE serial = $1', [serials[0]])
      ).rows[0].beneficiary_id,
      messageId: (
        await t.database.db.$client.query(
          `INSERT INTO notification_outbox (recipient, template, params) VALUES ('matrice@exemple.fr', 'password_reset', '{"token":"x"}') RETURNING id`,
        )
      ).rows[0].id,
      runId: (
        await t.database.pool.query(
          `SELECT id FROM payment_runs WHERE funder_id = $1 AND status = 'approved'`,
          [c.funderId],
        )
      ).rows[0].id,
      // A transfer of the funder (paid in full: a write-off is refused with 409, after the checks).
      transferId: (
        await t.database.pool.query(
          `SELECT id FROM payment_transfers WHERE funder_id = $1 ORDER BY end_to_end_id LIMIT 1`,
          [c.funderId],
        )
      ).rows[0].id,
      ...(
        await t.database.pool.query(
          `SELECT i.id AS "bankImportId", min(l.id)::text AS "lineId" FROM bank_imports i
             JOIN bank_import_lines l ON l.import_id = i.id WHERE i.funder_id = $1 GROUP BY i.id LIMIT 1`,
          [c.funderId],
        )
      ).rows[0],
      statementId: statement.rows[0].id,
      // A run of the integrity check, ended (one started here would be the matrix's own POST's).
      checkId: (
        await t.database.pool.query(
          `INSERT INTO audit_checks (total_entries, finished_at, outcome) VALUES (0, now(), 'failed') RETURNING id`,
        )
      ).rows[0].id,
      importId: (
        await t.database.db.$client.query(
          `INSERT INTO place_imports (funder_id, file_name, dry_run, status) VALUES ($1, 'lieux.csv', true, 'done') RETURNING id`,
          [c.funderId],
        )
      ).rows[0].id,
    },
  };
}, 120_000);
afterAll(() => t.close());

describe('who may call what: every route × every role × own and other funder', () => {
  it('has a row for every route of the OpenAPI document, and no row for a route that is gone', async () => {
    const doc = (await t.app.inject({ url: '/api/openapi.json' })).json();
    const routes = Object.entries(doc.paths as Record<string, Record<string, unknown>>).flatMap(
      ([path, ops]) =>
        Object.keys(ops).map((method) => `${method.toUpperCase()} ${path.replace(/^\/api\/v1/, '')}`),
    );
    const missing = routes.filter((r) => !(r in EXPECTED));
    const gone = Object.keys(EXPECTED).filter((r) => !routes.includes(r));
    expect(
      missing.map(
        (r) => `${r} is in the OpenAPI document but has no row in EXPECTED (src/http/route-matrix.test.ts)`,
      ),
    ).toEqual([]);
    expect(gone.map((r) => `${r} has a row in EXPECTED but is not in the OpenAPI document`)).toEqual([]);
    const bodiless = routes.filter((r) => {
      const [method, path] = r.split(' ');
      const op = doc.paths[`/api/v1${path}`][method!.toLowerCase()];
      return op.requestBody?.required && !(r in BODIES);
    });
    expect(bodiless.map((r) => `${r} takes a body: give it a valid one in BODIES`)).toEqual([]);
  });

  // Every route × nine roles × two funders, one request each: minutes on a loaded machine.
  it('answers each caller as the table says', async () => {
    const wrong: string[] = [];
    const routes = Object.keys(EXPECTED).filter((r) => !OWN_SESSION.includes(r));
    for (const route of [...routes, ...OWN_SESSION]) {
      for (const scope of ['own', 'other'] as const) {
        for (const role of ROLES) {
          const want = expected(route, role, scope);
          const res = await probe(route, role, scope);
          const got = outcomeOf(res);
          if (process.env.MATRIX_DEBUG && want === 'ok')
            console.log(
              `${route} ${role} ${scope} ${res.statusCode} ${res.statusCode >= 400 ? res.body.slice(0, 200) : ''}`,
            );
          if (got !== want) {
            const funder = scope === 'own' ? 'own funder' : 'other funder';
            wrong.push(
              `${route} as ${role} (${funder}): expected ${want}, got ${res.statusCode} ${res.body.slice(0, 160)}`,
            );
          }
        }
      }
    }
    expect(wrong).toEqual([]);
  }, 300_000);
});
