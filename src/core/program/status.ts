import { frenchDate, isIsoDate } from '../dates.js';
import { programAsOf } from './as-of.js';
import type { Amendment, ProgramState } from './types.js';

/**
 * A programme's status on a day, derived from its calendar and its amendments; it is
 * never stored. The `status` field an amendment may set ('draft' | 'active' |
 * 'suspended' | 'closed') is a decision of the funder; the calendar says the rest.
 */
export type ProgramPhase =
  | 'upcoming'
  | 'running'
  | 'distribution_closed'
  | 'usage_closed'
  | 'closed'
  | 'suspended';

export type ProgramAction = 'issue' | 'allocate' | 'hand_out' | 'redeem';

export const PHASE_LABELS: Record<ProgramPhase, string> = {
  upcoming: 'À venir',
  running: 'En cours',
  distribution_closed: 'Distribution close',
  usage_closed: 'Utilisation close',
  closed: 'Clôturé',
  suspended: 'Suspendu',
};

/**
 * Which status allows which action (docs/architecture.md shows the same table). Passes
 * may be printed and handed to prescribers before distribution opens, so that they are
 * ready on its first day; once distribution closes only the passes already in people's
 * hands may still be used, until usage ends. A suspension freezes everything.
 * The SQL function `program_allows` (migration 0013) holds the same table.
 */
export const ALLOWED: Record<ProgramPhase, readonly ProgramAction[]> = {
  upcoming: ['issue', 'allocate'],
  running: ['issue', 'allocate', 'hand_out', 'redeem'],
  distribution_closed: ['redeem'],
  usage_closed: [],
  closed: [],
  suspended: [],
};

/**
 * The phases in which a programme takes new places: to come (next year's, voted ahead: places
 * must be qualified on its first day), running, or whose distribution is over but whose passes
 * are still used; not one whose usage ended, closed or suspended. A place applies, and the
 * funder approves or refuses it, only then (qualification.apply, places.decide).
 */
export const TAKES_APPLICATIONS: ReadonlySet<ProgramPhase> = new Set([
  'upcoming',
  'running',
  'distribution_closed',
]);

export const ACTION_LABELS: Record<ProgramAction, string> = {
  issue: "l'émission de pass",
  allocate: "l'attribution de carnets aux prescripteurs",
  hand_out: 'la remise de carnets',
  redeem: "l'utilisation des pass",
};

/** The status of a programme whose state on `date` is `state` (null: not decided yet). */
export function phaseOf(state: ProgramState | null, date: string): ProgramPhase {
  if (!isIsoDate(date)) throw new RangeError(`not a business date: ${date}`);
  if (state === null) return 'upcoming';
  const { calendar, status } = state;
  if (status === 'closed' || (calendar.closure !== null && date > calendar.closure)) return 'closed';
  if (status === 'suspended') return 'suspended';
  if (status === 'draft' || date < calendar.distributionStart) return 'upcoming';
  if (date <= calendar.distributionEnd) return 'running';
  if (date <= calendar.usageEnd) return 'distribution_closed';
  return 'usage_closed';
}

/** The status of a programme on `date`, from its whole history. */
export function programPhase(amendments: readonly Amendment[], date: string): ProgramPhase {
  return phaseOf(programAsOf(amendments, date), date);
}

export function allows(phase: ProgramPhase, action: ProgramAction): boolean {
  return ALLOWED[phase].includes(action);
}

/**
 * The French sentence a refusal shows: « À la date du 2 janvier 2025, le dispositif est
 * clôturé : … ». The date is the day asked about: « clôturé au 2 janvier » read as the day it
 * closed.
 */
export function refusalMessage(
  phase: ProgramPhase,
  action: ProgramAction,
  date: string,
  state: ProgramState | null = null,
): string {
  const said: Record<ProgramPhase, string> = {
    upcoming: upcomingSaid(state, date),
    running: 'est en cours',
    distribution_closed: 'a terminé sa distribution',
    usage_closed: "a passé la date de fin d'utilisation de ses pass",
    closed: 'est clôturé',
    suspended: 'est suspendu',
  };
  const action_ = ACTION_LABELS[action];
  return `À la date du ${frenchDate(date)}, le dispositif ${said[phase]} : ${action_} n'est pas possible.`;
}

/**
 * Why a programme is « à venir » on `date`: not decided yet, a draft, or decided and in force
 * but its distribution opening later. The last was said « pas encore en vigueur » to a
 * prescriber while the funder's page said « en vigueur » and booklets were issued that day.
 */
function upcomingSaid(state: ProgramState | null, date: string): string {
  if (state === null) return "n'est pas encore en vigueur";
  if (state.status === 'draft') return "est encore à l'état de projet";
  if (date < state.calendar.distributionStart)
    return `n'ouvre sa distribution que le ${frenchDate(state.calendar.distributionStart)}`;
  return "n'est pas encore en vigueur";
}
