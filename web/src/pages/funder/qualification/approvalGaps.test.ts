import { describe, expect, it } from 'vitest';
import type { Application, FunderPlace } from '../../../api/qualification';
import { approvalGaps } from './approvalGaps';

/**
 * A new funder pressed « Approuver » before publishing its questionnaire and charter, on a place
 * with no bank account, and only then read why: the place's page now says it before the click.
 */
const PROGRAM = 'p1';
const empty: FunderPlace['qualification'] = {
  questionnaire: null,
  charter: null,
  charterAcceptance: null,
  applications: [],
  bankAccount: null,
};
const questionnaire = { version: 1, passMark: 10, maxScore: 10, questions: [], createdAt: '2026-01-01' };
const charter = { version: 2, text: 'Charte', createdAt: '2026-01-01' };
const application = (score: number): Application => ({
  id: 1,
  programId: PROGRAM,
  questionnaireVersion: 1,
  answers: [],
  score,
  maxScore: 10,
  passMark: 10,
  passed: score >= 10,
  submittedAt: '2026-01-02T10:00:00Z',
  submittedBy: null,
});
const bankAccount = {
  id: 1,
  iban: 'FR7630006000011234567890189',
  bic: 'AGRIFRPP',
  holder: 'Lieu',
  full: true,
  createdAt: '2026-01-02T10:00:00Z',
  createdBy: null,
};

describe('approvalGaps', () => {
  it('names the funder’s own missing steps, and the place’s, as the server’s refusal does', () => {
    expect(approvalGaps(empty, PROGRAM)).toEqual([
      {
        text: 'vous n’avez pas encore publié de questionnaire : le lieu n’a pas pu y répondre',
        yours: 'questionnaire',
      },
      { text: 'vous n’avez pas encore publié de charte', yours: 'charte' },
      { text: 'le lieu n’a pas donné son compte bancaire (IBAN, BIC, titulaire)', yours: null },
    ]);
  });

  it('then waits for the place: its answers for this programme, its acceptance of the charter in force', () => {
    const published = { ...empty, questionnaire, charter, bankAccount };
    expect(approvalGaps(published, PROGRAM).map((g) => g.text)).toEqual([
      'le lieu n’a pas répondu au questionnaire pour ce dispositif',
      'le lieu n’a pas accepté votre charte',
    ]);
    const older = {
      ...published,
      applications: [application(7)],
      charterAcceptance: { version: 1, signatory: 'X', acceptedOn: '2026-01-02', current: false },
    };
    expect(approvalGaps(older, PROGRAM).map((g) => g.text)).toEqual([
      'son score (7 points) est sous le seuil d’admission (10 points)',
      'le lieu a accepté la version 1 de votre charte, pas celle en vigueur (version 2)',
    ]);
    // Another programme's answers do not count for this one.
    expect(approvalGaps(older, 'p2')[0]!.text).toBe(
      'le lieu n’a pas répondu au questionnaire pour ce dispositif',
    );
  });

  it('is empty once everything is there: « Approuver » is offered', () => {
    const ready = {
      questionnaire,
      charter,
      bankAccount,
      applications: [application(10)],
      charterAcceptance: { version: 2, signatory: 'X', acceptedOn: '2026-01-02', current: true },
    };
    expect(approvalGaps(ready, PROGRAM)).toEqual([]);
  });
});
