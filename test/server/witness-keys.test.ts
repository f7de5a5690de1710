/**
 * WITNESS_KEYS: the witnesses whose cosignatures the log stores. Parsed strictly at start, so a
 * typo is a start-up error naming the variable, not a witness silently refused later.
 */
import vector from '../vectors/cosignature.json';
import { witnessKeyFromSeed } from '../../src/client/witness';
import { loadConfig } from '../../src/server/config';

const other = witnessKeyFromSeed('witness.example.org/council', new Uint8Array(32).fill(0x44));

describe('WITNESS_KEYS', () => {
  it('is empty by default and lists vkeys separated by commas or white space', () => {
    expect(loadConfig({}).witnessKeys).toEqual([]);
    expect(loadConfig({ WITNESS_KEYS: ` ${vector.vkey},\n${other.vkey} ` }).witnessKeys).toEqual([vector.vkey, other.vkey]);
  });

  it('refuses at start what is not a cosignature/v1 vkey, and a witness listed twice', () => {
    for (const bad of [
      'witness.example.org/audit',
      vector.vkey.replace('0b778da7', '0b778da8'),
      'interview-ledger/ed25519:65b60673d6ed884b+4f2e83fe+AXm1Vi6P5lT5QHixEuipi6eQH4U65pW+1+DjkQutBJZk', // a log key (0x01)
      `${vector.vkey},${vector.vkey}`,
    ]) {
      expect(() => loadConfig({ WITNESS_KEYS: bad })).toThrow(/^WITNESS_KEYS must list witness keys/);
    }
  });
});
