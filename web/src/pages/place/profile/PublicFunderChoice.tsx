import { useEffect } from 'react';
import { usePublicFunders } from '../../../api/placeProfiles';
import { CheckboxGroupField } from '../../../ui/form/CheckboxGroupField';
import { QueryError } from '../../../ui/QueryError';

/**
 * The funders whose passes a place asks to take, chosen among every funder by name (public
 * data): at registration and when a structure adds a site, each one chosen sees the place as a
 * candidate to qualify. Once the place's commune is chosen, only the funders whose territory
 * holds it (or that have none) are offered, those the server accepts; one ticked before and
 * not offered now is unticked rather than sent unseen and refused.
 */
export function PublicFunderChoice({
  legend,
  hint,
  communeCode,
  value,
  onChange,
  error,
}: {
  legend: string;
  hint: string;
  /** the place's commune (INSEE code), empty until chosen */
  communeCode: string;
  value: string;
  onChange: (value: string) => void;
  error: string | undefined;
}) {
  const funders = usePublicFunders(communeCode);
  const offered = funders.data?.funders;
  const settled = !funders.isPlaceholderData;
  useEffect(() => {
    // Against the commune's own list, not the previous one shown while it loads.
    if (!offered || !settled) return;
    const ids = new Set(offered.map((f) => f.id));
    const kept = value
      .split(',')
      .filter((id) => ids.has(id))
      .join(',');
    if (kept !== value) onChange(kept);
  }, [offered, settled, value, onChange]);
  if (funders.isError) return <QueryError error={funders.error} what="la liste des financeurs" />;
  return (
    <CheckboxGroupField
      name="funderIds"
      legend={legend}
      hint={`${hint} ${
        !communeCode
          ? 'Une fois la commune choisie, seuls les financeurs dont le territoire la comprend sont proposés.'
          : offered?.length === 0
            ? 'Aucun financeur de la plateforme n’a cette commune dans son territoire : aucun ne peut être choisi pour l’instant.'
            : 'Seuls les financeurs dont le territoire comprend la commune du lieu sont proposés.'
      }`}
      value={value}
      onChange={onChange}
      options={(offered ?? []).map((f) => ({ value: f.id, label: f.name }))}
      error={error}
    />
  );
}
