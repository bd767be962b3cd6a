import type { UpgradeTarget } from './app-server';

/** The collaboration endpoint mounted at /collab; its own issue builds it. */
export async function createRealtime(): Promise<{ collab?: UpgradeTarget; routes?: Record<string, never> }> {
  return {};
}
