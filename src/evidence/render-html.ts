/**
 * The human-readable side of an evidence bundle: the record as it stands and its full history,
 * with Chinese labels and the signature block (signer, time, IP). Informative
 * (docs/ledger-format.md §13.8): it shows only facts the sealed members and the verified events
 * prove, and the verdict never rests on it. Pure and deterministic, so our verifier can render
 * it again and warn when the page differs.
 */
import { recorded, replay } from '../domain/interview/replay';
import type { EventBody } from '../ledger/event-body';
import { queryFilter, type BundleInterviewClaim, type UnsealedBundle } from './bundle-format';
import { namesFromEvents, type ParsedEvent } from './bundle-semantics';

/**
 * The sealed members of a bundle the page is rendered from. The exporter passes what it is about
 * to seal, the verifier what it parsed from the file: the same values, so the same page, whatever
 * order their object members came in.
 */
export type RenderedMembers = Pick<UnsealedBundle, 'createdAt' | 'subject' | 'checkpoint' | 'ledgerKeys' | 'interviews'>;

const EVENT_LABELS: Record<string, string> = {
  InterviewScheduled: '安排面谈 Scheduled',
  InterviewBasicInfoUpdated: '修改基本信息 Basic information updated',
  InterviewSectionEdited: '编辑内容 Section edited',
  InterviewSigned: '电子签字 Signed',
  InterviewLocked: '确认锁定 Locked',
  InterviewAddendumAdded: '补充说明 Addendum',
  InterviewCorrectionOpened: '发起更正 Correction opened',
  InterviewStepAdvanced: '完成环节 Step completed',
  InterviewStepReturned: '退回环节 Sent back',
  InterviewAttachmentAdded: '上传附件 Attachment added',
  SupportNeedEvaluated: '评估支持需求 Support need evaluated',
  SupportNeedFulfilled: '落实支持需求 Support need fulfilled',
  ImprovementPlanAgreed: '生成改进任务 Improvement tasks agreed',
  ImprovementTaskProgressed: '任务进展 Task progress',
  ImprovementTaskCompleted: '任务完成 Task completed',
};

const STATUS_LABELS: Record<string, string> = {
  scheduled: '已安排 scheduled',
  in_progress: '填写中 in progress',
  awaiting_signatures: '待签字 awaiting signatures',
  locked: '已锁定 locked',
  correction: '更正中 correction',
};

const BASIC_LABELS: Array<[string, string]> = [
  ['employeeId', '员工 Employee'],
  ['managerId', '主管 Manager'],
  ['participantIds', '其他参与人 Other participants'],
  ['department', '部门 Department'],
  ['position', '职位 Position'],
  ['cycle', '考核周期 Cycle'],
  ['scheduledAt', '面谈时间 Time (UTC)'],
  ['location', '地点 Location'],
];

const ROLE_LABELS: Record<string, string> = { employee: '员工 Employee', manager: '主管 Manager', participant: '参与人 Participant' };

export function escapeHtml(value: unknown): string {
  return String(value).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

function person(id: unknown, names: ReadonlyMap<string, string>): string {
  const key = String(id);
  const name = names.get(key);
  return name ? `${escapeHtml(name)} (${escapeHtml(key)})` : escapeHtml(key);
}

/** Free-form section content as nested lists; keys sorted so output never depends on input order. */
function renderValue(value: unknown): string {
  if (value === null || value === undefined) return '<span class="empty">—</span>';
  if (Array.isArray(value)) {
    if (value.length === 0) return '<span class="empty">—</span>';
    return `<ol>${value.map((item) => `<li>${renderValue(item)}</li>`).join('')}</ol>`;
  }
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    if (entries.length === 0) return '<span class="empty">—</span>';
    return `<dl>${entries.map(([k, v]) => `<dt>${escapeHtml(k)}</dt><dd>${renderValue(v)}</dd>`).join('')}</dl>`;
  }
  return `<span class="text">${escapeHtml(value)}</span>`;
}

