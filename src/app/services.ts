import type { Probot } from "probot";
import type { Store } from "../ports/store.js";
import type { Clock } from "../ports/clock.js";
import type { WritePacer } from "../ports/write-pacer.js";
import type { Metrics } from "./metrics.js";
import type { AppEnv } from "../config/env.js";

/** What every handler shares: built once when the app loads. */
export interface Services {
  readonly probot: Probot;
  /** The app's settings, read and validated once at start. */
  readonly env: AppEnv;
  readonly store: Store;
  readonly clock: Clock;
  /** The write pacer of one installation (GitHub's limits apply per installation). */
  readonly pacerFor: (installationId: number) => WritePacer;
  readonly metrics: Metrics;
}
