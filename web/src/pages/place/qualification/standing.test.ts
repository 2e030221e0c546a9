import { describe, expect, it } from 'vitest';
import type { PlaceDecision, PlaceProgram } from '../../../api/qualification';
import { decisionSentence, programStatus, withdrawals } from './standing';

/*
 * A place closing down, whose funder suspended then withdrew its qualification, read on its page
 * « Statut : Candidature à compléter — Retiré le … », and at its desk « Votre lieu n’est encore
 * qualifié pour aucun dispositif … Candidater »: invited to apply, with nothing of what happened.
 */
const decision = (d: Partial<PlaceDecision> & Pick<PlaceDecision, 'decision'>): PlaceDecision => ({
  id: 1,
  funderId: 'f',
  funderName: 'Région Hauts-de-France',
  programId: 'p',
  programName: 'Pass numérique 2026',
  reason: null,
  effectiveOn: '2026-01-15',
  decidedBy: null,
  at: '2026-01-15T09:00:00Z',
  ...d,
});
const approved = decision({ id: 1, decision: 'approved' });
const suspended = decision({
  id: 2,
  decision: 'suspended',
  reason: 'Contrôle en cours',
  effectiveOn: '2026-11-03',
  at: '2026-11-03T09:00:00Z',
});
const revoked = decision({
  id: 3,
  decision: 'revoked',
  reason: 'Fermeture du lieu',
  effectiveOn: '2026-12-01',
  at: '2026-12-01T09:00:00Z',
});
const application = { submittedAt: '2025-12-20T10:00:00Z' };
const left = decision({
  id: 4,
  decision: 'left',
  reason: 'Plus de médiatrice à partir de février',
  effectiveOn: '2026-12-05',
  decidedBy: 'Claire Dumont',
  at: '2026-12-05T09:00:00Z',
});

describe('a programme’s status on the place’s qualification page', () => {
  it('says who withdrew the place, when and why, and what remains, not « à compléter »', () => {
    const status = programStatus({
      standing: undefined,
      decisions: [approved, suspended, revoked],
      application,
      complete: false,
    });
    expect(status.status).toBe('Qualification retirée par Région Hauts-de-France le 1er décembre 2026');
    expect(status.decision).toBe('motif : Fermeture du lieu');
    expect(status.next.join(' ')).toContain('ne peuvent plus être encaissés ici');
    expect(status.next.join(' ')).toContain('Les séances déjà enregistrées restent dues');
    expect(status.next.join(' ')).toContain('adressez-vous à lui avant de candidater de nouveau');
  });

  it('says who suspended the place and why, and that it waits for the funder', () => {
    const status = programStatus({
      standing: 'suspended',
      decisions: [approved, suspended],
      application,
      complete: true,
    });
    expect(status.status).toBe('Suspendu par Région Hauts-de-France le 3 novembre 2026');
    expect(status.decision).toBe('motif : Contrôle en cours');
    expect(status.next.join(' ')).toContain('Tant que le financeur ne vous a pas rétabli');
  });

  it('is an application again once the place applied after the withdrawal', () => {
    const status = programStatus({
      standing: undefined,
      decisions: [approved, revoked],
      application: { submittedAt: '2026-12-10T10:00:00Z' },
      complete: true,
    });
    expect(status).toEqual({
      status: 'Candidature complète, en attente de la décision du financeur',
      decision: null,
      next: [],
    });
  });

  it('says the place stopped taking the passes itself, when and why, and the way back', () => {
    const status = programStatus({
      standing: undefined,
      decisions: [approved, left],
      application,
      complete: true,
    });
    expect(status.status).toBe('A cessé de prendre les pass le 5 décembre 2026 (à sa demande)');
    expect(status.decision).toBe('motif : Plus de médiatrice à partir de février');
    expect(status.next.join(' ')).toContain('Les séances déjà enregistrées restent dues');
    expect(status.next.join(' ')).toContain('candidatez de nouveau');
  });

  it('says the programme closed before the decision, not that the funder is still to decide', () => {
    // Its application, submitted while the programme ran, was never answered.
    const waiting = { standing: undefined, decisions: [], application, complete: true };
    expect(programStatus({ ...waiting, programClosed: true })).toEqual({
      status: 'Programme clos avant la décision : demande sans suite',
      decision: null,
      next: [],
    });
    // Once refused by the funder, the refusal is what it reads.
    const refused = decision({
      id: 5,
      decision: 'refused',
      reason: 'Dispositif terminé',
      at: '2026-01-20T09:00:00Z',
    });
    expect(programStatus({ ...waiting, decisions: [refused], programClosed: true }).status).toBe(
      'Candidature refusée par Région Hauts-de-France le 15 janvier 2026',
    );
    // An application answered after a withdrawal, in a programme closed since: no decision to wait for either.
    expect(
      programStatus({
        ...waiting,
        decisions: [approved, revoked],
        application: { submittedAt: '2026-12-10T10:00:00Z' },
        programClosed: true,
      }).status,
    ).toBe('Programme clos avant la décision : demande sans suite');
  });

  it('is an application to complete for a place the funder never decided on', () => {
    expect(programStatus({ standing: undefined, decisions: [], application: null, complete: false })).toEqual(
      {
        status: 'Candidature à compléter',
        decision: null,
        next: [],
      },
    );
  });
});

describe('the withdrawals the desk tells', () => {
  it('in a sentence: who, when, why', () => {
    expect(decisionSentence(revoked)).toBe(
      'Région Hauts-de-France a retiré la qualification du lieu le 1er décembre 2026 : Fermeture du lieu.',
    );
  });

  const program = { programId: 'p' } as PlaceProgram;
  it('are the programmes whose latest decision is a withdrawal, the place having no standing for them', () => {
    expect(withdrawals([], [approved, suspended, revoked])).toEqual([revoked]);
    expect(withdrawals([program], [approved, revoked, decision({ id: 4, decision: 'approved' })])).toEqual(
      [],
    );
    expect(withdrawals([program], [approved, suspended])).toEqual([]);
  });

  it('include the programmes the place stopped taking itself, said as its own', () => {
    expect(withdrawals([], [approved, left])).toEqual([left]);
    expect(decisionSentence(left)).toBe(
      'Le lieu a cessé de prendre les pass le 5 décembre 2026 (à sa demande) : Plus de médiatrice à partir de février.',
    );
  });
});
