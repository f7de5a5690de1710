import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { ValidationError } from '../../../src/domain/errors';
import { BUILTIN_TEMPLATE_VERSIONS, BUILTIN_TEMPLATES, validateTemplate } from '../../../src/domain/interview/template';
import { BUILTIN_FLOWS, validateFlow } from '../../../src/domain/workflow/flow';
import { I18nProvider } from '../i18n';
import { checkTemplate, draftOf, parsePath, pathString, setIn } from './definition';
import { diffFlows, diffTemplates } from './diff';
import { FlowEditor } from './FlowEditor';
import { describePath } from './labels';
import { TemplateEditor } from './TemplateEditor';
import { translate } from '../i18n';

const production = BUILTIN_TEMPLATES.get('production-staff')!;
const definition = JSON.parse(JSON.stringify(production)) as Record<string, unknown>;
const flows = [...BUILTIN_FLOWS.values()];

const renderEditor = (onPublish = vi.fn()) => {
  render(
    <I18nProvider initial="zh-CN">
      <TemplateEditor
        templateId="production-staff"
        base={{ version: production.version, definition }}
        nextVersion={production.version + 1}
        flows={flows}
        publishing={false}
        onPublish={onPublish}
        onCancel={() => {}}
      />
    </I18nProvider>,
  );
  return onPublish;
};

/** What the server's validator says of a definition (the test asks it, rather than re-stating a rule). */
function serverSays(draft: unknown): ValidationError {
  try {
    validateTemplate(draft, 'production-staff', production.version + 1);
  } catch (error) {
    if (error instanceof ValidationError) return error;
  }
  throw new Error('the validator accepted it');
}

// antd in jsdom is slow on a busy machine: the rendering tests get a minute each.
const SLOW = 60_000;

const openSection = (key: string) => {
  const header = screen.getAllByTestId('section-header').find((h) => h.dataset.key === key)!;
  fireEvent.click(header);
  return screen.getAllByTestId('section-editor').find((s) => s.dataset.key === key)!;
};

