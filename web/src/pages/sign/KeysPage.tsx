/**
 * 我的签名密钥 (/keys): the key on this device (kid, when it was made, whether the API has it
 * registered), the keys registered to the person (active and revoked), and what to do with
 * them: generate and register a key, export it as a password-protected file, import one from
 * another device, revoke a lost key and register a new one.
 */
import { App, Button, Card, Descriptions, Form, Input, List, Modal, Space, Tag, Typography } from 'antd';
import { useCallback, useState } from 'react';
import { useMutation, useQuery } from 'urql';
import { ErrorNotice } from '../../errors/ErrorNotice';
import { useI18n } from '../../i18n';
import type { MessageKey } from '../../i18n/messages';
import { formatInstant } from '../../sign/format';
import { KeyErrorNotice } from '../../sign/KeyErrorNotice';
import { createDeviceKey, exportKeyFile, importKeyFile, keyFileName, MIN_PASSWORD_CHARS, type DeviceKey } from '../../sign/keystore';
import { MySigningKeysDocument, RegisterSigningKeyDocument, RevokeSigningKeyDocument } from '../../sign/operations';
import { useDeviceKey } from '../../sign/useDeviceKey';

const wrap = { wordBreak: 'break-all' as const };

export function KeysPage({ viewerId }: { viewerId: string }) {
  const { t, locale } = useI18n();
  const { message, modal } = App.useApp();
  const device = useDeviceKey(viewerId);
  const [{ data, fetching, error }, reexecute] = useQuery({ query: MySigningKeysDocument });
  const refetch = useCallback(() => reexecute({ requestPolicy: 'network-only' }), [reexecute]);
  const [registering, register] = useMutation(RegisterSigningKeyDocument);
  const [revoking, revoke] = useMutation(RevokeSigningKeyDocument);
  const [localError, setLocalError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [exportOpen, setExportOpen] = useState(false);
  const [importOpen, setImportOpen] = useState(false);
  const [revokeKid, setRevokeKid] = useState<string | null>(null);

  const registered = data?.me.signingKeys ?? [];
  const deviceKey = device.key;
  const deviceRegistration = deviceKey ? registered.find((k) => k.kid === deviceKey.kid) : undefined;

  const registerKey = async (key: DeviceKey, done: MessageKey) => {
    const result = await register({ personId: viewerId, publicKey: key.publicKey });
    if (!result.error) {
      message.success(t(done, { kid: key.kid }));
      refetch();
    }
  };

  const generate = async () => {
    setLocalError(null);
    setBusy(true);
    try {
      const key = await createDeviceKey(viewerId, device.storage);
      device.reload();
      await registerKey(key, 'sign.keys.generated');
    } catch (failure) {
      setLocalError(failure);
    } finally {
      setBusy(false);
    }
  };

  const onGenerate = () => {
    if (deviceKey) {
      modal.confirm({
        title: t('sign.keys.generate'),
        content: t('sign.keys.replaceConfirm', { kid: deviceKey.kid }),
        okText: t('sign.keys.generate'),
        cancelText: t('sign.keys.cancel'),
        onOk: generate,
      });
    } else void generate();
  };

  return (
    <div data-testid="keys-page" style={{ maxWidth: 960 }}>
      <Typography.Title level={3}>{t('sign.keys.title')}</Typography.Title>
      <Typography.Paragraph type="secondary">{t('sign.keys.intro')}</Typography.Paragraph>
      <ErrorNotice error={error} onRetry={refetch} />
      <ErrorNotice error={registering.error ?? revoking.error} />
      <KeyErrorNotice error={localError ?? device.error} />

      <Card title={t('sign.keys.device')} size="small" style={{ marginBottom: 16 }} loading={device.loading}>
        {deviceKey ? (
          <Descriptions column={1} size="small" data-testid="device-key">
            <Descriptions.Item label={t('sign.keys.kid')}>
              <Typography.Text code data-testid="device-kid" style={wrap}>
                {deviceKey.kid}
              </Typography.Text>
            </Descriptions.Item>
            <Descriptions.Item label={t('sign.keys.created')}>{formatInstant(deviceKey.createdAt, locale)}</Descriptions.Item>
            <Descriptions.Item label={t('sign.keys.source')}>{t(`sign.keys.source.${deviceKey.source}` as MessageKey)}</Descriptions.Item>
            <Descriptions.Item label={t('sign.keys.publicKey')}>
              <Typography.Text style={{ ...wrap, fontFamily: 'monospace', fontSize: 12 }}>{deviceKey.publicKey}</Typography.Text>
            </Descriptions.Item>
            <Descriptions.Item label={t('sign.keys.registration')}>
              <span data-testid="device-registration" data-status={deviceRegistration?.status ?? 'unregistered'}>
                {deviceRegistration?.status === 'active' ? (
                  <Tag color="green">{t('sign.keys.registeredActive')}</Tag>
                ) : deviceRegistration?.status === 'revoked' ? (
                  <Tag color="red">{t('sign.keys.registeredRevoked')}</Tag>
                ) : (
                  <Tag color="orange">{t('sign.keys.notRegistered')}</Tag>
                )}
              </span>
            </Descriptions.Item>
          </Descriptions>
        ) : (
          <Typography.Paragraph data-testid="no-device-key">{t('sign.keys.noDeviceKey')}</Typography.Paragraph>
        )}
        <Space wrap style={{ marginTop: 8 }}>
          <Button type="primary" onClick={onGenerate} loading={busy || registering.fetching} disabled={!data}>
            {deviceKey ? t('sign.keys.generateReplace') : t('sign.keys.generate')}
          </Button>
          {deviceKey && data && !deviceRegistration && (
            <Button onClick={() => void registerKey(deviceKey, 'sign.keys.registered')} loading={registering.fetching}>
              {t('sign.keys.register')}
            </Button>
          )}
          {deviceKey && <Button onClick={() => setExportOpen(true)}>{t('sign.keys.export')}</Button>}
          <Button onClick={() => setImportOpen(true)}>{t('sign.keys.import')}</Button>
        </Space>
      </Card>

      <Card title={t('sign.keys.registeredList')} size="small" loading={fetching && !data}>
        <List
          data-testid="registered-keys"
          dataSource={[...registered].reverse()}
          locale={{ emptyText: t('sign.keys.noneRegistered') }}
          renderItem={(key) => (
            <List.Item
              key={key.kid}
              data-testid="registered-key"
              data-kid={key.kid}
              data-status={key.status}
              actions={
                key.status === 'active'
                  ? [
                      <Button key="revoke" danger size="small" onClick={() => setRevokeKid(key.kid)}>
                        {t('sign.keys.revoke')}
                      </Button>,
                    ]
                  : []
              }
            >
              <Space direction="vertical" size={2} style={{ minWidth: 0 }}>
                <Space wrap size={[6, 4]}>
                  <Typography.Text code style={wrap}>
                    {key.kid}
                  </Typography.Text>
                  <Tag color={key.status === 'active' ? 'green' : 'red'}>{t(`sign.keys.status.${key.status}` as MessageKey)}</Tag>
                  {deviceKey?.kid === key.kid && <Tag color="blue">{t('sign.keys.thisDevice')}</Tag>}
                </Space>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {t('sign.keys.registeredAt')}: {formatInstant(key.registeredAt, locale)}
                  {key.revokedAt && ` · ${t('sign.keys.revokedAt')}: ${formatInstant(key.revokedAt, locale)}`}
                </Typography.Text>
                {key.revokeReason && (
                  <Typography.Text type="secondary" style={{ fontSize: 12, wordBreak: 'break-word' }}>
                    {t('sign.keys.revokeReason')}: {key.revokeReason}
                  </Typography.Text>
                )}
              </Space>
            </List.Item>
          )}
        />
      </Card>

      {deviceKey && (
        <ExportDialog
          open={exportOpen}
          deviceKey={deviceKey}
          onClose={() => setExportOpen(false)}
          onExported={(file) => {
            setExportOpen(false);
            message.success(t('sign.keys.exported', { file }));
          }}
        />
      )}
      <ImportDialog
        open={importOpen}
        personId={viewerId}
        onClose={() => setImportOpen(false)}
        onImported={async (key) => {
          const keep = async () => {
            await device.storage.put(key);
            device.reload();
            setImportOpen(false);
            message.success(t('sign.keys.imported', { kid: key.kid }));
            if (!registered.some((k) => k.kid === key.kid)) message.info(t('sign.keys.importNotRegistered'));
          };
          // Another key on this device is replaced only when the person says so.
          if (deviceKey && deviceKey.kid !== key.kid) {
            modal.confirm({
              title: t('sign.keys.import'),
              content: t('sign.keys.replaceConfirm', { kid: deviceKey.kid }),
              okText: t('sign.keys.importDo'),
              cancelText: t('sign.keys.cancel'),
              onOk: keep,
            });
          } else await keep();
        }}
      />
      <RevokeDialog
        kid={revokeKid}
        loading={revoking.fetching}
        onClose={() => setRevokeKid(null)}
        onRevoke={async (kid, reason) => {
          const result = await revoke({ personId: viewerId, kid, reason });
          setRevokeKid(null);
          if (!result.error) {
            message.success(t('sign.keys.revoked', { kid }));
            refetch();
          }
        }}
      />
    </div>
  );
}

function ExportDialog({
  open,
  deviceKey,
  onClose,
  onExported,
}: {
  open: boolean;
  deviceKey: DeviceKey;
  onClose: () => void;
  onExported: (file: string) => void;
}) {
  const { t } = useI18n();
  const [password, setPassword] = useState('');
  const [again, setAgain] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const mismatch = again.length > 0 && again !== password;
  const submit = async () => {
    setError(null);
    setBusy(true);
    try {
      const text = await exportKeyFile(deviceKey, password);
      const name = keyFileName(deviceKey);
      const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
      const link = document.createElement('a');
      link.href = url;
      link.download = name;
      document.body.appendChild(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
      setPassword('');
      setAgain('');
      onExported(name);
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      open={open}
      title={t('sign.keys.export')}
      onCancel={onClose}
      onOk={() => void submit()}
      okText={t('sign.keys.exportDo')}
      cancelText={t('sign.keys.cancel')}
      okButtonProps={{ disabled: password.length < MIN_PASSWORD_CHARS || again !== password, loading: busy }}
      destroyOnHidden
    >
      <KeyErrorNotice error={error} />
      <Form layout="vertical" onFinish={() => void submit()}>
        <Form.Item
          label={t('sign.keys.password')}
          htmlFor="export-password"
          extra={t('sign.keys.passwordHint', { min: MIN_PASSWORD_CHARS })}
        >
          <Input.Password
            id="export-password"
            autoComplete="new-password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            autoFocus
          />
        </Form.Item>
        <Form.Item
          label={t('sign.keys.passwordAgain')}
          htmlFor="export-password-again"
          validateStatus={mismatch ? 'error' : undefined}
          help={mismatch ? t('sign.keys.passwordMismatch') : undefined}
        >
          <Input.Password id="export-password-again" autoComplete="new-password" value={again} onChange={(e) => setAgain(e.target.value)} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function ImportDialog({
  open,
  personId,
  onClose,
  onImported,
}: {
  open: boolean;
  personId: string;
  onClose: () => void;
  onImported: (key: DeviceKey) => Promise<void>;
}) {
  const { t } = useI18n();
  const [text, setText] = useState<string | null>(null);
  const [password, setPassword] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    if (text === null) return;
    setError(null);
    setBusy(true);
    try {
      const key = await importKeyFile(text, password, { personId });
      await onImported(key);
      setPassword('');
      setText(null);
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      open={open}
      title={t('sign.keys.import')}
      onCancel={onClose}
      onOk={() => void submit()}
      okText={t('sign.keys.importDo')}
      cancelText={t('sign.keys.cancel')}
      okButtonProps={{ disabled: text === null || password.length === 0, loading: busy }}
      destroyOnHidden
    >
      <KeyErrorNotice error={error} />
      <Form layout="vertical" onFinish={() => void submit()}>
        <Form.Item label={t('sign.keys.file')} htmlFor="import-file">
          <input
            id="import-file"
            type="file"
            accept=".json,application/json"
            onChange={(e) => {
              const file = e.target.files?.[0];
              setError(null);
              if (!file) return setText(null);
              file.text().then(setText, setError);
            }}
          />
        </Form.Item>
        <Form.Item label={t('sign.keys.password')} htmlFor="import-password">
          <Input.Password
            id="import-password"
            autoComplete="current-password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function RevokeDialog({
  kid,
  loading,
  onClose,
  onRevoke,
}: {
  kid: string | null;
  loading: boolean;
  onClose: () => void;
  onRevoke: (kid: string, reason: string) => Promise<void>;
}) {
  const { t } = useI18n();
  const [reason, setReason] = useState<string | null>(null);
  const value = reason ?? t('sign.keys.revokeReasonDefault');
  return (
    <Modal
      open={kid !== null}
      title={kid ? t('sign.keys.revokeTitle', { kid }) : ''}
      onCancel={() => {
        setReason(null);
        onClose();
      }}
      onOk={() => {
        if (!kid) return;
        void onRevoke(kid, value.trim()).then(() => setReason(null));
      }}
      okText={t('sign.keys.revokeDo')}
      okButtonProps={{ danger: true, disabled: value.trim().length === 0, loading }}
      cancelText={t('sign.keys.cancel')}
      destroyOnHidden
    >
      <Typography.Paragraph>{t('sign.keys.revokeHint')}</Typography.Paragraph>
      <Form layout="vertical">
        <Form.Item label={t('sign.keys.revokeReasonLabel')} htmlFor="revoke-reason">
          <Input.TextArea id="revoke-reason" value={value} maxLength={1000} onChange={(e) => setReason(e.target.value)} autoSize />
        </Form.Item>
      </Form>
    </Modal>
  );
}
