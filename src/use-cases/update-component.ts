import type { ComponentEvidence } from "../domain/maturity/evidence.js";
import type { Clock } from "../ports/clock.js";
import type { ComponentRecord, ComponentStore } from "../ports/store.js";
import { createKeyedLock } from "./keyed-lock.js";

/** What a decision on a component's fresh record wants written, and what it returns. */
export interface ComponentDecision<T> {
  /** The new evidence; absent: nothing to write. */
  readonly evidence?: ComponentEvidence;
  /** The level to store with it (the record's own when absent). */
  readonly level?: number;
  readonly result: T;
}

export interface ComponentUpdate<T> {
  /** The record before the write (undefined for a new component). */
  readonly before: ComponentRecord | undefined;
  /** The record as stored after the write (the same as `before` when nothing was written). */
  readonly after: ComponentRecord | undefined;
  readonly written: boolean;
  readonly result: T;
}

export interface UpdateComponentDeps {
  readonly components: ComponentStore;
  readonly clock: Clock;
}

/** Writers of one component in this process run one after another; across processes, the version decides. */
const lock = createKeyedLock();
const MAX_ATTEMPTS = 20;

export class ConcurrentUpdateError extends Error {
  constructor(repository: string) {
    super(`${repository} changed under ${MAX_ATTEMPTS} attempts in a row to update it; try again`);
    this.name = "ConcurrentUpdateError";
  }
}

/**
 * The one way a component's state changes: `decide` runs on the record as stored now (under
 * the component's lock) and says what to write; the write is a compare-and-set on the
 * record's version, and when another writer (another replica) got there first, `decide`
 * runs again on the fresh record. So every decision that depends on state (hold, level,
 * follow) is taken on what is stored, and no writer overwrites another's evidence.
 */
export function updateComponent<T>(
  deps: UpdateComponentDeps,
  repository: string,
  installationId: number,
  decide: (evidence: ComponentEvidence, record: ComponentRecord | undefined) => ComponentDecision<T>,
): Promise<ComponentUpdate<T>> {
  return lock(repository, async () => {
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      const before = await deps.components.get(repository);
      const decision = decide((before?.evidence ?? {}) as ComponentEvidence, before);
      if (decision.evidence === undefined)
        return { before, after: before, written: false, result: decision.result };
      const after = await deps.components.compareAndSet(
        {
          repository,
          installationId,
          evidence: decision.evidence,
          level: decision.level ?? before?.level ?? 0,
          updatedAt: deps.clock.now().toISOString(),
        },
        before?.version ?? 0,
      );
      if (after) return { before, after, written: true, result: decision.result };
    }
    throw new ConcurrentUpdateError(repository);
  });
}
