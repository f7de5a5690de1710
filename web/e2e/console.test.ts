/**
 * The web console in a real browser (Debian's Chromium through playwright-core) against the
 * real server with the demo data: demo sign-in, 我的待办 with the employee's pending work, the
 * English switch, a phone-sized screen, every page of the menu, and the cache headers of the
 * bundle. Screenshots go to test-output/screenshots/ (not committed).
 */
import { consoleSuite } from './harness';

const ui = consoleSuite('console');

ui.describe('the web console in Chromium', () => {
  it('signs in a demo employee, shows 我的待办 with his pending work, and switches to English', async () => {
    const page = await ui.newPage();
    await page.goto(`${ui.demo.base}/`);
    await page.getByText('演示模式：选择一位演示人员登录').waitFor();
    await expect(page.getByTestId('demo-person-E1001').innerText()).resolves.toContain('王建国');
    await ui.shot(page, 'sign-in');

    await page.getByTestId('demo-person-E1001').getByRole('button').click();
    await page.getByRole('heading', { name: '我的待办' }).waitFor();
    await page.getByTestId('todo-item').first().waitFor();
    expect(page.url()).toBe(`${ui.demo.base}/todo`);
    expect(await page.getByTestId('viewer').innerText()).toContain('王建国');
    expect(await page.getByTestId('todo-item').count()).toBeGreaterThanOrEqual(1);
    // The demo's work is overdue by now: shown in red, with the tag.
    const overdue = page.locator('[data-testid="todo-item"][data-overdue="true"]');
    expect(await overdue.count()).toBeGreaterThanOrEqual(1);
    expect(await overdue.first().innerText()).toContain('已逾期');
    const color = await page.evaluate<string>(
      `getComputedStyle(document.querySelector('[data-testid="todo-item"][data-overdue="true"] [data-testid="todo-due"]')).color`,
    );
    expect(color).toMatch(/^rgb\((2[0-9]{2}), ([0-9]{1,2}), ([0-9]{1,2})\)$/); // antd's error red
    expect(await page.evaluate<number>('sessionStorage.length')).toBe(1);
    await ui.shot(page, 'todo-zh');

    await page.getByRole('button', { name: '切换语言' }).click();
    await page.getByRole('heading', { name: 'My to-dos' }).waitFor();
    expect(await page.getByRole('navigation').innerText()).toContain('My interviews');
    expect(await page.getByRole('button', { name: 'Sign out' }).count()).toBe(1);
    expect(await overdue.first().innerText()).toContain('Overdue');
    await ui.shot(page, 'todo-en');

    // The choice survives a reload; the session too (sessionStorage).
    await page.reload();
    await page.getByRole('heading', { name: 'My to-dos' }).waitFor();
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByText('Demo: sign in as one of the demo people').waitFor();
    expect(await page.evaluate<number>('sessionStorage.length')).toBe(0);
    await page.getByRole('button', { name: 'Switch language' }).click();
    await page.close();
  });

  it('updates 我的待办 live when a task changes (graphql-ws)', async () => {
    const page = await ui.newPage();
    await ui.signInAsDemo(page, 'E1001');
    await page.getByTestId('todo-item').first().waitFor();
    const session = JSON.parse((await page.evaluate<string | null>("sessionStorage.getItem('interview-ledger.session')"))!) as {
      token: string;
    };
    const api = async (query: string) => {
      const response = await fetch(`${ui.demo.base}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${session.token}` },
        body: JSON.stringify({ query }),
      });
      return (await response.json()) as { data?: Record<string, unknown>; errors?: unknown[] };
    };
    const { data } = await api('{ myTasks { kind interviewId subject progress } }');
    const tasks = (data!.myTasks as Array<{ kind: string; interviewId: string; subject: string; progress: number | null }>).filter(
      (t) => t.kind !== 'step',
    );
    expect(tasks.length).toBeGreaterThanOrEqual(1);
    const target = tasks[0]!;
    const next = target.progress === 95 ? 96 : 95;
    expect(await page.getByText(`${next}%`).count()).toBe(0);
    const answer = await api(
      `mutation { reportTaskProgress(interviewId: "${target.interviewId}", taskId: "${target.subject}", progress: ${next}) { version } }`,
    );
    expect(answer.errors).toBeUndefined();
    // No reload: the subscription says the interview changed and the list is fetched again.
    await page.getByText(`${next}%`).waitFor({ timeout: 10_000 });
    await ui.shot(page, 'todo-live-update');
    await page.getByRole('button', { name: '退出登录' }).click();
    await page.close();
  });

  it('fits 我的待办 on a 375 px phone screen', async () => {
    const page = await ui.newPage();
    await page.setViewportSize({ width: 375, height: 740 });
    await ui.signInAsDemo(page, 'E1001');
    await page.getByTestId('todo-item').first().waitFor();
    const overflow = await page.evaluate<number>('document.documentElement.scrollWidth - document.documentElement.clientWidth');
    expect(overflow).toBeLessThanOrEqual(0);
    await ui.shot(page, 'todo-375px');
    await page.getByRole('button', { name: '菜单' }).click();
    await page.getByRole('link', { name: '我的面谈' }).click();
    await page.getByRole('heading', { name: '我的面谈' }).waitFor();
    await ui.shot(page, 'my-interviews-375px');
    await page.getByRole('button', { name: '退出登录' }).click();
    await page.close();
  });

  it('opens every page of the menu (as the administrator, who sees them all)', async () => {
    const page = await ui.newPage();
    await ui.signInAsDemo(page, 'AD001');
    const links = page.getByRole('navigation').getByRole('link');
    const count = await links.count();
    expect(count).toBe(14);
    for (let i = 0; i < count; i++) {
      const link = links.nth(i);
      const name = (await link.innerText()).trim();
      await link.click();
      await page.getByRole('heading', { name, exact: true }).first().waitFor();
      const path = new URL(page.url()).pathname;
      await ui.shot(page, `page${path.replace(/\//g, '-')}`);
    }
    await page.getByRole('button', { name: '退出登录' }).click();
    await page.close();
  });

  it('opens every page in English on a 375 px screen: English headings and menu, nothing wider than the screen', async () => {
    const page = await ui.newPage();
    await page.setViewportSize({ width: 375, height: 740 });
    await ui.signInAsDemo(page, 'AD001');
    await page.getByRole('button', { name: '切换语言' }).click();
    await page.getByRole('heading', { name: 'My to-dos' }).waitFor();
    const CJK = /[\u3400-\u9fff]/;
    await page.getByRole('button', { name: 'Menu' }).click();
    const links = page.getByRole('dialog').getByRole('link');
    const count = await links.count();
    expect(count).toBe(14);
    const names: string[] = [];
    const wider: Array<{ path: string; overflow: number; wide: string[] }> = [];
    for (let i = 0; i < count; i++) names.push((await links.nth(i).innerText()).trim());
    // The menu itself is English: no label left in Chinese.
    expect(names.filter((n) => CJK.test(n))).toEqual([]);
    await page.keyboard.press('Escape');
    for (const name of names) {
      await page.getByRole('button', { name: 'Menu' }).click();
      await page.getByRole('dialog').getByRole('link', { name, exact: true }).click();
      const heading = page.getByRole('heading', { name, exact: true }).first();
      await heading.waitFor();
      await page.getByRole('dialog').waitFor({ state: 'hidden' });
      // Let the page's queries answer and render before measuring it.
      await page.waitForLoadState('networkidle');
      // A transition (the drawer closing, a click's wave, a card leaving its loading state) may
      // stick out for a moment: what counts is what stays once the page is still.
      let overflow = await page.evaluate<number>('document.documentElement.scrollWidth - document.documentElement.clientWidth');
      for (let tries = 0; overflow > 0 && tries < 15; tries++) {
        await page.waitForTimeout(200);
        overflow = await page.evaluate<number>('document.documentElement.scrollWidth - document.documentElement.clientWidth');
      }
      const path = new URL(page.url()).pathname;
      await ui.shot(page, `en-375px${path.replace(/\//g, '-')}`);
      if (overflow > 0) {
        // What sticks out, for the failure message.
        const wide = await page.evaluate<string[]>(
          `(() => { const w = document.documentElement.clientWidth; const out = [...document.querySelectorAll('body *')].filter((e) => e.getBoundingClientRect().right + (parseFloat(getComputedStyle(e).marginRight) || 0) > w + 1 && !e.closest('.ant-table-content')); return out.filter((e) => !out.some((o) => o !== e && e.contains(o))).slice(0, 5).map((e) => e.tagName + '.' + e.className + ' (' + Math.round(e.getBoundingClientRect().right - w) + ' px): ' + (e.textContent || '').slice(0, 40)); })()`,
        );
        wider.push({ path, overflow, wide });
      }
    }
    expect(wider).toEqual([]);
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('button', { name: 'Switch language' }).click();
    await page.close();
  });

  it('loads the bundle with immutable cache headers and index.html with no-cache', async () => {
    const page = await ui.newPage();
    const assets: Array<{ url: string; cache: string | undefined; type: string | undefined }> = [];
    page.on('response', (response) => {
      if (new URL(response.url()).pathname.startsWith('/assets/'))
        assets.push({ url: response.url(), cache: response.headers()['cache-control'], type: response.headers()['content-type'] });
    });
    const index = await page.goto(`${ui.demo.base}/todo`);
    expect(index!.status()).toBe(200);
    expect(index!.headers()['cache-control']).toBe('no-cache');
    expect(index!.headers()['content-security-policy']).toContain("default-src 'self'");
    await page.getByTestId('demo-people').waitFor();
    expect(assets.length).toBeGreaterThanOrEqual(2);
    for (const asset of assets)
      expect(asset).toEqual({
        url: asset.url,
        cache: 'public, max-age=31536000, immutable',
        type: expect.stringMatching(/^(text\/javascript|text\/css)/),
      });
    await page.close();
  });
});
