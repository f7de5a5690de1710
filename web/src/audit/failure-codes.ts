/**
 * What each failure and warning code of the evidence-bundle verifier
 * (src/evidence/verify-bundle-core.ts and the checks it calls) means, in Chinese and English:
 * the code's family (which part of the bundle) and the code itself. The offline verifier
 * page shows both beside every failure. An unknown code still shows, with its family when its
 * prefix names one.
 */
import type { Locale } from '../i18n';

export type FailureFamily =
  | 'bundle'
  | 'ledgerKey'
  | 'seal'
  | 'checkpoint'
  | 'witness'
  | 'event'
  | 'proof'
  | 'interview'
  | 'subject'
  | 'actorSignature'
  | 'manifest'
  | 'rendering';

interface Text {
  readonly zh: string;
  readonly en: string;
}

export const FAILURE_FAMILIES: Record<FailureFamily, Text> = {
  bundle: { zh: '文件格式：文件不是完整、规范的证据包', en: 'File format: the file is not a complete, canonical evidence bundle' },
  ledgerKey: { zh: '账本公钥：证据包所依据的账本密钥', en: 'Ledger keys: the ledger keys the bundle rests on' },
  seal: { zh: '账本封印：账本对整个证据包的签名', en: "Ledger seal: the ledger's signature over the whole bundle" },
  checkpoint: { zh: '检查点：账本签署的日志大小与根哈希', en: 'Checkpoint: the log size and root hash the ledger signed' },
  witness: {
    zh: '见证方副署：独立见证方对检查点的副署（证明日志未被分叉或改写）',
    en: "Witness cosignatures: independent witnesses' cosignatures of the checkpoint (that the log was not forked or rewritten)",
  },
  event: { zh: '事件：单个账本事件的签名与哈希链', en: "Event: one ledger event's signature and hash chain" },
  proof: { zh: '包含证明：事件是否确实在已签署的日志中', en: 'Inclusion proof: whether the event is in the signed log' },
  interview: {
    zh: '面谈记录：证据包声明的版本、状态与内容摘要',
    en: 'Interview: the version, status and content digest the bundle claims',
  },
  subject: { zh: '导出范围：证据包声明包含哪些面谈', en: 'Subject: which interviews the bundle says it holds' },
  actorSignature: {
    zh: '当事人签名：员工、经理等人对内容的签名',
    en: "Party signatures: the employee's, manager's and others' signatures on the content",
  },
  manifest: { zh: '清单：证据包列出的事件流与事件数', en: 'Manifest: the streams and event counts the bundle lists' },
  rendering: { zh: '可读页面：证据包中的 HTML 呈现', en: 'Rendering: the HTML page in the bundle' },
};

