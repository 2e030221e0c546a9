import { z } from 'zod';

const Row = z.object({
  envelopeId: z.uuid().nullable(),
  name: z.string(),
  planned: z.number(),
  issued: z.number(),
  activated: z.number(),
  allocated: z.number(),
  handedOut: z.number(),
  redeemed: z.number(),
  expired: z.number(),
  cancelled: z.number(),
  outstanding: z.number(),
  remaining: z.number(),
});

export const Dashboard = z
  .object({
    asOf: z.string(),
    rows: z.array(Row),
    total: Row,
    byMonth: z.array(z.object({ month: z.string(), redemptions: z.number(), valueCents: z.number() })),
  })
  .meta({ id: 'Dashboard' });
