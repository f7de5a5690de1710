/**
 * Pieces the template and flow editors share: the validator's problem shown on the input it
 * names (and as a summary that says where, in words, with a way there), Chinese and English
 * label inputs, move and remove buttons, the advanced JSON view of the same draft, and the
 * version diff as a list.
 */
import { Alert, Button, Form, Input, List, Space, Tag, Typography } from 'antd';
import { createContext, useContext, useEffect, useState, type ReactNode } from 'react';
import { describeCode } from '../errors/error-messages';
import { useI18n, type Locale, type Translate } from '../i18n';
import type { MessageKey } from '../i18n/messages';
import { asRecord, asText, pathId, pathString, within, type DefinitionProblem, type Path } from './definition';
import type { Change } from './diff';
import { attributeLabel, describePath, loc, word } from './labels';

interface ProblemScope {
  readonly problem: DefinitionProblem | null;
  /** Prefix of element ids, so that two editors on a page do not collide. */
  readonly scope: string;
}

export const ProblemContext = createContext<ProblemScope>({ problem: null, scope: 'def' });

/** The problem in the person's language: what the code means, and the validator's own words. */
export function problemText(problem: DefinitionProblem, locale: Locale): string {
  return describeCode(problem.code, locale).message;
}

/**
 * A labelled input at a place in the definition. It shows the validator's problem when the
 * problem names this place or something inside it (`exact`: only this place, for containers).
 */
export function PathItem({
  path,
  label,
  exact = false,
  children,
  style,
  help,
}: {
  path: Path;
  label?: ReactNode;
  exact?: boolean;
  children: ReactNode;
  style?: React.CSSProperties;
  help?: ReactNode;
}) {
  const { problem, scope } = useContext(ProblemContext);
  const { locale, t } = useI18n();
  const place = pathString(path);
  const mine = exact ? problem?.field === place : within(problem, place);
  const id = pathId(scope, place);
  return (
    <div id={id} data-path={place} style={{ minWidth: 0, ...style }}>
      <Form.Item
        label={label}
        htmlFor={`${id}-input`}
        validateStatus={mine ? 'error' : undefined}
        help={
          mine && problem ? (
            <span data-testid="field-problem" data-code={problem.code}>
              {problemText(problem, locale)}
              {t('hrtpl.problem.codeInline', { code: problem.code })}
            </span>
          ) : (
            help
          )
        }
        style={{ marginBottom: 8 }}
      >
        {children}
      </Form.Item>
    </div>
  );
}

/** The id to give the input inside a PathItem, so that its label focuses it. */
export function useInputId(path: Path): string {
  const { scope } = useContext(ProblemContext);
  return `${pathId(scope, pathString(path))}-input`;
}

export function LocalizedInputs({
  path,
  value,
  onChange,
  zhLabel,
  enLabel,
  testId,
}: {
  path: Path;
  value: unknown;
  onChange: (path: Path, next: unknown) => void;
  zhLabel: string;
  enLabel: string;
  testId?: string;
}) {
  const l = asRecord(value);
  const zhId = useInputId([...path, 'zh']);
  const enId = useInputId([...path, 'en']);
  return (
    <>
      <PathItem path={[...path, 'zh']} label={zhLabel} style={{ flex: '1 1 180px' }}>
        <Input
          id={zhId}
          value={asText(l.zh)}
          onChange={(e) => onChange([...path, 'zh'], e.target.value)}
          data-testid={testId ? `${testId}-zh` : undefined}
        />
      </PathItem>
      <PathItem path={[...path, 'en']} label={enLabel} style={{ flex: '1 1 180px' }}>
        <Input
          id={enId}
          value={asText(l.en)}
          onChange={(e) => onChange([...path, 'en'], e.target.value)}
          data-testid={testId ? `${testId}-en` : undefined}
        />
      </PathItem>
    </>
  );
}

/** A row of inputs that wraps on a narrow screen. */
export function FieldRow({ children }: { children: ReactNode }) {
  return (
    <div style={{ display: 'flex', flexWrap: 'wrap', columnGap: 12, alignItems: 'flex-start', width: '100%', minWidth: 0 }}>{children}</div>
  );
}