function renderInterview(claim: BundleInterviewClaim, events: readonly EventBody[], names: ReadonlyMap<string, string>): string {
  const state = replay(events.map((body) => recorded({ body })));
  const out: string[] = [`<section class="interview" id="${escapeHtml(claim.id)}">`, `<h2>面谈记录 Interview ${escapeHtml(claim.id)}</h2>`];
  if (state.status === 'none') {
    out.push('<p class="warning">此记录没有可用事件 No events for this record.</p></section>');
    return out.join('\n');
  }
  // The template version the record ran (its snapshot), not whatever the catalog holds today.
  const template = state.template;
  out.push(
    `<p>模板 Template: ${escapeHtml(`${template.name.zh} ${template.name.en}`)} · 版本 Version ${state.version} · 状态 Status: ${escapeHtml(STATUS_LABELS[state.status] ?? state.status)}</p>`,
    `<p class="digest">内容摘要 Content digest (SHA-256): <code>${escapeHtml(claim.contentDigest)}</code></p>`,
    '<h3>面谈基本信息 Basic information</h3>',
    '<table class="basic">',
  );
  const basic = state.basic as unknown as Record<string, unknown>;
  for (const [key, label] of BASIC_LABELS) {
    const value = basic[key];
    const shown =
      key === 'employeeId' || key === 'managerId'
        ? person(value, names)
        : key === 'participantIds'
          ? (value as string[]).map((id) => person(id, names)).join('、') || '—'
          : escapeHtml(value === '' ? '—' : value);
    out.push(`<tr><th>${label}</th><td>${shown}</td></tr>`);
  }
  out.push('</table>');
  for (const section of template.sections) {
    out.push(`<h3>${escapeHtml(section.label.zh)} ${escapeHtml(section.label.en)}</h3>`, renderValue(state.sections[section.key]));
  }

  const signed = events.filter((e) => e.type === 'InterviewSigned');
  out.push('<h3>电子签字确认 Electronic signatures</h3>');
  if (signed.length === 0) out.push('<p class="empty">尚无签字 No signatures yet.</p>');
  else {
    out.push(
      '<table class="signatures"><tr><th>签字人 Signer</th><th>角色 Role</th><th>版本 Version</th><th>时间 Time (UTC)</th><th>IP</th><th>设备 User agent</th><th>密钥 Key</th></tr>',
    );
    for (const e of signed) {
      const d = e.data as Record<string, unknown>;
      const observed = (d.observed ?? {}) as Record<string, unknown>;
      out.push(
        `<tr><td>${person(d.signerId, names)}</td><td>${escapeHtml(ROLE_LABELS[String(d.role)] ?? d.role)}</td><td>${escapeHtml(d.version)}</td><td>${escapeHtml(observed.receivedAt ?? e.meta.at)}</td><td>${escapeHtml(observed.ip ?? e.meta.ip)}</td><td>${escapeHtml(observed.userAgent ?? e.meta.userAgent ?? '—')}</td><td><code>${escapeHtml(d.kid)}</code></td></tr>`,
      );
    }
    out.push('</table>');
  }
  const addenda = events.filter((e) => e.type === 'InterviewAddendumAdded');
  if (addenda.length > 0) {
    out.push('<h3>补充说明 Addenda</h3><ol class="addenda">');
    for (const e of addenda)
      out.push(
        `<li>${person(e.meta.actor, names)} · ${escapeHtml(e.meta.at)}: ${escapeHtml((e.data as { text?: unknown }).text ?? '')}</li>`,
      );
    out.push('</ol>');
  }

  out.push(
    '<h3>完整历史 Full history</h3>',
    '<table class="history"><tr><th>#</th><th>事件 Event</th><th>操作人 By</th><th>时间 Time (UTC)</th><th>IP</th><th>说明 Detail</th></tr>',
  );
  for (const e of events) {
    const d = (e.data ?? {}) as Record<string, unknown>;
    const detail =
      e.type === 'InterviewSectionEdited'
        ? `${escapeHtml(template.sections.find((s) => s.key === d.section)?.label.zh ?? d.section)} → v${escapeHtml(d.version)}`
        : e.type === 'InterviewStepAdvanced' || e.type === 'InterviewStepReturned'
          ? `${escapeHtml(d.from)} → ${escapeHtml(d.to)}${typeof d.reason === 'string' ? `: ${escapeHtml(d.reason)}` : ''}`
          : e.type === 'InterviewAttachmentAdded'
            ? `${escapeHtml(d.name)} (${escapeHtml(d.mediaType)}, ${escapeHtml(d.size)} B, SHA-256 <code>${escapeHtml(d.sha256)}</code>)`
            : d.version !== undefined
              ? `v${escapeHtml(d.version)}`
              : typeof d.reason === 'string'
                ? escapeHtml(d.reason)
                : '';
    out.push(
      `<tr><td>${e.revision}</td><td>${escapeHtml(EVENT_LABELS[e.type] ?? e.type)}</td><td>${person(e.meta.actor, names)}</td><td>${escapeHtml(e.meta.at)}</td><td>${escapeHtml(e.meta.ip)}</td><td>${detail}</td></tr>`,
    );
  }
  out.push('</table>', '</section>');
  return out.join('\n');
}

/**
 * The page of a bundle: a function of its sealed members and of its verified events (the events
 * of each claimed interview's stream, and the names on the person streams), in bundle order.
 */
export function renderEvidenceHtml(bundle: RenderedMembers, verified: readonly ParsedEvent[]): string {
  const subject =
    bundle.subject.kind === 'interview'
      ? `面谈 Interview ${escapeHtml(bundle.subject.interviewId)}`
      : queryFilter(bundle.subject)
          .map(([k, v]) => `${escapeHtml(k)}=${escapeHtml(v)}`)
          .join(', ');
  const names = namesFromEvents(verified);
  const eventsOf = (stream: string) => verified.filter((p) => p.event.stream === stream).map((p) => p.body);
  return [
    '<!doctype html>',
    '<html lang="zh-CN"><head><meta charset="utf-8"><title>绩效面谈证据包 Evidence bundle</title>',
    '<style>body{font-family:"PingFang SC","Microsoft YaHei",sans-serif;margin:2em;color:#222}table{border-collapse:collapse;margin:.5em 0}th,td{border:1px solid #bbb;padding:.3em .6em;text-align:left;vertical-align:top}th{background:#f3f3f3}code{font-size:.85em;word-break:break-all}.empty{color:#888}.warning{color:#b00}dl{margin:0}dt{font-weight:bold}dd{margin:0 0 .3em 1em}</style>',
    '</head><body>',
    '<h1>绩效面谈证据包 Performance interview evidence</h1>',
    `<p>范围 Subject: ${subject} · 生成时间 Created (UTC): ${escapeHtml(bundle.createdAt)}</p>`,
    `<p>日志检查点 Log checkpoint: ${bundle.checkpoint.size} 条事件 events, 根哈希 root <code>${escapeHtml(bundle.checkpoint.rootHash)}</code> · 账本密钥 Ledger keys: ${bundle.ledgerKeys.map((k) => `<code>${escapeHtml(k.kid)}</code>`).join(' ')}</p>`,
    "<p>本页仅供阅读：所示内容均由证据包中经验证的事件与声明证明，以校验结果为准。This page is informative: everything it shows is proven by the verified events and claims of the bundle; the verifier's verdict rests on those, not on this page.</p>",
    ...bundle.interviews.map((claim) => renderInterview(claim, eventsOf(claim.stream), names)),
    '</body></html>',
    '',
  ].join('\n');
}
