/**
 * The auditor's pages in Chromium against the real demo server: the auditor (董宁, AU001) opens
 * a locked demo interview's history and a diff between two versions, exports its evidence
 * bundle (the download captured), and verifies it on 离线验证 with zero requests from the drop
 * to the verdict; a copy with one byte of an event signature changed fails there with
 * EVENT_BAD_SIGNATURE named; the standalone verify.html, copied to a temporary folder and opened
 * from file://, verifies the same bundle (and the tampered one fails). Screenshots in
 * test-output/screenshots/audit-*.png.
 */
import { createHash } from 'node:crypto';
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Page, Request } from 'playwright-core';
import { verifyBundle } from '../../src/evidence/verify-bundle';
import { consoleSuite } from './harness';

const ui = consoleSuite('audit', {
  prepare: async (suite) => {
    const { interviews } = await suite.data(
      'AU001',
      '{ interviews(filter: { status: locked }, first: 5) { edges { node { id version } } } }',
    );
    const locked = (interviews.edges as Array<{ node: { id: string; version: number } }>).find((e) => e.node.version >= 2);
    expect(locked).toBeDefined();
    interviewId = locked!.node.id;
  },
});
const ROOT = join(__dirname, '..', '..');
let interviewId: string;

ui.describe('the auditor pages in Chromium', () => {
  const work = mkdtempSync(join(tmpdir(), 'audit-e2e-'));
  const bundlePath = join(work, 'bundle.json');
  const tamperedPath = join(work, 'bundle-tampered.json');
  const api = (query: string, variables: Record<string, unknown> = {}) => ui.api('AU001', query, variables);

  const signIn = (page: Page) => ui.signInAsDemo(page, 'AU001');

  /** Drops `file` on the verifier and waits for the verdict, counting every request the page makes meanwhile. */
  async function verifyIn(page: Page, file: string): Promise<{ ok: string | null; requests: string[] }> {
    const requests: string[] = [];
    const listener = (request: Request) => requests.push(request.url());
    page.on('request', listener);
    await page.getByTestId('verify-file').setInputFiles(file);
    const verdict = page.getByTestId('verify-verdict');
    await verdict.waitFor();
    const ok = await verdict.getAttribute('data-ok');
    // The iframe of a valid bundle's rendering (srcdoc) is part of the verdict too.
    if (ok === 'true') await page.getByTestId('verify-rendering').waitFor();
    page.off('request', listener);
    return { ok, requests };
  }

  it('opens a locked interview: the history timeline and a diff between two versions', async () => {
    const page = await ui.newPage();
    await signIn(page);
    await page.getByRole('link', { name: '审计', exact: true }).click();
    await page.getByRole('heading', { name: '审计' }).waitFor();
    await page.getByTestId('audit-id').fill(interviewId);
    await page
      .getByRole('button', { name: '打 开' })
      .or(page.getByRole('button', { name: '打开' }))
      .click();
    await page.getByTestId('history-row').first().waitFor();
    const { data } = await api('query ($id: ID!) { interviewHistory(id: $id) { eventType eventHash ip } }', { id: interviewId });
    const history = data.interviewHistory as Array<{ eventType: string; eventHash: string; ip: string }>;
    expect(await page.getByTestId('history-row').count()).toBe(history.length);
    const timeline = await page.getByTestId('audit-timeline').innerText();
    for (const entry of history) expect(timeline).toContain(entry.eventHash);
    expect(timeline).toContain('InterviewLocked');
    expect(await page.getByTestId('audit-record').innerText()).toContain('已锁定');
    await ui.shot(page, 'timeline');

    await page.getByRole('tab', { name: '版本对比' }).click();
    await page.getByTestId('compare-run').click();
    await page.getByTestId('compare-changes').waitFor();
    const versions = [
      ...new Set(
        (await api('query ($id: ID!) { interviewHistory(id: $id) { version } }', { id: interviewId })).data.interviewHistory.map(
          (h: { version: number }) => h.version,
        ),
      ),
    ] as number[];
    const compared = await api(
      'query ($id: ID!, $a: Int!, $b: Int!) { compareInterviewVersions(id: $id, fromVersion: $a, toVersion: $b) { changes { path } } }',
      { id: interviewId, a: Math.min(...versions), b: Math.max(...versions) },
    );
    const paths = (compared.data.compareInterviewVersions.changes as Array<{ path: string }>).map((c) => c.path);
    expect(paths.length).toBeGreaterThan(0);
    expect(await page.getByTestId('change').count()).toBe(paths.length);
    expect(await page.getByTestId('compare-changes').innerText()).toContain(paths[0]!);
    await ui.shot(page, 'compare');

    await page.getByRole('tab', { name: '历史版本' }).click();
    await page.getByTestId('at-version').fill('1');
    await page.getByTestId('at-run').click();
    await page.getByTestId('at-result').waitFor();
    expect(await page.getByTestId('at-result').innerText()).toContain('1');
    await page.getByRole('tab', { name: '各周期对照' }).click();
    await page.getByTestId('cycle').first().waitFor();
    await ui.shot(page, 'cycles');
    await page.close();
  });

  it('exports the bundle as a download, and the file is the sealed bundle the server verifies', async () => {
    const page = await ui.newPage();
    await signIn(page);
    await page.goto(`${ui.demo.base}/audit?id=${encodeURIComponent(interviewId)}`);
    await page.getByRole('link', { name: '导出此面谈的证据包' }).click();
    await page.getByRole('heading', { name: '证据导出' }).waitFor();
    expect(await page.getByTestId('evidence-interview').inputValue()).toBe(interviewId);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('evidence-export').click()]);
    await download.saveAs(bundlePath);
    await page.getByTestId('evidence-done').waitFor();
    const bytes = readFileSync(bundlePath);
    expect(download.suggestedFilename()).toMatch(/\.json$/);
    expect(await page.getByTestId('evidence-done').innerText()).toContain(createHash('sha256').update(bytes).digest('hex'));
    const report = verifyBundle(new Uint8Array(bytes));
    expect(report.failures).toEqual([]);
    expect(report.subject).toEqual({ kind: 'interview', interviewId });
    await ui.shot(page, 'evidence');

    // The tampered copy: one base64 digit of the interview's first event's ledger signature changed, nothing else.
    const text = bytes.toString('utf8');
    const events = (JSON.parse(text) as { events: Array<{ stream: string; sig: string }> }).events;
    const sig = events.find((e) => e.stream.startsWith('interview'))!.sig;
    const at = 10;
    const changed = sig.slice(0, at) + (sig[at] === 'A' ? 'B' : 'A') + sig.slice(at + 1);
    expect(text.split(sig).length).toBe(2);
    writeFileSync(tamperedPath, text.replace(sig, changed));
    const tampered = verifyBundle(new Uint8Array(readFileSync(tamperedPath)));
    expect(tampered.failures.map((f) => f.code)).toContain('EVENT_BAD_SIGNATURE');
    await page.close();
  });

  it('verifies the bundle in /audit/verify with no request from the drop to the verdict; the tampered copy fails with its code', async () => {
    const page = await ui.newPage();
    await signIn(page);
    await page.getByRole('link', { name: '离线验证' }).click();
    await page.getByRole('heading', { name: '离线验证' }).waitFor();
    await page.waitForLoadState('networkidle');

    const valid = await verifyIn(page, bundlePath);
    expect(valid).toEqual({ ok: 'true', requests: [] });
    expect(await page.getByTestId('verify-verdict').getAttribute('data-requests')).toBe('0');
    expect(await page.getByTestId('verify-verdict').innerText()).toContain('验证通过');
    // Unpinned: the bundle's own key, said so.
    expect(await page.getByTestId('verify-failure').count()).toBe(0);
    expect(await page.getByText('未固定').count()).toBeGreaterThanOrEqual(1);
    const rendered = page.frameLocator('[data-testid="verify-rendering"]');
    await rendered.locator('body').waitFor();
    expect((await rendered.locator('body').innerText()).length).toBeGreaterThan(50);
    expect(await page.getByTestId('verify-rendering').getAttribute('sandbox')).toBe('');
    await ui.shot(page, 'verify-valid');

    const bad = await verifyIn(page, tamperedPath);
    expect(bad).toEqual({ ok: 'false', requests: [] });
    const row = page.locator('[data-testid="verify-failure"][data-code="EVENT_BAD_SIGNATURE"]');
    expect(await row.count()).toBeGreaterThanOrEqual(1);
    const shown = await row.first().innerText();
    expect(shown).toContain('EVENT_BAD_SIGNATURE');
    expect(shown).toContain('事件的账本签名无效');
    expect(shown).toContain('事件：单个账本事件的签名与哈希链');
    expect(shown).toMatch(/event interview/);
    expect(await page.getByTestId('verify-rendering').count()).toBe(0);
    await ui.shot(page, 'verify-tampered');
    page.setDefaultTimeout(15_000);

    // Pinning the wrong key makes the valid bundle fail (the seal's key is not trusted); the right one pins it.
    await page.getByTestId('verify-keys').fill('ebVWLo/mVPlAeLES6KmLp5AfhTrmlb7X4OORC60ElmQ=');
    const pinnedWrong = await verifyIn(page, bundlePath);
    expect(pinnedWrong.ok).toBe('false');
    expect(await page.locator('[data-testid="verify-failure"][data-code="SEAL_UNKNOWN_KEY"]').count()).toBe(1);
    const key = (JSON.parse(readFileSync(bundlePath, 'utf8')) as { ledgerKeys: Array<{ publicKey: string }> }).ledgerKeys.map(
      (k) => k.publicKey,
    );
    await page.getByTestId('verify-keys').fill(key.join('\n'));
    await page.getByTestId('verify-verdict').and(page.locator('[data-ok="true"]')).waitFor();
    expect(await page.getByText('已固定').count()).toBeGreaterThanOrEqual(1);

    // 保存离线验证页 downloads the standalone file the server serves.
    const [saved] = await Promise.all([page.waitForEvent('download'), page.getByTestId('verify-save').click()]);
    const savedPath = join(work, 'saved-verify.html');
    await saved.saveAs(savedPath);
    expect(readFileSync(savedPath)).toEqual(readFileSync(join(ROOT, 'dist', 'web', 'verify.html')));
    await page.close();
  }, 150_000);

  it('serves /verify.html with a CSP that allows only its inline script and no connection', async () => {
    const page = await ui.newPage();
    const response = await page.goto(`${ui.demo.base}/verify.html`);
    const csp = response!.headers()['content-security-policy']!;
    expect(csp).toMatch(/script-src 'sha256-[A-Za-z0-9+/]+=*'/);
    expect(csp).toContain("connect-src 'none'");
    await page.getByRole('heading', { name: '证据包离线验证' }).waitFor();
    const valid = await verifyIn(page, bundlePath);
    expect(valid).toEqual({ ok: 'true', requests: [] });
    await page.close();
  });

  it('verifies the same bundle in the standalone verify.html opened from file://', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'offline-verifier-'));
    const file = join(folder, 'verify.html');
    copyFileSync(join(ROOT, 'dist', 'web', 'verify.html'), file);
    const html = readFileSync(file, 'utf8');
    expect(html).not.toMatch(/<script[^>]+src=/);
    expect(html).not.toMatch(/<link[^>]+href=/);
    const page = await ui.newPage();
    const all: string[] = [];
    page.on('request', (request) => all.push(request.url()));
    await page.goto(pathToFileURL(file).href);
    await page.getByRole('heading', { name: '证据包离线验证' }).waitFor();
    // The page itself is the only thing loaded: no script, style or font from anywhere.
    expect(all).toEqual([pathToFileURL(file).href]);

    const valid = await verifyIn(page, bundlePath);
    expect(valid).toEqual({ ok: 'true', requests: [] });
    await page.frameLocator('[data-testid="verify-rendering"]').locator('body').waitFor();
    await ui.shot(page, 'standalone-file-valid');
    const bad = await verifyIn(page, tamperedPath);
    expect(bad).toEqual({ ok: 'false', requests: [] });
    expect(await page.locator('[data-testid="verify-failure"][data-code="EVENT_BAD_SIGNATURE"]').count()).toBeGreaterThanOrEqual(1);
    await page.getByRole('button', { name: '切换语言' }).click();
    await page.getByText("The event's ledger signature does not verify").first().waitFor();
    await ui.shot(page, 'standalone-file-tampered-en');
    expect(all).toEqual([pathToFileURL(file).href]);
    await page.close();
  });
});
