import { run, type ApplicationFunction } from "probot";
import app from "./index.js";

/**
 * The app's process entry (`npm start`, once `scripts/start.js` has built what changed, or
 * `node lib/start.js` in the container): Probot's `run` in this process, and a clean stop on
 * SIGTERM or SIGINT (the server stops accepting, open requests get up to 10 s, then exit).
 */
let log: Pick<Console, "info" | "error"> = console;
const withLog: ApplicationFunction = (probot, options) => {
  log = { info: (message: string) => probot.log.info(message), error: (error) => probot.log.error(error) };
  return app(probot, options);
};

const sigintBefore = new Set(process.listeners("SIGINT"));
const server = await run(withLog).catch((error: unknown) => {
  log.error(error);
  process.exit(1);
});
// `run` adds a SIGINT handler of its own; one way to stop is enough.
for (const listener of process.listeners("SIGINT"))
  if (!sigintBefore.has(listener)) process.off("SIGINT", listener);

let stopping = false;
/** Logging must not stop a stop: stdout may be a pipe whose reader is gone. */
function tell(write: () => void): void {
  try {
    write();
  } catch {
    // nothing left to tell it to
  }
}
async function stop(signal: NodeJS.Signals): Promise<void> {
  // npm passes a terminal's Ctrl-C on to the process that already got it: one stop is enough.
  if (stopping) return;
  stopping = true;
  setTimeout(() => {
    tell(() => log.error("the server did not stop within 10 s; exiting"));
    process.exit(1);
  }, 10_000).unref();
  tell(() => log.info(`${signal}: stopping the server`));
  try {
    await server.stop();
  } catch (error) {
    tell(() => log.error(error));
    process.exit(1);
  }
  tell(() => log.info("server stopped"));
  // Let the log's stream write (or fail to: pino's exit-time flush loops for ever on a pipe whose
  // reader is gone, unless the stream has seen the EPIPE first) before exiting.
  await new Promise((resolve) => setTimeout(resolve, 50));
  process.exit(0);
}
process.on("SIGTERM", (signal) => void stop(signal));
process.on("SIGINT", (signal) => void stop(signal));
