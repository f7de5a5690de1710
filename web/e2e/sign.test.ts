/**
 * Signing in the browser with the person's own key (Chromium through playwright-core, against
 * the real server with the demo data, on a data dir of its own): a demo interview is taken to
 * the signing step through the API; the employee and then the manager each generate a key in
 * the browser (我的签名密钥), register it, read what they sign (签字确认) and sign; the API then
 * shows the record locked and refuses an edit with LOCKED, and the signature blocks show signer,
 * time and IP. Also: a lost key revoked (a signature with it answers KEY_REVOKED) and a new one
 * registered, and a key exported as a password-protected file and imported on another "device"
 * (a second browser profile), a wrong password refused. Screenshots: test-output/screenshots/sign-*.png.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { SCREENSHOTS } from './chromium';
import { consoleSuite, type ApiAnswer } from './harness';

interface Target {
  readonly id: string;
  readonly employeeId: string;
  readonly managerId: string;
}

const targets: Target[] = [];
const ui = consoleSuite('sign', {
  prepare: async (suite) => {
    // Demo records at the plan step with no signatures: their managers submit the plan, which opens the signing step.
    const listed = await suite.api(
      'HR001',
      `{ interviews(first: 20, filter: { status: in_progress, step: "improvement_plan" }) { edges { node { id employeeId managerId participantIds } } } }`,
    );
    expect(listed.errors).toBeUndefined();
    for (const { node } of listed.data!.interviews.edges as Array<{ node: Target & { participantIds: string[] } }>) {
      if (targets.length === 2) break;
      if (targets.some((t) => t.employeeId === node.employeeId)) continue;
      const moved = await suite.api(
        node.managerId,
        `mutation ($id: ID!) { submitStep(interviewId: $id, step: "improvement_plan") { workflow { step } } }`,
        {
          id: node.id,
        },
      );
      if (!moved.errors && moved.data!.submitStep.workflow.step === 'signatures') targets.push(node);
    }
    expect(targets).toHaveLength(2);
  },
});

ui.describe('signing in the browser with the person’s own key', () => {
  /** The key the first test made for targets[0]'s employee: IndexedDB must still hold it in later pages. */
  let employeeKid = '';
  const api = (personId: string, query: string, variables: Record<string, unknown> = {}): Promise<ApiAnswer> =>
    ui.api(personId, query, variables);
  const expected = ui.expected;
  const signInAs = (page: Page, personId: string) => ui.signInWithToken(page, personId);

  async function openKeys(page: Page) {
    await page.getByRole('navigation').getByRole('link', { name: '我的签名密钥' }).click();
    await page.getByRole('heading', { name: '我的签名密钥' }).waitFor();
    await page.getByTestId('registered-keys').waitFor();
  }

  /** Generates a key on the keys page (confirming the replacement of an existing one) and waits until the API has it. */
  async function generateKey(page: Page): Promise<string> {
    const before = (await page.getByTestId('device-kid').count()) ? await page.getByTestId('device-kid').innerText() : null;
    await page.getByRole('button', { name: /生成并登记新密钥/ }).click();
    if (before) await page.locator('.ant-modal-confirm-btns .ant-btn-primary').click();
    await page.locator('[data-testid="device-registration"][data-status="active"]').waitFor();
    const kid = await page.getByTestId('device-kid').innerText();
    expect(kid).toMatch(/^ed25519:[0-9a-f]{16}$/);
    expect(kid).not.toBe(before);
    await page.locator(`[data-testid="registered-key"][data-kid="${kid}"][data-status="active"]`).waitFor();
    return kid;
  }

  const keysOf = async (personId: string) =>
    (await api(personId, '{ me { signingKeys { kid status revokeReason } } }')).data!.me.signingKeys as Array<{
      kid: string;
      status: string;
      revokeReason: string | null;
    }>;

  const interviewOf = async (personId: string, id: string) =>
    (
      await api(
        personId,
        `query ($id: ID!) { interview(id: $id) { status version lockedAt signatures { signerId role kid current ip receivedAt contentDigest } } }`,
        { id },
      )
    ).data!.interview as {
      status: string;
      version: number;
      lockedAt: string | null;
      signatures: Array<{
        signerId: string;
        role: string;
        kid: string;
        current: boolean;
        ip: string;
        receivedAt: string;
        contentDigest: string;
      }>;
    };

  /** Opens the signing page, checks what it shows against the API, signs, and waits for the new signature block. */
  async function signOnPage(page: Page, target: Target, role: 'employee' | 'manager', signer: string) {
    await page.goto(`${ui.demo.base}/interviews/${target.id}/sign`);
    await page.getByTestId('content-digest').waitFor();
    expect(await page.getByTestId('sign-role').innerText()).toBe(role === 'employee' ? '员工' : '经理');
    const version = Number(await page.getByTestId('sign-version').innerText());
    const message = (
      await api(
        signer,
        `query ($id: ID!, $v: Int!, $r: SignatureRole!) { signingMessage(interviewId: $id, version: $v, role: $r) { contentDigest content } }`,
        {
          id: target.id,
          v: version,
          r: role,
        },
      )
    ).data!.signingMessage as { contentDigest: string; content: { interviewId: string; version: number } };
    expect(await page.getByTestId('content-digest').innerText()).toBe(message.contentDigest);
    await page.locator('[data-testid="digest-check"][data-match="true"]').waitFor();
    // The canonical JSON on demand: the very object the server's digest covers.
    await page.getByText('查看被摘要的规范 JSON').click();
    const canonical = JSON.parse(await page.getByTestId('canonical-json').innerText()) as Record<string, unknown>;
    expect(canonical).toEqual(message.content);
    expect(await page.getByTestId('signed-content').innerText()).toContain(target.employeeId);
    await ui.shot(page, `${role}-before`);
    await page.getByTestId('sign-button').click();
    await page.locator(`[data-testid="signature-block"][data-signer="${signer}"][data-role="${role}"]`).waitFor();
    return version;
  }

  it('the employee generates a key in the browser, registers it, reads what is signed and signs', async () => {
    const target = targets[0]!;
    const page = await ui.newPage();
    await signInAs(page, target.employeeId);
    await openKeys(page);
    await page.getByTestId('no-device-key').waitFor();
    const kid = await generateKey(page);
    employeeKid = kid;
    expect(await keysOf(target.employeeId)).toContainEqual({ kid, status: 'active', revokeReason: null });
    await ui.shot(page, 'keys-employee');

    const version = await signOnPage(page, target, 'employee', target.employeeId);
    const after = await interviewOf(target.employeeId, target.id);
    expect(after.status).toBe('awaiting_signatures');
    expect(after.version).toBe(version);
    expect(after.signatures.filter((s) => s.current)).toEqual([
      expect.objectContaining({ signerId: target.employeeId, role: 'employee', kid, current: true }),
    ]);
    await ui.shot(page, 'employee-signed');
    await page.close();
  });

  it('the manager does the same; the record locks, an edit is refused with LOCKED, and the blocks show signer, time and IP', async () => {
    const target = targets[0]!;
    const page = await ui.newPage();
    await signInAs(page, target.managerId);
    await openKeys(page);
    const kid = await generateKey(page);
    const version = await signOnPage(page, target, 'manager', target.managerId);
    await page.locator('[data-testid="sign-page"][data-status="locked"]').waitFor();

    const locked = await interviewOf(target.managerId, target.id);
    expect(locked.status).toBe('locked');
    expect(locked.lockedAt).not.toBeNull();
    const current = locked.signatures.filter((s) => s.current);
    expect(current.map((s) => s.role).sort()).toEqual(['employee', 'manager']);
    expect(current.find((s) => s.role === 'manager')!.kid).toBe(kid);
    const edit = await api(
      target.managerId,
      `mutation ($id: ID!, $v: Int!) { editInterviewSection(input: { interviewId: $id, expectedVersion: $v, section: "remarks", content: { text: "补充说明" } }) { version } }`,
      { id: target.id, v: version },
    );
    expect(edit.errors?.[0]?.extensions?.code).toBe('LOCKED');

    // The signature blocks, as the API recorded them: signer (with name), time, IP, key.
    for (const s of current) {
      const block = page.locator(`[data-testid="signature-block"][data-signer="${s.signerId}"][data-role="${s.role}"]`).last();
      expect(await block.getByTestId('signature-signer').innerText()).toContain(s.signerId);
      expect(await block.getByTestId('signature-signer').innerText()).toMatch(/^\S.+ \(/); // a name before the id
      expect(await block.getByTestId('signature-ip').innerText()).toBe(s.ip);
      expect(s.ip).toMatch(/127\.0\.0\.1|::1/);
      expect(await block.getByTestId('signature-kid').innerText()).toBe(s.kid);
      expect(await block.getByTestId('signature-time').innerText()).toMatch(/\d{2}:\d{2}:\d{2}/);
    }
    expect(await page.getByTestId('sign-button').count()).toBe(0);
    await ui.shot(page, 'locked');

    // Phone-sized: the page still fits.
    await page.setViewportSize({ width: 375, height: 740 });
    await page.reload();
    await page.getByTestId('signature-blocks').waitFor();
    const overflow = await page.evaluate<number>('document.documentElement.scrollWidth - document.documentElement.clientWidth');
    if (overflow > 0)
      console.log(
        await page.evaluate<string>(
          `[...document.querySelectorAll('body *')].filter((e) => e.getBoundingClientRect().right > 376).slice(0, 12).map((e) => e.tagName + '.' + e.className + ' ' + Math.round(e.getBoundingClientRect().right) + ' ' + (e.textContent || '').slice(0, 40)).join('\\n')`,
        ),
      );
    expect(overflow).toBeLessThanOrEqual(0);
    await ui.shot(page, 'locked-375px');
    await page.close();
  });

  it('a lost key: revoked, a signature with it is refused (KEY_REVOKED), and a new key registered signs', async () => {
    const target = targets[1]!;
    const page = await ui.newPage();
    await signInAs(page, target.employeeId);
    await openKeys(page);
    const lost = await generateKey(page);
    await page.locator(`[data-testid="registered-key"][data-kid="${lost}"] button`).click();
    await page.getByRole('dialog').getByLabel('吊销原因').fill('手机丢失');
    await page.getByRole('dialog').locator('.ant-btn-primary').click();
    await page.locator(`[data-testid="registered-key"][data-kid="${lost}"][data-status="revoked"]`).waitFor();
    await page.locator('[data-testid="device-registration"][data-status="revoked"]').waitFor();
    expect(await keysOf(target.employeeId)).toContainEqual({ kid: lost, status: 'revoked', revokeReason: '手机丢失' });
    await ui.shot(page, 'keys-revoked');

    // The revoked key still sits on this device: signing with it is refused by the server, and said so.
    await page.goto(`${ui.demo.base}/interviews/${target.id}/sign`);
    await page.locator('[data-testid="digest-check"][data-match="true"]').waitFor();
    expected.push(/Failed to load resource/);
    await page.getByTestId('sign-button').click();
    await page.getByTestId('error-notice').getByText('KEY_REVOKED').waitFor();
    expect(await page.getByTestId('error-notice').innerText()).toContain('错误代码');
    expect((await interviewOf(target.employeeId, target.id)).signatures.filter((s) => s.current)).toEqual([]);
    await ui.shot(page, 'key-revoked-error');

    await openKeys(page);
    const fresh = await generateKey(page);
    expect(fresh).not.toBe(lost);
    const keys = await keysOf(target.employeeId);
    expect(keys).toContainEqual({ kid: lost, status: 'revoked', revokeReason: '手机丢失' });
    expect(keys).toContainEqual({ kid: fresh, status: 'active', revokeReason: null });
    await signOnPage(page, target, 'employee', target.employeeId);
    const signed = (await interviewOf(target.employeeId, target.id)).signatures.filter((s) => s.current);
    expect(signed).toEqual([expect.objectContaining({ signerId: target.employeeId, role: 'employee', kid: fresh })]);
    await page.close();
  });

  it('exports the key as a password-protected file and imports it on another device (a wrong password refused)', async () => {
    const target = targets[0]!;
    const page = await ui.newPage();
    await signInAs(page, target.employeeId);
    await openKeys(page);
    const kid = await page.getByTestId('device-kid').innerText();
    // Kept on the device (IndexedDB) since the first test, in another tab and session.
    expect(kid).toBe(employeeKid);
    await page.getByRole('button', { name: '导出密钥文件' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('密钥文件密码').fill('春眠不觉晓-2026');
    await dialog.getByLabel('再次输入密码').fill('春眠不觉晓-2026');
    const [download] = await Promise.all([page.waitForEvent('download'), dialog.locator('.ant-btn-primary').click()]);
    const path = join(SCREENSHOTS, '..', `sign-key-${target.employeeId}.json`);
    await download.saveAs(path);
    const text = readFileSync(path, 'utf8');
    const file = JSON.parse(text) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
    expect(file).toMatchObject({
      format: 'interview-ledger.signing-key',
      version: 1,
      personId: target.employeeId,
      kid,
      kdf: { name: 'PBKDF2', hash: 'SHA-256' },
      cipher: { name: 'AES-GCM', tagLength: 128 },
    });
    expect(file.kdf.iterations).toBeGreaterThanOrEqual(310_000);
    expect(download.suggestedFilename()).toBe(`signing-key-${target.employeeId}-${kid.slice('ed25519:'.length)}.json`);
    await page.close();

    // Another device: a fresh browser profile, so nothing in IndexedDB.
    const other = await ui.newDevice();
    try {
      const phone = await other.newPage();
      await signInAs(phone, target.employeeId);
      await openKeys(phone);
      await phone.getByTestId('no-device-key').waitFor();
      await phone.getByRole('button', { name: '导入密钥文件' }).click();
      const importing = phone.getByRole('dialog');
      await importing.getByLabel('密钥文件', { exact: true }).setInputFiles(path);
      await importing.getByLabel('密钥文件密码').fill('wrong password');
      await importing.locator('.ant-btn-primary').click();
      await importing.locator('[data-testid="key-error"][data-code="WRONG_PASSWORD"]').waitFor();
      expect(await importing.getByTestId('key-error').innerText()).toContain('密码错误');
      await ui.shot(phone, 'import-wrong-password');
      await importing.getByLabel('密钥文件密码').fill('春眠不觉晓-2026');
      await importing.locator('.ant-btn-primary').click();
      await phone.locator('[data-testid="device-registration"][data-status="active"]').waitFor();
      expect(await phone.getByTestId('device-kid').innerText()).toBe(kid);
      await ui.shot(phone, 'imported');
    } finally {
      await other.close();
    }
  });
});
