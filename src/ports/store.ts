/**
 * Durable state: webhook deliveries already handled, per-component evidence, the job
 * queue and the audit log. The default adapter is embedded SQLite; the port is async so
 * that a PostgreSQL adapter can stand behind it for several replicas.
 */
export interface Store {
  readonly deliveries: DeliveryLog;
  readonly components: ComponentStore;
  readonly jobs: JobQueueStore;
  readonly audit: AuditLog;
  close(): Promise<void>;
}

export interface DeliveryLog {
  /**
   * Claims a webhook delivery (`X-GitHub-Delivery`) for handling. False when it was
   * handled already, or is being handled now by a claim younger than `staleAfterMs`.
   */
  claim(id: string, event: string, now: Date, staleAfterMs: number): Promise<boolean>;
  /** Marks a claimed delivery handled: later claims of it return false for good. */
  complete(id: string, now: Date): Promise<void>;
  /** Drops a claim after a failure, so that GitHub's redelivery is handled. */
  release(id: string): Promise<void>;
}

export interface ComponentRecord {
  /** `owner/repo`. */
  readonly repository: string;
  readonly installationId: number;
  /** JSON-serialisable evidence (the maturity model's shape). */
  readonly evidence: unknown;
  readonly level: number;
  readonly updatedAt: string;
  /** Bumped by every write: the compare-and-set token (1 for a new record). */
  readonly version: number;
}

/** A record to write: the version is the store's to assign. */
export type ComponentWrite = Omit<ComponentRecord, "version">;

export interface ComponentStore {
  get(repository: string): Promise<ComponentRecord | undefined>;
  /**
   * Writes the record if the stored version is still `expectedVersion` (0: no record yet)
   * and returns it with its new version; undefined when another writer got there first,
   * in which case nothing was written and the caller decides again on a fresh read.
   */
  compareAndSet(record: ComponentWrite, expectedVersion: number): Promise<ComponentRecord | undefined>;
  list(): Promise<readonly ComponentRecord[]>;
  /**
   * What was last published to GitHub for the component (check run, topic, labels,
   * status issue), kept apart from the evidence: publishing never races evidence writes.
   */
  getOutputs(repository: string): Promise<unknown>;
  setOutputs(repository: string, outputs: unknown, now: Date): Promise<void>;
}

export interface Job {
  readonly id: number;
  readonly kind: string;
  /** Unique per job: enqueuing the same key twice is a no-op. */
  readonly key: string;
  readonly payload: unknown;
  readonly attempts: number;
  readonly runAfter: string;
}

export interface JobQueueStore {
  /**
   * Adds a job unless one with the same key is queued, running or done; a job that failed
   * for good is queued again (a maintainer asking again retries it). True when queued.
   */
  enqueue(job: { kind: string; key: string; payload: unknown; runAfter: Date }): Promise<boolean>;
  /** Takes the oldest due job (or jobs left running by a crash), marking it running. */
  claimNext(now: Date): Promise<Job | undefined>;
  complete(id: number, now: Date): Promise<void>;
  /** Puts the job back to run at `retryAt`, or marks it failed for good when `retryAt` is undefined. */
  fail(id: number, error: string, now: Date, retryAt?: Date): Promise<void>;
  /** Queues again, now, the jobs of a kind whose key starts with `keyPrefix` that failed for good; how many. */
  retryFailed(kind: string, keyPrefix: string, now: Date): Promise<number>;
  /** Jobs not yet done, oldest first. */
  pending(): Promise<readonly Job[]>;
  /** Records one rate-limited write, for pacing that survives a restart. */
  recordWrite(bucket: string, at: Date): Promise<void>;
  /** How many writes were recorded in the bucket since `since`. */
  countWrites(bucket: string, since: Date): Promise<number>;
  /** The oldest write in the bucket since `since`, if any. */
  oldestWrite(bucket: string, since: Date): Promise<Date | undefined>;
  /** Pauses the bucket's writes until `until` (a later pause already recorded wins). */
  pauseWrites(bucket: string, until: Date): Promise<void>;
  /** Until when the bucket's writes are paused, if they are. */
  writesPausedUntil(bucket: string): Promise<Date | undefined>;
}

export interface AuditEntry {
  readonly at: string;
  readonly repository: string;
  readonly actor: string;
  readonly command: string;
  readonly outcome: string;
  /** What the bot answered, in a sentence or two. */
  readonly message?: string;
  readonly details?: unknown;
}

export interface AuditLog {
  /**
   * Appends an entry. With a `key`, at most one entry per key is ever appended (a job
   * retried after its outcome was recorded writes nothing twice): false when the key was
   * there already.
   */
  append(entry: AuditEntry, key?: string): Promise<boolean>;
  list(filter?: { repository?: string }): Promise<readonly AuditEntry[]>;
}
