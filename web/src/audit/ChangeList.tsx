/**
 * Field-level changes between two versions: path, kind, before → after; a long text shows its
 * changed passages (the API's `passages`; when it gives none for a changed text, they are
 * computed here with the `diff` package, character by character, which suits Chinese).
 */
import { List, Tag, Typography } from 'antd';
import { diffChars } from 'diff';
import { useI18n } from '../i18n';
import type { MessageKey } from '../i18n/messages';

export interface Change {
  readonly path: string;
  readonly kind: string;
  readonly before?: unknown;
  readonly after?: unknown;
  readonly passages?: ReadonlyArray<{ readonly kind: string; readonly text: string }> | null;
}

const LONG = 40;

export const show = (value: unknown): string =>
  value === null || value === undefined ? '—' : typeof value === 'string' ? value : JSON.stringify(value, null, 1);

/** Passages of a changed long text: the API's, or computed from before and after. */
export function passagesOf(change: Change): ReadonlyArray<{ kind: string; text: string }> | null {
  if (change.passages && change.passages.length > 0) return change.passages;
  if (change.kind !== 'changed' || typeof change.before !== 'string' || typeof change.after !== 'string') return null;
  if (change.before.length < LONG && change.after.length < LONG) return null;
  return diffChars(change.before, change.after).map((part) => ({
    kind: part.added ? 'added' : part.removed ? 'removed' : 'unchanged',
    text: part.value,
  }));
}

const PASSAGE_STYLE: Record<string, React.CSSProperties> = {
  added: { background: '#d9f7be', textDecoration: 'none' },
  removed: { background: '#ffccc7', textDecoration: 'line-through' },
  unchanged: { color: '#8c8c8c' },
};

export function ChangeList({ changes, testId }: { changes: readonly Change[]; testId?: string }) {
  const { t } = useI18n();
  return (
    <List
      data-testid={testId}
      size="small"
      dataSource={[...changes]}
      locale={{ emptyText: t('audit.compare.none') }}
      renderItem={(change) => {
        const passages = passagesOf(change);
        const kindKey = `audit.kind.${change.kind}` as MessageKey;
        return (
          <List.Item data-testid="change" data-path={change.path} style={{ display: 'block' }}>
            <div>
              <Tag color={change.kind === 'added' ? 'green' : change.kind === 'removed' ? 'red' : 'blue'}>
                {['added', 'removed', 'changed'].includes(change.kind) ? t(kindKey) : change.kind}
              </Tag>
              <Typography.Text code style={{ wordBreak: 'break-all' }}>
                {change.path}
              </Typography.Text>
            </div>
            {passages ? (
              <div data-testid="passages" style={{ marginTop: 6, whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}>
                {passages.map((p, i) => (
                  <span key={i} data-kind={p.kind} style={PASSAGE_STYLE[p.kind]}>
                    {p.text}
                  </span>
                ))}
              </div>
            ) : (
              <div style={{ marginTop: 6, whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}>
                <span style={PASSAGE_STYLE.removed}>{show(change.before)}</span>
                {' → '}
                <span style={PASSAGE_STYLE.added}>{show(change.after)}</span>
              </div>
            )}
          </List.Item>
        );
      }}
    />
  );
}
