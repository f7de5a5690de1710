/**
 * Witness cosignatures (C2SP tlog-cosignature, cosignature/v1) on the server: the one
 * implementation is ./portable/cosignature.ts, here with node:crypto as its port.
 */
import { nodeVerifyPort } from './node-verify-port';
import { parseCosignatureVkeyWith, type CosignatureVerifier } from './portable/cosignature';
import { keyIdHex, SignedNoteError } from './portable/signed-note';

export {
  asCosignature,
  checkCosignatures,
  COSIGNATURE_BYTES,
  COSIGNATURE_ED25519,
  cosignatureLine,
  cosignatureMessage,
  cosignaturePayload,
  parseCosignatureLine,
  type Cosignature,
  type CosignatureCheck,
  type CosignatureVerifier,
} from './portable/cosignature';

/** A witness vkey (`<name>+<key ID>+<base64(0x04 || key)>`), parsed strictly. */
export function parseWitnessKey(vkey: string): CosignatureVerifier {
  return parseCosignatureVkeyWith(nodeVerifyPort, vkey);
}

/**
 * A list of witness vkeys, separated by commas or white space (WITNESS_KEYS): each parsed
 * strictly, none twice, no two under one name and key ID.
 */
export function parseWitnessKeyList(text: string): CosignatureVerifier[] {
  const verifiers = text
    .split(/[\s,]+/)
    .filter(Boolean)
    .map(parseWitnessKey);
  const seen = new Set<string>();
  for (const v of verifiers) {
    const id = `${v.name}+${keyIdHex(v.keyId)}`;
    if (seen.has(id)) throw new SignedNoteError('AMBIGUOUS_KEY', `witness key ${id} is listed twice`);
    seen.add(id);
  }
  return verifiers;
}
