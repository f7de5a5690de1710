import { Field, Int, ObjectType } from 'type-graphql';

@ObjectType({
  description:
    "A witness's cosignature of a checkpoint (C2SP tlog-cosignature, cosignature/v1): the witness checked that this checkpoint is consistent with every earlier one it saw of the log.",
})
export class Cosignature {
  @Field(() => String, { description: "The witness's key name." }) witness!: string;
  @Field(() => String, { description: "The witness key's key ID, 8 hex digits." }) keyId!: string;
  @Field(() => Date, { description: 'When the witness signed (the timestamp inside the cosignature, whole seconds).' }) time!: Date;
  @Field(() => String, {
    description: 'The signature line as the witness wrote it: "— <witness> <base64(key ID || timestamp || signature)>" and a newline.',
  })
  line!: string;
}

@ObjectType({
  description:
    'A signed checkpoint of the global Merkle log (C2SP tlog-checkpoint in a C2SP signed note): the log commits to its first `size` events. ' +
    'Keep it: later consistency proofs show that nothing before it was rewritten.',
})
export class Checkpoint {
  @Field(() => String, {
    description:
      'The signed note exactly as signed: origin, size and root lines, a blank line, the signature line. Verify it offline with one of verifierKeys.',
  })
  note!: string;
  @Field(() => String, { description: "The log's identity: first line of the note and key name of its signature." }) origin!: string;
  @Field(() => Int, { description: 'Number of events (leaves) the checkpoint covers.' }) size!: number;
  @Field(() => String, { description: 'RFC 9162 Merkle tree root of the first size events, base64 (32 bytes).' }) rootHash!: string;
  @Field(() => Date, { description: 'When the ledger signed it (UTC; not part of the signed text).' }) signedAt!: Date;
  @Field(() => String, { description: 'Ledger key id of the key that signed it.' }) kid!: string;
  @Field(() => [String], {
    description: 'Verifier keys (<origin>+<key ID hex>+<base64(0x01 || Ed25519 public key)>) of every ledger key, old ones included.',
  })
  verifierKeys!: string[];
  @Field(() => [Cosignature], {
    description: "Witnesses' cosignatures of this checkpoint that the log verified and stored (WITNESS_KEYS), in the order received.",
  })
  cosignatures!: Cosignature[];
  @Field(() => String, {
    description: "The note with the witnesses' cosignature lines after the log's signature: the checkpoint as C2SP clients read it.",
  })
  cosignedNote!: string;
}

@ObjectType({ description: 'RFC 9162 §2.1.3 inclusion proof of one event in the tree of size treeSize.' })
export class InclusionProof {
  @Field(() => String) stream!: string;
  @Field(() => Int) revision!: number;
  @Field(() => Int, { description: "The event's leaf index: its place in the global commit order, from 0." }) leafIndex!: number;
  @Field(() => Int) treeSize!: number;
  @Field(() => String, { description: 'SHA-256(0x00 || event body bytes), base64.' }) leafHash!: string;
  @Field(() => String, { description: 'Root of the tree of size treeSize, base64.' }) rootHash!: string;
  @Field(() => [String], { description: "Audit path, base64 hashes, from the leaf's sibling upwards." }) proof!: string[];
  @Field(() => Checkpoint, { nullable: true, description: 'The signed checkpoint of size treeSize, if one was signed.' })
  checkpoint!: Checkpoint | null;
}

@ObjectType({ description: 'RFC 9162 §2.1.4 consistency proof: the tree of size oldSize is a prefix of the tree of size newSize.' })
export class ConsistencyProof {
  @Field(() => Int) oldSize!: number;
  @Field(() => Int) newSize!: number;
  @Field(() => String, { description: 'Root at oldSize, base64.' }) oldRootHash!: string;
  @Field(() => String, { description: 'Root at newSize, base64.' }) newRootHash!: string;
  @Field(() => [String], { description: 'Proof hashes, base64.' }) proof!: string[];
  @Field(() => Checkpoint, { nullable: true, description: 'The signed checkpoint of size oldSize, if any.' })
  oldCheckpoint!: Checkpoint | null;
  @Field(() => Checkpoint, { nullable: true, description: 'The signed checkpoint of size newSize, if any.' })
  newCheckpoint!: Checkpoint | null;
}
