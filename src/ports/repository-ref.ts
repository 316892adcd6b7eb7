/** A repository as the use cases name it. */
export interface RepositoryRef {
  readonly owner: string;
  readonly repo: string;
}
