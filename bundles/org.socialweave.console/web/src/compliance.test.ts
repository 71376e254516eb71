import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { applyRewrite, LiveChecks, segments, selectedSpan, textOffset, type CheckReport, type CheckRequest, type Finding } from './compliance';

function finding(text: string, matched: string, severity: Finding['severity'], extra: Partial<Finding> = {}): Finding {
  const start = text.indexOf(matched);
  return {
    ruleId: `rule.${matched}`,
    category: 'test',
    severity,
    start,
    end: start + matched.length,
    inTitle: false,
    matched,
    explanationZh: '说明',
    explanationEn: 'why',
    needsReview: false,
    ...extra,
  };
}

const report = (findings: Finding[] = []): CheckReport => ({
  findings,
  blocked: findings.some((f) => f.severity === 'BLOCK'),
  blockCount: findings.filter((f) => f.severity === 'BLOCK').length,
  warnCount: 0,
  infoCount: 0,
  checks: [],
  failedChecks: [],
  elapsedMicros: 1,
});

describe('segments', () => {
  it('cuts the text at the findings and keeps plain runs whole', () => {
    const text = '全网最佳口碑，限时特惠';
    const parts = segments(text, [finding(text, '最佳', 'BLOCK')]);
    expect(parts.map((p) => [p.text, p.severity])).toEqual([
      ['全网', undefined],
      ['最佳', 'BLOCK'],
      ['口碑，限时特惠', undefined],
    ]);
    expect(parts.map((p) => p.text).join('')).toBe(text);
  });

  it('shows the most serious of overlapping findings on the overlap', () => {
    const text = 'abc最好的国家级def';
    const wide = finding(text, '最好的国家级', 'WARN');
    const narrow = finding(text, '国家级', 'BLOCK');
    const parts = segments(text, [wide, narrow]);
    expect(parts.map((p) => [p.text, p.severity, p.findings.length])).toEqual([
      ['abc', undefined, 0],
      ['最好的', 'WARN', 1],
      ['国家级', 'BLOCK', 2],
      ['def', undefined, 0],
    ]);
  });

  it('counts UTF-16 units as the API does, so spans after an emoji land on their term', () => {
    const text = '🎉🎉 最佳 😀';
    const f = finding(text, '最佳', 'BLOCK');
    expect(f.start).toBe(5);
    expect(segments(text, [f]).find((p) => p.severity)?.text).toBe('最佳');
  });

  it('leaves out title findings, whole-text findings and spans of an older text', () => {
    const text = 'hello world';
    const parts = segments(text, [
      finding(text, 'hello', 'BLOCK', { inTitle: true }),
      { ...finding(text, 'hello', 'WARN'), start: 0, end: 0 },
      { ...finding(text, 'world', 'INFO'), matched: 'earth' },
      { ...finding(text, 'world', 'INFO'), start: 6, end: 40 },
    ]);
    expect(parts).toEqual([{ start: 0, end: 11, text, severity: undefined, findings: [] }]);
  });
});

describe('applyRewrite', () => {
  it('puts the rewrite in place of the span, or removes it for an empty rewrite', () => {
    const text = '全网最佳口碑，国家级品质';
    expect(applyRewrite(text, finding(text, '最佳', 'BLOCK', { rewrite: '优质' }))).toBe('全网优质口碑，国家级品质');
    expect(applyRewrite(text, finding(text, '国家级', 'BLOCK', { rewrite: '' }))).toBe('全网最佳口碑，品质');
  });

  it('refuses without a rewrite or when the text moved on', () => {
    const text = '全网最佳口碑';
    expect(applyRewrite(text, finding(text, '最佳', 'BLOCK'))).toBeNull();
    const stale = finding(text, '最佳', 'BLOCK', { rewrite: '优质' });
    expect(applyRewrite('新的全网最佳口碑', stale)).toBeNull();
  });
});

