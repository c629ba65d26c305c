import { z } from 'zod';

/** Output "schema" of a channel: only carries the type; outputs come from our own services. */
export const out = <T>() => z.custom<T>(() => true);
