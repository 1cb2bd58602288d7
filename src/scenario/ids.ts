import { z } from './zod.js';
import { show } from './problems.js';

/** An identifier: a party, an issue, an event (a letter, then letters, digits or _). */
export const id = z.string().regex(/^[A-Za-z][A-Za-z0-9_]*$/, {
  error: (iss) => `expected an identifier (a letter, then letters, digits or _), got ${show(iss.input)}`,
});

/** A name: an option, a scenario (letters, digits, _ or -). */
export const slug = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_-]*$/, {
  error: (iss) => `expected a name of letters, digits, _ or -, got ${show(iss.input)}`,
});
