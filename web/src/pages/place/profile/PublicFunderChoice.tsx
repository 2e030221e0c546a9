import { usePublicFunders } from '../../../api/placeProfiles';
import { CheckboxGroupField } from '../../../ui/form/CheckboxGroupField';
import { QueryError } from '../../../ui/QueryError';

/**
 * The funders whose passes a place asks to take, chosen among every funder by name (public
 * data): at registration and when a structure adds a site, each one chosen sees the place as a
 * candidate to qualify.
 */
export function PublicFunderChoice({
  legend,
  hint,
  value,
  onChange,
  error,
}: {
  legend: string;
  hint: string;
  value: string;
  onChange: (value: string) => void;
  error: string | undefined;
}) {
  const funders = usePublicFunders();
  if (funders.isError) return <QueryError error={funders.error} what="la liste des financeurs" />;
  return (
    <CheckboxGroupField
      name="funderIds"
      legend={legend}
      hint={hint}
      value={value}
      onChange={onChange}
      options={(funders.data?.funders ?? []).map((f) => ({ value: f.id, label: f.name }))}
      error={error}
    />
  );
}
