/** Query keys in one place so mutations invalidate exactly what they change. */
export const keys = {
  session: ['session'] as const,
  funders: ['funders'] as const,
  funderPrograms: (funderId: string) => ['funders', funderId, 'programs'] as const,
  program: (programId: string) => ['programs', programId] as const,
  programAsOf: (programId: string, asOf: string) => ['programs', programId, { asOf }] as const,
  audit: (funderId: string) => ['funders', funderId, 'audit'] as const,
  invitation: (token: string) => ['invitations', token] as const,
};
