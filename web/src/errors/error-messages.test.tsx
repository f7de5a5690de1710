import { render, screen } from '@testing-library/react';
import { CombinedError } from 'urql';
import { describe, expect, it } from 'vitest';
import { ERROR_CODE_LIST } from '../../../src/domain/error-codes';
import { ConsoleApiError } from '../api/console-api';
import { I18nProvider, type Locale } from '../i18n';
import { describeCode, ERROR_MESSAGES } from './error-messages';
import { ErrorNotice } from './ErrorNotice';

const CJK = /[\u4e00-\u9fff]/;

describe('error messages', () => {
  it('cover every code the API answers with, and no other', () => {
    expect(Object.keys(ERROR_MESSAGES).sort()).toEqual([...ERROR_CODE_LIST].sort());
  });

  it.each(ERROR_CODE_LIST)('say what %s means and what to do, in Chinese and English', (code) => {
    const zh = describeCode(code, 'zh-CN');
    const en = describeCode(code, 'en');
    expect(zh.message).toMatch(CJK);
    expect(zh.action).toMatch(CJK);
    expect(en.message).not.toMatch(CJK);
    expect(en.action).not.toMatch(CJK);
    for (const text of [zh.message, zh.action, en.message, en.action]) expect(text.trim().length).toBeGreaterThan(2);
  });

  it('still say something for a code they do not know', () => {
    expect(describeCode('SOMETHING_NEW', 'zh-CN').message).toContain('SOMETHING_NEW');
    expect(describeCode(undefined, 'en').action).toMatch(/administrator/);
  });
});

const renderIn = (locale: Locale, error: Parameters<typeof ErrorNotice>[0]['error']) =>
  render(
    <I18nProvider initial={locale}>
      <ErrorNotice error={error} />
    </I18nProvider>,
  );

describe('<ErrorNotice>', () => {
  it('shows a GraphQL error by its code, with what to do', () => {
    const error = new CombinedError({
      graphQLErrors: [{ message: 'expectedVersion is older', extensions: { code: 'VERSION_CONFLICT', field: 'expectedVersion' } }],
    });
    renderIn('zh-CN', error);
    expect(screen.getByText('记录已被他人更新')).toBeTruthy();
    expect(screen.getByTestId('error-notice').textContent).toContain('怎么办：刷新页面，重新修改后再保存。');
    expect(screen.getByTestId('error-notice').textContent).toContain('VERSION_CONFLICT');
  });

  it('speaks English when switched', () => {
    renderIn('en', new CombinedError({ graphQLErrors: [{ message: 'no', extensions: { code: 'LOCKED' } }] }));
    expect(screen.getByText('The record is signed and locked')).toBeTruthy();
  });

  it('shows a network failure, never nothing', () => {
    renderIn('zh-CN', new CombinedError({ networkError: new TypeError('Failed to fetch') }));
    expect(screen.getByText('无法连接服务器')).toBeTruthy();
    expect(screen.getByTestId('error-notice').textContent).toContain('Failed to fetch');
  });

  it('shows the console routes’ errors by their code', () => {
    renderIn('zh-CN', new ConsoleApiError('not one of the demo people', 'NOT_FOUND', false));
    expect(screen.getByText('没有找到该记录，或您无权查看')).toBeTruthy();
  });

  it('shows nothing without an error', () => {
    const { container } = renderIn('zh-CN', null);
    expect(container.textContent).toBe('');
  });
});
