/**
 * The interview record page in Chromium against the real demo server (its own, on a fresh data
 * dir): 王建国 (E1001), at his self-assessment with a draft, opens 我的面谈 and the record,
 * writes his next goals, types a vague highlight and sees the finding in the form, submits and
 * is refused by the server (shown on the field; the API says the step did not move), fixes it
 * with a concrete case and a figure, submits, and the API shows the step advanced; the history
 * lists his edits. Screenshots: test-output/screenshots/form-*.png.
 */
import { consoleSuite } from './harness';

const ui = consoleSuite('form');
const ID = 'IV-2026Q3-E1001';

ui.describe('the interview record page in Chromium', () => {
  it('employee: vague highlight found while typing, refused at submission, fixed, step advanced', async () => {
    const page = await ui.newPage();
    await ui.signInAsDemo(page, 'E1001');
    const api = (query: string, variables: Record<string, unknown> = {}) => ui.api('E1001', query, variables);
    const before = await api('query ($id: ID!) { interview(id: $id) { version workflow { step } } }', { id: ID });
    expect(before.data.interview.workflow.step).toBe('self_assessment');

    // 我的面谈
    await page.getByRole('navigation').getByText('我的面谈').click();
    await page.getByRole('heading', { name: '我的面谈' }).waitFor();
    await page.getByTestId('interview-item').first().waitFor();
    expect(await page.getByTestId('cycle-2026-Q3').innerText()).toContain('员工自评');
    await ui.shot(page, 'list');

    // The record
    await page.getByTestId('cycle-2026-Q3').getByRole('link').first().click();
    await page.getByTestId('record').waitFor();
    expect(page.url()).toBe(`${ui.demo.base}/interviews/${ID}`);
    const info = await page.getByTestId('basic-info').innerText();
    expect(info).toContain('王建国');
    expect(info).toContain('2026-Q3');
    expect(await page.getByTestId('section-highlights').getAttribute('data-editable')).toBe('true');
    expect(await page.getByTestId('section-improvementPlan').getAttribute('data-editable')).toBe('false');
    await ui.shot(page, 'record');

    // Next goals (a required part the self-assessment writes)
    const next = page.getByTestId('section-nextGoals');
    await next.getByTestId('add-nextGoals.goals').click();
    await page.locator('[data-testid="field-nextGoals.goals[0].goal"] input').fill('产量');
    await page.locator('[data-testid="field-nextGoals.goals[0].target"] input').fill('≥ 13,000 件/月');
    await next.getByTestId('save-nextGoals').click();
    await page.getByTestId('notice').filter({ hasText: '已保存' }).waitFor();

    // A vague highlight, typed: the finding shows before saving or submitting
    const caseBox = page.locator('[data-testid="field-highlights.items[1].case"] textarea');
    const dataBox = page.locator('[data-testid="field-highlights.items[1].data"] input');
    await caseBox.fill('表现正常，继续努力');
    await dataBox.fill('良好');
    const finding = page.locator('[data-testid="finding"][data-field="highlights.items[1].case"]');
    await finding.waitFor();
    expect(await finding.innerText()).toContain('亮点 2 不够具体');
    expect(await page.locator('[data-testid="field-highlights.items[1].case"] [data-testid="field-issue"]').first().innerText()).toContain(
      '具体案例',
    );
    await page.getByTestId('save-highlights').click();
    await page.getByTestId('notice').filter({ hasText: '已保存' }).waitFor();
    await ui.shot(page, 'finding');

    // Submitting is refused by the server, and the refusal shows on the field
    await page.getByTestId('submit-step').click();
    await page.getByTestId('error-notice').filter({ hasText: 'VAGUE_HIGHLIGHT' }).waitFor();
    expect(await page.locator('[data-testid="field-highlights.items[1].case"]').innerText()).toContain('服务器拒绝');
    const refused = await api('query ($id: ID!) { interview(id: $id) { workflow { step } sections } }', { id: ID });
    expect(refused.data.interview.workflow.step).toBe('self_assessment');
    expect(refused.data.interview.sections.highlights.items[1].case).toBe('表现正常，继续努力');
    await ui.shot(page, 'refused');

    // Fixed with a concrete case and a figure
    await caseBox.fill('主动提出换模流程优化建议，与班组一起把模具预热提前到上一班完成');
    await dataBox.fill('换模时间由 45 分钟降到 30 分钟，设备故障率下降 12%');
    await page.locator('[data-testid="finding"][data-field="highlights.items[1].case"]').waitFor({ state: 'detached' });
    await page.getByTestId('save-highlights').click();
    await page.getByTestId('notice').filter({ hasText: '已保存' }).waitFor();
    await page.getByTestId('submit-step').click();
    await page.getByTestId('notice').filter({ hasText: '已提交' }).waitFor();

    const after = await api('query ($id: ID!) { interview(id: $id) { version workflow { step } qualityFindings { code } sections } }', {
      id: ID,
    });
    expect(after.errors).toBeUndefined();
    // 生产部's flow: self-assessment, then the meeting with review (both parties act there).
    expect(after.data.interview.workflow.step).toBe('meeting_review');
    expect(after.data.interview.version).toBeGreaterThan(before.data.interview.version);
    expect(after.data.interview.sections.highlights.items[1].data).toContain('12%');
    expect(after.data.interview.sections.nextGoals.goals[0].goal).toBe('产量');
    await page.waitForFunction(`document.querySelector('[data-testid="record"]')?.getAttribute('data-step') !== 'self_assessment'`);
    // At the meeting both still write highlights; nextGoals is the self-assessment's alone now.
    expect(await page.getByTestId('section-highlights').getAttribute('data-editable')).toBe('true');
    expect(await page.getByTestId('section-nextGoals').getAttribute('data-editable')).toBe('false');

    // History
    await page.getByRole('tab', { name: '历史' }).click();
    await page.getByTestId('history').locator('tbody tr.ant-table-row').first().waitFor();
    const history = await page.getByTestId('history').innerText();
    expect(history).toContain('王建国');
    expect(history).toContain('highlights');
    await ui.shot(page, 'history');

    // A phone-sized screen: the record still lays out
    await page.setViewportSize({ width: 375, height: 800 });
    await page.getByRole('tab', { name: '面谈内容' }).click();
    const overflow = await page.evaluate<number>('document.documentElement.scrollWidth - document.documentElement.clientWidth');
    expect(overflow).toBeLessThanOrEqual(1);
    await ui.shot(page, 'phone');
    await page.close();
  }, 180_000);
});
