import { useMemo, type Ref } from 'react';
import { Button, List, Space, Tag, Typography } from 'antd';
import { segments, type Finding, type Severity } from './compliance';
import { useI18n } from './i18n';

export const SEVERITY_COLOR: Record<Severity, string> = { BLOCK: 'red', WARN: 'orange', INFO: 'blue' };

/** The text with each finding's span marked in its severity's colour (transparent text in a mirror). */
function Marks({ text, findings }: { text: string; findings: Finding[] }) {
  const { pick } = useI18n();
  const parts = useMemo(() => segments(text, findings), [text, findings]);
  return (
    <>
      {parts.map((p) =>
        p.severity ? (
          <mark
            key={p.start}
            className={`sw-mark sw-sev-${p.severity}`}
            data-testid="finding-mark"
            data-severity={p.severity}
            data-rule={p.findings.map((f) => f.ruleId).join(' ')}
            title={p.findings.map((f) => pick(f.explanationZh, f.explanationEn)).join('\n')}
          >
            {p.text}
          </mark>
        ) : (
          <span key={p.start}>{p.text}</span>
        ),
      )}
    </>
  );
}

interface AreaProps {
  id?: string;
  value: string;
  onChange: (value: string) => void;
  findings: Finding[];
  disabled?: boolean;
  minRows?: number;
  'aria-label'?: string;
  'data-testid'?: string;
}

/**
 * A textarea over a mirror of its own text in which the findings are marked: the mirror sets the
 * height (the box grows with the text) and has the same font, padding and wrapping, so each mark
 * sits exactly behind its characters.
 */
export function HighlightedTextArea({ id, value, onChange, findings, disabled, minRows = 5, ...rest }: AreaProps) {
  return (
    <div className={`sw-hl${disabled ? ' sw-hl-disabled' : ''}`} style={{ minHeight: `calc(${minRows} * 1.5715em + 10px)` }}>
      <div className="sw-hl-mirror" aria-hidden="true" data-testid={rest['data-testid'] ? `${rest['data-testid']}-mirror` : undefined}>
        <Marks text={value} findings={findings} />
        {/* keeps a last empty line as tall as the textarea's */}
        {'\u200b'}
      </div>
      <textarea
        id={id}
        className="sw-hl-input"
        value={value}
        disabled={disabled}
        aria-label={rest['aria-label']}
        data-testid={rest['data-testid']}
        spellCheck={false}
        onChange={(e) => onChange(e.target.value)}
      />
    </div>
  );
}

/** A read-only text with its findings marked; `textRef` lets a reviewer's selection be mapped. */
export function HighlightedText({ text, findings, textRef, onMouseUp, testId }: { text: string; findings: Finding[]; textRef?: Ref<HTMLDivElement>; onMouseUp?: () => void; testId?: string }) {
  return (
    <div className="sw-hl-text" ref={textRef} onMouseUp={onMouseUp} onKeyUp={onMouseUp} data-testid={testId} tabIndex={0}>
      <Marks text={text} findings={findings} />
    </div>
  );
}

/** Each finding with its explanation in the UI's language, its legal basis and its one-click rewrite. */
export function FindingList({ findings, onApply }: { findings: Finding[]; onApply?: (f: Finding) => void }) {
  const { t, pick } = useI18n();
  if (findings.length === 0) return <Typography.Text type="secondary" data-testid="no-findings">{t('compliance.clean')}</Typography.Text>;
  return (
    <List
      size="small"
      dataSource={findings}
      renderItem={(f) => (
        <List.Item
          data-testid="finding"
          data-severity={f.severity}
          data-rule={f.ruleId}
          actions={
            onApply && f.rewrite !== null && f.rewrite !== undefined && !f.inTitle && f.start < f.end
              ? [
                  <Button key="apply" size="small" type="link" data-testid="apply-rewrite" onClick={() => onApply(f)}>
                    {f.rewrite ? t('compliance.apply', { rewrite: f.rewrite }) : t('compliance.remove')}
                  </Button>,
                ]
              : []
          }
        >
          <Space direction="vertical" size={2} style={{ width: '100%' }}>
            <Space wrap size={4}>
              <Tag color={SEVERITY_COLOR[f.severity]}>{t(`compliance.severity.${f.severity}`)}</Tag>
              {f.matched ? <Typography.Text strong>“{f.matched}”</Typography.Text> : null}
              {f.inTitle ? <Tag>{t('compliance.inTitle')}</Tag> : null}
              {f.needsReview ? <Tag color="gold">{t('compliance.needsReview')}</Tag> : null}
            </Space>
            <Typography.Text>{pick(f.explanationZh, f.explanationEn)}</Typography.Text>
            {f.legalBasis ? (
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t('compliance.basis')}: {f.legalBasis}
              </Typography.Text>
            ) : null}
            {f.suggestion ? (
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t('compliance.suggestion')}: {f.suggestion}
              </Typography.Text>
            ) : null}
          </Space>
        </List.Item>
      )}
    />
  );
}