describe('<TemplateEditor>', () => {
  it(
    'shows validateTemplate’s refusal on the field it names, in Chinese, and sends nothing',
    async () => {
      const onPublish = renderEditor();
      expect(screen.getByTestId('definition-valid')).toBeTruthy();
      const highlights = openSection('highlights');

      // A section label left empty: the validator names sections[1].label.zh.
      const label = within(highlights).getByTestId('section-highlights-label-zh');
      fireEvent.change(label, { target: { value: '  ' } });
      const expected = serverSays(setIn(draftOf(definition), ['sections', 1, 'label', 'zh'], '  '));
      const summary = await screen.findByTestId('definition-problem');
      expect(summary.dataset.field).toBe(expected.field);
      expect(summary.dataset.code).toBe(expected.code);
      expect(summary.textContent).toContain('取值不在允许范围内');
      // Named by its English label, the Chinese one being empty.
      expect(summary.textContent).toContain('章节「Highlights and results」 › 名称 › 中文');
      // On the input itself.
      const place = document.querySelector(`[data-path="${expected.field}"]`)!;
      expect(within(place as HTMLElement).getByTestId('field-problem').dataset.code).toBe(expected.code);
      fireEvent.change(label, { target: { value: '工作亮点与成绩' } });
      await screen.findByTestId('definition-valid');

      // A core field of the section given another type: TEMPLATE_CORE_FIELD_MISSING on the section's fields.
      const data = within(highlights)
        .getAllByTestId('item-field-editor')
        .find((f) => f.dataset.key === 'data')!;
      fireEvent.change(within(data).getByTestId('field-data-key'), { target: { value: 'figures' } });
      const core = serverSays(setIn(draftOf(definition), ['sections', 1, 'fields', 0, 'items', 2, 'key'], 'figures'));
      expect(core.code).toBe('TEMPLATE_CORE_FIELD_MISSING');
      const problem = await screen.findByTestId('definition-problem');
      expect(problem.dataset.code).toBe('TEMPLATE_CORE_FIELD_MISSING');
      expect(problem.textContent).toContain('模板缺少每条记录必需的字段');
      expect(within(document.querySelector(`[data-path="${core.field}"]`) as HTMLElement).getByTestId('field-problem')).toBeTruthy();

      // Publishing is blocked: nothing can be sent.
      fireEvent.change(screen.getByTestId('publish-note'), { target: { value: '试试' } });
      expect((screen.getByTestId('publish-open') as HTMLButtonElement).disabled).toBe(true);
      expect(screen.getByTestId('publish-blocked')).toBeTruthy();
      expect(onPublish).not.toHaveBeenCalled();
    },
    SLOW,
  );

  it(
    'a valid edit is sent as the definition, with the note, after confirming the changes',
    async () => {
      const onPublish = renderEditor();
      fireEvent.change(screen.getByTestId('template-name-zh'), { target: { value: '生产一线员工绩效面谈（2027 版）' } });
      const remarks = openSection('remarks');
      fireEvent.click(within(remarks).getByTestId('section-remarks-add-field'));
      const added = within(remarks)
        .getAllByTestId('field-editor')
        .find((f) => f.dataset.key === 'field1')!;
      fireEvent.change(within(added).getByTestId('field-field1-label-zh'), { target: { value: '安全隐患' } });
      fireEvent.change(within(added).getByTestId('field-field1-label-en'), { target: { value: 'Safety hazards' } });
      fireEvent.change(within(added).getByTestId('field-field1-key'), { target: { value: 'hazards' } });
      await screen.findByTestId('definition-valid');

      // No note yet: asked for, nothing sent.
      fireEvent.click(screen.getByTestId('publish-open'));
      expect(await screen.findByText('请填写发布说明')).toBeTruthy();
      fireEvent.change(screen.getByTestId('publish-note'), { target: { value: '备注中新增安全隐患' } });
      fireEvent.click(screen.getByTestId('publish-open'));
      const diff = await screen.findByTestId('publish-diff');
      const entries = within(diff).getAllByTestId('diff-entry');
      expect(entries.map((e) => `${e.dataset.kind} ${e.dataset.key}`)).toEqual(['changed ', 'added remarks/hazards']);
      await act(async () => {
        fireEvent.click(screen.getByTestId('publish-confirm'));
      });
      await waitFor(() => expect(onPublish).toHaveBeenCalledTimes(1));
      const [sent, note] = onPublish.mock.calls[0]!;
      const expected = draftOf(definition);
      (expected.name as Record<string, string>).zh = '生产一线员工绩效面谈（2027 版）';
      const remarksSection = (expected.sections as Array<{ key: string; fields: unknown[] }>).find((s) => s.key === 'remarks')!;
      remarksSection.fields.push({
        key: 'hazards',
        label: { zh: '安全隐患', en: 'Safety hazards' },
        type: 'text',
        required: false,
        fillers: ['employee', 'manager'],
      });
      expect(sent).toEqual(expected);
      expect(note).toBe('备注中新增安全隐患');
      // What was sent is what the server accepts.
      expect(
        validateTemplate(sent, 'production-staff', 3)
          .sections.at(-1)!
          .fields.map((f) => f.key),
      ).toEqual(['text', 'hazards']);
    },
    SLOW,
  );

  it(
    'the JSON view edits the same draft, and its problems show in the summary',
    async () => {
      renderEditor();
      fireEvent.click(screen.getByRole('tab', { name: 'JSON（高级）' }));
      const json = screen.getByTestId('definition-json') as HTMLTextAreaElement;
      const draft = JSON.parse(json.value) as Record<string, unknown>;
      expect(draft).toEqual(draftOf(definition));
      fireEvent.change(json, { target: { value: JSON.stringify({ ...draft, rules: { ...(draft.rules as object), minCaseChars: 900 } }) } });
      const problem = await screen.findByTestId('definition-problem');
      expect(problem.dataset.field).toBe('rules.minCaseChars');
      fireEvent.change(json, { target: { value: '{ not json' } });
      expect(await screen.findByText(/JSON 格式错误/)).toBeTruthy();
      // The form shows the last draft that parsed.
      fireEvent.click(screen.getByRole('tab', { name: '表单' }));
      expect((screen.getByTestId('rule-minCaseChars') as HTMLInputElement).value).toBe('900');
    },
    SLOW,
  );
});

