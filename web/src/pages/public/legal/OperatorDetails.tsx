import type { ReactNode } from 'react';
import { type PublicConfig, usePublicConfig } from '../../../api/directory';
import { Loading } from '../../../ui/Loading';

export type Operator = NonNullable<PublicConfig['operator']>;

/**
 * Who runs this instance, as its settings say (OPERATOR_NAME…): each public instance is run by
 * its own body (a Region, a national operator), which the legal pages must name. An instance
 * that has not said it is told so, plainly, rather than given an invented publisher.
 */
export function WithOperator({ children }: { children: (operator: Operator | null) => ReactNode }) {
  const config = usePublicConfig();
  if (config.isPending) return <Loading what="Chargement…" />;
  return <>{children(config.data?.operator ?? null)}</>;
}

/** The operator's e-mail as a link, or what to do without one. */
export function OperatorContact({ operator, without }: { operator: Operator | null; without: string }) {
  if (!operator?.email) return <>{without}</>;
  return (
    <>
      en écrivant à <a href={`mailto:${operator.email}`}>{operator.email}</a>
    </>
  );
}
