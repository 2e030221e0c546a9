import { fr } from '@codegouvfr/react-dsfr';

export interface Bar {
  label: string;
  value: number;
  /** the value as shown to people ("244 450,00 €", "50 %") */
  display: string;
}

/** The longest bar's share of the track, in %: the rest is for its value beside it. */
const BAR_SHARE = 70;

interface Props {
  title: string;
  bars: Bar[];
}

/**
 * A horizontal bar chart in HTML and CSS: each label whole on its line, the bar and its
 * value below, so it reads at 360 px as at 1280 px (an SVG scaled down to a phone made
 * 14 px text 7 px and cut long labels). The figure is one image for assistive technology
 * (RGAA 1.3 / 1.9): a sentence listing every value; the table placed next to it gives the
 * same data in a structured form.
 */
export function BarChart({ title, bars }: Props) {
  if (bars.length === 0) return null;
  const max = Math.max(...bars.map((b) => b.value), 1);
  const alternative = `${title} : ${bars.map((b) => `${b.label}, ${b.display}`).join(' ; ')}.`;
  return (
    <figure className={`${fr.cx('fr-my-2w')} pn-chart`}>
      <div role="img" aria-label={alternative} className="pn-chart__bars">
        {bars.map((b) => (
          <div key={b.label} className="pn-chart__row">
            <span className="pn-chart__label">{b.label}</span>
            <span className="pn-chart__track">
              <span
                className="pn-chart__bar"
                style={{ width: `${Math.max((b.value / max) * BAR_SHARE, b.value > 0 ? 0.5 : 0)}%` }}
              />
              <span className="pn-chart__value">{b.display}</span>
            </span>
          </div>
        ))}
      </div>
      <figcaption className={fr.cx('fr-text--sm', 'fr-mt-1w')}>
        {title} (données détaillées dans le tableau).
      </figcaption>
    </figure>
  );
}
