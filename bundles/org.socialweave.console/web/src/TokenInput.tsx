import { useState } from 'react';
import { Button, Form, Input, Space, Tag } from 'antd';
import { CloseOutlined } from '@ant-design/icons';
import { useI18n } from './i18n';
import type { MessageKey } from './messages';

interface Props {
  id: string;
  label: string;
  hint?: string;
  /** The sign shown before each value (#, @). */
  sign: string;
  values: string[];
  onChange: (values: string[]) => void;
  /** The value as typed checked: the one to keep, or the message saying why not. */
  parse: (input: string, values: string[]) => { value: string } | { error: MessageKey };
  disabled?: boolean;
  testId: string;
}

/**
 * Hashtags or handles as removable tags and a field that adds one with Enter (or the Add button);
 * a refused value stays in the field with the reason under it.
 */
export function TokenInput({ id, label, hint, sign, values, onChange, parse, disabled, testId }: Props) {
  const { t } = useI18n();
  const [input, setInput] = useState('');
  const [error, setError] = useState<MessageKey>();
  const add = () => {
    if (!input.trim()) return;
    const parsed = parse(input, values);
    if ('error' in parsed) {
      setError(parsed.error);
      return;
    }
    onChange([...values, parsed.value]);
    setInput('');
    setError(undefined);
  };
  return (
    <Form.Item label={label} htmlFor={id} validateStatus={error ? 'error' : undefined} help={error ? t(error) : hint} style={{ marginBottom: 12 }}>
      <Space direction="vertical" style={{ width: '100%' }}>
        {values.length ? (
          <Space size={[4, 4]} wrap role="list" aria-label={label} data-testid={testId}>
            {values.map((value) => (
              <Tag key={value} role="listitem" color="blue" data-testid="token" style={{ marginInlineEnd: 0 }}>
                {sign}
                {value}
                {disabled ? null : (
                  <Button
                    size="small"
                    type="text"
                    icon={<CloseOutlined style={{ fontSize: 10 }} />}
                    aria-label={t('compose.remove', { name: sign + value })}
                    onClick={() => onChange(values.filter((v) => v !== value))}
                    style={{ height: 16, width: 16, minWidth: 16, marginInlineStart: 2 }}
                  />
                )}
              </Tag>
            ))}
          </Space>
        ) : null}
        <Space.Compact style={{ width: '100%' }}>
          <Input
            id={id}
            value={input}
            disabled={disabled}
            prefix={sign}
            data-testid={`${testId}-input`}
            onChange={(e) => {
              setInput(e.target.value);
              setError(undefined);
            }}
            onPressEnter={(e) => {
              e.preventDefault();
              add();
            }}
          />
          <Button disabled={disabled || !input.trim()} onClick={add}>
            {t('compose.add')}
          </Button>
        </Space.Compact>
      </Space>
    </Form.Item>
  );
}
