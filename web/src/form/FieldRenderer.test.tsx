import { fireEvent, render, screen, within } from '@testing-library/react';
import { useState } from 'react';
import { describe, expect, it } from 'vitest';
import {
  ATTACHMENT_MEDIA_TYPES as SERVER_TYPES,
  DEFAULT_ATTACHMENT_MAX_BYTES as SERVER_MAX,
} from '../../../src/attachments/attachment-policy';
import { BUILTIN_TEMPLATE_VERSIONS } from '../../../src/domain/interview/template';
import { FIELD_TYPES } from '../../../src/domain/interview/template';
import { I18nProvider } from '../i18n';
import { translate } from '../i18n';
import { attachmentProblem, ATTACHMENT_MEDIA_TYPES, DEFAULT_ATTACHMENT_MAX_BYTES } from './attachment-limits';
import { FieldContext, FieldRenderer, type FieldContextValue, type FieldSpecLike } from './FieldRenderer';
import { qualityFindings } from './quality';
import { describeFinding } from './record-logic';

const field = (type: string, extra: Partial<FieldSpecLike> = {}): FieldSpecLike => ({
  key: `k_${type}`,
  label: `字段${type}`,
  labelEn: `Field ${type}`,
  type,
  required: false,
  fillers: ['employee'],
  ...extra,
});

const ctx = (over: Partial<FieldContextValue> = {}): FieldContextValue => ({
  role: 'employee',
  sectionEditable: true,
  parties: [
    { id: 'E1001', name: '王建国' },
    { id: 'M102', name: '孙建华' },
  ],
  sections: { problems: { items: [{ id: 'P1', problem: '来料不及时' }] }, goalReview: { items: [{ id: 'G1', goal: '产量' }] } },
  attachments: [{ sha256: 'a'.repeat(64), name: '来料记录.csv', url: '/attachments/x/a' }],
  dimensions: [{ key: 'output', label: '产出', labelEn: 'Output' }],
  issues: {},
  ...over,
});

function Harness({ spec, initial, context }: { spec: FieldSpecLike; initial: unknown; context: FieldContextValue }) {
  const [value, setValue] = useState<unknown>(initial);
  return (
    <I18nProvider initial="zh-CN">
      <FieldContext.Provider value={context}>
        <FieldRenderer field={spec} value={value} onChange={setValue} path={`s.${spec.key}`} />
        <output data-testid="value">{JSON.stringify(value ?? null)}</output>
      </FieldContext.Provider>
    </I18nProvider>
  );
}

const valueNow = () => JSON.parse(screen.getByTestId('value').textContent!) as unknown;

