import { z } from 'zod';

export const BlockParams = z.object({ serial: z.string().max(40) });

export const BlockBody = z.object({ reason: z.enum(['lost', 'stolen']) });

export const BlockResult = z.object({
  serial: z.string(),
  status: z.literal('blocked'),
  cancelledPasses: z.number(),
});
