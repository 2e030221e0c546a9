import { describe, expect, it } from 'vitest';
import { whyChunkFailed } from './chunkFailure';

const missing = new TypeError(
  'Failed to fetch dynamically imported module: https://pass.example/assets/StatementsPage-x1.js',
);
const answers = () => Promise.resolve(true);
const silent = () => Promise.resolve(false);

describe('why a page’s chunk did not come', () => {
  it('is the connection when the browser says it is offline, without asking the server', async () => {
    let asked = false;
    const ask = () => ((asked = true), Promise.resolve(true));
    expect(await whyChunkFailed(missing, { onLine: false, answers: ask })).toBe('offline');
    expect(asked).toBe(false);
  });

  it('is the connection when the browser thinks it is online but the server does not answer', async () => {
    expect(await whyChunkFailed(missing, { onLine: true, answers: silent })).toBe('offline');
  });

  it('is a new version when the server answers and the module is missing, its stylesheet too', async () => {
    expect(await whyChunkFailed(missing, { onLine: true, answers })).toBe('deployed');
    const css = new Error('Unable to preload CSS for /assets/PlacePage-x2.css');
    expect(await whyChunkFailed(css, { onLine: true, answers })).toBe('deployed');
  });

  it('is an error of the page itself when the server answers and the module came', async () => {
    const bug = new TypeError('Cannot read properties of undefined');
    expect(await whyChunkFailed(bug, { onLine: true, answers })).toBe('broken');
  });
});
