/** A published ledger public key, as the ledger key file and evidence bundles list it. */
export interface LedgerPublicKey {
  readonly kid: string;
  readonly alg: 'Ed25519';
  /** Raw 32-byte public key, base64. */
  readonly publicKey: string;
  readonly createdAt: string;
  readonly retiredAt?: string;
}
