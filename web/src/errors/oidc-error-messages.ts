/**
 * What goes wrong when signing in with the company's OpenID Connect provider, in both
 * languages: the provider's own error codes (RFC 6749 §4.1.2.1 at the authorization endpoint,
 * §5.2 at the token endpoint; OpenID Connect Core §3.1.2.6) and the console's checks of the
 * answer (state, nonce, the ID token, which token the API takes). Unknown codes still say what
 * to do; nothing is dropped silently.
 */
import type { Locale } from '../i18n';

/** [中文说明, 中文处理办法, English message, English action] */
type Entry = readonly [zhMessage: string, zhAction: string, enMessage: string, enAction: string];

const AGAIN_ZH = '请点击“通过公司单点登录”重新登录。';
const AGAIN_EN = 'Sign in again with the company sign-in.';
const ADMIN_ZH = '请联系系统管理员检查本系统在公司登录服务中的登记（客户端编号、回调地址、授权范围）。';
const ADMIN_EN = 'Ask the administrator to check how the console is registered at the provider (client id, redirect URI, scopes).';
const LATER_ZH = '请稍后重试；如果一直出现，请联系系统管理员。';
const LATER_EN = 'Try again shortly; if it keeps happening, tell the administrator.';
const PROMPT: Entry = [
  '公司登录服务要求您先在其页面上登录或确认',
  AGAIN_ZH,
  'The company sign-in wants you to sign in or confirm on its page',
  AGAIN_EN,
];

export const SIGN_IN_ERROR_MESSAGES = {
  // From the provider, at its authorization endpoint (the redirect back names them).
  access_denied: [
    '您在公司登录服务中拒绝了授权，或您的账号无权使用本系统',
    '如需使用，请重新登录并同意授权；如果您没有权限，请联系人力资源部或系统管理员。',
    'You declined, or your account may not use this application',
    'Sign in again and allow it; if you have no access, ask HR or the administrator.',
  ],
  login_required: PROMPT,
  interaction_required: PROMPT,
  consent_required: PROMPT,
  account_selection_required: PROMPT,
  invalid_request: ['公司登录服务认为登录请求无效', ADMIN_ZH, 'The provider found the sign-in request invalid', ADMIN_EN],
  unauthorized_client: ['本系统未获准以此方式登录', ADMIN_ZH, 'The console may not sign in this way', ADMIN_EN],
  unsupported_response_type: ['公司登录服务不支持授权码方式登录', ADMIN_ZH, 'The provider does not offer the code flow', ADMIN_EN],
  invalid_scope: ['请求的授权范围无效（OIDC_CONSOLE_SCOPES）', ADMIN_ZH, 'A scope asked for is not valid (OIDC_CONSOLE_SCOPES)', ADMIN_EN],
  server_error: ['公司登录服务出现内部错误', LATER_ZH, 'The company sign-in had an internal error', LATER_EN],
  temporarily_unavailable: ['公司登录服务暂时不可用', LATER_ZH, 'The company sign-in is unavailable for now', LATER_EN],
  // From the provider, at its token endpoint (the code exchange).
  invalid_grant: [
    '授权码无效、已使用或已过期，或 PKCE 校验未通过',
    AGAIN_ZH,
    'The code is invalid, used or expired, or the PKCE check failed',
    AGAIN_EN,
  ],
  invalid_client: [
    '公司登录服务不认识本系统的客户端编号（OIDC_CONSOLE_CLIENT_ID）',
    ADMIN_ZH,
    'The provider does not know the console’s client id',
    ADMIN_EN,
  ],
  unsupported_grant_type: ['公司登录服务不接受该授权方式', ADMIN_ZH, 'The provider does not accept this grant', ADMIN_EN],
  // The console's own checks.
  state_mismatch: [
    '登录回调与本浏览器发起的登录不一致（state 校验失败），已拒绝',
    '这可能是过期的或他人构造的登录链接，请不要使用。请从本系统的登录页重新登录。',
    'The sign-in answer does not belong to a sign-in started here (state check failed): refused',
    'The link may be stale or forged: do not use it. Sign in again from this console.',
  ],
  no_pending_sign_in: [
    '没有找到本浏览器标签页发起的登录',
    '登录需在同一个标签页中完成。请从登录页重新登录。',
    'No sign-in was started in this browser tab',
    'Sign-in must finish in the tab it began in. Start again from the sign-in page.',
  ],
  pending_expired: ['登录等待时间过长，已失效', AGAIN_ZH, 'The sign-in took too long and lapsed', AGAIN_EN],
  missing_code: ['公司登录服务的回调中没有授权码', AGAIN_ZH, 'The provider sent no code back', AGAIN_EN],
  issuer_mismatch: [
    '回调来自另一个登录服务（iss 不符），已拒绝',
    '请从本系统的登录页重新登录。',
    'The answer names another issuer (iss): refused',
    'Sign in again from this console.',
  ],
  id_token_invalid: [
    '公司登录服务返回的身份令牌未通过校验（签发者、受众、nonce 或有效期不符）',
    `${AGAIN_ZH}如果一直出现，请检查本机时间是否准确，或联系系统管理员。`,
    'The ID token did not pass the checks (issuer, audience, nonce or lifetime)',
    `${AGAIN_EN} If it keeps happening, check this computer's clock or tell the administrator.`,
  ],
  token_response_invalid: ['公司登录服务的应答无法识别', LATER_ZH, 'The provider’s answer could not be read', LATER_EN],
  token_not_for_api: [
    '公司登录服务签发的令牌不是给本系统接口使用的（受众 aud 不符）',
    '请系统管理员检查 OIDC_AUDIENCE 与 OIDC_CONSOLE_CLIENT_ID 的配置。',
    'The provider’s tokens are not for this API (their aud differs)',
    'Ask the administrator to check OIDC_AUDIENCE and OIDC_CONSOLE_CLIENT_ID.',
  ],
  provider_unreachable: [
    '暂时无法连接公司登录服务（服务器读取不到其配置）',
    LATER_ZH,
    'The company sign-in cannot be reached (the server cannot read its configuration)',
    LATER_EN,
  ],
  token_endpoint_unreachable: [
    '无法连接公司登录服务完成登录',
    `检查网络后${AGAIN_ZH}`,
    'Could not reach the company sign-in to finish signing in',
    `Check the network, then ${AGAIN_EN.toLowerCase()}`,
  ],
  refresh_failed: ['登录无法自动续期', '请在过期前重新登录。', 'The sign-in could not be renewed', 'Sign in again before it expires.'],
} as const satisfies Record<string, Entry>;

export type SignInErrorCode = keyof typeof SIGN_IN_ERROR_MESSAGES;

export const isSignInErrorCode = (code: unknown): code is SignInErrorCode =>
  typeof code === 'string' && Object.hasOwn(SIGN_IN_ERROR_MESSAGES, code);

/** A sign-in error in the person's language; a code the provider made up still says what to do. */
export function describeSignInError(code: string, locale: Locale): { message: string; action: string } {
  const en = locale === 'en';
  if (isSignInErrorCode(code)) {
    const [zhMessage, zhAction, enMessage, enAction] = SIGN_IN_ERROR_MESSAGES[code];
    return en ? { message: enMessage, action: enAction } : { message: zhMessage, action: zhAction };
  }
  return en
    ? {
        message: `The company sign-in answered with an error (${code})`,
        action: `${AGAIN_EN} If it keeps happening, tell the administrator.`,
      }
    : { message: `公司登录服务返回了错误（${code}）`, action: `${AGAIN_ZH}如果一直出现，请联系系统管理员。` };
}
