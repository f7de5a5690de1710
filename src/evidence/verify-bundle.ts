/**
 * The offline verifier for evidence bundles on the server, the scripts and the tests: the
 * checks are ./verify-bundle-core.ts (the one copy, also run in the browser by
 * ./verify-bundle-browser.ts), here with node:crypto as the crypto port by default.
 */
import { nodeVerifyPort } from '../crypto/node-verify-port';
import type { VerifyPort } from '../crypto/portable/verify-port';
import { verifyBundleWith, type BundleReport, type VerifyBundleOptions } from './verify-bundle-core';

export { verifyBundleWith, type BundleFailure, type BundleReport, type VerifyBundleOptions } from './verify-bundle-core';
export type { LedgerPublicKey } from '../crypto/portable/ledger-public-key';
export type { EventBody } from '../ledger/event-body';

export function verifyBundle(bytes: Uint8Array, options: VerifyBundleOptions = {}, port: VerifyPort = nodeVerifyPort): BundleReport {
  return verifyBundleWith(port, bytes, options);
}
