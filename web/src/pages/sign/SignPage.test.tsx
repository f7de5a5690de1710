import '../../sign/test-realm';
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { App } from 'antd';
import type { DocumentNode } from 'graphql';
import { MemoryRouter, Route, Routes } from 'react-router';
import { Provider, type Client } from 'urql';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fromValue, never } from 'wonka';
import { verifyInterviewSignature } from '../../../../src/client/signer';
import { toBase64 } from '../../../../src/crypto/portable/base64';
import { contentDigestOf, signingMessage, type SignedContent } from '../../../../src/domain/interview/signing';
import { I18nProvider } from '../../i18n';
import { deviceKeyFromSeed, memoryKeyStorage, setDeviceKeyStorage } from '../../sign/keystore';
import { SignPage } from './SignPage';

const content: SignedContent = {
  interviewId: 'IV-1',
  version: 7,
  templateId: 'production-staff',
  basic: {
    employeeId: 'E1001',
    managerId: 'M102',
    participantIds: [],
    department: '生产部',
    position: '操作工',
    cycle: '2026-Q3',
    scheduledAt: '2026-09-01T02:00:00.000Z',
    location: '二号车间会议室',
  },
  sections: { remarks: { text: '按时完成本季度目标，继续保持。' } },
};
const digest = contentDigestOf(content);
const key = deviceKeyFromSeed('E1001', new Uint8Array(32).fill(9), 'tweetnacl', '2026-11-01T00:00:00.000Z');

const interview = {
  id: 'IV-1',
  status: 'in_progress',
  version: 7,
  cycle: '2026-Q3',
  employeeId: 'E1001',
  managerId: 'M102',
  participantIds: [],
  requiredSignatures: ['employee', 'manager'],
  lockedAt: null,
  employee: { id: 'E1001', name: '王建国' },
  manager: { id: 'M102', name: '孙建华' },
  template: {
    id: 'production-staff',
    name: '生产员工',
    nameEn: 'Production staff',
    sections: [
      { key: 'remarks', label: '备注与补充说明', labelEn: 'Remarks', fields: [{ key: 'text', label: '备注', labelEn: 'Remarks' }] },
    ],
  },
  flow: { id: 'production-line', steps: [{ key: 'signatures', signing: true }] },
  workflow: { step: 'signatures', label: '双方签字确认', labelEn: 'Signatures', pendingActorIds: ['E1001', 'M102'] },
  signatures: [],
};

const nameOf = (query: DocumentNode) => {
  const def = query.definitions[0];
  return def && 'name' in def ? def.name?.value : undefined;
};

function client(serverDigest: string, onMutation: (variables: Record<string, unknown>) => void) {
  const message = toBase64(signingMessage({ interviewId: 'IV-1', version: 7, contentDigest: digest, role: 'employee', signerId: 'E1001' }));
  const answers: Record<string, unknown> = {
    InterviewToSign: { interview },
    SigningMessageToSign: {
      signingMessage: {
        interviewId: 'IV-1',
        version: 7,
        role: 'employee',
        signerId: 'E1001',
        payloadType: 'application/vnd.interview-ledger.signature+json;v=1',
        contentDigest: serverDigest,
        content,
        message,
        current: true,
      },
    },
    MySigningKeys: {
      me: {
        id: 'E1001',
        name: '王建国',
        signingKeys: [
          { kid: key.kid, publicKey: key.publicKey, status: 'active', registeredAt: key.createdAt, revokedAt: null, revokeReason: null },
        ],
      },
    },
  };
  return {
    executeQuery: ({ query }: { query: DocumentNode }) => fromValue({ data: answers[nameOf(query)!], stale: false, hasNext: false }),
    executeSubscription: () => never,
    executeMutation: ({ variables }: { variables: Record<string, unknown> }) => {
      onMutation(variables);
      return fromValue({
        data: { signInterview: { ...interview, status: 'awaiting_signatures', signatures: [] } },
        stale: false,
        hasNext: false,
      });
    },
  } as unknown as Client;
}

const renderPage = (c: Client) =>
  render(
    <I18nProvider initial="zh-CN">
      <App>
        <Provider value={c}>
          <MemoryRouter initialEntries={['/interviews/IV-1/sign']}>
            <Routes>
              <Route path="/interviews/:id/sign" element={<SignPage viewerId="E1001" />} />
            </Routes>
          </MemoryRouter>
        </Provider>
      </App>
    </I18nProvider>,
  );

describe('签字确认', () => {
  afterEach(() => setDeviceKeyStorage(null));

  it('shows what is signed with its digest recomputed here, and signs with the device key through signer.ts', async () => {
    const storage = memoryKeyStorage();
    await storage.put(key);
    setDeviceKeyStorage(storage);
    const sent = vi.fn();
    renderPage(client(digest, sent));
    expect(await screen.findByText('按时完成本季度目标，继续保持。')).toBeTruthy();
    expect(screen.getByText('二号车间会议室')).toBeTruthy();
    expect(screen.getByTestId('content-digest').textContent).toBe(digest);
    expect(screen.getByTestId('digest-check').getAttribute('data-match')).toBe('true');
    expect(screen.getByTestId('sign-role').textContent).toBe('员工');
    const button = await screen.findByTestId('sign-button');
    await waitFor(() => expect(button.hasAttribute('disabled')).toBe(false));
    fireEvent.click(button);
    await waitFor(() => expect(sent).toHaveBeenCalledTimes(1));
    const input = (
      sent.mock.calls[0]![0] as { input: { interviewId: string; version: number; role: string; kid: string; signature: string } }
    ).input;
    expect(input).toMatchObject({ interviewId: 'IV-1', version: 7, role: 'employee', kid: key.kid });
    const claim = { interviewId: 'IV-1', version: 7, contentDigest: digest, role: 'employee', signerId: 'E1001' };
    expect(verifyInterviewSignature(claim, input.signature, key.publicKey)).toBe(true);
  });

  it('refuses to sign when the server’s digest is not the one of the content shown', async () => {
    const storage = memoryKeyStorage();
    await storage.put(key);
    setDeviceKeyStorage(storage);
    const sent = vi.fn();
    renderPage(client('0'.repeat(64), sent));
    await screen.findByTestId('content-digest');
    expect(screen.getByTestId('digest-check').getAttribute('data-match')).toBe('false');
    expect(screen.getByTestId('sign-button').hasAttribute('disabled')).toBe(true);
    expect(sent).not.toHaveBeenCalled();
  });

  it('says so when this device holds no key', async () => {
    setDeviceKeyStorage(memoryKeyStorage());
    renderPage(client(digest, vi.fn()));
    expect(await screen.findByText('本设备上没有您的签名密钥。')).toBeTruthy();
    expect(screen.getByTestId('sign-button').hasAttribute('disabled')).toBe(true);
  });
});
