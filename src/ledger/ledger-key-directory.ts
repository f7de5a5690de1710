/**
 * The ledger's public keys as every instance and verifier reads them: one document per key id
 * in the shared read-model store's `ledger_keys` (a collection no projection names, so a rebuild
 * never drops it), written once with `insertIfAbsent`. A retirement is a document of its own
 * (`<kid>/retired`), written once too: nothing here is ever overwritten, so two instances
 * publishing at once cannot undo each other. The Keyring (src/crypto/keyring.ts) owns the list;
 * this is only where it is kept for the others.
 *
 * Whoever may write this collection may add a key the ledger's verifiers trust: the read-model
 * store is, for that collection, as trusted as the key files. Evidence verifiers pin keys of
 * their own (docs/evidence.md).
 */
import type { LedgerKeySource, LedgerPublicKey } from '../crypto/keyring';
import type { Doc, ReadModelStore } from '../readmodel/read-model-store';

export const LEDGER_KEYS = 'ledger_keys';

/** Far more keys than rotations in a ledger's life; `list` reads them in one query. */
const MAX_KEYS = 10_000;

type KeyDoc = Doc & { readonly kind: 'key' | 'retired'; readonly kid: string } & Partial<LedgerPublicKey>;

export function ledgerKeyDirectory(readModels: ReadModelStore): LedgerKeySource {
  return {
    async list() {
      const docs = await readModels.find<KeyDoc>(LEDGER_KEYS, { orderBy: { field: 'id', direction: 'asc' }, limit: MAX_KEYS });
      const retired = new Map(docs.filter((d) => d.kind === 'retired' && d.retiredAt).map((d) => [d.kid, d.retiredAt!]));
      return docs
        .filter((d) => d.kind === 'key' && d.alg === 'Ed25519' && d.publicKey && d.createdAt)
        .map((d): LedgerPublicKey => {
          const key = { kid: d.kid, alg: 'Ed25519' as const, publicKey: d.publicKey!, createdAt: d.createdAt! };
          const at = d.retiredAt ?? retired.get(d.kid);
          return at ? { ...key, retiredAt: at } : key;
        });
    },
    async publish(keys) {
      for (const key of keys) {
        const { kid, alg, publicKey, createdAt, retiredAt } = key;
        await readModels.insertIfAbsent(LEDGER_KEYS, { id: kid, kind: 'key', kid, alg, publicKey, createdAt });
        if (retiredAt) await readModels.insertIfAbsent(LEDGER_KEYS, { id: `${kid}/retired`, kind: 'retired', kid, retiredAt });
      }
    },
  };
}
