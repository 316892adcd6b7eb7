import type { RepositoryRef } from "./repository-ref.js";

/**
 * Where an organisation's policy file is read: `.github/sofie-integration.yml` of the
 * repository, else of the organisation's `.github` repository, with `_extends` merged.
 * Null when no such file exists.
 */
export interface PolicySource {
  read(repo: RepositoryRef, path: string): Promise<unknown>;
}
