import type { RepositoryRef } from "./repository-ref.js";

export type RepositoryRole = "admin" | "maintain" | "write" | "triage" | "read" | "none";

/** Who may do what, asked of the code host at the time of each command (never cached). */
export interface AccessControl {
  roleOf(repo: RepositoryRef, username: string): Promise<RepositoryRole>;
}
