// The approval workflow's records (workspaces/{ws}/approvals, .../approval-policy), who may do what,
// and the count of the menu's badge (kept out of the screens' chunks: the shell loads it).
import { useCallback, useEffect, useState } from 'react';
import { api, type Page, type Role, type SessionInfo } from './api';

export type Verdict = 'APPROVE' | 'REJECT' | 'REQUEST_CHANGES';
export type RequestStatus = 'PENDING' | 'APPROVED' | 'REJECTED' | 'CHANGES_REQUESTED' | 'SUPERSEDED';

export interface ApprovalDecision {
  stage: number;
  userId: string;
  username: string;
  verdict: Verdict;
  comment?: string | null;
  spanStart?: number | null;
  spanEnd?: number | null;
  channelId?: string | null;
  decidedAt: string;
}

export interface ApprovalRequest {
  id: string;
  workspaceId: string;
  postId: string;
  revision: number;
  status: RequestStatus;
  stage: number;
  stageName?: string | null;
  stageDueAt?: string | null;
  decisions: ApprovalDecision[];
  submittedBy: string;
  submittedAt: string;
  closedAt?: string | null;
}

export interface ApprovalStage {
  name: string;
  role?: Role | null;
  userIds: string[];
  rule: 'ANY' | 'ALL';
  slaHours: number;
  /** People without an account, sent a signed review link by e-mail when the stage opens. */
  reviewers: ExternalReviewer[];
}

export interface ExternalReviewer {
  email: string;
  name: string;
}

export interface ApprovalPolicy {
  workspaceId: string;
  enabled: boolean;
  stages: ApprovalStage[];
  version: number;
}

/** Who may decide a stage: approvers, managers and admins of the workspace, and node admins. */
export function canApprove(info: SessionInfo | null | undefined, role?: Role) {
  return !!info?.systemAdmin || role === 'APPROVER' || role === 'MANAGER' || role === 'ADMIN';
}

/** Who may accept blocking findings with a written reason (COMPLIANCE_OVERRIDE). */
export function canOverride(info: SessionInfo | null | undefined, role?: Role) {
  return !!info?.systemAdmin || role === 'MANAGER' || role === 'ADMIN';
}

/** The window event the queue fires after a verdict, so the menu's count follows at once. */
export const APPROVALS_CHANGED = 'socialweave:approvals-changed';

/** The number of requests waiting for the user's verdict (100 means "100 or more"). */
export function useAwaitingCount(base: string | undefined, enabled: boolean) {
  const [count, setCount] = useState(0);
  const load = useCallback(() => {
    if (!base || !enabled) {
      setCount(0);
      return;
    }
    api
      .get<Page<ApprovalRequest>>(`${base}/approvals?awaiting=me&limit=100`)
      .then((page) => setCount(page.items.length))
      .catch(() => setCount(0));
  }, [base, enabled]);
  useEffect(() => {
    load();
    const timer = setInterval(load, 30_000);
    window.addEventListener(APPROVALS_CHANGED, load);
    return () => {
      clearInterval(timer);
      window.removeEventListener(APPROVALS_CHANGED, load);
    };
  }, [load]);
  return count;
}

