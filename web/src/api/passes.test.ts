import { MutationObserver, QueryClient, QueryObserver } from '@tanstack/react-query';
import { afterEach, describe, expect, it } from 'vitest';
import { keys } from './keys';
import { prescriberChange } from './passes';

const ORG = 'a0000000-0000-4000-8000-000000000001';

/*
 * Found on a slow network: the hand-out was saved at 7 s, yet « Envoi en cours… » stayed until
 * 10 s, as the success waited for the stock and the list to be read again. The success is the
 * server's answer; the lists follow behind.
 */
describe('a prescriber’s change', () => {
  let client: QueryClient;
  afterEach(() => client.clear());

  it('succeeds when the server answers, its stock and list read again behind', async () => {
    client = new QueryClient();
    let reads = 0;
    let release: () => void = () => {};
    // The stock on screen, whose next reading takes as long as the network makes it.
    const stock = new QueryObserver(client, {
      queryKey: keys.stock(ORG),
      queryFn: () => {
        reads++;
        return reads === 1
          ? Promise.resolve('before')
          : new Promise<string>((r) => (release = () => r('after')));
      },
    });
    const unsubscribe = stock.subscribe(() => {});
    await client.fetchQuery({ queryKey: keys.stock(ORG) });
    const handOut = new MutationObserver(
      client,
      prescriberChange(client, ORG, async (serial: string) => ({ serial })),
    );
    const answered = await Promise.race([
      handOut.mutate('C00001-0000001-8').then(() => 'answered'),
      new Promise((r) => setTimeout(() => r('still waiting'), 200)),
    ]);
    expect(answered).toBe('answered');
    // The stock is being read again, and shows the new reading when it comes.
    expect(reads).toBe(2);
    release();
    await new Promise((r) => setTimeout(r, 0));
    expect(client.getQueryData(keys.stock(ORG))).toBe('after');
    unsubscribe();
  });
});
