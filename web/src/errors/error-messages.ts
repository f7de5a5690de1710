/**
 * What each API error code (`extensions.code`; src/domain/error-codes.ts) means to a person
 * using the console, and what they can do about it, in both languages. Typed by the server's
 * ErrorCode: a code added there and not here is a type error (and a test checks it too).
 */
import type { ErrorCode } from '../../../src/domain/error-codes';
import type { Locale } from '../i18n';

/** [中文说明, 中文处理办法, English message, English action] */
type Entry = readonly [zhMessage: string, zhAction: string, enMessage: string, enAction: string];

const RELOAD_ZH = '刷新页面，重新修改后再保存。';
const RELOAD_EN = 'Reload the page and make the change again.';
const FIX_ZH = '检查标出的输入，改正后再提交。';
const FIX_EN = 'Check the input named and correct it.';
const ADMIN_ZH = '如果一直出现，请联系系统管理员。';
const ADMIN_EN = 'If it keeps happening, contact the system administrator.';

export const ERROR_MESSAGES: Record<ErrorCode, Entry> = {
  UNAUTHENTICATED: ['登录已过期或令牌无效', '请重新登录。', 'Your sign-in has expired or the token is not valid', 'Sign in again.'],
  FORBIDDEN: [
    '您的角色或在该面谈中的身份不允许此操作',
    '如需权限，请联系人力资源部。',
    'Your role or part in the record does not allow this',
    'Ask HR if you need access.',
  ],
  NOT_FOUND: [
    '没有找到该记录，或您无权查看',
    '检查链接或编号是否正确。',
    'No such record, or one you may not see',
    'Check the link or id.',
  ],
  NOT_EMPLOYEES_MANAGER: [
    '该员工不在您的汇报线上',
    '只有其上级、人力资源或管理员可以安排面谈。',
    'The employee does not report to you',
    'Only their managers, HR or an admin schedule them.',
  ],
  NOT_MANAGER_OF_RECORD: [
    '经理只能以员工的直属上级身份安排面谈',
    '如需指定其他经理，请联系人力资源部。',
    'Managers schedule as the employee’s manager of record',
    'Ask HR to name another manager.',
  ],
  VERSION_CONFLICT: ['记录已被他人更新', RELOAD_ZH, 'The record was changed by someone else', RELOAD_EN],
  CONCURRENCY_CONFLICT: ['同一记录同时有另一项修改', '请稍后重试。', 'Another change was saved at the same moment', 'Try again.'],
  ILLEGAL_STATE: [
    '记录已存在，或此操作已完成',
    '刷新页面查看最新状态。',
    'It exists already, or was done already',
    'Reload to see the current state.',
  ],
  LOCKED: [
    '记录已签字锁定',
    '如需补充，请添加附注，或请人力资源部发起更正。',
    'The record is signed and locked',
    'Add an addendum, or ask HR to open a correction.',
  ],
  EXPORT_RATE_LIMITED: [
    '本分钟的证据导出次数已达上限',
    '请稍后再导出。',
    'Too many evidence exports this minute',
    'Export again in a little while.',
  ],
  INTERVIEW_EXISTS_IN_CYCLE: [
    '该员工本周期已有面谈',
    '第二次面谈需由人力资源或管理员安排并说明原因。',
    'The employee has an interview in this cycle already',
    'A second one needs HR or an admin and a reason.',
  ],
  NOT_LOCKED: [
    '记录尚未锁定，不能添加附注',
    '直接编辑记录即可。',
    'The record is not locked: addenda are for locked records',
    'Edit the record instead.',
  ],
  CORRECTION_OPEN: ['更正进行中', '请修改并重新签字，步骤不会前进。', 'A correction is open', 'Edit and sign again; steps do not move.'],
  CORRECTION_UNCHANGED: [
    '更正中尚无任何修改',
    '先修改内容，再签字。',
    'Nothing has changed in the correction yet',
    'Change something before signing.',
  ],
  TASK_CLOSED: [
    '改进任务已完成或已取消',
    '刷新页面查看最新状态。',
    'The improvement task is done or cancelled already',
    'Reload to see the current state.',
  ],
  ALERT_ALREADY_ACKNOWLEDGED: [
    '该预警已确认',
    '处理完毕后填写说明并关闭。',
    'The alert is acknowledged already',
    'Close it with a note once handled.',
  ],
  ALERT_ALREADY_CLOSED: ['该预警已关闭', '无需再添加说明。', 'The alert is closed', 'It takes no more notes.'],
  NOT_READY: ['日志尚未处理到该事件', '请稍后重试。', 'The log has not reached this event yet', 'Try again shortly.'],
  VALIDATION_FAILED: ['输入的格式或类型不正确', FIX_ZH, 'The input has the wrong shape or type', FIX_EN],
  REQUIRED: ['缺少必填内容', '填写标出的必填项。', 'A required input is missing', 'Fill in the field named.'],
  INVALID_ID: [
    '编号格式不正确',
    '编号为 1 到 64 个字母、数字或 _ . : -。',
    'The id is not valid',
    'Use 1..64 letters, digits, _, ., : or -.',
  ],
  INVALID_DATE: [
    '日期无效或缺少时区',
    '使用如 2026-07-01T09:30:00+08:00 的格式。',
    'Not a valid date (or no time zone)',
    'Use e.g. 2026-07-01T09:30:00+08:00.',
  ],
  INVALID_TIME: ['时间格式不正确', '使用 HH:mm，例如 09:00。', 'Not a valid time of day', 'Use HH:mm, e.g. 09:00.'],
  INVALID_TIME_ZONE: ['时区无效', '使用如 Asia/Shanghai 的时区名称。', 'Not a valid time zone', 'Use an IANA name such as Asia/Shanghai.'],
  INVALID_CYCLE: [
    '考核周期格式不正确',
    '使用如 2026、2026-H1、2026-Q3 或 2026-M07。',
    'Not a valid review cycle',
    'Use 2026, 2026-H1, 2026-Q3 or 2026-M07.',
  ],
  INVALID_CURSOR: ['分页位置无效', '刷新列表后重试。', 'The page cursor is not valid', 'Reload the list.'],
  INVALID_ROLE: ['角色无效', '选择该操作接受的角色。', 'Not a role this accepts', 'Choose one of the roles offered.'],
  INVALID_VALUE: ['取值不在允许范围内', '从列出的选项中选择。', 'Not one of the allowed values', 'Choose one of the values offered.'],
  INVALID_ENCODING: ['编码无效', '检查上传或粘贴的内容。', 'Not valid encoding', 'Check what was uploaded or pasted.'],
  INVALID_KEY_ID: [
    '签名密钥编号格式不正确',
    '格式为 ed25519:加 16 位十六进制数字。',
    'The key id is not valid',
    'It is ed25519: and 16 hex digits.',
  ],
  INVALID_URL: ['链接不是有效的 http(s) 地址或过长', '检查链接。', 'The link is not a valid http(s) URL', 'Check the link.'],
  INVALID_FILE_NAME: [
    '附件文件名缺失或不允许',
    '重命名文件后再上传。',
    'The attachment’s file name is missing or not allowed',
    'Rename the file and upload again.',
  ],
  INVALID_OFFSET: ['提醒时间偏移超出范围', FIX_ZH, 'A reminder offset is out of range', FIX_EN],
  INVALID_RECIPIENT: [
    '提醒对象无效',
    '从列出的对象中选择。',
    'Not a reminder recipient the policy knows',
    'Choose one of the recipients offered.',
  ],
  BIDI_CONTROL: [
    '文本中含有 Unicode 双向控制字符，会使显示内容与签字内容不一致',
    '删除这些不可见字符（通常来自复制粘贴）后再保存。',
    'The text holds Unicode bidirectional controls',
    'Remove the invisible characters (often from copy and paste).',
  ],
  VALUE_TOO_LARGE: ['内容超过长度或大小上限', '缩短内容后再保存。', 'A text, list or document is too large', 'Shorten it.'],
  VALUE_OUT_OF_RANGE: ['数值超出允许范围', FIX_ZH, 'A number is out of range', FIX_EN],
  DUPLICATE_KEY: ['编号或密钥重复，或已登记', '使用其他编号或密钥。', 'Given twice or registered already', 'Use another id or key.'],
  DUPLICATE_RULE: [
    '两条提醒规则的偏移和时间相同',
    '删除或修改其中一条。',
    'Two reminder rules have the same offset and time',
    'Remove or change one.',
  ],
  TOO_MANY_RULES: ['提醒规则过多', '删除部分规则。', 'Too many reminder rules', 'Remove some.'],
  TOO_MANY_KEYS: [
    '签名密钥数量已达上限',
    '先吊销不再使用的密钥。',
    'You have as many signing keys as allowed',
    'Revoke one you no longer use.',
  ],
  UNKNOWN_FIELD: ['提醒策略中没有该设置', FIX_ZH, 'The reminder policy has no such setting', FIX_EN],
  UNKNOWN_TEMPLATE: ['没有该模板或模板版本', '选择已发布的模板。', 'No such template or version', 'Choose a published template.'],
  UNKNOWN_FLOW: ['没有该流程或流程版本', '选择已发布的流程。', 'No such flow or version', 'Choose a published flow.'],
  TEMPLATE_RETIRED: ['该模板已停用', '选择其他模板。', 'The template is retired', 'Choose another template.'],
  TEMPLATE_CORE_FIELD_MISSING: [
    '模板缺少每条记录必需的字段',
    '在模板中补上该字段。',
    'The template leaves out a field every record must have',
    'Add the field to the template.',
  ],
  FLOW_TEMPLATE_MISMATCH: [
    '流程与模板不匹配',
    '调整流程步骤或模板章节。',
    'The flow cannot run this template',
    'Adjust the flow’s steps or the template’s sections.',
  ],
  FLOW_WITHOUT_SIGNING: ['流程没有签字步骤', '添加签字步骤。', 'The flow has no signing step', 'Add a signing step.'],
  UNKNOWN_STEP: ['流程中没有该步骤', '刷新页面查看当前步骤。', 'The flow has no such step', 'Reload to see the current step.'],
  SECTION_NOT_IN_TEMPLATE: ['模板中没有该章节', '刷新页面后重试。', 'The template has no such section', 'Reload and try again.'],
  FIELD_NOT_IN_TEMPLATE: ['章节中没有该字段', '刷新页面后重试。', 'The section has no such field', 'Reload and try again.'],
  FIELD_NOT_EDITABLE: ['该字段由系统或排期时确定，不能修改', '无需填写该字段。', 'The field is fixed', 'It cannot be edited.'],
  FIELD_NOT_FILLABLE: ['该字段由另一方填写', '请对方填写。', 'The other party fills this field', 'Leave it to them.'],
  UNKNOWN_REFERENCE: ['关联的条目不存在', '选择已有的目标或问题。', 'A linked item does not exist', 'Link an existing goal or problem.'],
  OWNER_NOT_PARTICIPANT: [
    '改进计划的负责人未参加本次面谈',
    '选择参加面谈的人作为负责人。',
    'The plan item’s owner does not take part in the interview',
    'Choose a participant as owner.',
  ],
  DEADLINE_IN_PAST: ['截止日期早于今天', '选择今天或之后的日期。', 'The deadline is in the past', 'Choose today or a later date.'],
  VAGUE_HIGHLIGHT: [
    '亮点缺少具体案例或数据',
    '补充具体事例和数字，例如“换模时间由 45 分钟降到 30 分钟”。',
    'A highlight has no concrete case or figure',
    'Add a concrete case and a figure.',
  ],
  SMART_INCOMPLETE: [
    '改进计划不符合 SMART 要求',
    '补齐具体行动、衡量指标与目标值、负责人、关联项和截止日期。',
    'A plan item misses SMART criteria',
    'Add the action, metric and target, owner, link and deadline.',
  ],
  REQUIRED_FIELD_MISSING: ['提交时有必填字段为空', '填写标出的字段后再提交。', 'A required field is empty', 'Fill it in, then submit.'],
  REQUIRED_SECTION_EMPTY: ['提交时有必填章节为空', '填写该章节后再提交。', 'A required section is empty', 'Fill it in, then submit.'],
  STEP_ROLE_FORBIDDEN: [
    '当前步骤不由您的角色办理',
    '等待当前步骤的办理人完成。',
    'Your role does not act at the current step',
    'Wait for whoever acts now.',
  ],
  SECTION_NOT_EDITABLE_AT_STEP: [
    '当前步骤不能编辑该章节',
    '在对应步骤再编辑。',
    'This step does not write that section',
    'Edit it at its step.',
  ],
  WRONG_STEP: ['记录已不在该步骤', '刷新页面查看当前步骤。', 'The record is not at that step', 'Reload to see the current step.'],
  SIGNING_STEP: ['签字步骤由签字完成，不能直接提交', '请双方签字。', 'The signing step completes by signatures', 'Have both parties sign.'],
  NOT_SIGNING_STEP: ['尚未到签字步骤', '完成前面的步骤后再签字。', 'Signatures come at the last step', 'Complete the earlier steps first.'],
  NOT_AN_EARLIER_STEP: [
    '只能退回到之前的步骤',
    '选择之前的步骤。',
    'A record goes back to an earlier step only',
    'Choose an earlier step.',
  ],
  SUPPORT_NEED_UNEVALUATED: [
    '还有支持需求未经经理评估',
    '请经理先评估每项支持需求。',
    'A support need is not evaluated yet',
    'Have the manager evaluate each one.',
  ],
  NEED_NOT_APPROVED: [
    '只有已批准（或部分批准）的支持需求可以落实',
    '先批准该需求。',
    'Only approved needs are fulfilled',
    'Approve the need first.',
  ],
  STALE_VERSION: [
    '签字针对的是旧版本',
    '刷新页面，对最新版本重新签字。',
    'The signature is for an older version',
    'Reload and sign the current version.',
  ],
  NOT_A_PARTY: ['签字人不是该角色对应的一方', '由对应的一方签字。', 'The signer is not the party the role names', 'Have that party sign.'],
  UNKNOWN_KEY: ['没有该签名密钥', '先登记签名密钥。', 'No such signing key', 'Register your signing key first.'],
  KEY_REVOKED: ['签名密钥已吊销', '使用有效的密钥签字。', 'The signing key is revoked', 'Sign with a valid key.'],
  ALREADY_REVOKED: ['签名密钥已经吊销过', '无需再次吊销。', 'The key was revoked already', 'Nothing to do.'],
  BAD_SIGNATURE: [
    '签名验证失败',
    '确认使用的是登记的密钥，并对最新内容重新签字。',
    'The signature does not verify',
    'Check the key and sign the current content again.',
  ],
  ALREADY_SIGNED: ['您已对该版本签字', '无需再次签字。', 'You have signed this version already', 'Nothing to do.'],
  UNKNOWN_WITNESS: [
    '该见证方未被本账本接受',
    '请账本管理员将见证方的公钥加入 WITNESS_KEYS 并重启服务后再提交。',
    'The log does not accept this witness',
    "Ask the ledger's administrator to add the witness key to WITNESS_KEYS and restart, then submit again.",
  ],
  ATTACHMENT_TOO_LARGE: ['附件超过大小上限', '压缩或拆分文件后再上传。', 'The file is too large', 'Compress or split it.'],
  ATTACHMENT_EMPTY: ['附件是空文件', '选择有内容的文件。', 'The file is empty', 'Choose a file with content.'],
  ATTACHMENT_TYPE_FORBIDDEN: [
    '不允许上传该类型的文件',
    '转换为 PDF 或图片后再上传。',
    'This file type is not allowed',
    'Convert it to PDF or an image.',
  ],
  ATTACHMENT_TYPE_MISMATCH: [
    '文件内容与声明的类型不符',
    '检查文件扩展名与实际格式。',
    'The file is not of the declared type',
    'Check its extension and format.',
  ],
  ATTACHMENT_UNKNOWN: [
    '引用的附件未上传到本次面谈',
    '先上传附件。',
    'The attachment was not uploaded to this interview',
    'Upload it first.',
  ],
  UPLOAD_QUOTA_EXCEEDED: [
    '今日上传数量或容量已达上限',
    '明天再上传，或联系人力资源部。',
    'Today’s upload quota is used up',
    'Upload tomorrow, or ask HR.',
  ],
  ANALYTICS_WORD_INVALID: ['监测词无效（空白、仅标点或超过 32 字）', FIX_ZH, 'A monitored word is not valid', FIX_EN],
  ANALYTICS_WORD_DUPLICATE: [
    '词语或主题重复（繁简视为同一词）',
    '删除重复项。',
    'A word or theme is listed twice',
    'Remove the duplicate.',
  ],
  ANALYTICS_WORD_LIST_TOO_LARGE: [
    '词表或主题表超过上限',
    '减少词语或主题。',
    'A word list or theme table is too large',
    'Remove some words or themes.',
  ],
  PAYLOAD_TOO_LARGE: ['请求内容过大', '附件请通过附件上传。', 'The request is too large', 'Send files as attachments.'],
  BAD_REQUEST: ['请求格式不正确', `刷新页面后重试。${ADMIN_ZH}`, 'The request is malformed', `Reload and retry. ${ADMIN_EN}`],
  METHOD_NOT_ALLOWED: ['请求方式不被接受', ADMIN_ZH, 'The HTTP method is not allowed here', ADMIN_EN],
  GRAPHQL_PARSE_FAILED: ['查询语法错误', `请刷新页面。${ADMIN_ZH}`, 'The query is not valid GraphQL', `Reload. ${ADMIN_EN}`],
  GRAPHQL_VALIDATION_FAILED: [
    '查询与服务器接口不符（控制台可能需要更新）',
    `刷新页面加载最新版本。${ADMIN_ZH}`,
    'The query does not fit the schema (the console may be out of date)',
    `Reload to get the current console. ${ADMIN_EN}`,
  ],
  BAD_USER_INPUT: ['参数类型不正确', FIX_ZH, 'An argument does not fit its type', FIX_EN],
  OPERATION_RESOLUTION_FAILURE: ['请求的操作不存在', ADMIN_ZH, 'The operation named does not exist', ADMIN_EN],
  QUERY_TOO_COMPLEX: [
    '查询超过服务器限制',
    '缩小范围（如减少每页条数）后重试。',
    'The query is over a server limit',
    'Ask for less (e.g. fewer items a page).',
  ],
  TOO_MANY_SUBSCRIPTIONS: ['实时更新连接过多', '关闭其他标签页后刷新。', 'Too many live updates open', 'Close other tabs and reload.'],
  PERSISTED_QUERY_NOT_FOUND: ['服务器不认识该查询', '刷新页面后重试。', 'The server does not know this query', 'Reload and retry.'],
  INTERNAL_SERVER_ERROR: ['服务器内部错误', `请稍后重试。${ADMIN_ZH}`, 'An unexpected server fault', `Try again later. ${ADMIN_EN}`],
};

export interface ErrorDescription {
  readonly code: string | null;
  readonly message: string;
  readonly action: string;
  /** The server's own message, for the details line. */
  readonly detail?: string;
}

export const isKnownCode = (code: unknown): code is ErrorCode => typeof code === 'string' && Object.hasOwn(ERROR_MESSAGES, code);

/** One error code in the person's language; an unknown code still says what to do. */
export function describeCode(code: string | null | undefined, locale: Locale): Pick<ErrorDescription, 'message' | 'action'> {
  const en = locale === 'en';
  if (isKnownCode(code)) {
    const [zhMessage, zhAction, enMessage, enAction] = ERROR_MESSAGES[code];
    return en ? { message: enMessage, action: enAction } : { message: zhMessage, action: zhAction };
  }
  return en
    ? { message: `The server answered with an unknown error (${code ?? '?'})`, action: `Retry. ${ADMIN_EN}` }
    : { message: `服务器返回了未知错误（${code ?? '?'}）`, action: `请重试。${ADMIN_ZH}` };
}