export function EntryButtons({
  name,
  index,
  count,
  onMove,
  onRemove,
  testId,
}: {
  name: string;
  index: number;
  count: number;
  onMove: (to: number) => void;
  onRemove: () => void;
  testId?: string;
}) {
  const { t } = useI18n();
  return (
    <Space size={4} wrap>
      <Button size="small" disabled={index === 0} onClick={() => onMove(index - 1)} aria-label={t('hrtpl.editor.moveUpNamed', { name })}>
        ↑
      </Button>
      <Button
        size="small"
        disabled={index === count - 1}
        onClick={() => onMove(index + 1)}
        aria-label={t('hrtpl.editor.moveDownNamed', { name })}
      >
        ↓
      </Button>
      <Button size="small" danger onClick={onRemove} aria-label={t('hrtpl.editor.removeNamed', { name })} data-testid={testId}>
        {t('hrtpl.editor.remove')}
      </Button>
    </Space>
  );
}

/**
 * The validator's verdict over the whole draft: valid, or the one problem it stops at (the
 * server stops at the same one), where it is in words, and a button that brings the input into view.
 */
export function ProblemSummary({ problem, draft, onGo }: { problem: DefinitionProblem | null; draft: unknown; onGo?: () => void }) {
  const { t, locale } = useI18n();
  const { scope } = useContext(ProblemContext);
  if (!problem)
    return <Alert type="success" showIcon message={t('hrtpl.editor.valid')} data-testid="definition-valid" style={{ marginBottom: 12 }} />;
  const { message, action } = describeCode(problem.code, locale);
  const go = () => {
    onGo?.();
    // After the section opens: the closest element on the problem's path.
    setTimeout(() => {
      let field = problem.field ?? '';
      while (field) {
        const element = document.getElementById(pathId(scope, field));
        if (element) {
          element.scrollIntoView({ block: 'center' });
          element.querySelector<HTMLElement>('input, textarea, .ant-select-selector, button')?.focus();
          return;
        }
        field = field.replace(/(\.[^.[\]]+|\[\d+\])$/, '');
      }
    }, 50);
  };
  return (
    <Alert
      type="error"
      showIcon
      data-testid="definition-problem"
      data-code={problem.code}
      data-field={problem.field ?? ''}
      style={{ marginBottom: 12 }}
      message={t(problem.fromServer ? 'hrtpl.problem.server' : 'hrtpl.problem.title', { message })}
      description={
        <Space direction="vertical" size={2}>
          {problem.field && <span>{t('hrtpl.problem.where', { where: describePath(problem.field, draft, t, locale) })}</span>}
          <span>
            {t('error.whatToDo')}
            {action}
          </span>
          <Typography.Text type="secondary" style={{ fontSize: 12, wordBreak: 'break-word' }}>
            {t('hrtpl.problem.detail', { code: problem.code, field: problem.field ?? '—', message: problem.message })}
          </Typography.Text>
          {problem.field && (
            <Button size="small" onClick={go} data-testid="problem-go">
              {t('hrtpl.problem.go')}
            </Button>
          )}
        </Space>
      }
    />
  );
}

/** The same draft as JSON, for what the form does not offer; text that does not parse stays here and is said so. */
export function JsonView({ draft, onChange }: { draft: unknown; onChange: (next: Record<string, unknown>) => void }) {
  const { t } = useI18n();
  const [text, setText] = useState(() => JSON.stringify(draft, null, 2));
  const [parseError, setParseError] = useState<string | null>(null);
  // A change made elsewhere (the form, a reset) shows here, unless the text here is mid-edit and unparsable.
  useEffect(() => {
    setText((current) => {
      try {
        if (JSON.stringify(JSON.parse(current)) === JSON.stringify(draft)) return current;
      } catch {
        return current;
      }
      return JSON.stringify(draft, null, 2);
    });
  }, [draft]);
  return (
    <div>
      <Typography.Paragraph type="secondary">{t('hrtpl.editor.jsonHint')}</Typography.Paragraph>
      {parseError && (
        <Alert type="error" showIcon style={{ marginBottom: 8 }} message={t('hrtpl.editor.jsonInvalid', { message: parseError })} />
      )}
      <Input.TextArea
        aria-label={t('hrtpl.editor.tabJson')}
        data-testid="definition-json"
        value={text}
        spellCheck={false}
        autoSize={{ minRows: 12, maxRows: 40 }}
        style={{ fontFamily: 'ui-monospace, SFMono-Regular, Menlo, monospace', fontSize: 12 }}
        onChange={(e) => {
          setText(e.target.value);
          try {
            const parsed: unknown = JSON.parse(e.target.value);
            if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error(t('hrtpl.editor.jsonNotObject'));
            setParseError(null);
            onChange(parsed as Record<string, unknown>);
          } catch (error) {
            setParseError(error instanceof Error ? error.message : String(error));
          }
        }}
      />
    </div>
  );
}