describe('selected spans', () => {
  it('maps a selection across highlight marks to offsets in the whole text', () => {
    const root = document.createElement('div');
    root.innerHTML = '全网<mark>最佳</mark>口碑，<mark>国家级</mark>品质';
    document.body.appendChild(root);
    const range = document.createRange();
    range.setStart(root.childNodes[1].firstChild!, 1); // inside 最佳, after 最
    range.setEnd(root.childNodes[3].firstChild!, 2); // inside 国家级, after 国家
    const selection = window.getSelection()!;
    selection.removeAllRanges();
    selection.addRange(range);
    const span = selectedSpan(root, selection)!;
    expect(span).toEqual({ start: 3, end: 9 });
    expect(root.textContent!.slice(span.start, span.end)).toBe('佳口碑，国家');
    root.remove();
  });

  it('takes positions between elements and refuses nodes outside the text', () => {
    const root = document.createElement('div');
    root.innerHTML = 'ab<mark>cd</mark>ef';
    expect(textOffset(root, root, 2)).toBe(4);
    expect(textOffset(root, root, 3)).toBe(6);
    expect(textOffset(root, root.childNodes[1], 1)).toBe(4);
    expect(textOffset(root, document.createElement('p'), 0)).toBeNull();
    expect(selectedSpan(root, null)).toBeNull();
  });
});

describe('LiveChecks', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('waits until typing pauses for 300 ms and checks the last text only', async () => {
    const check = vi.fn(async (r: CheckRequest) => report([finding(r.text, r.text.slice(0, 1), 'INFO')]));
    const seen: string[] = [];
    const live = new LiveChecks(check, (_key, _report, request) => seen.push(request.text));
    live.schedule('master', { text: 'a' });
    vi.advanceTimersByTime(200);
    live.schedule('master', { text: 'ab' });
    vi.advanceTimersByTime(299);
    expect(check).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(check).toHaveBeenCalledTimes(1);
    expect(check.mock.calls[0][0]).toEqual({ text: 'ab' });
    await vi.runAllTimersAsync();
    expect(seen).toEqual(['ab']);
    live.schedule('master', { text: 'ab' });
    vi.advanceTimersByTime(1000);
    expect(check).toHaveBeenCalledTimes(1);
  });

  it('aborts the request in flight when the text changes, and drops its late answer', async () => {
    const pending: { request: CheckRequest; signal: AbortSignal; resolve: (r: CheckReport) => void }[] = [];
    const check = (request: CheckRequest, signal: AbortSignal) => new Promise<CheckReport>((resolve) => pending.push({ request, signal, resolve }));
    const seen: string[] = [];
    const live = new LiveChecks(check, (_key, _report, request) => seen.push(request.text));
    live.schedule('weibo', { text: 'old', network: 'weibo' });
    vi.advanceTimersByTime(300);
    live.schedule('weibo', { text: 'new', network: 'weibo' });
    expect(pending[0].signal.aborted).toBe(true);
    vi.advanceTimersByTime(300);
    pending[1].resolve(report());
    pending[0].resolve(report());
    await vi.runAllTimersAsync();
    expect(seen).toEqual(['new']);
  });

  it('keeps keys apart and checks a text again after a failed check', async () => {
    let fail = true;
    const check = vi.fn(async () => {
      if (fail) throw new Error('down');
      return report();
    });
    const errors: string[] = [];
    const reports: string[] = [];
    const live = new LiveChecks(check, (key) => reports.push(key), (key) => errors.push(key));
    live.schedule('master', { text: 'x' });
    live.schedule('x', { text: 'x', network: 'x' });
    await vi.advanceTimersByTimeAsync(300);
    expect(check).toHaveBeenCalledTimes(2);
    expect(errors.sort()).toEqual(['master', 'x']);
    fail = false;
    live.schedule('master', { text: 'x' });
    await vi.advanceTimersByTimeAsync(300);
    expect(reports).toEqual(['master']);
    live.dispose();
  });
});