describe('<FieldRenderer> over every field type', () => {
  it('the templates use no field type the renderer does not know', () => {
    const used = new Set<string>();
    const walk = (fields: readonly { type: string; items?: readonly { type: string }[] }[]) =>
      fields.forEach((f) => {
        used.add(f.type);
        if (f.items) walk(f.items);
      });
    for (const tpl of [...BUILTIN_TEMPLATE_VERSIONS.values()].flat()) for (const s of tpl.sections) walk(s.fields);
    const covered = ['text', 'longText', 'number', 'percent', 'date', 'person', 'choice', 'ref', 'attachments', 'list', 'system'];
    expect([...FIELD_TYPES].sort()).toEqual([...covered].sort());
    for (const type of used) expect(covered).toContain(type);
  });

  it('text and longText: render, edit, read-only', () => {
    for (const type of ['text', 'longText']) {
      const { unmount } = render(<Harness spec={field(type)} initial="原值" context={ctx()} />);
      const box = screen.getByLabelText(new RegExp(`字段${type}`)) as HTMLInputElement;
      expect(box.value).toBe('原值');
      fireEvent.change(box, { target: { value: '新值' } });
      expect(valueNow()).toBe('新值');
      unmount();
      const ro = render(<Harness spec={field(type, { fillers: ['manager'] })} initial="原值" context={ctx()} />);
      expect(screen.getByTestId(`field-s.k_${type}`).dataset.editable).toBe('false');
      expect(screen.getByText('原值')).toBeTruthy();
      expect(screen.getByText('由经理填写')).toBeTruthy();
      ro.unmount();
    }
  });

  it('number and percent: render, edit, read-only', () => {
    const { unmount } = render(<Harness spec={field('percent', { min: 0, max: 500 })} initial={90} context={ctx()} />);
    const box = screen.getByLabelText(/字段percent/) as HTMLInputElement;
    expect(box.value).toBe('90');
    fireEvent.change(box, { target: { value: '103' } });
    expect(valueNow()).toBe(103);
    expect(screen.getByText('%')).toBeTruthy();
    unmount();
    const n = render(<Harness spec={field('number')} initial={5} context={ctx()} />);
    fireEvent.change(screen.getByLabelText(/字段number/), { target: { value: '7' } });
    expect(valueNow()).toBe(7);
    n.unmount();
    render(<Harness spec={field('percent')} initial={103} context={ctx({ sectionEditable: false })} />);
    expect(screen.getByText('103%')).toBeTruthy();
  });

  it('date: render, edit, read-only', () => {
    const { unmount } = render(<Harness spec={field('date')} initial="2026-12-31" context={ctx()} />);
    const box = screen.getByLabelText(/字段date/) as HTMLInputElement;
    expect(box.type).toBe('date');
    fireEvent.change(box, { target: { value: '2027-01-15' } });
    expect(valueNow()).toBe('2027-01-15');
    unmount();
    render(<Harness spec={field('date')} initial="2026-12-31" context={ctx({ role: 'manager' })} />);
    expect(screen.getByText('2026-12-31')).toBeTruthy();
  });

  it('person, choice and ref: options from the record, read-only shows names', async () => {
    const p = render(<Harness spec={field('person')} initial="M102" context={ctx()} />);
    expect(screen.getByText('孙建华 (M102)')).toBeTruthy();
    fireEvent.mouseDown(screen.getByLabelText(/字段person/));
    fireEvent.click(await screen.findByText('王建国 (E1001)'));
    expect(valueNow()).toBe('E1001');
    p.unmount();

    const c = render(
      <Harness spec={field('choice', { key: 'type', options: ['resource', 'training'] })} initial={undefined} context={ctx()} />,
    );
    fireEvent.mouseDown(screen.getByLabelText(/字段choice/));
    fireEvent.click(await screen.findByText('培训'));
    expect(valueNow()).toBe('training');
    c.unmount();

    const d = render(
      <Harness
        spec={field('choice', { key: 'dimension', options: ['output'] })}
        initial="output"
        context={ctx({ sectionEditable: false })}
      />,
    );
    expect(screen.getByText('产出')).toBeTruthy();
    d.unmount();

    const r = render(
      <Harness spec={field('ref', { refTo: ['goalReview.items', 'problems.items'] })} initial={undefined} context={ctx()} />,
    );
    fireEvent.mouseDown(screen.getByLabelText(/字段ref/));
    fireEvent.click(await screen.findByText('P1 · 来料不及时'));
    expect(valueNow()).toBe('P1');
    r.unmount();
    render(<Harness spec={field('ref', { refTo: ['goalReview.items'] })} initial="G1" context={ctx({ role: null })} />);
    expect(screen.getByText('G1 · 产量')).toBeTruthy();
  });

  it('attachments: pick uploaded files and add links; read-only lists them', async () => {
    const a = render(<Harness spec={field('attachments', { maxItems: 10 })} initial={[]} context={ctx()} />);
    fireEvent.click(screen.getByText('添加链接'));
    fireEvent.change(screen.getByLabelText('链接地址'), { target: { value: 'https://wiki.example.com/supply' } });
    expect(valueNow()).toEqual([{ url: 'https://wiki.example.com/supply', title: '' }]);
    fireEvent.mouseDown(document.getElementById('field-s-k_attachments')!);
    fireEvent.click(await screen.findByText('来料记录.csv'));
    expect(valueNow()).toEqual([{ sha256: 'a'.repeat(64) }, { url: 'https://wiki.example.com/supply', title: '' }]);
    a.unmount();
    render(
      <Harness
        spec={field('attachments')}
        initial={[{ sha256: 'a'.repeat(64) }, { url: 'https://x', title: '记录' }]}
        context={ctx({ sectionEditable: false })}
      />,
    );
    expect(screen.getByText('来料记录.csv')).toBeTruthy();
    expect(screen.getByText('记录')).toBeTruthy();
  });

  it('system: always read-only, says the system records it', () => {
    render(
      <Harness spec={field('system', { fillers: [] })} initial={{ interviewId: 'IV', cycle: '2026-Q2', goalId: 'N1' }} context={ctx()} />,
    );
    expect(screen.getByTestId('field-s.k_system').dataset.editable).toBe('false');
    expect(screen.getByText('来自 2026-Q2 的面谈（N1）')).toBeTruthy();
    expect(screen.getByText('系统记录')).toBeTruthy();
  });

  it('list: items with their sub-fields, add and remove; read-only without buttons', () => {
    const spec = field('list', {
      key: 'items',
      fillers: ['employee', 'manager'],
      maxItems: 5,
      items: [
        field('text', { key: 'goal', label: '目标', fillers: ['employee', 'manager'] }),
        field('percent', { key: 'achievement', label: '达成率', fillers: ['manager'] }),
      ],
    });
    const l = render(<Harness spec={spec} initial={[{ id: 'G1', goal: '产量', achievement: 103 }]} context={ctx()} />);
    const item = screen.getAllByTestId('list-item')[0]!;
    expect((within(item).getByLabelText(/目标/) as HTMLInputElement).value).toBe('产量');
    // The manager's field is read-only for the employee, and says so.
    expect(within(item).getByTestId('field-s.items[0].achievement').dataset.editable).toBe('false');
    expect(within(item).getByText('103%')).toBeTruthy();
    fireEvent.click(screen.getByText('添加一项'));
    expect(screen.getAllByTestId('list-item')).toHaveLength(2);
    fireEvent.change(within(screen.getAllByTestId('list-item')[1]!).getByLabelText(/目标/), { target: { value: '合格率' } });
    expect(valueNow()).toEqual([{ id: 'G1', goal: '产量', achievement: 103 }, { goal: '合格率' }]);
    fireEvent.click(within(screen.getAllByTestId('list-item')[0]!).getByText('删除此项'));
    expect(valueNow()).toEqual([{ goal: '合格率' }]);
    l.unmount();
    render(<Harness spec={spec} initial={[{ id: 'G1', goal: '产量' }]} context={ctx({ sectionEditable: false })} />);
    expect(screen.queryByText('添加一项')).toBeNull();
    expect(screen.queryByText('删除此项')).toBeNull();
  });

  it('shows issues under the field they name and marks the item', () => {
    const spec = field('list', { key: 'items', fillers: ['employee'], items: [field('longText', { key: 'case', label: '具体案例' })] });
    render(<Harness spec={spec} initial={[{ case: '表现正常' }]} context={ctx({ issues: { 's.items[0].case': ['亮点 1 不够具体'] } })} />);
    expect(screen.getByTestId('list-item').dataset.flagged).toBe('true');
    expect(within(screen.getByTestId('field-s.items[0].case')).getByRole('alert').textContent).toBe('亮点 1 不够具体');
  });
});

