import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from './client';

/**
 * Qualification of places (issue 11, point 4): the funder's questionnaire and charter, a
 * place's applications, charter acceptances and bank account, and the funder's decisions.
 */
const enc = encodeURIComponent;

export interface Choice {
  id: string;
  label: string;
  points: number;
}
export interface Question {
  id: string;
  label: string;
  kind: 'choice' | 'yes_no';
  choices: Choice[];
}
export interface Questionnaire {
  version: number;
  passMark: number;
  maxScore: number;
  questions: Question[];
  createdAt: string;
}
export interface Charter {
  version: number;
  text: string;
  createdAt: string;
}
export type QuestionInput =
  | { label: string; kind: 'choice'; choices: { label: string; points: number }[] }
  | { label: string; kind: 'yes_no'; yesPoints: number; noPoints: number };

export interface Application {
  id: number;
  programId: string;
  questionnaireVersion: number;
  answers: { questionId: string; choiceId: string }[];
  score: number;
  maxScore: number;
  passMark: number;
  passed: boolean;
  submittedAt: string;
  submittedBy: string | null;
  questions?: Question[];
}
export interface CharterAcceptance {
  version: number;
  signatory: string;
  acceptedOn: string;
  current: boolean;
}
export interface BankAccount {
  id: number;
  iban: string;
  bic: string;
  holder: string;
  full: boolean;
  createdAt: string;
  createdBy: string | null;
}
/** A transfer engaged before the place's new account, which still goes to the former one. */
export interface FormerAccountTransfer {
  funderName: string;
  amountCents: number;
  state: 'prepared' | 'approved' | 'sent';
  /** 'YYYY-MM-DD': the day its run was prepared, approved or sent */
  since: string;
  formerIbanEnd: string;
}
/** The answer to recording an account: the account, and the transfers still going to the former one. */
export interface RecordedBankAccount extends BankAccount {
  formerAccountTransfers: FormerAccountTransfer[];
}
export interface PlaceQualification {
  bankAccount: BankAccount | null;
  funders: {
    funderId: string;
    funderName: string;
    questionnaire: Questionnaire | null;
    charter: Charter | null;
    charterAcceptance: CharterAcceptance | null;
    programs: {
      programId: string;
      programName: string;
      /** False once the programme takes no new places: an application not answered then stays without a decision. */
      takesApplications: boolean;
      application: Application | null;
    }[];
  }[];
}
export type Standing = 'approved' | 'suspended';
/** What a funder decides on a place. */
export type Decision = 'approved' | 'refused' | 'suspended' | 'reinstated' | 'revoked';
/** An entry of a place's history: a funder's decision, or the place's own `left` (it stopped taking the passes). */
export type HistoryEntry = Decision | 'left';
export interface PlaceDecision {
  id: number;
  funderId: string;
  funderName: string;
  programId: string;
  programName: string;
  decision: HistoryEntry;
  reason: string | null;
  effectiveOn: string;
  decidedBy: string | null;
  at: string;
}
export interface PlaceProgram {
  programId: string;
  programName: string;
  funderId: string;
  funderName: string;
  acceptedOn: string;
  standing: Standing;
}
export interface RosterEntry {
  id: string;
  name: string;
  communeCode: string | null;
  communeName: string | null;
  shared: boolean;
  standings: { programId: string; standing: Standing }[];
  applications: { programId: string; score: number; passMark: number; submittedAt: string }[];
}
/**
 * One thing an approval of the place would be refused for, as the server judges it (the
 * refusal's own rule). `yours` names the funder's own step, done on its qualification page.
 */
export interface ApprovalGap {
  field: string;
  message: string;
  yours: 'questionnaire' | 'charter' | null;
}
export interface FunderPlace {
  id: string;
  name: string;
  siret: string | null;
  communeCode: string | null;
  communeName: string | null;
  shared: boolean;
  /** Whether its profile is filled in: the public directory lists only such places. */
  inDirectory: boolean;
  /** Whether it has an admin of its own, who invites its team (the funder no longer can). */
  hasAdmin: boolean;
  programs: PlaceProgram[];
  decisions: PlaceDecision[];
  qualification: {
    questionnaire: Questionnaire | null;
    charter: Charter | null;
    charterAcceptance: CharterAcceptance | null;
    applications: Application[];
    bankAccount: BankAccount | null;
  };
  /** For each programme where it has no standing yet: what an approval would be refused for. */
  approvalGaps: { programId: string; gaps: ApprovalGap[] }[];
}

const qk = {
  questionnaire: (funderId: string) => ['funders', funderId, 'questionnaire'] as const,
  charter: (funderId: string) => ['funders', funderId, 'charter'] as const,
  roster: (funderId: string) => ['funders', funderId, 'places'] as const,
  funderPlace: (funderId: string, placeId: string) => ['funders', funderId, 'places', placeId] as const,
  place: (placeId: string) => ['places', placeId, 'qualification'] as const,
};

export function useQuestionnaire(funderId: string) {
  return useQuery({
    queryKey: qk.questionnaire(funderId),
    queryFn: ({ signal }) =>
      api.get<{
        current: Questionnaire | null;
        versions: { version: number; passMark: number; createdAt: string }[];
      }>(`/funders/${enc(funderId)}/questionnaire`, { signal }),
  });
}

export function usePublishQuestionnaire(funderId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { passMark: number; questions: QuestionInput[] }) =>
      api.post<Questionnaire>(`/funders/${enc(funderId)}/questionnaire`, input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: qk.questionnaire(funderId) }),
  });
}

export function useCharter(funderId: string) {
  return useQuery({
    queryKey: qk.charter(funderId),
    queryFn: ({ signal }) =>
      api.get<{ current: Charter | null; versions: { version: number; createdAt: string }[] }>(
        `/funders/${enc(funderId)}/charter`,
        { signal },
      ),
  });
}