describe('<TemplateEditor> and the server', () => {
  const editor = (props: Partial<React.ComponentProps<typeof TemplateEditor>> = {}) => (
    <I18nProvider initial="zh-CN">
      <TemplateEditor
        templateId="production-staff"
        base={{ version: production.version, definition }}
        nextVersion={production.version + 1}
        flows={flows}
        publishing={false}
        onPublish={() => {}}
        onCancel={() => {}}
        {...props}
      />
    </I18nProvider>
  );

  it(
    'shows the server’s refusal of what was sent on the field it names, until the draft changes',
    async () => {
      const onPublish = vi.fn();
      const { rerender } = render(editor({ onPublish }));
      fireEvent.change(screen.getByTestId('template-name-zh'), { target: { value: '生产一线员工绩效面谈（新）' } });
      fireEvent.change(screen.getByTestId('publish-note'), { target: { value: '改名' } });
      fireEvent.click(screen.getByTestId('publish-open'));
      await act(async () => {
        fireEvent.click(await screen.findByTestId('publish-confirm'));
      });
      expect(onPublish).toHaveBeenCalledTimes(1);
      rerender(
        editor({
          onPublish,
          serverProblem: { code: 'VALUE_TOO_LARGE', field: 'name.zh', message: 'name.zh is too long', fromServer: true },
        }),
      );
      const summary = await screen.findByTestId('definition-problem');
      expect(summary.textContent).toContain('服务器拒绝了发布：内容超过长度或大小上限');
      expect(within(document.querySelector('[data-path="name.zh"]') as HTMLElement).getByTestId('field-problem')).toBeTruthy();
      fireEvent.change(screen.getByTestId('template-name-zh'), { target: { value: '生产一线员工面谈' } });
      await screen.findByTestId('definition-valid');
    },
    SLOW,
  );

  it(
    'says when someone published a newer version meanwhile, with their changes',
    async () => {
      const theirs = { ...definition, version: 3, rules: { ...(definition.rules as object), minCaseChars: 20 } };
      render(editor({ newer: { version: 3, definition: theirs }, nextVersion: 4 }));
      fireEvent.change(screen.getByTestId('publish-note'), { target: { value: '我的修改' } });
      fireEvent.click(screen.getByTestId('publish-open'));
      const newer = await screen.findByTestId('publish-newer');
      expect(newer.textContent).toContain('已有人发布了第 3 版');
      expect(within(newer).getByTestId('newer-diff').textContent).toContain('具体案例最少字数：10 → 20');
      expect(screen.getByText('发布第 4 版？')).toBeTruthy();
    },
    SLOW,
  );
});

describe('<FlowEditor>', () => {
  it(
    'shows validateFlow’s refusal (the last step must sign) on that step',
    async () => {
      const flow = JSON.parse(JSON.stringify(BUILTIN_FLOWS.get('production-line'))) as Record<string, unknown>;
      const onPublish = vi.fn();
      render(
        <I18nProvider initial="zh-CN">
          <FlowEditor
            flowId="production-line"
            base={{ version: 1, definition: flow }}
            nextVersion={2}
            templates={[...BUILTIN_TEMPLATES.values()]}
            publishing={false}
            onPublish={onPublish}
            onCancel={() => {}}
          />
        </I18nProvider>,
      );
      await screen.findByTestId('definition-valid');
      fireEvent.click(screen.getByTestId('step-signatures-signing'));
      let expected: ValidationError | null = null;
      try {
        validateFlow(setIn(draftOf(flow), ['steps', 3, 'signing'], false), 'production-line', 2);
      } catch (error) {
        expected = error as ValidationError;
      }
      const problem = await screen.findByTestId('definition-problem');
      expect(problem.dataset.code).toBe(expected!.code);
      expect(problem.dataset.code).toBe('FLOW_WITHOUT_SIGNING');
      expect(problem.textContent).toContain('流程没有签字步骤');
      const place = document.querySelector(`[data-path="${expected!.field}"]`) as HTMLElement;
      expect(within(place).getByTestId('field-problem')).toBeTruthy();
      expect((screen.getByTestId('publish-open') as HTMLButtonElement).disabled).toBe(true);
    },
    SLOW,
  );

  it(
    'warns when a template running this flow by default could not run it any more',
    async () => {
      const flow = JSON.parse(JSON.stringify(BUILTIN_FLOWS.get('production-line'))) as Record<string, unknown>;
      render(
        <I18nProvider initial="zh-CN">
          <FlowEditor
            flowId="production-line"
            base={{ version: 1, definition: flow }}
            nextVersion={2}
            templates={[...BUILTIN_TEMPLATES.values()]}
            publishing={false}
            onPublish={() => {}}
            onCancel={() => {}}
          />
        </I18nProvider>,
      );
      expect(screen.queryByTestId('flow-warning')).toBeNull();
      fireEvent.click(screen.getAllByRole('button', { name: '删除「制定改进计划」' })[0]!);
      const warning = await screen.findByTestId('flow-warning');
      expect(warning.textContent).toContain('生产一线员工绩效面谈');
      expect(warning.textContent).toContain('FLOW_TEMPLATE_MISMATCH');
    },
    SLOW,
  );
});