describe('quality findings in the form (the server’s own checks)', () => {
  const t = (key: Parameters<typeof translate>[1], params?: Record<string, string | number>) => translate('zh-CN', key, params);
  const base = { minCaseChars: 10, horizonDays: 366, parties: ['E1001', 'M102'], today: '2026-11-20', hasHighlights: true, hasPlan: true };

  it('a vague highlight: no concrete case, no figure', () => {
    const findings = qualityFindings({
      ...base,
      sections: { highlights: { items: [{ title: '工作', case: '表现正常，继续努力', data: '良好' }] } },
    });
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ field: 'highlights.items[0].case', code: 'VAGUE_HIGHLIGHT', missing: ['case', 'figure'] });
    expect(describeFinding(findings[0]!, t)).toBe('亮点 1 不够具体：缺少具体案例、数字（数量、百分比或次数）。');
  });

  it('a concrete highlight with a figure passes', () => {
    const findings = qualityFindings({
      ...base,
      sections: {
        highlights: {
          items: [{ case: '主动提出换模流程优化建议，与班组一起把模具预热提前到上一班完成', data: '换模时间由 45 分钟降到 30 分钟' }],
        },
      },
    });
    expect(findings).toEqual([]);
  });

  it('a plan item missing SMART criteria', () => {
    const findings = qualityFindings({
      ...base,
      sections: {
        problems: { items: [{ id: 'P1' }] },
        improvementPlan: { items: [{ action: '加油', metric: '产量', target: '提高', ownerId: 'X9', linkedTo: 'P9' }] },
      },
    });
    expect(findings).toHaveLength(1);
    expect(findings[0]!.code).toBe('SMART_INCOMPLETE');
    expect(findings[0]!.missing).toEqual(['specific', 'measurable', 'achievable', 'relevant', 'time_bound']);
    expect(describeFinding(findings[0]!, t)).toContain('改进计划第 1 项不符合 SMART');
    const ok = qualityFindings({
      ...base,
      sections: {
        problems: { items: [{ id: 'P1' }] },
        improvementPlan: {
          items: [
            {
              action: '每班开机前完成 2 号线点检并记录',
              metric: '停机次数',
              target: '≤ 2 次/月',
              ownerId: 'E1001',
              linkedTo: 'P1',
              deadline: '2027-03-31',
            },
          ],
        },
      },
    });
    expect(ok).toEqual([]);
  });
});

describe('attachment limits', () => {
  it('are the server’s policy', () => {
    expect([...ATTACHMENT_MEDIA_TYPES]).toEqual([...SERVER_TYPES]);
    expect(DEFAULT_ATTACHMENT_MAX_BYTES).toBe(SERVER_MAX);
  });
  it('refuse a forbidden type, a too large and an empty file before upload', () => {
    expect(attachmentProblem({ name: 'a.exe', type: 'application/x-msdownload', size: 10 })).toBe('ATTACHMENT_TYPE_FORBIDDEN');
    expect(attachmentProblem({ name: 'a.pdf', type: 'application/pdf', size: 11 * 1024 * 1024 })).toBe('ATTACHMENT_TOO_LARGE');
    expect(attachmentProblem({ name: 'a.csv', type: '', size: 0 })).toBe('ATTACHMENT_EMPTY');
    expect(attachmentProblem({ name: 'a.csv', type: '', size: 5 })).toBeNull();
  });
});
