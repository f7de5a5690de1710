/**
 * 签字确认 (/interviews/:id/sign): exactly what the signed-in party signs — the record's content
 * at the current version, readable and as the canonical JSON that is hashed, and its digest
 * recomputed here and compared with the server's (src/domain/interview/signing.ts) — then the
 * signature with the key on this device (src/client/signer.ts, which refuses unless the message
 * it builds is the server's byte for byte), and the signature block the API recorded (signer,
 * time, IP, key). Live: a change to the record fetches it again.
 */
import { Alert, App, Button, Card, Descriptions, List, Space, Tag, Typography } from 'antd';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { Link, useParams } from 'react-router';
import { useMutation, useQuery, useSubscription } from 'urql';
import { signInterview } from '../../../../src/client/signer';
import { contentDigestOf, signedContentBytes, type SignatureRole, type SignedContent } from '../../../../src/domain/interview/signing';
import { ErrorNotice } from '../../errors/ErrorNotice';
import { useI18n } from '../../i18n';
import type { MessageKey } from '../../i18n/messages';
import { formatInstant } from '../../sign/format';
import { KeyErrorNotice } from '../../sign/KeyErrorNotice';
import { secretKeyOf } from '../../sign/keystore';
import {
  InterviewToSignDocument,
  MySigningKeysDocument,
  SignInterviewChangedDocument,
  SignInterviewDocument,
  SigningMessageDocument,
} from '../../sign/operations';
import { SignedContentView } from '../../sign/SignedContentView';
import { useDeviceKey } from '../../sign/useDeviceKey';

const mono = { fontFamily: 'monospace', fontSize: 12, wordBreak: 'break-all' as const };