export function usePublishCharter(funderId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { text: string }) => api.post<Charter>(`/funders/${enc(funderId)}/charter`, input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: qk.charter(funderId) }),
  });
}

export function useRoster(funderId: string) {
  return useQuery({
    queryKey: qk.roster(funderId),
    queryFn: ({ signal }) => api.get<RosterEntry[]>(`/funders/${enc(funderId)}/places`, { signal }),
    // Places apply by themselves, from elsewhere: a funder coming back to the list expects to
    // see a candidate who applied a moment ago, not the list of half a minute before.
    staleTime: 0,
  });
}

/** A place of the platform as a search shows it to a funder: only what is public of it. */
export interface PlatformPlace {
  id: string;
  name: string;
  siret: string | null;
  communeCode: string | null;
  communeName: string | null;
  /** already on this funder's roster */
  onRoster: boolean;
}

/** A place added to the roster, created or already on the platform. */
export interface AddedPlace {
  id: string;
  name: string;
  siret: string | null;
  communeCode: string | null;
  communeName: string | null;
  /** on another funder's roster too */
  shared: boolean;
}

export function useAddPlace(funderId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: {
      name: string;
      siret: string;
      communeCode: string;
      confirmNewPlace?: boolean;
      confirmOtherSite?: boolean;
    }) => api.post<AddedPlace>(`/funders/${enc(funderId)}/places`, input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['funders', funderId] }),
  });
}

/** Adds a place already on the platform (chosen by name, or named by a refusal) to the roster. */
export function useJoinPlace(funderId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (placeId: string) => api.put<AddedPlace>(`/funders/${enc(funderId)}/places/${enc(placeId)}`),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['funders', funderId] }),
  });
}

/** The places of the platform whose name holds these words; nothing asked while `q` is null. */
export function usePlatformPlaces(funderId: string, q: string | null) {
  return useQuery({
    queryKey: [...qk.roster(funderId), 'platform', q] as const,
    queryFn: ({ signal }) =>
      api.get<{ places: PlatformPlace[]; more: boolean }>(`/funders/${enc(funderId)}/platform-places`, {
        signal,
        query: { q: q ?? '' },
      }),
    enabled: q !== null,
    retry: false,
  });
}

export function useFunderPlace(funderId: string, placeId: string) {
  return useQuery({
    queryKey: qk.funderPlace(funderId, placeId),
    queryFn: ({ signal }) =>
      api.get<FunderPlace>(`/funders/${enc(funderId)}/places/${enc(placeId)}`, { signal }),
  });
}

export function useDecide(funderId: string, placeId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { programId: string; decision: Decision; reason?: string }) =>
      api.post(`/programs/${enc(input.programId)}/places/${enc(placeId)}/decisions`, {
        decision: input.decision,
        ...(input.reason ? { reason: input.reason } : {}),
      }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: qk.roster(funderId) }),
  });
}

/**
 * The place's admin says it no longer takes a programme's passes, with its reason: the desk
 * refuses them from then on; the place's standing, history and qualification are read afresh.
 */
export function useLeaveProgram(placeId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { programId: string; reason: string }) =>
      api.post<{ id: number; decision: HistoryEntry; effectiveOn: string }>(
        `/places/${enc(placeId)}/programs/${enc(input.programId)}/leave`,
        { reason: input.reason },
      ),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['places', placeId] }),
  });
}

export function usePlaceQualification(placeId: string) {
  return useQuery({
    queryKey: qk.place(placeId),
    queryFn: ({ signal }) => api.get<PlaceQualification>(`/places/${enc(placeId)}/applications`, { signal }),
  });
}

export function usePlacePrograms(placeId: string) {
  return useQuery({
    queryKey: ['places', placeId, 'programs'],
    // A funder's decision may have come since: the desk reads the place's standing afresh.
    staleTime: 0,
    queryFn: ({ signal }) => api.get<PlaceProgram[]>(`/places/${enc(placeId)}/programs`, { signal }),
  });
}

export function usePlaceDecisions(placeId: string) {
  return useQuery({
    queryKey: ['places', placeId, 'decisions'],
    // A funder's decision may have come since: the desk reads the place's standing afresh.
    staleTime: 0,
    queryFn: ({ signal }) => api.get<PlaceDecision[]>(`/places/${enc(placeId)}/decisions`, { signal }),
  });
}

/**
 * Every bank account the place has had, the one in force first (masked except for its admin):
 * under the place's page key, so that recording one refreshes it.
 */
export function usePlaceBankAccounts(placeId: string) {
  return useQuery({
    queryKey: [...qk.place(placeId), 'bank-accounts'] as const,
    queryFn: ({ signal }) =>
      api.get<BankAccount[]>(`/places/${enc(placeId)}/applications/bank-accounts`, { signal }),
  });
}

/** The place's three steps: each refreshes the place's page. */
export function usePlaceStep<T>(
  placeId: string,
  path: 'applications' | 'applications/charter' | 'applications/bank-accounts',
) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: T) => api.post(`/places/${enc(placeId)}/${path}`, input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: qk.place(placeId) }),
  });
}

export const DECISION_LABELS: Record<HistoryEntry, string> = {
  approved: 'Approuvé',
  refused: 'Refusé',
  suspended: 'Suspendu',
  reinstated: 'Rétabli',
  revoked: 'Retiré',
  left: 'A cessé de prendre les pass (à sa demande)',
};

export const STANDING_LABELS: Record<Standing | 'none', string> = {
  approved: 'Qualifié',
  suspended: 'Suspendu',
  none: 'Non qualifié',
};
