/** The programme (dispositif): its state as decided by its dated amendments, its envelopes and its budget. */

export {
  amendmentTimeline,
  inForce,
  programAsDecided,
  programAsOf,
  programDecidedOn,
  programName,
  programStart,
  type TimelineEntry,
} from './as-of.js';
export { ageOn, ageProblem, normaliseAudience, normaliseAudiences, STANDARD_AUDIENCES } from './audiences.js';
export {
  type BudgetLineView,
  type BudgetView,
  budgetView,
  type CofunderView,
  payerShares,
} from './budget.js';
export { applyChanges, diffChanges, normaliseChanges } from './changes.js';
export { type CapViolation, checkEnvelopeCaps, envelopesAsOf } from './envelopes.js';
export { compareAmendments, orderAmendments, validateHistory } from './order.js';
export type * from './types.js';
export { type FieldIssue, validateChanges, validateProgramState } from './validate.js';
