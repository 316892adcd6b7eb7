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
async function stop(signal: NodeJS.Signals): Promise<void> {
  if (stopping) return;
  stopping = true;
  log.info(`${signal}: stopping the server`);
  setTimeout(() => {
    log.error("the server did not stop within 10 s; exiting");
    process.exit(1);
  }, 10_000).unref();
  try {
    await server.stop();
    log.info("server stopped");
    process.exit(0);
  } catch (error) {
    log.error(error);
    process.exit(1);
  }
}
process.on("SIGTERM", (signal) => void stop(signal));
process.on("SIGINT", (signal) => void stop(signal));
