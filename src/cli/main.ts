#!/usr/bin/env node
// The `sofie-bot` executable: real I/O around `runCli`.
import { nodeIo } from "./node-io.js";
import { runCli } from "./run-cli.js";

process.exitCode = await runCli(process.argv.slice(2), nodeIo);
