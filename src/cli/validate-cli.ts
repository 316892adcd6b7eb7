import { MAX_YAML_BYTES } from "../domain/yaml/parse-yaml-with-schema.js";
import { readText } from "../use-cases/read-text.js";
import type { CliCommand } from "./cli-io.js";
import { runValidateCommand } from "./validate-command.js";

/** `sofie-bot validate` over the CLI's I/O: files read up to one byte past the YAML limit. */
export const validate: CliCommand = (args, io) =>
  runValidateCommand(args, {
    stdout: io.stdout,
    stderr: io.stderr,
    readFile: (path) => readText(io.readFile(path), MAX_YAML_BYTES + 1),
  });
