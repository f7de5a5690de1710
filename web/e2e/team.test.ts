/**
 * The manager's pages in Chromium against the real demo server (its own, on a fresh data dir):
 * 孙建华 (M102) sees his team's interviews (filtered by cycle on the server), evaluates a support
 * need and sends a record back with a reason — each checked in what the API then answers — and
 * follows up an improvement task; his dashboards show text figures of his small team as withheld.
 * Screenshots: test-output/screenshots/team-*.png.
 */
import type { Page } from 'playwright-core';
import { consoleSuite } from './harness';

const ui = consoleSuite('team');
jest.setTimeout(120_000);

ui.describe('the manager’s pages in Chromium', () => {
  let page: Page;
  const api = <T = Record<string, unknown>>(query: string, variables: Record<string, unknown> = {}) => ui.data<T>('M102', query, variables);

  beforeAll(async () => {
    page = await ui.newPage();
    page.setDefaultTimeout(25_000);
    await ui.signInAsDemo(page, 'M102');
  });

  it('lists the team’s interviews with step, due, overdue in red and pending signatures; filters by cycle', async () => {
    await page.getByRole('navigation').getByRole('link', { name: '团队面谈' }).click();
    await page.getByRole('heading', { name: '团队面谈' }).waitFor();
    await page.locator('[data-testid="team-interview-row"][data-id="IV-2026Q3-E1004"]').waitFor();
    const all = await api<{ interviews: { totalCount: number } }>('{ interviews(filter: { managerId: "M102" }, first: 1) { totalCount } }');
    expect(await page.getByTestId('team-interview-row').count()).toBe(Math.min(all.interviews.totalCount, 20));
    expect(await page.getByTestId('team-count').innerText()).toContain(`共 ${all.interviews.totalCount} 条`);
    // Only the records he is the manager of: not his own interview (his manager's).
    expect(await page.locator('[data-testid="team-interview-row"][data-id="IV-2026Q3-M102"]').count()).toBe(0);

    const awaiting = page.locator('[data-testid="team-interview-row"][data-id="IV-2026Q3-E1004"]');
    expect(await awaiting.getByTestId('team-pending-signatures').innerText()).toContain('孙建华 (M102)');
    const overdue = page.locator('[data-testid="team-interview-row"][data-overdue="true"]').first();
    expect(await overdue.innerText()).toContain('已逾期');
    const color = await page.evaluate<string>(
      `getComputedStyle(document.querySelector('[data-testid="team-interview-row"][data-overdue="true"] [data-testid="team-due"]')).color`,
    );
    expect(color).toMatch(/^rgb\((2[0-9]{2}), ([0-9]{1,2}), ([0-9]{1,2})\)$/);

    // The cycle filter goes to the server: the rows are exactly what interviews(filter: { cycle }) answers.
    await page.getByTestId('team-filter-cycle').click();
    await page.locator('.ant-select-item-option[title="2026-Q3"]').click();
    await page.waitForURL(/cycle=2026-Q3/);
    const q3 = await api<{ interviews: { totalCount: number; edges: Array<{ node: { id: string } }> } }>(
      '{ interviews(filter: { managerId: "M102", cycle: "2026-Q3" }, first: 100) { totalCount edges { node { id } } } }',
    );
    const rows = page.getByTestId('team-interview-row');
    for (let i = 0; i < 50 && (await rows.count()) !== Math.min(q3.interviews.totalCount, 20); i++) await page.waitForTimeout(200);
    const ids: string[] = [];
    for (let i = 0; i < (await rows.count()); i++) ids.push((await rows.nth(i).getAttribute('data-id'))!);
    expect(ids.sort()).toEqual(q3.interviews.edges.map((e) => e.node.id).sort());
    await ui.shot(page, 'interviews');
  });

  it('evaluates a support need from the team page; the API then shows it evaluated', async () => {
    const row = page.locator('[data-testid="team-interview-row"][data-id="IV-2026Q3-E1003"]');
    await row.getByRole('button', { name: '支持需求' }).click();
    const drawer = page.getByTestId('needs-drawer');
    const card = drawer.locator('[data-testid="need-card"][data-need="S2"]');
    await card.waitFor();
    expect(await card.getAttribute('data-status')).toBe('pending');
    const form = card.getByTestId('need-form-S2');
    // The reason is required: nothing is sent without it.
    await form.getByRole('radio', { name: '部分同意' }).check();
    await form.getByTestId('need-submit-S2').click();
    await form.getByText('请填写说明').waitFor();
    const reason = '同意参加叉车复审，行车复审下季度再安排';
    await form.getByRole('textbox').fill(reason);
    await ui.shot(page, 'needs-drawer');
    await form.getByTestId('need-submit-S2').click();
    await drawer.locator('[data-testid="need-card"][data-need="S2"][data-status="partly"]').waitFor();
    expect(await drawer.locator('[data-need="S2"]').getByTestId('need-evaluation').innerText()).toContain(reason);

    const { supportNeeds } = await api<{
      supportNeeds: Array<{ id: string; status: string; evaluation: { decision: string; reason: string; by: string } }>;
    }>('{ supportNeeds(openOnly: false, first: 200) { id status evaluation } }');
    const need = supportNeeds.find((n) => n.id === 'IV-2026Q3-E1003:S2')!;
    expect(need.status).toBe('partly');
    expect(need.evaluation).toMatchObject({ decision: 'partly', reason, by: 'M102' });
    await ui.shot(page, 'needs-evaluated');
    await page.locator('.ant-drawer-close').click();
    await drawer.waitFor({ state: 'hidden' });
  });

  it('sends a record back with a reason (required); the API shows the step moved back', async () => {
    const id = 'IV-2026Q3-E1002';
    const before = await api<{ interview: { workflow: { step: string } } }>(`{ interview(id: "${id}") { workflow { step } } }`);
    expect(before.interview.workflow.step).toBe('meeting_review');
    await page.locator(`[data-testid="team-interview-row"][data-id="${id}"]`).getByRole('button', { name: '退回修改' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByText('退回到').waitFor();
    await dialog.getByTestId('return-submit').click();
    await dialog.getByText('请填写退回原因').waitFor();
    const still = await api<{ interview: { workflow: { step: string } } }>(`{ interview(id: "${id}") { workflow { step } } }`);
    expect(still.interview.workflow.step).toBe('meeting_review');

    const reason = '自评缺少本季度产量与合格率的具体数据，请补充后重新提交';
    await dialog.getByTestId('return-reason').fill(reason);
    await ui.shot(page, 'return-dialog');
    await dialog.getByTestId('return-submit').click();
    await dialog.getByTestId('return-done').waitFor();
    expect(await dialog.getByTestId('return-done').innerText()).toContain('员工自评');

    const after = await api<{
      interview: {
        workflow: {
          step: string;
          pendingActorIds: string[];
          history: Array<{ from: string; to: string; reason: string | null; by: string }>;
        };
      };
    }>(`{ interview(id: "${id}") { workflow { step pendingActorIds history { from to reason by } } } }`);
    expect(after.interview.workflow.step).toBe('self_assessment');
    expect(after.interview.workflow.history.at(-1)).toEqual({ from: 'meeting_review', to: 'self_assessment', reason, by: 'M102' });
    await dialog.getByRole('button', { name: /关\s?闭/ }).click();
    // Live: the list shows the new step without a reload.
    await page.locator(`[data-testid="team-interview-row"][data-id="${id}"]`).getByText('员工自评').waitFor({ timeout: 10_000 });
    await ui.shot(page, 'returned');
  });

  it('follows up the team’s improvement tasks: owner, deadline, overdue, progress', async () => {
    await page.getByRole('navigation').getByRole('link', { name: '改进任务' }).click();
    await page.getByRole('heading', { name: '改进任务' }).waitFor();
    await page.getByTestId('team-task-row').first().waitFor();
    const { tasks } = await api<{ tasks: Array<{ id: string; kind: string; interviewId: string; subject: string; overdue: boolean }> }>(
      '{ tasks(first: 100) { id kind interviewId subject overdue } }',
    );
    const improvement = tasks.filter((x) => x.kind === 'improvement');
    expect(await page.getByTestId('team-task-row').count()).toBe(Math.min(improvement.length, 20));
    expect(await page.locator('[data-testid="team-task-row"][data-overdue="true"]').count()).toBe(
      Math.min(improvement.filter((x) => x.overdue).length, 20),
    );
    const target = improvement.find((x) => !x.overdue) ?? improvement[0]!;
    const row = page.locator(`[data-testid="team-task-row"][data-id="${target.id}"]`);
    await row.getByRole('button', { name: '更新进度' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('spinbutton').fill('55');
    await dialog.getByRole('textbox').fill('已完成前两周的点检记录');
    await dialog.getByRole('button', { name: /保\s?存/ }).click();
    await dialog.waitFor({ state: 'hidden' });
    await row.getByText('55%').waitFor({ timeout: 10_000 });
    const { interview } = await api<{ interview: { improvementTasks: Array<{ taskId: string; progress: number }> } }>(
      `{ interview(id: "${target.interviewId}") { improvementTasks { taskId progress } } }`,
    );
    expect(interview.improvementTasks.find((x) => x.taskId === target.subject)!.progress).toBe(55);
    await ui.shot(page, 'tasks');
  });

  it('shows the team’s dashboards, text figures of a small team as withheld (not zero)', async () => {
    await page.getByRole('navigation').getByRole('link', { name: '看板' }).click();
    await page.getByRole('heading', { name: '看板' }).waitFor();
    await page.getByTestId('dash-completion').locator('svg').first().waitFor();
    const { dashboard } = await api<{ dashboard: { themes: { data: { withheld: boolean } } } }>('{ dashboard { themes { data } } }');
    expect(dashboard.themes.data.withheld).toBe(true);
    await page.getByTestId('dash-themes').getByTestId('withheld').waitFor();
    expect(await page.getByTestId('dash-themes').innerText()).toContain('样本不足');
    await ui.shot(page, 'dashboards');
  });
});
