// The content checks as the editor sees them: findings of POST .../checks laid over the text they
// were found in, their one-click rewrites, and a checker that runs as the user types.
import { api } from './api';

export type Severity = 'BLOCK' | 'WARN' | 'INFO';

/** One finding; start/end are UTF-16 indexes into the checked text, as JavaScript strings count. */
export interface Finding {
  ruleId: string;
  category: string;
  severity: Severity;
  start: number;
  end: number;
  inTitle: boolean;
  matched: string;
  explanationZh: string;
  explanationEn: string;
  legalBasis?: string | null;
  suggestion?: string | null;
  needsReview: boolean;
  /** The exact replacement of the span ("" removes it), or null when a person must reword it. */
  rewrite?: string | null;
}

export interface CheckReport {
  findings: Finding[];
  blocked: boolean;
  blockCount: number;
  warnCount: number;
  infoCount: number;
  checks: string[];
  failedChecks: string[];
  elapsedMicros: number;
}

export interface CheckRequest {
  text: string;
  title?: string;
  network?: string;
  /** A sponsored post must carry an advertising label: the disclosure check looks for it. */
  sponsored?: boolean;
}

const RANK: Record<Severity, number> = { BLOCK: 0, WARN: 1, INFO: 2 };

/** A run of the text with the most serious finding over it (none for plain text). */
export interface Segment {
  start: number;
  end: number;
  text: string;
  severity?: Severity;
  findings: Finding[];
}

/**
 * Cuts the text at every finding boundary, so each piece is covered by the same findings; a piece
 * shows the most serious of them. Findings in the title, about the whole text (empty span) or out
 * of the text's range (a report of an older text) are left out.
 */
export function segments(text: string, findings: Finding[]): Segment[] {
  const spans = findings.filter((f) => !f.inTitle && f.start < f.end && f.end <= text.length && text.slice(f.start, f.end) === f.matched);
  const cuts = new Set<number>([0, text.length]);
  for (const f of spans) {
    cuts.add(f.start);
    cuts.add(f.end);
  }
  const points = [...cuts].sort((a, b) => a - b);
  const out: Segment[] = [];
  for (let i = 0; i + 1 < points.length; i++) {
    const start = points[i];
    const end = points[i + 1];
    const over = spans.filter((f) => f.start <= start && end <= f.end);
    const severity = over.length ? over.reduce((a, b) => (RANK[b.severity] < RANK[a.severity] ? b : a)).severity : undefined;
    const previous = out[out.length - 1];
    if (previous && !severity && !previous.severity) {
      previous.end = end;
      previous.text = text.slice(previous.start, end);
    } else {
      out.push({ start, end, text: text.slice(start, end), severity, findings: over });
    }
  }
  return out;
}

/**
 * The text with the finding's rewrite in place of its span, or null when the finding has no
 * rewrite or the text no longer holds what was found there.
 */
export function applyRewrite(text: string, finding: Finding): string | null {
  if (finding.rewrite === null || finding.rewrite === undefined || finding.inTitle || finding.start >= finding.end) return null;
  if (text.slice(finding.start, finding.end) !== finding.matched) return null;
  return text.slice(0, finding.start) + finding.rewrite + text.slice(finding.end);
}

/** Whether a report blocks: a blocking finding, or a check that failed to run. */
export const blocks = (report?: CheckReport) => !!report && (report.blockCount > 0 || report.failedChecks.length > 0);

export type Checker = (request: CheckRequest, signal: AbortSignal) => Promise<CheckReport>;

/** The workspace's checks (its word lists too), the same the server runs when a post is submitted. */
export const workspaceChecker =
  (base: string): Checker =>
  (request, signal) =>
    api.post<CheckReport>(`${base}/checks`, request, { signal });

/**
 * Runs a check per key (the master copy, each channel) once the text stopped changing for `delayMs`;
 * a newer text for the same key cancels the pending timer and aborts the request still in flight,
 * so an older answer never replaces a newer one.
 */
export class LiveChecks {
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly inFlight = new Map<string, AbortController>();
  private readonly last = new Map<string, string>();

  constructor(
    private readonly check: Checker,
    private readonly onReport: (key: string, report: CheckReport, request: CheckRequest) => void,
    private readonly onError: (key: string, error: unknown) => void = () => {},
    private readonly delayMs = 300,
  ) {}

  /** Asks for a check of `request` under `key`; nothing happens when it is what was checked last. */
  schedule(key: string, request: CheckRequest) {
    const fingerprint = JSON.stringify(request);
    if (this.last.get(key) === fingerprint) return;
    this.cancel(key);
    this.timers.set(
      key,
      setTimeout(() => {
        this.timers.delete(key);
        const controller = new AbortController();
        this.inFlight.set(key, controller);
        this.last.set(key, fingerprint);
        this.check(request, controller.signal)
          .then((report) => {
            if (!controller.signal.aborted) this.onReport(key, report, request);
          })
          .catch((e) => {
            if (controller.signal.aborted) return;
            this.last.delete(key);
            this.onError(key, e);
          })
          .finally(() => {
            if (this.inFlight.get(key) === controller) this.inFlight.delete(key);
          });
      }, this.delayMs),
    );
  }

  /** Stops the pending timer and the request in flight of `key`. */
  cancel(key: string) {
    const timer = this.timers.get(key);
    if (timer !== undefined) clearTimeout(timer);
    this.timers.delete(key);
    const controller = this.inFlight.get(key);
    if (controller) {
      controller.abort();
      this.inFlight.delete(key);
      this.last.delete(key);
    }
  }

  /** Forgets a key (a channel taken off the post). */
  drop(key: string) {
    this.cancel(key);
    this.last.delete(key);
  }

  dispose() {
    for (const key of [...this.timers.keys(), ...this.inFlight.keys()]) this.cancel(key);
  }
}

/**
 * The UTF-16 offset, within `root`'s text, of a DOM position (a node and an offset in it, as a
 * Selection gives them): the lengths of the text nodes before it plus the offset.
 */
export function textOffset(root: Node, node: Node, offset: number): number | null {
  if (node !== root && !root.contains(node)) return null;
  if (node.nodeType === Node.TEXT_NODE) return precedingText(root, node) + offset;
  const child = node.childNodes[offset];
  if (child) return precedingText(root, child);
  return precedingText(root, node) + (node.textContent?.length ?? 0);
}

/** The length of the text in `root` before `target` (in document order, not inside it). */
function precedingText(root: Node, target: Node): number {
  const walker = (root.ownerDocument ?? document).createTreeWalker(root, NodeFilter.SHOW_TEXT);
  let total = 0;
  for (let current = walker.nextNode(); current; current = walker.nextNode()) {
    if (current === target || target.contains(current) || target.compareDocumentPosition(current) & Node.DOCUMENT_POSITION_FOLLOWING) break;
    total += current.textContent?.length ?? 0;
  }
  return total;
}

/** The span [start, end) of the selection inside `root`, or null when it is empty or outside. */
export function selectedSpan(root: Node, selection: Selection | null): { start: number; end: number } | null {
  if (!selection || selection.rangeCount === 0 || selection.isCollapsed) return null;
  const range = selection.getRangeAt(0);
  const a = textOffset(root, range.startContainer, range.startOffset);
  const b = textOffset(root, range.endContainer, range.endOffset);
  if (a === null || b === null || a === b) return null;
  return { start: Math.min(a, b), end: Math.max(a, b) };
}
