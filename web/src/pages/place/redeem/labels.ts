export { SESSION_FORMAT_LABELS as FORMAT_LABELS } from '../../../../../src/core/session';

export function formatMinutes(minutes: number): string {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  if (h === 0) return `${m} min`;
  return m === 0 ? `${h} h` : `${h} h ${String(m).padStart(2, '0')}`;
}

// Intl puts narrow no-break spaces in times; plain spaces copy and search like typed text.
const plain = (s: string) => s.replace(/[\u202f\u00a0]/g, ' ');

const day = new Intl.DateTimeFormat('fr-FR', {
  day: '2-digit',
  month: '2-digit',
  year: 'numeric',
  timeZone: 'Europe/Paris',
});
const time = new Intl.DateTimeFormat('fr-FR', {
  hour: '2-digit',
  minute: '2-digit',
  timeZone: 'Europe/Paris',
});

/** "24/11/2026 à 14:35", Paris time: the desk's clock, whatever the browser's zone. */
export function formatDayAtTime(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : plain(`${day.format(d)} à ${time.format(d)}`);
}

/** "14:35", Paris time: a row of today's list, whose day the heading says. */
export function formatTime(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : plain(time.format(d));
}

/** "12/03/2024 14:35": seconds would only make a desk's list harder to read. */
export function formatDateTimeShort(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : plain(`${day.format(d)} ${time.format(d)}`);
}
