import * as z from 'zod';

/** A consent receipt id as the customer reads it, e.g. 7F3K-Q2LM: finds the consent in the audit trail. */
export const ReceiptId = z.string().regex(/^[0-9A-Z]{4}-[0-9A-Z]{4}$/);
