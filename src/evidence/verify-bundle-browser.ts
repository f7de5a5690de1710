/**
 * The evidence-bundle verifier for a browser (the web console's offline verifier page imports
 * this through Vite): ./verify-bundle-core.ts, the same checks the server runs, with the
 * portable crypto port (tweetnacl's Ed25519, the portable SHA-256). Nothing it reaches imports
 * a node: module or uses Buffer (.dependency-cruiser.cjs, rule portable-verifier-is-portable),
 * and it makes no request: the bytes of the file are all it reads.
 */
import { portableVerifyPort } from '../crypto/portable/portable-verify-port';
import { verifyBundleWith, type BundleReport, type VerifyBundleOptions } from './verify-bundle-core';

export type { BundleFailure, BundleReport, VerifyBundleOptions } from './verify-bundle-core';
export type Report = BundleReport;

/**
 * Verifies the bytes of an evidence-bundle file. `trustedLedgerKeys`: the ledger public keys
 * (raw 32 bytes, base64) the auditor trusts; without them the bundle's own keys are used and
 * reported as unpinned. `trustedWitnessKeys` (vkeys) and `witnessThreshold`: the witnesses whose
 * cosignatures the checkpoint must carry.
 */
export function verifyBundleInBrowser(bytes: Uint8Array, options: VerifyBundleOptions = {}): Report {
  return verifyBundleWith(portableVerifyPort, bytes, options);
}
