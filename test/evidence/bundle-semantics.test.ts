/** Actor-signature checks on hand-made event sequences: log order decides key validity; bad data never crashes. */
import nacl from 'tweetnacl';
import { checkActorSignatures, type ParsedEvent } from '../../src/evidence/bundle-semantics';
import { keyIdOf } from '../../src/crypto/key-id';
import { contentDigest, signingMessage } from '../../src/domain/interview/signing';
import { replay } from '../../src/domain/interview/replay';
import type { EventBody } from '../../src/ledger/event-body';

const AT = '2026-07-01T00:00:00.000Z';
let leaf = 0;
function ev(stream: string, revision: number, type: string, data: unknown, at = AT): ParsedEvent {
  const body = {
    v: 1,
    id: `${stream}.${revision}`,
    stream,
    revision,
    prev: null,
    type,
    data,
    meta: { actor: 'E1', roles: ['employee'], ip: '10.0.0.1', at, commandId: 'c' },
  } as EventBody;
  return { event: { leafIndex: leaf++, stream, revision, type, kid: 'k', body: '', sig: '', proof: [] }, body };
}

describe('actor signatures in a bundle', () => {
  const keys = nacl.sign.keyPair.fromSeed(new Uint8Array(32).fill(5));
  const publicKey = Buffer.from(keys.publicKey).toString('base64');
  const kid = keyIdOf(keys.publicKey);
  const scheduled = {
    interviewId: 'I1',
    templateId: 'standard-v1',
    version: 1,
    employeeId: 'E1',
    managerId: 'M1',
    participantIds: [],
    department: '生产部',
    position: '装配工',
    cycle: '2026-Q2',
    scheduledAt: AT,
    location: '',
  };
  const state = replay([{ type: 'InterviewScheduled', data: scheduled, at: AT }]);
  const digest = contentDigest(state as Parameters<typeof contentDigest>[0]);
  const signature = Buffer.from(
    nacl.sign.detached(
      signingMessage({ interviewId: 'I1', version: 1, contentDigest: digest, role: 'employee', signerId: 'E1' }),
      keys.secretKey,
    ),
  ).toString('base64');
  const signed = () =>
    ev('interview-I1', 1, 'InterviewSigned', {
      interviewId: 'I1',
      version: 1,
      role: 'employee',
      signerId: 'E1',
      kid,
      signature,
      contentDigest: digest,
      observed: { receivedAt: AT, ip: '10.0.0.1' },
    });
  const registered = () => ev('person-E1', 0, 'SigningKeyRegistered', { personId: 'E1', kid, publicKey, registeredAt: AT });
  const revoked = () => ev('person-E1', 1, 'SigningKeyRevoked', { personId: 'E1', kid, reason: '丢失', revokedAt: AT });
  const interview = () => ev('interview-I1', 0, 'InterviewScheduled', scheduled);

  it('accepts a signature by a key registered earlier in the log', () => {
    expect(checkActorSignatures([registered(), interview(), signed()])).toEqual([]);
  });

  it('accepts it even if the key is revoked later (same timestamp), and refuses a key revoked before', () => {
    expect(checkActorSignatures([registered(), interview(), signed(), revoked()])).toEqual([]);
    expect(checkActorSignatures([registered(), revoked(), interview(), signed()]).map((p) => p.code)).toEqual(['ACTOR_SIGNATURE_KEY']);
  });

  it('refuses a key that was revoked and registered again: a revoked key never comes back (§12.1)', () => {
    const again = () => ev('person-E1', 2, 'SigningKeyRegistered', { personId: 'E1', kid, publicKey, registeredAt: AT });
    expect(checkActorSignatures([registered(), revoked(), again(), interview(), signed()]).map((p) => p.code)).toEqual([
      'ACTOR_SIGNATURE_KEY',
    ]);
    // Registered twice without a revocation: still the one key, still valid.
    expect(checkActorSignatures([registered(), again(), interview(), signed()])).toEqual([]);
  });

  it('reads the signature and the key as canonical base64 only', () => {
    const flipLast = (text: string) => {
      const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
      const i = text.replace(/=+$/, '').length - 1;
      return text.slice(0, i) + alphabet[alphabet.indexOf(text[i]!) ^ 1] + text.slice(i + 1);
    };
    const lenient = signed();
    (lenient.body.data as { signature: string }).signature = flipLast(signature);
    expect(Buffer.from(flipLast(signature), 'base64')).toEqual(Buffer.from(signature, 'base64'));
    expect(checkActorSignatures([registered(), interview(), lenient]).map((p) => p.code)).toEqual(['ACTOR_SIGNATURE']);
    const key = ev('person-E1', 0, 'SigningKeyRegistered', { personId: 'E1', kid, publicKey: flipLast(publicKey), registeredAt: AT });
    expect(checkActorSignatures([key, interview(), signed()]).map((p) => p.code)).toEqual(['ACTOR_SIGNATURE_KEY']);
  });

  it('refuses a key registered only after the signature', () => {
    expect(checkActorSignatures([interview(), signed(), registered()]).map((p) => p.code)).toEqual(['ACTOR_SIGNATURE_KEY']);
  });

  it('refuses a tampered signature, and reports malformed data instead of throwing', () => {
    const bad = signed();
    (bad.body.data as { signature: string }).signature = Buffer.alloc(64, 1).toString('base64');
    expect(checkActorSignatures([registered(), interview(), bad]).map((p) => p.code)).toEqual(['ACTOR_SIGNATURE']);
    const malformed = ev('interview-I1', 1, 'InterviewSigned', null);
    expect(() => checkActorSignatures([registered(), interview(), malformed])).not.toThrow();
    expect(checkActorSignatures([registered(), interview(), malformed]).map((p) => p.code)).toEqual(['EVENT_DATA']);
  });

  it('reports an event that cannot be replayed, and a signature after it, once each', () => {
    const broken = ev('interview-I1', 1, 'InterviewSectionEdited', null);
    const after = ev('interview-I1', 2, 'InterviewSigned', signed().body.data);
    expect(checkActorSignatures([registered(), interview(), broken, after]).map((p) => [p.code, p.where])).toEqual([
      ['EVENT_DATA', 'event interview-I1@1'],
      ['EVENT_DATA', 'event interview-I1@2'],
    ]);
  });
});
