import { useCallback, useEffect, useRef, useState, type ReactNode } from 'react';
import { Alert, App as AntApp, Button, Result, Spin } from 'antd';
import { api, ApiError, type Page } from './api';
import { useI18n } from './i18n';

/** The problem's detail as the user reads it; a network failure in the user's words. */
export function useProblemText() {
  const { t } = useI18n();
  return (error: unknown): string => {
    if (error instanceof ApiError) {
      if (error.status === 0) return t('error.network');
      return error.detail;
    }
    return error instanceof Error ? error.message : String(error);
  };
}

/** An API error shown in place: the problem's title and detail, with a retry when there is one. */
export function ProblemAlert({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useI18n();
  const text = useProblemText();
  const title = error instanceof ApiError && error.status !== 0 ? `${error.title} (${error.status})` : t('error.title');
  return (
    <Alert
      type="error"
      showIcon
      role="alert"
      data-testid="problem"
      message={title}
      description={text(error)}
      action={onRetry ? <Button onClick={onRetry}>{t('common.retry')}</Button> : undefined}
      style={{ marginBottom: 16 }}
    />
  );
}

/** Notifies the outcome of an action: the problem's detail on failure, never a silent error. */
export function useAction() {
  const { message } = AntApp.useApp();
  const text = useProblemText();
  return useCallback(
    async <T,>(action: () => Promise<T>, success?: string): Promise<T | undefined> => {
      try {
        const result = await action();
        if (success) message.success(success);
        return result;
      } catch (e) {
        message.error({ content: text(e), duration: 8, className: 'sw-problem' });
        return undefined;
      }
    },
    [message, text],
  );
}

interface Loaded<T> {
  data: T | undefined;
  error: unknown;
  loading: boolean;
  reload: () => void;
}

/** Loads what a screen shows, again whenever `deps` change; stale answers are dropped. */
export function useLoad<T>(load: () => Promise<T>, deps: unknown[]): Loaded<T> {
  const [data, setData] = useState<T>();
  const [error, setError] = useState<unknown>();
  const [loading, setLoading] = useState(true);
  const generation = useRef(0);
  const run = useCallback(() => {
    const mine = ++generation.current;
    setLoading(true);
    setError(undefined);
    load()
      .then((value) => mine === generation.current && setData(value))
      .catch((e) => mine === generation.current && setError(e))
      .finally(() => mine === generation.current && setLoading(false));
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, deps);
  useEffect(run, [run]);
  return { data, error, loading, reload: run };
}

/** Loading, error or content: a screen is never blank. */
export function Loadable<T>({ state, children }: { state: Loaded<T>; children: (data: T) => ReactNode }) {
  const { t } = useI18n();
  if (state.error) return <ProblemAlert error={state.error} onRetry={state.reload} />;
  if (state.data === undefined) {
    return (
      <div style={{ padding: 48, textAlign: 'center' }} aria-busy="true">
        <Spin tip={t('common.loading')} size="large">
          <div style={{ minHeight: 40 }} />
        </Spin>
      </div>
    );
  }
  return <>{children(state.data)}</>;
}

export function NotFound() {
  const { t } = useI18n();
  return <Result status="404" title="404" subTitle={t('error.notFound')} extra={<Button href="/">{t('error.home')}</Button>} />;
}

export function PageTitle({ children, extra }: { children: ReactNode; extra?: ReactNode }) {
  useEffect(() => {
    if (typeof children === 'string') document.title = `${children} · SocialWeave`;
  }, [children]);
  return (
    <div style={{ display: 'flex', alignItems: 'center', justifyContent: 'space-between', gap: 12, flexWrap: 'wrap', marginBottom: 16 }}>
      <h1 style={{ margin: 0, fontSize: 22 }}>{children}</h1>
      <div style={{ display: 'flex', gap: 8, flexWrap: 'wrap' }}>{extra}</div>
    </div>
  );
}

/**
 * A list read a page at a time: the first page (again whenever `path` changes), then the next ones
 * on demand. Items already shown (by `keyOf`) are not repeated when a later page holds them too.
 */
export function usePagedList<T>(path: string, limit: number, keyOf?: (item: T) => string) {
  const [items, setItems] = useState<T[]>([]);
  const [cursor, setCursor] = useState<string | null>();
  const [moreError, setMoreError] = useState<unknown>();
  const sep = path.includes('?') ? '&' : '?';
  const first = useLoad(async () => {
    const page = await api.get<Page<T>>(`${path}${sep}limit=${limit}`);
    setItems(page.items);
    setCursor(page.nextCursor);
    setMoreError(undefined);
    return page.items;
  }, [path, limit]);
  const more = async () => {
    try {
      const page = await api.get<Page<T>>(`${path}${sep}limit=${limit}&cursor=${encodeURIComponent(cursor!)}`);
      setItems((shown) => {
        const known = keyOf ? new Set(shown.map(keyOf)) : undefined;
        return [...shown, ...page.items.filter((i) => !known?.has(keyOf!(i)))];
      });
      setCursor(page.nextCursor);
    } catch (e) {
      setMoreError(e);
    }
  };
  return { first, items, setItems, cursor, moreError, more };
}

/** The "load more" button of a paged list, and the problem when the next page failed. */
export function LoadMore({ list }: { list: { cursor?: string | null; moreError: unknown; more: () => void } }) {
  const { t } = useI18n();
  return (
    <>
      {list.moreError ? <ProblemAlert error={list.moreError} /> : null}
      {list.cursor ? (
        <div style={{ textAlign: 'center', marginTop: 16 }}>
          <Button onClick={list.more}>{t('common.loadMore')}</Button>
        </div>
      ) : null}
    </>
  );
}