/** Every code the verifier emits (failures and warnings), with its family and meaning. */
export const FAILURE_CODES: Record<string, { readonly family: FailureFamily } & Text> = {
  BUNDLE_NOT_JSON: {
    family: 'bundle',
    zh: '文件不是 JSON：可能选错了文件，或文件已损坏。',
    en: 'The file is not JSON: a wrong file, or a damaged one.',
  },
  BUNDLE_FORMAT: {
    family: 'bundle',
    zh: '结构不符合证据包格式（缺少或多出字段、类型不对）。',
    en: 'The structure is not the bundle format (missing or extra members, wrong types).',
  },
  BUNDLE_NOT_CANONICAL: {
    family: 'bundle',
    zh: '文件不是规范 JSON 形式：文件字节被改动过。',
    en: 'The file is not in canonical JSON form: its bytes were changed.',
  },
  BUNDLE_BASE64: {
    family: 'bundle',
    zh: '某个 Base64 值不是规范编码：文件被改动过。',
    en: 'A base64 value is not canonically encoded: the file was changed.',
  },
  LEDGER_KEY_NOT_PINNED: {
    family: 'ledgerKey',
    zh: '未固定账本公钥：结论基于证据包自带的公钥。请填入公司公布的账本公钥再验证。',
    en: "Ledger keys not pinned: the verdict rests on the bundle's own keys. Enter the ledger key your company publishes and verify again.",
  },
  SEAL_UNKNOWN_KEY: {
    family: 'seal',
    zh: '封印所用的密钥不是（受信任的）账本公钥。',
    en: 'The seal was made with a key that is not a (trusted) ledger key.',
  },
  SEAL_SIGNATURE: {
    family: 'seal',
    zh: '账本封印与证据包内容不符：内容被改动过。',
    en: "The ledger seal does not match the bundle's content: it was changed.",
  },
  CHECKPOINT_FORMAT: {
    family: 'checkpoint',
    zh: '检查点不是有效的签名日志检查点。',
    en: 'The checkpoint is not a valid signed log checkpoint.',
  },
  CHECKPOINT_SIGNATURE: {
    family: 'checkpoint',
    zh: '检查点的签名无效或不是账本密钥签署的。',
    en: 'The checkpoint signature is invalid or not by a ledger key.',
  },
  CHECKPOINT_SIZE: {
    family: 'checkpoint',
    zh: '检查点签署的日志大小与证据包所述不符。',
    en: 'The signed checkpoint states another log size than the bundle.',
  },
  CHECKPOINT_ROOT: {
    family: 'checkpoint',
    zh: '检查点签署的根哈希与证据包所述不符。',
    en: 'The signed checkpoint states another root hash than the bundle.',
  },
  EVENT_BODY_NOT_JSON: { family: 'event', zh: '事件内容不是 JSON。', en: 'The event body is not JSON.' },
  EVENT_BODY_VERSION: { family: 'event', zh: '事件内容的格式版本未知。', en: 'The event body has an unknown format version.' },
  EVENT_ENVELOPE_MISMATCH: {
    family: 'event',
    zh: '事件外层信息（流、序号、类型、密钥）与签名内容不符。',
    en: 'The event envelope (stream, revision, type, key) differs from the signed body.',
  },
  EVENT_UNKNOWN_KEY: {
    family: 'event',
    zh: '事件由未知的（或不受信任的）账本密钥签署。',
    en: 'The event is signed by an unknown (or untrusted) ledger key.',
  },
  EVENT_BAD_SIGNATURE: {
    family: 'event',
    zh: '事件的账本签名无效：事件被改动过。',
    en: "The event's ledger signature does not verify: the event was changed.",
  },
  EVENT_CHAIN_REVISION: {
    family: 'event',
    zh: '事件序号不连续：有事件缺失或重复。',
    en: 'The revisions are not consecutive: an event is missing or repeated.',
  },
  EVENT_CHAIN_PREV: {
    family: 'event',
    zh: '事件没有接上前一事件的哈希：链条断裂。',
    en: "The event does not continue the previous event's hash: the chain is broken.",
  },
  EVENT_DATA: {
    family: 'event',
    zh: '事件数据无法解读或无法重放成面谈记录。',
    en: 'The event data cannot be interpreted or replayed into the record.',
  },
  LEAF_INDEX: {
    family: 'proof',
    zh: '事件在日志中的位置无效（顺序错误或超出检查点）。',
    en: "The event's position in the log is invalid (out of order or beyond the checkpoint).",
  },
  INCLUSION_PROOF: {
    family: 'proof',
    zh: '包含证明不成立：该事件不在已签署的日志中。',
    en: 'The inclusion proof fails: the event is not in the signed log.',
  },
  INTERVIEW_MISSING: {
    family: 'interview',
    zh: '证据包声明的面谈没有对应的事件，或事件没有对应的声明。',
    en: 'A claimed interview has no events, or events have no claim.',
  },
  INTERVIEW_VERSION: {
    family: 'interview',
    zh: '声明的版本与事件重放得到的版本不符。',
    en: 'The claimed version differs from the one the events give.',
  },
  INTERVIEW_STATUS: {
    family: 'interview',
    zh: '声明的状态与事件重放得到的状态不符。',
    en: 'The claimed status differs from the one the events give.',
  },
  INTERVIEW_DIGEST: {
    family: 'interview',
    zh: '声明的内容摘要与事件重放得到的内容不符。',
    en: 'The claimed content digest differs from the content the events give.',
  },
  SUBJECT_MISMATCH: {
    family: 'subject',
    zh: '导出范围与所含面谈不符（多出、缺少、重复或不符合筛选条件）。',
    en: 'The subject and the interviews held disagree (extra, missing, repeated or not matching the filter).',
  },
  ACTOR_SIGNATURE: {
    family: 'actorSignature',
    zh: '当事人签名无法用其公钥验证。',
    en: "A party's signature does not verify with their key.",
  },
  ACTOR_SIGNATURE_KEY: {
    family: 'actorSignature',
    zh: '当事人签名所用的密钥未登记、无效或签名前已被吊销。',
    en: "A party's signing key is unregistered, invalid or was revoked before the signature.",
  },
  ACTOR_SIGNATURE_CONTENT: {
    family: 'actorSignature',
    zh: '当事人签名的内容与当时的记录内容不符。',
    en: 'A party signed content other than the record as it was.',
  },
  MANIFEST_MISMATCH: {
    family: 'manifest',
    zh: '清单与实际事件不符（事件数、末尾哈希或顺序）。',
    en: 'The manifest disagrees with the events (counts, head hashes or order).',
  },
  WITNESS_KEY_INVALID: {
    family: 'witness',
    zh: '填入的见证方公钥格式不对（应为 <名称>+<密钥ID>+<base64(0x04 || 公钥)>），或同一见证方填了两次。',
    en: 'A witness key given to the verifier is not a witness vkey (<name>+<key ID>+<base64(0x04 || key)>), or names one witness twice.',
  },
  WITNESS_COSIGNATURE: {
    family: 'witness',
    zh: '固定见证方的副署与该检查点不符：副署或检查点被改动过。',
    en: "A pinned witness's cosignature does not verify over this checkpoint: the cosignature or the checkpoint was changed.",
  },
  WITNESS_COSIGNATURE_MISSING: {
    family: 'witness',
    zh: '检查点缺少固定见证方的有效副署：见证方没有确认这一版本的日志，可能是被分叉或改写的历史。',
    en: 'The checkpoint lacks a valid cosignature by the pinned witnesses: they did not vouch for this log, which may be a forked or rewritten history.',
  },
  RENDERING_DIGEST: {
    family: 'rendering',
    zh: 'HTML 页面的哈希与证据包所述不符：页面被改动过。',
    en: 'The HTML page does not hash to the stated digest: it was changed.',
  },
  RENDERING_MISMATCH: {
    family: 'rendering',
    zh: '（警告）HTML 页面与本验证器根据已验证事件生成的页面不同；页面仅供阅读，结论以结构化数据为准。',
    en: '(Warning) The HTML differs from what this verifier renders from the verified events; the page is informative, the structured part decides.',
  },
};

