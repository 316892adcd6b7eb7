import { createReadStream } from "node:fs";
import type { CliIo } from "./cli-io.js";

/** The real world: process streams and the file system. */
export const nodeIo: CliIo = {
  stdout: (text) => void process.stdout.write(text),
  stderr: (text) => void process.stderr.write(text),
  readFile: (path) => createReadStream(path),
};
