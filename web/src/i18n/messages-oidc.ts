/** Signing in with the company's OpenID Connect provider, a session's end and its expiry. */
export const zhCNOidc = {
  'oidc.title': '使用公司账号登录',
  'oidc.hint': '将跳转到公司登录服务（{issuer}）完成登录，然后自动返回本系统。',
  'oidc.button': '通过公司单点登录',
  'oidc.redirecting': '正在跳转到公司登录服务…',
  'oidc.completing': '正在完成登录…',
  'oidc.failed': '登录失败',
  'oidc.signInAgain': '重新登录',
  'oidc.ended.expired': '登录已过期，请重新登录。',
  'oidc.ended.unauthenticated': '服务器不再接受当前的登录（令牌已过期或无效），请重新登录。',
  'oidc.ended.signedOut': '您已退出本系统。',
  'oidc.ended.providerSession': '公司登录服务中您可能仍处于登录状态；在共用电脑上，请同时退出公司账号。',
  'oidc.providerLogout': '同时退出公司账号',
  'oidc.expiring': '您的登录将于 {time} 过期，过期后需要重新登录。请先保存正在编辑的内容。',
  'oidc.refreshFailed': '登录无法自动续期：将于 {time} 过期。请先保存正在编辑的内容，再重新登录。',
} as const;

export const enOidc: Record<keyof typeof zhCNOidc, string> = {
  'oidc.title': 'Sign in with your company account',
  'oidc.hint': 'You go to the company sign-in ({issuer}) and come back here once signed in.',
  'oidc.button': 'Company sign-in',
  'oidc.redirecting': 'Going to the company sign-in…',
  'oidc.completing': 'Finishing signing in…',
  'oidc.failed': 'Sign-in failed',
  'oidc.signInAgain': 'Sign in again',
  'oidc.ended.expired': 'Your sign-in has expired: sign in again.',
  'oidc.ended.unauthenticated': 'The server no longer accepts your sign-in (the token expired or is not valid): sign in again.',
  'oidc.ended.signedOut': 'You have signed out of this application.',
  'oidc.ended.providerSession': 'You may still be signed in at the company sign-in; on a shared computer, sign out there too.',
  'oidc.providerLogout': 'Also sign out of the company account',
  'oidc.expiring': 'Your sign-in expires at {time}; then you must sign in again. Save what you are editing first.',
  'oidc.refreshFailed': 'Your sign-in could not be renewed and expires at {time}. Save what you are editing, then sign in again.',
};
