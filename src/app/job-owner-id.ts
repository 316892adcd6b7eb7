import { randomBytes } from "node:crypto";
import { hostname } from "node:os";

/**
 * A name for this process in the job queue: host name (the pod's, on Kubernetes), process
 * id and a random part, so that a restarted process (same host, often the same pid in a
 * container) is never taken for the one that died.
 */
export function jobOwnerId(): string {
  return `${hostname()}:${process.pid}:${randomBytes(4).toString("hex")}`;
}
