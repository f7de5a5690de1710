import nacl from 'tweetnacl';
import { randomBytes } from 'node:crypto';
it('t', () => {
  const t = Date.now();
  for (let i = 0; i < 50; i++) { const kp = nacl.sign.keyPair.fromSeed(randomBytes(32)); const m = randomBytes(500); const s = nacl.sign.detached(m, kp.secretKey); nacl.sign.detached.verify(m, s, kp.publicKey); }
  console.log(Date.now() - t);
  const t2 = Date.now();
  for (let i = 0; i < 50; i++) { const kp = nacl.sign.keyPair.fromSeed(new Uint8Array(randomBytes(32))); const m = new Uint8Array(randomBytes(500)); const s = nacl.sign.detached(m, kp.secretKey); nacl.sign.detached.verify(m, s, kp.publicKey); }
  console.log(Date.now() - t2);
});
