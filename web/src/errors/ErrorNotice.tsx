/**
 * The one way the console shows an error: what went wrong and what to do, in the person's
 * language, from the API's `extensions.code` (GraphQL) or `error(s).code` (the console routes),
 * or a network failure. Never silent: anything unrecognised still shows, with its code.
 */
import { Alert, Button, Typography } from 'antd';
import type { CombinedError } from 'urql';
import { ConsoleApiError } from '../api/console-api';
import { useI18n, type Translate } from '../i18n';
import type { Locale } from '../i18n';
import { describeCode, type ErrorDescription } from './error-messages';

export type AnyError = CombinedError | ConsoleApiError | Error;

const isCombined = (error: AnyError): error is CombinedError => 'graphQLErrors' in error && Array.isArray(error.graphQLErrors);

/** The errors in one answer, each described; a network failure is one entry without a code. */
export function describeError(error: AnyError, locale: Locale, t: Translate): ErrorDescription[] {
  const network = (detail?: string): ErrorDescription => ({
    code: null,
    message: t('error.network'),
    action: t('error.networkAction'),
    detail,
  });
  if (isCombined(error)) {
    if (error.networkError) {
      // A 4xx/5xx answer with GraphQL errors in it comes as graphQLErrors too; prefer those.
      if (error.graphQLErrors.length === 0) return [network(error.networkError.message)];
    }
    return error.graphQLErrors.map((e) => {
      const code = typeof e.extensions?.code === 'string' ? e.extensions.code : null;
      return { code, ...describeCode(code, locale), detail: e.message };
    });
  }
  if (error instanceof ConsoleApiError) {
    return error.network ? [network(error.message)] : [{ code: error.code, ...describeCode(error.code, locale), detail: error.message }];
  }
  return [network(error.message)];
}

export function ErrorNotice({ error, onRetry }: { error: AnyError | null | undefined; onRetry?: () => void }) {
  const { locale, t } = useI18n();
  if (!error) return null;
  const described = describeError(error, locale, t);
  return (
    <div data-testid="error-notice">
      {described.map((d, i) => (
        <Alert
          key={i}
          type="error"
          showIcon
          style={{ marginBottom: 12 }}
          message={d.message}
          description={
            <>
              <div>
                {t('error.whatToDo')}
                {d.action}
              </div>
              {(d.code || d.detail) && (
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {d.code ? `${t('error.code')}: ${d.code}` : ''}
                  {d.code && d.detail ? ' · ' : ''}
                  {d.detail}
                </Typography.Text>
              )}
            </>
          }
          action={
            onRetry ? (
              <Button size="small" onClick={onRetry}>
                {t('app.retry')}
              </Button>
            ) : undefined
          }
        />
      ))}
    </div>
  );
}
