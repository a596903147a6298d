import type { AgentIdentity } from '../../../signaling/protocol';

/** The consent sentence the page showed, in its language: stored with the consent as its receipt. */
export interface ShownConsent {
  sentence: string;
  language: 'en' | 'de';
}

/** The customer's consent is on the record: the receipt the page shows from then on. */
export interface ConsentReceipt {
  receipt: string;
  /** The server's time of the consent. */
  at: number;
  agent: AgentIdentity;
}
