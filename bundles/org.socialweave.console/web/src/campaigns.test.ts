import { describe, expect, it } from 'vitest';
import { campaignBody, campaignRange, decodeAs, exportPath, parseCsv, previewOf, warningsFor, type ImportReport, type QuotaWarning } from './campaigns';

const report = (errors: ImportReport['errors'], warnings: ImportReport['warnings'] = []): ImportReport => ({ dryRun: true, charset: 'UTF-8', rows: 3, errors, warnings, postIds: [] });

describe('CSV preview', () => {
  it('parses RFC 4180: quoted commas, doubled quotes, line breaks in a cell, CRLF and a BOM', () => {
    const text = '\uFEFFtext,channels\r\n"冬季, ""新品""\n第二行",tg\r\nplain,tg|md\r\n\r\n';
    expect(parseCsv(text)).toEqual([
      ['text', 'channels'],
      ['冬季, "新品"\n第二行', 'tg'],
      ['plain', 'tg|md'],
    ]);
    expect(parseCsv('a,b\n1,')).toEqual([['a', 'b'], ['1', '']]);
  });

  it('puts each problem next to its row, numbered like the API (2 is the first post)', () => {
    const csv = 'text,channels,scheduledAt\nfirst,tg,2026-12-08T09:00:00Z\n"multi\nline",tg,\nthird,nowhere,yesterday\n';
    const preview = previewOf(csv, report(
      [
        { row: 4, column: 'channels', message: 'unknown channel: nowhere' },
        { row: 4, column: 'scheduledAt', message: 'not a time: yesterday' },
      ],
      [{ row: 3, column: 'text', message: 'cut to 280 characters for x' }],
    ));
    expect(preview.columns).toEqual(['text', 'channels', 'scheduledAt']);
    expect(preview.rows.map((r) => r.row)).toEqual([2, 3, 4]);
    expect(preview.rows[1].cells.text).toBe('multi\nline');
    expect(preview.rows[1].warnings).toHaveLength(1);
    expect(preview.rows[2].errors.map((e) => e.column)).toEqual(['channels', 'scheduledAt']);
    expect(preview.errorRows).toBe(1);
    expect(preview.fileErrors).toEqual([]);
  });

  it('keeps file-level problems (row 0) and rows it did not find apart', () => {
    const preview = previewOf('', report([{ row: 0, message: 'the file is empty' }]));
    expect(preview.rows).toEqual([]);
    expect(preview.fileErrors).toEqual([{ row: 0, message: 'the file is empty' }]);
  });

  it('decodes the file in the charset the API read it in, GBK included', () => {
    // "冬季" in GBK.
    const gbk = new Uint8Array([0xb6, 0xac, 0xbc, 0xbe]).buffer;
    expect(decodeAs(gbk, 'GB18030')).toBe('冬季');
    expect(decodeAs(new TextEncoder().encode('冬季').buffer as ArrayBuffer, 'UTF-8')).toBe('冬季');
    expect(decodeAs(new TextEncoder().encode('x').buffer as ArrayBuffer, 'no-such-charset')).toBe('x');
  });
});

describe('campaigns', () => {
  it('sends blank fields as absent, trims, and defaults the status', () => {
    expect(campaignBody({ name: ' Winter ', objective: '  ', tags: ['a ', '', 'b'], targetValue: 0 })).toEqual({
      name: 'Winter',
      objective: undefined,
      kpi: undefined,
      targetValue: 0,
      startsOn: undefined,
      deadline: undefined,
      ownerId: undefined,
      channelIds: [],
      tags: ['a', 'b'],
      status: 'PLANNED',
    });
  });

  it('queries a campaign from its first day to the end of its deadline, bounded to 366 days', () => {
    expect(campaignRange({ startsOn: '2026-12-01', deadline: '2026-12-31' })).toEqual({ from: '2026-12-01T00:00:00Z', to: '2027-01-01T00:00:00Z' });
    expect(campaignRange({ startsOn: null, deadline: null }, new Date('2026-12-07T15:00:00Z'))).toEqual({ from: '2026-12-07T00:00:00Z', to: '2027-01-06T00:00:00Z' });
    expect(campaignRange({ startsOn: '2026-01-01', deadline: '2028-01-01' }).to).toBe('2027-01-02T00:00:00Z');
    expect(campaignRange({ startsOn: '2026-12-10', deadline: '2026-12-01' }).to).toBe('2026-12-11T00:00:00Z');
  });

  it('builds the export path with the campaign filter', () => {
    expect(exportPath('/workspaces/demo', 'ics', { from: '2026-12-01T00:00:00Z', to: '2027-01-01T00:00:00Z' }, 'c 1')).toBe(
      '/workspaces/demo/posts/export.ics?from=2026-12-01T00%3A00%3A00Z&to=2027-01-01T00%3A00%3A00Z&campaignId=c%201',
    );
  });

  it("keeps the quota warnings of the campaign's channels and of their networks' app-wide quotas", () => {
    const w = (channelId: string | null, network: string): QuotaWarning => ({ channelId, network, limit: 'posts-24h', from: '2026-12-08T00:00:00Z', to: '2026-12-09T00:00:00Z', scheduled: 60, allowed: 50 });
    const networks = new Map([['tg1', 'telegram'], ['md1', 'mastodon'], ['x1', 'x']]);
    const kept = warningsFor([w('tg1', 'telegram'), w('md1', 'mastodon'), w(null, 'telegram'), w(null, 'x')], ['tg1'], networks);
    expect(kept.map((k) => `${k.channelId}/${k.network}`)).toEqual(['tg1/telegram', 'null/telegram']);
  });
});
