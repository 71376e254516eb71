// Campaigns, the CSV import's preview and the quota forecast, as the content REST gives them.
import { api, request, seg } from './api';

export type Kpi = 'ENGAGEMENT_RATE' | 'REACH' | 'IMPRESSIONS' | 'FOLLOWERS' | 'CLICKS' | 'CONVERSIONS';
export const KPIS: Kpi[] = ['ENGAGEMENT_RATE', 'REACH', 'IMPRESSIONS', 'FOLLOWERS', 'CLICKS', 'CONVERSIONS'];
export type CampaignStatus = 'PLANNED' | 'ACTIVE' | 'PAUSED' | 'COMPLETED' | 'ARCHIVED';
export const CAMPAIGN_STATUSES: CampaignStatus[] = ['PLANNED', 'ACTIVE', 'PAUSED', 'COMPLETED', 'ARCHIVED'];

export interface Campaign {
  id: string;
  workspaceId: string;
  name: string;
  objective?: string | null;
  kpi?: Kpi | null;
  targetValue?: number | null;
  startsOn?: string | null;
  deadline?: string | null;
  ownerId?: string | null;
  channelIds: string[];
  tags: string[];
  status: CampaignStatus;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
  version: number;
}

/** What the create/edit form holds; dates as yyyy-mm-dd. */
export interface CampaignForm {
  name: string;
  objective?: string;
  kpi?: Kpi;
  targetValue?: number | null;
  startsOn?: string;
  deadline?: string;
  ownerId?: string;
  channelIds?: string[];
  tags?: string[];
  status?: CampaignStatus;
}

/** The body of POST/PUT: blank strings and empty choices are left out, not sent as "". */
export function campaignBody(form: CampaignForm): Record<string, unknown> {
  const text = (v?: string) => (v && v.trim() ? v.trim() : undefined);
  return {
    name: form.name.trim(),
    objective: text(form.objective),
    kpi: form.kpi || undefined,
    targetValue: form.targetValue ?? undefined,
    startsOn: text(form.startsOn),
    deadline: text(form.deadline),
    ownerId: text(form.ownerId),
    channelIds: form.channelIds ?? [],
    tags: (form.tags ?? []).map((t) => t.trim()).filter(Boolean),
    status: form.status ?? 'PLANNED',
  };
}

export interface ImportProblem {
  row: number;
  column?: string | null;
  message: string;
}

export interface ImportReport {
  dryRun: boolean;
  charset: string;
  rows: number;
  errors: ImportProblem[];
  warnings: ImportProblem[];
  postIds: string[];
}

export interface QuotaWarning {
  channelId?: string | null;
  network: string;
  limit: string;
  from: string;
  to: string;
  scheduled: number;
  allowed: number;
}

/** RFC 4180 records: quoted cells may hold commas, doubled quotes and line breaks. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (quoted) {
      if (c === '"' && body[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') {
        quoted = false;
      } else {
        cell += c;
      }
    } else if (c === '"') {
      quoted = true;
    } else if (c === ',') {
      row.push(cell);
      cell = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && body[i + 1] === '\n') i++;
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
    } else {
      cell += c;
    }
  }
  if (cell !== '' || row.length > 0) {
    row.push(cell);
    rows.push(row);
  }
  return rows.filter((r) => r.some((c) => c.trim() !== ''));
}

export interface PreviewRow {
  /** The row as the API numbers it: 2 is the first post under the header. */
  row: number;
  cells: Record<string, string>;
  errors: ImportProblem[];
  warnings: ImportProblem[];
}

export interface Preview {
  columns: string[];
  rows: PreviewRow[];
  /** Problems of the file as a whole (row 0) or of rows the parse here did not find. */
  fileErrors: ImportProblem[];
  errorRows: number;
}

/** Each row of the file next to the problems the API's dry run found in it. */
export function previewOf(text: string, report: ImportReport): Preview {
  const [header = [], ...records] = parseCsv(text);
  const columns = header.map((h) => h.trim());
  const rows: PreviewRow[] = records.map((cells, i) => ({
    row: i + 2,
    cells: Object.fromEntries(columns.map((c, j) => [c, cells[j] ?? ''])),
    errors: [],
    warnings: [],
  }));
  const byRow = new Map(rows.map((r) => [r.row, r]));
  const fileErrors: ImportProblem[] = [];
  for (const e of report.errors) {
    const target = byRow.get(e.row);
    if (target) target.errors.push(e);
    else fileErrors.push(e);
  }
  for (const w of report.warnings) byRow.get(w.row)?.warnings.push(w);
  return { columns, rows, fileErrors, errorRows: rows.filter((r) => r.errors.length > 0).length };
}

/** The file's text in the charset the API read it in (GB18030 decodes GBK and GB2312 too). */
export function decodeAs(bytes: ArrayBuffer, charset: string): string {
  try {
    return new TextDecoder(charset.toLowerCase()).decode(bytes);
  } catch {
    return new TextDecoder('utf-8').decode(bytes);
  }
}

/** Dry run (nothing saved) or the real import of one CSV file. */
export function importCsv(base: string, bytes: ArrayBuffer, charset: string | undefined, dryRun: boolean): Promise<ImportReport> {
  const query = `dryRun=${dryRun}${charset ? `&charset=${encodeURIComponent(charset)}` : ''}`;
  return request<ImportReport>('POST', `${base}/posts/imports?${query}`, { rawBody: { data: bytes, contentType: 'text/csv' } });
}

/** The warnings that concern a campaign: its channels, or the whole network of one of them. */
export function warningsFor(warnings: QuotaWarning[], channelIds: string[], networksOfChannels: Map<string, string>): QuotaWarning[] {
  const networks = new Set(channelIds.map((id) => networksOfChannels.get(id)).filter(Boolean));
  return warnings.filter((w) => (w.channelId ? channelIds.includes(w.channelId) : networks.has(w.network)));
}

/** [from, to) of a campaign for the calendar queries: its dates, else the next 30 days. */
export function campaignRange(campaign: Pick<Campaign, 'startsOn' | 'deadline'>, now = new Date()): { from: string; to: string } {
  const day = 24 * 3600 * 1000;
  const start = campaign.startsOn ? new Date(`${campaign.startsOn}T00:00:00Z`) : new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
  let end = campaign.deadline ? new Date(new Date(`${campaign.deadline}T00:00:00Z`).getTime() + day) : new Date(start.getTime() + 30 * day);
  if (end.getTime() <= start.getTime()) end = new Date(start.getTime() + day);
  if (end.getTime() - start.getTime() > 366 * day) end = new Date(start.getTime() + 366 * day);
  return { from: start.toISOString().replace('.000Z', 'Z'), to: end.toISOString().replace('.000Z', 'Z') };
}

export const exportPath = (base: string, format: 'csv' | 'ics', range: { from: string; to: string }, campaignId?: string) =>
  `${base}/posts/export.${format}?from=${encodeURIComponent(range.from)}&to=${encodeURIComponent(range.to)}${campaignId ? `&campaignId=${seg(campaignId)}` : ''}`;

/** Fetches an export and hands it to the browser as a file download; API problems are thrown. */
export async function download(path: string, fallbackName: string): Promise<void> {
  const response = await api.get<Response>(path, { raw: true, headers: { Accept: 'text/csv, text/calendar, application/problem+json' } });
  const disposition = response.headers.get('Content-Disposition') ?? '';
  const name = /filename="?([^";]+)"?/.exec(disposition)?.[1] ?? fallbackName;
  const url = URL.createObjectURL(await response.blob());
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
