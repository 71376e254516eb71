import { Alert } from 'antd';
import { api } from './api';
import type { QuotaWarning } from './campaigns';
import { useI18n } from './i18n';

/** The daily quota forecast of [from, to): windows where the calendar holds more than a network allows. */
export async function loadQuotaForecast(base: string, range: { from: string; to: string }): Promise<QuotaWarning[]> {
  const answer = await api.get<{ items: QuotaWarning[] }>(`${base}/posts/quota-forecast?from=${encodeURIComponent(range.from)}&to=${encodeURIComponent(range.to)}`);
  return answer.items;
}

/** One line per window over a quota, naming the channel (or the network for app-wide quotas). */
export function QuotaWarnings({ warnings, channelNames }: { warnings: QuotaWarning[]; channelNames: Map<string, string> }) {
  const { t, formatTime } = useI18n();
  if (warnings.length === 0) return null;
  return (
    <Alert
      type="warning"
      showIcon
      role="status"
      data-testid="quota-warnings"
      message={t('quota.title', { count: warnings.length })}
      description={
        <ul style={{ margin: 0, paddingInlineStart: 18 }}>
          {warnings.map((w) => (
            <li key={`${w.channelId ?? w.network}-${w.limit}-${w.from}`}>
              {t('quota.line', {
                channel: w.channelId ? channelNames.get(w.channelId) ?? w.channelId : w.network,
                scheduled: w.scheduled,
                allowed: w.allowed,
                limit: w.limit,
                from: formatTime(w.from),
                to: formatTime(w.to),
              })}
            </li>
          ))}
        </ul>
      }
      style={{ marginBottom: 16 }}
    />
  );
}
