/**
 * 模板与流程 in Chromium against the real demo server (its own, on a fresh data dir): 钱慧
 * (HR001) sees every template and the versions of one, with the changes between them; edits
 * the latest version of 生产一线员工绩效面谈 in the form editor, first breaking a rule the server
 * holds (the error shows on the field, and the API still has the old latest version), then
 * fixing it and publishing with a note — checked in what templateVersions answers, while a
 * running interview on that template keeps its version. She publishes a flow version the same
 * way, sees who gets which template, and reads the page on a 375 px screen.
 * Screenshots: test-output/screenshots/templates-*.png.
 */
import type { Page } from 'playwright-core';
import { consoleSuite } from './harness';

const ui = consoleSuite('templates');
jest.setTimeout(180_000);

type Version = {
  version: number;
  builtin: boolean;
  definition: {
    sections: Array<{ key: string; label: { zh: string }; fields: Array<{ key: string; type: string; label: { zh: string } }> }>;
  };
  publication: { note: string; publishedAt: string } | null;
};

ui.describe('模板与流程 in Chromium', () => {
  let page: Page;
  const api = <T = Record<string, unknown>>(query: string, variables: Record<string, unknown> = {}) =>
    ui.data<T>('HR001', query, variables);
  const templateVersions = async () =>
    (
      await api<{ templateVersions: Version[] }>(
        '{ templateVersions(id: "production-staff") { version builtin definition publication { note publishedAt } } }',
      )
    ).templateVersions;

  beforeAll(async () => {
    page = await ui.newPage();
    page.setDefaultTimeout(25_000);
    await ui.signInAsDemo(page, 'HR001');
  });

  it('lists every template and shows the versions of one, each readable, and what changed between them', async () => {
    await page.getByRole('navigation').getByRole('link', { name: '模板与流程' }).click();
    await page.getByRole('heading', { name: '模板与流程' }).waitFor();
    const { templates } = await api<{ templates: Array<{ id: string; name: string; version: number }> }>(
      '{ templates(includeRetired: true) { id name version } }',
    );
    await page.getByTestId('template-row').first().waitFor();
    expect(await page.getByTestId('template-row').count()).toBe(templates.length);
    const row = page.locator('[data-testid="template-row"][data-id="production-staff"]');
    expect(await row.innerText()).toContain('生产一线员工绩效面谈');
    expect(await row.innerText()).toContain('生产 · 基层员工');
    expect(await row.innerText()).toContain('第 2 版');
    expect(await row.innerText()).toContain('生产一线面谈流程');
    await ui.shot(page, 'list');

    await page.getByTestId('open-template-production-staff').click();
    const detail = page.getByTestId('template-detail');
    await detail.getByTestId('version-2').waitFor();
    const versions = await templateVersions();
    expect(versions.map((v) => v.version)).toEqual([1, 2]);
    expect(await detail.getByTestId('version-picker').getByRole('radio').count()).toBe(versions.length);
    // The latest version, readable: every section with its fields.
    const view = detail.getByTestId('template-version');
    expect(await view.getAttribute('data-version')).toBe('2');
    for (const section of versions[1]!.definition.sections) expect(await view.innerText()).toContain(section.label.zh);
    expect(await view.locator('[data-testid="field-row"][data-key="items.dimension"]').innerText()).toContain('单选');
    // From version 1 to 2: the performance dimensions came, with the goal review's dimension field.
    const diff = detail.getByTestId('compare').getByTestId('version-diff');
    expect(await diff.locator('[data-testid="diff-entry"][data-key="goalReview/items/dimension"]').getAttribute('data-kind')).toBe('added');
    expect(await diff.innerText()).toContain('产量');
    await ui.shot(page, 'versions');

    // Version 1 reads as it was: no dimension field.
    await detail.getByTestId('version-1').click();
    await detail.locator('[data-testid="template-version"][data-version="1"]').waitFor();
    expect(await detail.locator('[data-testid="field-row"][data-key="items.dimension"]').count()).toBe(0);
    await detail.getByTestId('version-2').click();
  });

  it('edits the latest version: a server rule broken is shown on the field and nothing is sent; fixed, it publishes with a note', async () => {
    const { interviews } = await api<{ interviews: { edges: Array<{ node: { id: string; templateVersion: number } }> } }>(
      '{ interviews(filter: { templateId: "production-staff" }, first: 1) { edges { node { id templateVersion } } } }',
    );
    const running = interviews.edges[0]!.node;
    expect(running.templateVersion).toBe(2);

    const detail = page.getByTestId('template-detail');
    await detail.getByTestId('edit-latest').click();
    const editor = page.getByTestId('template-editor');
    await editor.getByTestId('definition-valid').waitFor();
    expect(await editor.getByTestId('running-keep-version').innerText()).toContain('进行中的面谈继续使用其安排时的版本');

    // The highlights' "data" is a core field (the vague-highlight check reads it): renaming its key breaks the rule.
    await editor.locator('[data-testid="section-header"][data-key="highlights"]').click();
    const highlights = editor.locator('[data-testid="section-editor"][data-key="highlights"]');
    const data = highlights.locator('[data-testid="item-field-editor"][data-key="data"]');
    await data.getByTestId('field-data-key').fill('figures');
    const problem = editor.getByTestId('definition-problem');
    await problem.waitFor();
    expect(await problem.getAttribute('data-code')).toBe('TEMPLATE_CORE_FIELD_MISSING');
    expect(await problem.innerText()).toContain('模板缺少每条记录必需的字段');
    expect(await problem.innerText()).toContain('章节「工作亮点与成绩」');
    // On the section's fields, in the form.
    const onField = editor
      .locator(`[data-path="${await problem.getAttribute('data-field')}"]`)
      .getByTestId('field-problem')
      .first();
    expect(await onField.innerText()).toContain('TEMPLATE_CORE_FIELD_MISSING');
    await editor.getByTestId('publish-note').fill('亮点须附数据；备注中新增安全隐患');
    expect(await editor.getByTestId('publish-open').isDisabled()).toBe(true);
    await ui.shot(page, 'invalid');
    // Nothing was sent: the API still has version 2 as the latest.
    expect((await templateVersions()).map((v) => v.version)).toEqual([1, 2]);

    // Fixed, and changed for real: the section relabelled, a field added to the remarks.
    await highlights.locator('[data-testid="item-field-editor"][data-key="figures"]').getByTestId('field-figures-key').fill('data');
    await editor.getByTestId('definition-valid').waitFor();
    await highlights.getByTestId('section-highlights-label-zh').fill('工作亮点与成绩（须附数据）');
    await editor.locator('[data-testid="section-header"][data-key="remarks"]').click();
    const remarks = editor.locator('[data-testid="section-editor"][data-key="remarks"]');
    await remarks.getByTestId('section-remarks-add-field').click();
    const added = remarks.locator('[data-testid="field-editor"][data-key="field1"]');
    await added.getByTestId('field-field1-label-zh').fill('安全隐患');
    await added.getByTestId('field-field1-label-en').fill('Safety hazards');
    await added.getByTestId('field-field1-key').fill('hazards');
    await editor.getByTestId('definition-valid').waitFor();

    await editor.getByTestId('publish-open').click();
    const dialog = page.getByRole('dialog');
    const changes = dialog.getByTestId('publish-diff');
    await changes.waitFor();
    expect(await changes.locator('[data-testid="diff-entry"][data-key="remarks/hazards"]').getAttribute('data-kind')).toBe('added');
    expect(await changes.locator('[data-testid="diff-entry"][data-key="highlights"]').innerText()).toContain('工作亮点与成绩（须附数据）');
    await ui.shot(page, 'confirm');
    await dialog.getByTestId('publish-confirm').click();
    await detail.getByTestId('published').waitFor();
    expect(await detail.getByTestId('published').innerText()).toContain('已发布第 3 版');

    // The API has version 3 with the change and the note.
    const after = await templateVersions();
    expect(after.map((v) => v.version)).toEqual([1, 2, 3]);
    const v3 = after[2]!;
    expect(v3.builtin).toBe(false);
    expect(v3.publication?.note).toBe('亮点须附数据；备注中新增安全隐患');
    expect(v3.definition.sections.find((s) => s.key === 'highlights')!.label.zh).toBe('工作亮点与成绩（须附数据）');
    expect(v3.definition.sections.find((s) => s.key === 'remarks')!.fields.map((f) => [f.key, f.label.zh, f.type])).toEqual([
      ['text', '备注', 'longText'],
      ['hazards', '安全隐患', 'text'],
    ]);
    // The running interview still reports its old version, its snapshot unchanged.
    const { interview } = await api<{
      interview: {
        templateVersion: number;
        template: { version: number; sections: Array<{ key: string; fields: Array<{ key: string }> }> };
      };
    }>('query($id: ID!) { interview(id: $id) { templateVersion template { version sections { key fields { key } } } } }', {
      id: running.id,
    });
    expect(interview.templateVersion).toBe(2);
    expect(interview.template.version).toBe(2);
    expect(interview.template.sections.find((s) => s.key === 'remarks')!.fields.map((f) => f.key)).toEqual(['text']);

    // The page shows version 3 with HR's note.
    await detail.locator('[data-testid="template-version"][data-version="3"]').waitFor();
    expect(await detail.getByTestId('version-note').innerText()).toContain('亮点须附数据；备注中新增安全隐患');
    expect(await detail.getByTestId('template-version').innerText()).toContain('安全隐患');
    expect(await page.locator('[data-testid="template-row"][data-id="production-staff"]').innerText()).toContain('第 3 版');
    await ui.shot(page, 'published');
  });

  it('publishes a flow version the same way: the signing rule shown on its step first, then the new deadline', async () => {
    const flowVersions = async () =>
      (
        await api<{
          flowVersions: Array<{
            version: number;
            definition: { steps: Array<{ key: string; dueInDays: number }> };
            publication: { note: string } | null;
          }>;
        }>('{ flowVersions(id: "production-line") { version definition publication { note } } }')
      ).flowVersions;
    await page.getByRole('tab', { name: '面谈流程' }).click();
    await page.getByTestId('open-flow-production-line').click();
    const detail = page.getByTestId('flow-detail');
    await detail.locator('[data-testid="step-row"][data-key="signatures"]').waitFor();
    expect(await detail.locator('[data-testid="step-row"][data-key="self_assessment"]').innerText()).toContain('2 天');
    await detail.getByTestId('edit-latest').click();
    const editor = page.getByTestId('flow-editor');
    await editor.getByTestId('definition-valid').waitFor();

    await editor.getByTestId('step-signatures-signing').click();
    const problem = editor.getByTestId('definition-problem');
    await problem.waitFor();
    expect(await problem.getAttribute('data-code')).toBe('FLOW_WITHOUT_SIGNING');
    expect(await editor.locator('[data-testid="step-editor"][data-key="signatures"]').getByTestId('field-problem').innerText()).toContain(
      '流程没有签字步骤',
    );
    await ui.shot(page, 'flow-invalid');
    expect((await flowVersions()).map((v) => v.version)).toEqual([1]);

    await editor.getByTestId('step-signatures-signing').click();
    await editor.getByTestId('definition-valid').waitFor();
    await editor.getByTestId('step-self_assessment-dueInDays').fill('3');
    await editor.getByTestId('publish-note').fill('自评期限延长到 3 天（三班倒）');
    await editor.getByTestId('publish-open').click();
    const dialog = page.getByRole('dialog');
    expect(await dialog.getByTestId('publish-diff').innerText()).toContain('期限（天）：2 → 3');
    await dialog.getByTestId('publish-confirm').click();
    await detail.getByTestId('published').waitFor();
    const after = await flowVersions();
    expect(after.map((v) => [v.version, v.publication?.note ?? null, v.definition.steps[0]!.dueInDays])).toEqual([
      [1, null, 2],
      [2, '自评期限延长到 3 天（三班倒）', 3],
    ]);
    await ui.shot(page, 'flow-published');
  });

  it('shows which template scheduling picks for each job category and level', async () => {
    await page.getByRole('tab', { name: '谁用哪个模板' }).click();
    const cell = page.getByTestId('pick-production-staff');
    await cell.waitFor();
    const { templateFor } = await api<{ templateFor: { id: string; version: number } }>(
      '{ templateFor(category: "production", level: "staff") { id version } }',
    );
    expect(templateFor).toEqual({ id: 'production-staff', version: 3 });
    expect(await cell.getAttribute('data-template')).toBe('production-staff');
    expect(await cell.innerText()).toContain('第 3 版');
    expect(await page.getByTestId('pick-rnd-manager').getAttribute('data-template')).toBe('management');
    await ui.shot(page, 'assignment');
  });

  it('reads on a 375 px screen without the page overflowing sideways', async () => {
    await page.setViewportSize({ width: 375, height: 800 });
    await page.goto(`${ui.demo.base}/hr/templates?tab=templates&template=production-staff`);
    await page.locator('[data-testid="template-version"][data-version="3"]').waitFor();
    const overflow = await page.evaluate<number>('document.documentElement.scrollWidth - document.documentElement.clientWidth');
    expect(overflow).toBeLessThanOrEqual(0);
    await ui.shot(page, '375px');
    await page.getByTestId('edit-latest').click();
    await page.getByTestId('template-editor').waitFor();
    await page.locator('[data-testid="section-header"][data-key="highlights"]').click();
    expect(await page.evaluate<number>('document.documentElement.scrollWidth - document.documentElement.clientWidth')).toBeLessThanOrEqual(
      0,
    );
    await ui.shot(page, 'editor-375px');
    await page.setViewportSize({ width: 1280, height: 800 });
  });

  it('speaks English when switched', async () => {
    await page.goto(`${ui.demo.base}/hr/templates?tab=templates&template=production-staff`);
    await page.getByRole('button', { name: '切换语言' }).click();
    await page.getByRole('heading', { name: 'Templates and flows' }).waitFor();
    await page.locator('[data-testid="template-version"][data-version="3"]').waitFor();
    expect(await page.getByTestId('version-note').innerText()).toContain('Note: 亮点须附数据；备注中新增安全隐患');
    expect(await page.getByTestId('template-version').innerText()).toContain('Safety hazards');
    await ui.shot(page, 'en');
    await page.getByRole('button', { name: 'Switch language' }).click();
    await page.getByRole('heading', { name: '模板与流程' }).waitFor();
  });
});
