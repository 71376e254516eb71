import { useParams } from 'react-router-dom';
import type { Role, Workspace } from './api';
import { useSession } from './session';

/** The workspace of the current route (/w/:ws/...) and the user's role in it. */
export function useWorkspace(): { workspace: Workspace; role?: Role; base: string } {
  const { ws } = useParams();
  const { info, workspaces } = useSession();
  const workspace = workspaces.find((w) => w.slug === ws || w.id === ws)!;
  return { workspace, role: info?.roles[workspace.id], base: `/workspaces/${encodeURIComponent(workspace.slug)}` };
}