describe('the version diff', () => {
  it('names what the built-in version 2 added to version 1: the dimensions and the goal review’s dimension field', () => {
    const [v1, v2] = BUILTIN_TEMPLATE_VERSIONS.get('production-staff')!;
    const changes = diffTemplates(v1!, v2!);
    expect(changes.filter((c) => c.scope === 'dimension').map((c) => `${c.kind} ${c.key}`)).toEqual([
      'added dimensions/output',
      'added dimensions/quality',
      'added dimensions/safety',
      'added dimensions/equipment',
      'added dimensions/teamwork',
    ]);
    expect(changes.filter((c) => c.scope !== 'dimension').map((c) => `${c.kind} ${c.scope} ${c.key}`)).toEqual([
      'added item goalReview/items/dimension',
    ]);
  });

  it('tells sections and fields removed, moved and changed, from what to what', () => {
    const a = production;
    const draft = draftOf(JSON.parse(JSON.stringify(a)) as Record<string, unknown>);
    const sections = draft.sections as Array<Record<string, unknown>>;
    const problems = sections.find((s) => s.key === 'problems')!;
    problems.required = true;
    const remarks = sections.pop()!;
    sections.unshift(remarks);
    const checked = checkTemplate({ ...draft, sections: sections.filter((s) => s.key !== 'highlights') }, 'production-staff', 3);
    if (!checked.ok) throw new Error(checked.problem.message);
    expect(diffTemplates(a, checked.value).map((c) => [c.kind, c.key, c.attribute ?? '', c.from ?? '', c.to ?? ''])).toEqual([
      ['removed', 'highlights', '', '', ''],
      ['moved', 'remarks', '', '', ''],
      ['changed', 'problems', 'required', false, true],
    ]);
  });

  it('compares flow versions step by step', () => {
    const a = BUILTIN_FLOWS.get('production-line')!;
    const b = { ...a, steps: a.steps.map((s, i) => (i === 0 ? { ...s, dueInDays: 3 } : s)) };
    expect(diffFlows(a, b)).toEqual([
      expect.objectContaining({ kind: 'changed', scope: 'step', key: 'self_assessment', attribute: 'dueInDays', from: 2, to: 3 }),
    ]);
  });
});

describe('paths', () => {
  it('reads the validator’s path and says it in words', () => {
    expect(parsePath('sections[1].fields[0].items[2].type')).toEqual(['sections', 1, 'fields', 0, 'items', 2, 'type']);
    expect(pathString(['sections', 1, 'label', 'zh'])).toBe('sections[1].label.zh');
    const t = (key: Parameters<typeof translate>[1], params?: Record<string, string | number>) => translate('zh-CN', key, params);
    expect(describePath('sections[1].fields[0].items[2].type', production, t, 'zh-CN')).toBe(
      '章节「工作亮点与成绩」 › 字段「亮点」 › 子字段「相关数据」 › 字段类型',
    );
    expect(describePath('rules.minCaseChars', production, t, 'zh-CN')).toBe('规则 › 具体案例最少字数');
  });
});
