import { describe, expect, it } from 'vitest';
import { translate } from '../i18n';
import { navigationFor } from './navigation';

const labels = (roles: string[]) => navigationFor(roles).flatMap((g) => g.items.map((i) => translate('zh-CN', i.label)));

describe('the menu per role', () => {
  it('gives employees their to-dos, interviews and dashboards', () => {
    expect(labels(['employee'])).toEqual(['我的待办', '我的面谈', '我的签名密钥', '看板']);
  });
  it('adds the team pages for managers', () => {
    expect(labels(['employee', 'manager'])).toEqual(['我的待办', '我的面谈', '我的签名密钥', '团队面谈', '改进任务', '看板']);
  });
  it('gives HR the company pages', () => {
    expect(labels(['employee', 'hr'])).toEqual([
      '我的待办',
      '我的面谈',
      '我的签名密钥',
      '完成情况',
      '模板与流程',
      '支持需求',
      '提醒策略',
      '更正',
      '证据导出',
      '看板',
    ]);
  });
  it('gives auditors the audit pages', () => {
    expect(labels(['auditor'])).toEqual(['我的待办', '我的签名密钥', '审计', '证据导出', '离线验证', '看板']);
  });
  it('gives admins everything', () => {
    expect(labels(['admin'])).toHaveLength(14);
  });
});