/** A value of a diff or a view in words: lists joined, yes/no, a label in the person's language. */
export function formatValue(value: unknown, attribute: string | undefined, t: Translate, locale: Locale): string {
  if (value === undefined || value === null) return t('hrtpl.none');
  if (typeof value === 'boolean') return t(value ? 'hrtpl.yes' : 'hrtpl.no');
  const group =
    attribute === 'type'
      ? 'fieldType'
      : attribute === 'kind'
        ? 'kind'
        : attribute === 'categories'
          ? 'category'
          : attribute === 'levels'
            ? 'level'
            : attribute === 'fillers' || attribute === 'actors' || attribute === 'completedBy'
              ? 'party'
              : attribute === 'requiredSignatures'
                ? 'signer'
                : null;
  if (Array.isArray(value)) {
    if (value.length === 0) return t('hrtpl.none');
    return value
      .map((v) => (group && typeof v === 'string' ? word(t, group, v) : formatValue(v, undefined, t, locale)))
      .join(t('hrtpl.listSep'));
  }
  if (typeof value === 'object') {
    const l = value as Record<string, unknown>;
    if (typeof l.zh === 'string' || typeof l.en === 'string') return `${asText(l.zh)} / ${asText(l.en)}`;
    return JSON.stringify(value);
  }
  if (attribute === 'vagueHighlights' && (value === 'block' || value === 'warn')) return t(`hrtpl.rule.${value}`);
  if (group && typeof value === 'string') return word(t, group, value);
  return String(value);
}

const KIND_COLOR = { added: 'green', removed: 'red', changed: 'blue', moved: 'gold' } as const;

/** The changes between two versions, one line each: what, where, and for a change from what to what. */
export function DefinitionDiff({ changes, testId = 'version-diff' }: { changes: readonly Change[]; testId?: string }) {
  const { t, locale } = useI18n();
  if (changes.length === 0)
    return (
      <Typography.Text type="secondary" data-testid={testId}>
        {t('hrtpl.compare.none')}
      </Typography.Text>
    );
  return (
    <List
      size="small"
      data-testid={testId}
      header={<Typography.Text type="secondary">{t('hrtpl.diff.count', { count: changes.length })}</Typography.Text>}
      dataSource={[...changes]}
      renderItem={(change, i) => (
        <List.Item
          key={`${change.key}-${change.attribute ?? ''}-${i}`}
          data-testid="diff-entry"
          data-kind={change.kind}
          data-key={change.key}
          style={{ paddingInline: 0 }}
        >
          <Space wrap size={[6, 2]} style={{ minWidth: 0 }}>
            <Tag color={KIND_COLOR[change.kind]}>{t(`hrtpl.diff.${change.kind}` as MessageKey)}</Tag>
            <Typography.Text type="secondary">{t(`hrtpl.scope.${change.scope}` as MessageKey)}</Typography.Text>
            {change.where.length > 0 && (
              <Typography.Text strong style={{ wordBreak: 'break-word' }}>
                {change.where.map((w) => loc(w, locale)).join(t('hrtpl.where.sep'))}
              </Typography.Text>
            )}
            {change.attribute && (
              <Typography.Text style={{ wordBreak: 'break-word' }}>
                {t('hrtpl.diff.change', {
                  attribute: attributeLabel(t, change.attribute),
                  from: formatValue(change.from, change.attribute, t, locale),
                  to: formatValue(change.to, change.attribute, t, locale),
                })}
              </Typography.Text>
            )}
          </Space>
        </List.Item>
      )}
    />
  );
}
