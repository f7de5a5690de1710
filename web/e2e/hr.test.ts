/**
 * HR's pages in Chromium against the real demo server (its own, on a fresh data dir): 钱慧
 * (HR001) sees completion as a chart with the overdue records and who is late, changes the
 * reminder policy (a field error first, then saved — checked in what the API answers), opens a
 * correction with a reason on a locked record and sees who must re-sign, and the dashboards
 * draw their charts. Screenshots: test-output/screenshots/hr-*.png.
 */
import type { Page } from 'playwright-core';
import { consoleSuite } from './harness';

const ui = consoleSuite('hr');
jest.setTimeout(120_000);

ui.describe('HR’s pages in Chromium', () => {
  let page: Page;
  const api = <T = Record<string, unknown>>(query: string, variables: Record<string, unknown> = {}) =>
    ui.data<T>('HR001', query, variables);

  beforeAll(async () => {
    page = await ui.newPage();
    page.setDefaultTimeout(25_000);
    await ui.signInAsDemo(page, 'HR001');
  });

  it('shows completion by department as a chart and the overdue records with who is late', async () => {
    await page.getByRole('navigation').getByRole('link', { name: '完成情况' }).click();
    await page.getByRole('heading', { name: '完成情况' }).waitFor();
    const chart = page.getByRole('img', { name: '2026-Q3 各部门面谈完成情况' });
    await chart.locator('svg').waitFor();
    // The chart is drawn from the dashboard's JSON: one bar label per department.
    const { dashboard } = await api<{
      dashboard: { completion: { data: { departments: Array<{ department: string }>; total: { total: number } } } };
    }>('{ dashboard { completion(cycle: "2026-Q3") { data } } }');
    const svgText = await chart.locator('svg').innerHTML();
    for (const { department } of dashboard.completion.data.departments) expect(svgText).toContain(department);
    expect(await page.getByTestId('completion-totals').innerText()).toContain(String(dashboard.completion.data.total.total));

    await page.getByTestId('overdue-row').first().waitFor();
    const { tasks } = await api<{ tasks: Array<{ kind: string; cycle: string; assigneeId: string; interviewId: string }> }>(
      '{ tasks(overdueOnly: true, first: 150) { kind cycle assigneeId interviewId } }',
    );
    const overdue = tasks.filter((x) => x.kind === 'step' && x.cycle === '2026-Q3');
    expect(overdue.length).toBeGreaterThan(0);
    expect(await page.getByText(`逾期记录（${overdue.length}）`).count()).toBe(1);
    const first = page.getByTestId('overdue-row').first();
    const late = await first.getByTestId('overdue-late').innerText();
    expect(late).toMatch(/\((E|M|HR)\d+\)/);
    expect(late).toMatch(/员工|经理|参与人/);
    await ui.shot(page, 'completion');

    // Hovering a bar shows the figures (an interactive chart, not a picture).
    const box = (await chart.boundingBox())!;
    await page.mouse.move(box.x + box.width * 0.2, box.y + box.height * 0.6);
    await page.mouse.move(box.x + box.width * 0.22, box.y + box.height * 0.6);
    await page.waitForTimeout(300);
    await ui.shot(page, 'completion-tooltip');
  });

  it('changes the reminder policy: a field error is shown on its field, then the API shows the saved policy', async () => {
    await page.getByRole('navigation').getByRole('link', { name: '提醒策略' }).click();
    await page.getByRole('heading', { name: '提醒策略' }).waitFor();
    const form = page.getByTestId('reminder-form');
    await form.getByTestId('policy-dueTimeOfDay').waitFor();
    expect(await form.getByTestId('policy-dueTimeOfDay').inputValue()).toBe('18:00');

    // Checked in the page: not a time.
    await form.getByTestId('policy-dueTimeOfDay').fill('25:00');
    await form.getByTestId('policy-save').click();
    await form.getByText('请使用 24 小时制 HH:mm，例如 09:00').first().waitFor();
    // Checked by the server: a rule repeating another's day and time, shown on that rule.
    await form.getByTestId('policy-dueTimeOfDay').fill('17:30');
    await form.getByTestId('policy-rule-2-offsetDays').fill('-1');
    await form.getByTestId('policy-save').click();
    await form
      .getByTestId('policy-rule-2')
      .getByText(/rules\[2\]/)
      .waitFor();
    await ui.shot(page, 'reminders-error');
    const unchanged = await api<{ reminderPolicy: { dueTimeOfDay: string } }>('{ reminderPolicy }');
    expect(unchanged.reminderPolicy.dueTimeOfDay).toBe('18:00');

    await form.getByTestId('policy-rule-2-offsetDays').fill('2');
    await form.getByTestId('policy-rule-0-at').fill('08:30');
    await form.getByTestId('policy-save').click();
    await page.getByTestId('policy-saved').waitFor();
    const { reminderPolicy } = await api<{ reminderPolicy: { dueTimeOfDay: string; rules: Array<{ offsetDays: number; at?: string }> } }>(
      '{ reminderPolicy }',
    );
    expect(reminderPolicy.dueTimeOfDay).toBe('17:30');
    expect(reminderPolicy.rules.map((r) => `${r.offsetDays}@${r.at ?? ''}`)).toEqual(['-1@08:30', '0@', '2@09:00', '3@09:00']);
    await ui.shot(page, 'reminders-saved');
  });

  it('opens a correction with a reason on a locked record and shows who must re-sign', async () => {
    await page.getByRole('navigation').getByRole('link', { name: '更正' }).click();
    await page.getByRole('heading', { name: '更正', exact: true }).waitFor();
    const lockedRow = page.getByTestId('locked-row').first();
    await lockedRow.waitFor();
    const id = (await lockedRow.getAttribute('data-id'))!;
    await lockedRow.getByTestId(`open-correction-${id}`).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByTestId('correction-submit').click();
    await dialog.getByText('请填写更正原因').waitFor();
    const before = await api<{ interview: { status: string } }>(`{ interview(id: "${id}") { status } }`);
    expect(before.interview.status).toBe('locked');

    const reason = '员工反馈第二项目标的实际完成值录入有误，需更正';
    await dialog.getByTestId('correction-reason').fill(reason);
    await dialog.getByTestId('correction-submit').click();
    await dialog.getByTestId('correction-opened').waitFor();
    const resign = await dialog.getByTestId('re-signers').innerText();
    const { interview } = await api<{
      interview: { status: string; workflow: { pendingActorIds: string[] }; corrections: Array<{ reason: string; openedBy: string }> };
    }>(`{ interview(id: "${id}") { status workflow { pendingActorIds } corrections { reason openedBy } } }`);
    expect(interview.status).toBe('correction');
    expect(interview.corrections.at(-1)).toEqual({ reason, openedBy: 'HR001' });
    expect(interview.workflow.pendingActorIds.length).toBeGreaterThanOrEqual(2);
    for (const person of interview.workflow.pendingActorIds) expect(resign).toContain(`(${person})`);
    await ui.shot(page, 'correction-opened');
    await dialog.getByRole('button', { name: /关\s?闭/ }).click();

    // The record is now listed in correction, with the same people to re-sign.
    const row = page.locator(`[data-testid="correction-row"][data-id="${id}"]`);
    await row.waitFor({ timeout: 10_000 });
    expect(await row.innerText()).toContain(reason);
    for (const person of interview.workflow.pendingActorIds)
      expect(await row.getByTestId('re-signers').innerText()).toContain(`(${person})`);
    await ui.shot(page, 'corrections');
  });

  it('shows support needs across departments by type and status', async () => {
    await page.getByRole('navigation').getByRole('link', { name: '支持需求' }).click();
    await page.getByRole('heading', { name: '支持需求' }).waitFor();
    await page.getByRole('img', { name: '2026-Q3 各部门支持需求（按类型）' }).locator('svg').waitFor();
    expect(await page.getByTestId('needs-by-status').innerText()).toContain('待评估');
    await ui.shot(page, 'support-needs');

    // HR records that an approved need was provided; the API then shows it fulfilled.
    const { supportNeeds } = await api<{ supportNeeds: Array<{ id: string; status: string; cycle: string }> }>(
      '{ supportNeeds(first: 150) { id status cycle } }',
    );
    const approved = supportNeeds.find((n) => n.cycle === '2026-Q3' && (n.status === 'approved' || n.status === 'partly'))!;
    expect(approved).toBeDefined();
    await page.getByTestId(`fulfil-${approved.id}`).click();
    const dialog = page.getByRole('dialog');
    const note = '已安排 12 月 8 日培训，人力资源部统一报名';
    await dialog.getByTestId('fulfil-note').fill(note);
    await dialog.getByTestId('fulfil-submit').click();
    await dialog.waitFor({ state: 'hidden' });
    const after = await api<{ supportNeeds: Array<{ id: string; status: string; fulfilment: { note: string; by: string } | null }> }>(
      '{ supportNeeds(openOnly: false, first: 150) { id status fulfilment } }',
    );
    const done = after.supportNeeds.find((n) => n.id === approved.id)!;
    expect(done.status).toBe('fulfilled');
    expect(done.fulfilment).toMatchObject({ note, by: 'HR001' });
    // Open only: it leaves the list.
    await page.getByTestId(`fulfil-${approved.id}`).waitFor({ state: 'detached', timeout: 10_000 });
  });

  it('draws every dashboard HR may see as a chart', async () => {
    await page.getByRole('navigation').getByRole('link', { name: '看板' }).click();
    await page.getByRole('heading', { name: '看板' }).waitFor();
    for (const name of ['completion', 'progress', 'completionTrend', 'themes', 'sentiment', 'goalPressure', 'supportNeeds'])
      await page.getByTestId(`dash-${name}`).locator('svg').first().waitFor();
    expect(await page.getByTestId('withheld').count()).toBe(0);
    // The radar of an employee HR names.
    await page.getByLabel('员工编号').fill('E1001');
    await page.getByRole('button', { name: '查看雷达' }).click();
    await page.getByTestId('dash-radar').locator('svg').first().waitFor();
    await ui.shot(page, 'dashboards');
  });
});
