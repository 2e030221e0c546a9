/** Days and instants written as French readers write them, whatever the machine's zone. */

/** A business date 'YYYY-MM-DD' as French readers write it: 01/12/2026. */
export function frenchDay(day: string): string {
  return `${day.slice(8, 10)}/${day.slice(5, 7)}/${day.slice(0, 4)}`;
}

const PARIS = new Intl.DateTimeFormat('fr-FR', {
  day: '2-digit',
  month: '2-digit',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  timeZone: 'Europe/Paris',
});

/** An instant in Paris time, French order: « 30/11/2026 18:14:02 ». */
export function frenchInstant(at: Date): string {
  return PARIS.format(at).replace(/[\u202f\u00a0]/g, ' ');
}
