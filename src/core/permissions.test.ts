import { describe, expect, it } from 'vitest';
import { notFound } from './errors.js';
import { type Actor, can, type Membership, requireBlockable } from './permissions.js';

const FUNDER = 'f-1';
const OTHER = 'f-2';
const actor = (...memberships: Membership[]): Actor => ({ userId: 'u', email: 'u@x.test', memberships });
const m = (role: Membership['role'], funderId: string | null, organisationId: string | null = null) => ({
  role,
  funderId,
  organisationId,
});
const status = (fn: () => void) => {
  try {
    fn();
    return 'ok';
  } catch (e) {
    return (e as { status: number }).status;
  }
};

describe('who reads the funder’s books', () => {
  it('gives finance and stock history to the funder’s staff and the operator only', () => {
    for (const permission of ['finance:read', 'stock:read'] as const) {
      expect(can(actor(m('funder_admin', FUNDER)), permission, FUNDER)).toBe(true);
      expect(can(actor(m('funder_viewer', FUNDER)), permission, FUNDER)).toBe(true);
      expect(can(actor(m('platform_admin', null)), permission, FUNDER)).toBe(true);
      for (const role of ['prescriber_agent', 'place_agent', 'place_admin', 'beneficiary'] as const)
        expect(can(actor(m(role, FUNDER, 'org')), permission, FUNDER), role).toBe(false);
    }
  });

  it('gives the printer’s file to the funder’s admins only, not to the operator', () => {
    expect(can(actor(m('funder_admin', FUNDER)), 'codes:download', FUNDER)).toBe(true);
    expect(can(actor(m('funder_admin', OTHER)), 'codes:download', FUNDER)).toBe(false);
    expect(can(actor(m('platform_admin', null)), 'codes:download', FUNDER)).toBe(false);
    expect(can(actor(m('funder_viewer', FUNDER)), 'codes:download', FUNDER)).toBe(false);
  });
});

describe('who blocks a booklet', () => {
  const handedOutBy = (prescriberId: string | null) => ({ funderId: FUNDER, prescriberId });
  const unknown = () => notFound('Carnet');

  it('lets a funder admin block any of its funder’s, and a prescriber only its own', () => {
    expect(status(() => requireBlockable(actor(m('funder_admin', FUNDER)), handedOutBy('a'), unknown))).toBe(
      'ok',
    );
    expect(status(() => requireBlockable(actor(m('funder_admin', FUNDER)), handedOutBy(null), unknown))).toBe(
      'ok',
    );
    const agentOfA = actor(m('prescriber_agent', FUNDER, 'a'));
    expect(status(() => requireBlockable(agentOfA, handedOutBy('a'), unknown))).toBe('ok');
    expect(status(() => requireBlockable(agentOfA, handedOutBy('b'), unknown))).toBe(404);
    expect(status(() => requireBlockable(agentOfA, handedOutBy(null), unknown))).toBe(404);
  });

  it('refuses the funder’s other roles (403) and hides another funder’s booklets (404)', () => {
    for (const role of ['funder_viewer', 'place_agent', 'place_admin', 'beneficiary'] as const)
      expect(
        status(() => requireBlockable(actor(m(role, FUNDER, 'a')), handedOutBy('a'), unknown)),
        role,
      ).toBe(403);
    expect(status(() => requireBlockable(actor(m('platform_admin', null)), handedOutBy('a'), unknown))).toBe(
      403,
    );
    expect(status(() => requireBlockable(actor(m('funder_admin', OTHER)), handedOutBy('a'), unknown))).toBe(
      404,
    );
    expect(
      status(() => requireBlockable(actor(m('prescriber_agent', OTHER, 'a')), handedOutBy('a'), unknown)),
    ).toBe(404);
  });
});
