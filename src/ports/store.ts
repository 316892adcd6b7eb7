/**
 * Durable state: webhook deliveries already handled, per-component evidence, the job
 * queue, the write pacer's log and the audit log. The default adapter is embedded SQLite; the port is async so
 * that a PostgreSQL adapter can stand behind it for several replicas.
 */
export interface Store {
  readonly deliveries: DeliveryLog;
  readonly components: ComponentStore;
  readonly jobs: JobQueueStore;
  readonly writes: WriteLog;
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

/** Where a job stands. A cancelled job is not run (again); a failed one can be asked for again. */
export type JobState = "queued" | "running" | "done" | "failed" | "cancelled";

export interface Job {
  readonly id: number;
  readonly kind: string;
  /** Version of the kind's payload schema the job was queued with. */
  readonly version: number;
  /** Unique per job: enqueuing the same key twice is a no-op. */
  readonly key: string;
  readonly payload: unknown;
  /** What the job is about (e.g. a repository): cancelling selects by it, and one job of a kind runs per group. */
  readonly group?: string;
  readonly state: JobState;
  /** The process that holds (or last held) the job's lease. */
  readonly owner?: string;
  /** Until when the owner's lease runs (ISO 8601); past it, another owner may take the job. */
  readonly leaseUntil?: string;
  readonly attempts: number;
  readonly runAfter: string;
  /** Why the last attempt failed, or why the job was cancelled. */
  readonly lastError?: string;
}

export interface NewJob {
  readonly kind: string;
  readonly version: number;
  readonly key: string;
  readonly payload: unknown;
  readonly group?: string;
  readonly runAfter: Date;
}

/** What a heartbeat learns: the lease is extended, another owner took it, or the job was cancelled. */
export type HeartbeatResult = "ok" | "lost" | "cancelled";

/** Which jobs `cancel` selects: all of a kind, narrowed by key prefix and/or group. */
export interface JobSelector {
  readonly kind: string;
  readonly keyPrefix?: string;
  readonly group?: string;
}

/**
 * The durable job queue with leases: a claimed job is its owner's until the lease runs out;
 * the owner extends it by heartbeats, and only the owner records the outcome. A process
 * that dies leaves its jobs to whoever claims them once their leases expire, so a peer's
 * running job is never taken while its owner is alive.
 */
export interface JobQueueStore {
  /**
   * Adds a job unless one with the same key is queued, running or done; a job that failed
   * for good or was cancelled is queued again (a maintainer asking again retries it).
   * True when queued.
   */
  enqueue(job: NewJob, now: Date): Promise<boolean>;
  /**
   * Takes the oldest job of one of `kinds` that is due, or whose lease (held by another
   * owner) has expired, and leases it to `owner` until `now + leaseMs`, counting an
   * attempt. A job is not taken while another job of its kind and group runs under a live
   * lease. Undefined when nothing can be taken.
   */
  claim(kinds: readonly string[], owner: string, now: Date, leaseMs: number): Promise<Job | undefined>;
  /**
   * Extends the owner's lease to `now + leaseMs`. "lost" when another owner holds the job
   * (or it is no longer running), "cancelled" when it was cancelled while running (the
   * lease is still extended, so that the owner can wind it up).
   */
  heartbeat(id: number, owner: string, now: Date, leaseMs: number): Promise<HeartbeatResult>;
  /**
   * Marks the job done, if `owner` still holds it; false when it does not (the outcome is
   * then another owner's). A job cancelled while it ran is done all the same.
   */
  complete(id: number, owner: string, now: Date): Promise<boolean>;
  /**
   * Puts the job back to run at `retryAt`, or marks it failed for good when `retryAt` is
   * undefined; a job cancelled while it ran is marked cancelled instead. Only by the owner
   * that holds it: false otherwise.
   */
  fail(id: number, owner: string, error: string, now: Date, retryAt?: Date): Promise<boolean>;
  /**
   * Cancels the selected jobs that are queued (at once) or running (their owner learns it
   * at its next heartbeat); resolves with how many were selected.
   */
  cancel(selector: JobSelector, reason: string, now: Date): Promise<number>;
  /** Queues again, now, the jobs of a kind whose key starts with `keyPrefix` that failed for good; how many. */
  retryFailed(kind: string, keyPrefix: string, now: Date): Promise<number>;
  /** Jobs not yet finished (queued or running), oldest first. */
  pending(): Promise<readonly Job[]>;
  /** The job with this key, whatever its state. */
  get(key: string): Promise<Job | undefined>;
}

/** The pacer's write log: rate-limited writes and pauses per bucket, kept across restarts. */
export interface WriteLog {
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