export function SignPage({ viewerId }: { viewerId: string }) {
  const { id = '' } = useParams();
  const { t, locale } = useI18n();
  const { message } = App.useApp();
  const en = locale === 'en';

  const [interviewResult, reexecuteInterview] = useQuery({ query: InterviewToSignDocument, variables: { id } });
  const interview = interviewResult.data?.interview;
  const role: SignatureRole | null = !interview
    ? null
    : interview.employeeId === viewerId
      ? 'employee'
      : interview.managerId === viewerId
        ? 'manager'
        : interview.participantIds.includes(viewerId)
          ? 'participant'
          : null;
  const [messageResult, reexecuteMessage] = useQuery({
    query: SigningMessageDocument,
    variables: { interviewId: id, version: interview?.version ?? 1, role: role ?? 'employee' },
    pause: !interview || !role,
  });
  const [keysResult, reexecuteKeys] = useQuery({ query: MySigningKeysDocument });
  const device = useDeviceKey(viewerId);
  const [signing, sign] = useMutation(SignInterviewDocument);
  const [localError, setLocalError] = useState<unknown>(null);

  const refetch = useCallback(() => {
    reexecuteInterview({ requestPolicy: 'network-only' });
    reexecuteKeys({ requestPolicy: 'network-only' });
    device.reload();
  }, [reexecuteInterview, reexecuteKeys, device]);
  const [changes] = useSubscription({ query: SignInterviewChangedDocument, variables: { interviewId: id } });
  useEffect(() => {
    if (changes.data) reexecuteInterview({ requestPolicy: 'network-only' });
  }, [changes.data, reexecuteInterview]);

  const signingMessage = messageResult.data?.signingMessage;
  // The content as shown, its canonical bytes and digest recomputed here: the server's are only compared against.
  const local = useMemo(() => {
    if (!signingMessage) return null;
    try {
      const content = signingMessage.content as unknown as SignedContent;
      return {
        content,
        json: new TextDecoder().decode(signedContentBytes(content)),
        digest: contentDigestOf(content),
        error: null,
      };
    } catch (failure) {
      return { content: null, json: '', digest: '', error: failure };
    }
  }, [signingMessage]);

  if (!interview) {
    return (
      <div>
        <Typography.Title level={3}>{t('sign.page.title')}</Typography.Title>
        <ErrorNotice error={interviewResult.error} onRetry={refetch} />
        {interviewResult.fetching && <Card loading />}
      </div>
    );
  }

  const names: Record<string, string> = {};
  if (interview.employee) names[interview.employee.id] = interview.employee.name;
  if (interview.manager) names[interview.manager.id] = interview.manager.name;
  const person = (pid: string) => (names[pid] ? `${names[pid]} (${pid})` : pid);
  const atSigningStep = interview.flow.steps.find((s) => s.key === interview.workflow.step)?.signing ?? false;
  const locked = interview.status === 'locked';
  const signedCurrent = interview.signatures.some((s) => s.current && s.signerId === viewerId && s.role === role);
  const deviceKey = device.key;
  const registration = deviceKey ? keysResult.data?.me.signingKeys.find((k) => k.kid === deviceKey.kid) : undefined;
  const keyActive = registration?.status === 'active';
  const digestMatches = !!local && !local.error && !!signingMessage && local.digest === signingMessage.contentDigest;
  const canSign =
    !!role &&
    !!signingMessage &&
    signingMessage.current &&
    signingMessage.version === interview.version &&
    digestMatches &&
    !!deviceKey &&
    !locked &&
    !signedCurrent;

  const onSign = async () => {
    if (!canSign || !deviceKey || !role || !local?.content || !signingMessage) return;
    setLocalError(null);
    let signature: ReturnType<typeof signInterview>;
    try {
      signature = signInterview(
        {
          interviewId: interview.id,
          version: signingMessage.version,
          role,
          signerId: viewerId,
          content: local.content,
          expectedMessage: signingMessage.message,
        },
        secretKeyOf(deviceKey),
      );
    } catch (failure) {
      setLocalError(failure);
      return;
    }
    const result = await sign({
      input: { interviewId: interview.id, version: signingMessage.version, role, kid: signature.kid, signature: signature.signature },
    });
    if (!result.error) {
      message.success(result.data?.signInterview.status === 'locked' ? t('sign.page.signedLocked') : t('sign.page.signed'));
      refetch();
    }
  };

  return (
    <div data-testid="sign-page" data-status={interview.status} style={{ maxWidth: 1000 }}>
      <Typography.Title level={3}>{t('sign.page.title')}</Typography.Title>
      <ErrorNotice error={interviewResult.error} onRetry={refetch} />
      <ErrorNotice error={changes.error} />

      <Descriptions size="small" column={{ xs: 1, sm: 2 }} style={{ marginBottom: 12 }}>
        <Descriptions.Item label={t('sign.page.interview')}>
          <span style={{ wordBreak: 'break-all' }}>{interview.id}</span>
        </Descriptions.Item>
        <Descriptions.Item label={t('sign.page.status')}>
          <Tag data-testid="sign-status" color={locked ? 'green' : 'blue'}>
            {t(`sign.status.${interview.status}` as MessageKey)}
          </Tag>
        </Descriptions.Item>
        <Descriptions.Item label={t('sign.page.step')}>{en ? interview.workflow.labelEn : interview.workflow.label}</Descriptions.Item>
        <Descriptions.Item label={t('sign.page.version')}>
          <span data-testid="sign-version">{interview.version}</span>
        </Descriptions.Item>
        <Descriptions.Item label={t('sign.page.yourRole')}>
          <span data-testid="sign-role">{role ? t(`sign.page.role.${role}` as MessageKey) : '—'}</span>
        </Descriptions.Item>
        <Descriptions.Item label={t('sign.page.required')}>
          {interview.requiredSignatures.map((r) => t(`sign.page.role.${r}` as MessageKey)).join('、')}
        </Descriptions.Item>
      </Descriptions>

      {!role && <Alert type="warning" showIcon style={{ marginBottom: 12 }} message={t('sign.page.notAParty')} />}
      {locked && (
        <Alert
          type="success"
          showIcon
          style={{ marginBottom: 12 }}
          message={t('sign.page.locked', { at: formatInstant(interview.lockedAt, locale) })}
        />
      )}
      {!locked && role && !atSigningStep && (
        <Alert type="info" showIcon style={{ marginBottom: 12 }} message={t('sign.page.notSigningStep')} />
      )}

      {role && (
        <Card
          title={t('sign.page.whatYouSign')}
          size="small"
          style={{ marginBottom: 16 }}
          loading={messageResult.fetching && !signingMessage}
        >
          <ErrorNotice error={messageResult.error} onRetry={() => reexecuteMessage({ requestPolicy: 'network-only' })} />
          <KeyErrorNotice error={local?.error} />
          {signingMessage && local?.content && (
            <>
              <Typography.Paragraph type="secondary">{t('sign.page.whatYouSignHint')}</Typography.Paragraph>
              {!signingMessage.current && <Alert type="warning" showIcon style={{ marginBottom: 12 }} message={t('sign.page.stale')} />}
              <SignedContentView content={local.content} canonicalJson={local.json} sections={interview.template.sections} names={names} />
              <Descriptions size="small" column={1} bordered layout="vertical" style={{ marginTop: 12 }} data-testid="digest-block">
                <Descriptions.Item label={t('sign.page.version')}>{signingMessage.version}</Descriptions.Item>
                <Descriptions.Item label={t('sign.page.digest')}>
                  <div style={{ display: 'flex', flexDirection: 'column', gap: 4, alignItems: 'flex-start', minWidth: 0 }}>
                    <span data-testid="content-digest" style={{ ...mono, maxWidth: '100%' }}>
                      {signingMessage.contentDigest}
                    </span>
                    {digestMatches ? (
                      <Tag color="green" data-testid="digest-check" data-match="true" style={{ whiteSpace: 'normal', maxWidth: '100%' }}>
                        ✓ {t('sign.page.digestMatches')}
                      </Tag>
                    ) : (
                      <Alert data-testid="digest-check" data-match="false" type="error" showIcon message={t('sign.page.digestDiffers')} />
                    )}
                  </div>
                </Descriptions.Item>
                <Descriptions.Item label={t('sign.page.payloadType')}>
                  <span style={mono}>{signingMessage.payloadType}</span>
                </Descriptions.Item>
              </Descriptions>
            </>
          )}
        </Card>
      )}

      {role && !locked && (
        <Card title={t('sign.page.deviceKey')} size="small" style={{ marginBottom: 16 }}>
          <KeyErrorNotice error={localError ?? device.error} />
          <ErrorNotice error={signing.error} />
          <ErrorNotice error={keysResult.error} />
          {signedCurrent && <Alert type="success" showIcon style={{ marginBottom: 12 }} message={t('sign.page.alreadySigned')} />}
          {!device.loading && !deviceKey && (
            <Alert type="warning" showIcon style={{ marginBottom: 12 }} message={t('sign.page.noDeviceKey')} />
          )}
          {deviceKey && keysResult.data && !keyActive && (
            <Alert type="warning" showIcon style={{ marginBottom: 12 }} message={t('sign.page.keyNotActive', { kid: deviceKey.kid })} />
          )}
          {deviceKey && (
            <Typography.Paragraph>
              {t('sign.keys.kid')}: <Typography.Text code>{deviceKey.kid}</Typography.Text>
            </Typography.Paragraph>
          )}
          <Space wrap>
            <Button type="primary" data-testid="sign-button" disabled={!canSign} loading={signing.fetching} onClick={() => void onSign()}>
              {t('sign.page.signAs', { role: t(`sign.page.role.${role}` as MessageKey) })}
            </Button>
            <Link to="/keys">{t('sign.page.manageKeys')}</Link>
          </Space>
        </Card>
      )}

      <Card title={t('sign.page.signatures')} size="small">
        <List
          data-testid="signature-blocks"
          dataSource={[...interview.signatures]}
          locale={{ emptyText: t('sign.page.noSignatures') }}
          renderItem={(s, i) => (
            <List.Item
              key={`${s.version}-${s.role}-${s.signerId}-${i}`}
              data-testid="signature-block"
              data-signer={s.signerId}
              data-role={s.role}
            >
              <Descriptions size="small" column={{ xs: 1, sm: 2 }} style={{ width: '100%' }}>
                <Descriptions.Item label={t('sign.page.signer')}>
                  <span data-testid="signature-signer">{person(s.signerId)}</span>
                </Descriptions.Item>
                <Descriptions.Item label={t('sign.page.role')}>
                  {t(`sign.page.role.${s.role}` as MessageKey)}{' '}
                  <Tag color={s.current ? 'green' : 'default'}>{s.current ? t('sign.page.current') : t('sign.page.earlier')}</Tag>
                </Descriptions.Item>
                <Descriptions.Item label={t('sign.page.time')}>
                  <span data-testid="signature-time">{formatInstant(s.receivedAt, locale)}</span>
                </Descriptions.Item>
                <Descriptions.Item label={t('sign.page.ip')}>
                  <span data-testid="signature-ip">{s.ip}</span>
                </Descriptions.Item>
                <Descriptions.Item label={t('sign.page.kid')}>
                  <span data-testid="signature-kid" style={mono}>
                    {s.kid}
                  </span>
                </Descriptions.Item>
                <Descriptions.Item label={t('sign.page.signedVersion')}>{s.version}</Descriptions.Item>
              </Descriptions>
            </List.Item>
          )}
        />
      </Card>
    </div>
  );
}