const PREFIXES: ReadonlyArray<readonly [string, FailureFamily]> = [
  ['BUNDLE_', 'bundle'],
  ['LEDGER_KEY', 'ledgerKey'],
  ['SEAL_', 'seal'],
  ['CHECKPOINT_', 'checkpoint'],
  ['WITNESS_', 'witness'],
  ['EVENT_', 'event'],
  ['LEAF_', 'proof'],
  ['INCLUSION_', 'proof'],
  ['INTERVIEW_', 'interview'],
  ['SUBJECT_', 'subject'],
  ['ACTOR_SIGNATURE', 'actorSignature'],
  ['MANIFEST_', 'manifest'],
  ['RENDERING_', 'rendering'],
];

export interface FailureDescription {
  readonly family: FailureFamily | null;
  readonly familyText: string | null;
  readonly text: string;
  readonly known: boolean;
}

export function describeFailure(code: string, locale: Locale): FailureDescription {
  const lang = locale === 'en' ? 'en' : 'zh';
  const entry = FAILURE_CODES[code];
  const family = entry?.family ?? PREFIXES.find(([prefix]) => code.startsWith(prefix))?.[1] ?? null;
  return {
    family,
    familyText: family ? FAILURE_FAMILIES[family][lang] : null,
    text: entry ? entry[lang] : lang === 'zh' ? `未知的验证代码 ${code}。` : `Unknown verification code ${code}.`,
    known: entry !== undefined,
  };
}
