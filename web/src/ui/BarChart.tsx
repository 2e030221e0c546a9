import { fr } from '@codegouvfr/react-dsfr';
import { useId } from 'react';

export interface Bar {
  label: string;
  value: number;
  /** the value as shown to people ("244 450,00 €", "50 %") */
  display: string;
}

interface Props {
  title: string;
  bars: Bar[];
}

const ROW = 36;
const LABEL_W = 150;
const VALUE_W = 200;
const BAR_W = 320;

/**
 * A horizontal bar chart in plain SVG. The figure is decorative for assistive technology
 * except for its text alternative (RGAA 1.3 / 1.9): a sentence listing every value, and the
 * table placed next to it gives the same data in a structured form.
 */
export function BarChart({ title, bars }: Props) {
  const id = useId();
  if (bars.length === 0) return null;
  const max = Math.max(...bars.map((b) => b.value), 1);
  const height = bars.length * ROW + 8;
  const width = LABEL_W + BAR_W + VALUE_W;
  const alternative = `${title} : ${bars.map((b) => `${b.label}, ${b.display}`).join(' ; ')}.`;
  return (
    <figure className={`${fr.cx('fr-my-2w')} pn-chart`}>
      <svg viewBox={`0 0 ${width} ${height}`} role="img" aria-labelledby={`${id}-t ${id}-d`}>
        <title id={`${id}-t`}>{title}</title>
        <desc id={`${id}-d`}>{alternative}</desc>
        {bars.map((b, i) => {
          const y = i * ROW + 4;
          const w = Math.max((b.value / max) * BAR_W, b.value > 0 ? 2 : 0);
          return (
            // Children of role="img" are presentational: the <desc> is what assistive technology reads.
            <g key={b.label}>
              <text
                className="pn-chart__label"
                x={LABEL_W - 8}
                y={y + ROW / 2}
                textAnchor="end"
                dominantBaseline="middle"
              >
                {b.label.length > 20 ? `${b.label.slice(0, 19)}…` : b.label}
              </text>
              <rect className="pn-chart__bar" x={LABEL_W} y={y + 6} width={w} height={ROW - 14} />
              <text className="pn-chart__value" x={LABEL_W + w + 6} y={y + ROW / 2} dominantBaseline="middle">
                {b.display}
              </text>
            </g>
          );
        })}
      </svg>
      <figcaption className={fr.cx('fr-text--sm', 'fr-mt-1w')}>
        {title} (données détaillées dans le tableau).
      </figcaption>
    </figure>
  );
}
