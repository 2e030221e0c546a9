import { z } from 'zod';

/** Booklets named by serial: those moved by a transfer, or taken by an allocation. */
export const Serials = z.object({ serials: z.array(z.string().trim().min(1).max(40)).min(1).max(10_000) });
