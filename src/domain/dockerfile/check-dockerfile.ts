import type { Problem } from "../problem.js";
import { findLiterals, type Literal, type LiteralScope } from "./find-literals.js";
import { isPortValue, PORT_NAME, portParameters } from "./port-parameters.js";
import {
  MAX_DOCKERFILE_CHARS,
  readDockerfile,
  type DockerInstruction,
  type StageVariable,
} from "./read-dockerfile.js";
import { tokenizeShell } from "./tokenize-shell.js";
import { MANIFEST_PATH } from "../names.js";

/**
 * The parameters an image declares in `.sofie/component.yml` (`images[].ports` and
 * `images[].addresses`): a structural subset of the manifest's image, so any image
 * of a parsed manifest can be passed as it is.
 */
export interface ImageParameters {
  readonly ports: readonly { readonly name: string; readonly env: string; readonly default: number }[];
  readonly addresses: readonly { readonly env: string; readonly default?: string | undefined }[];
}

const MANIFEST = MANIFEST_PATH;
const HOST_SUFFIX = /_(?:URL|URI|ADDR|ADDRESS|HOST|HOSTNAME|ENDPOINT|SERVER)$/i;

/**
 * Level 2's parametrisation check: the hard-coded IP addresses and ports in a Dockerfile,
 * each at the line and column of the literal, with a fix in the message.
 *
 * Where it looks: ENV values and ARG defaults, EXPOSE, CMD, ENTRYPOINT, HEALTHCHECK's CMD
 * and RUN. Only the final stage ships (with the stages it is built on), so
 * CMD/ENTRYPOINT/EXPOSE/HEALTHCHECK and ports are checked there only; addresses are checked
 * in every stage's RUN, ENV and ARG too, since a build that reaches a fixed IP is tied to
 * one network. ONBUILD triggers are not checked.
 *
 * What counts: the any-address and loopback (`0.0.0.0`, `127.0.0.0/8`, `::`, `::1`) are
 * fine. A dotted quad or IPv6 address is an address only where it stands as a host (in a
 * URL, before `:port`, after a host option like `--host`/`-h` or a host-like key like
 * `BROKER_ADDR=`/`--bind=`, as the argument of a network command like `curl` or `ping`,
 * in a variable's value, or in a RUN that writes `/etc/hosts`), so versions such as
 * `pip install x==1.2.3.4` or `FROM python:3.11.7`, digests and MAC addresses pass.
 * A port is a number after a port option or key (`--port 9000`, `--server.port=8081`,
 * `PORT=9000`), after `host:` in a URL or an IP, `:8080` alone, or `name:N` with N ≥ 80
 * (so image tags like `redis:7` pass; `docker`/`chown` arguments are skipped). Values
 * from parameters (`$PORT`, `${HTTP_PORT}`, `${HTTP_PORT:-8080}`) are never literals.
 * `EXPOSE 8080` and `ENV HTTP_PORT=8080` are fine when the manifest declares a port with
 * env HTTP_PORT and default 8080 and the Dockerfile sets that variable to it. Variables are
 * expanded as the builder does (ARG defaults, ENV, per stage): each port parameter the
 * image ends with ({@link portParameters}) must be declared with its value, and is
 * reported once, where its number is written.
 */
export function checkDockerfile(text: string, file: string, image: ImageParameters): Problem[] {
  const at = (message: string): Problem => ({ file, line: 1, column: 1, message, severity: "error" });
  if (text.length > MAX_DOCKERFILE_CHARS) {
    return [
      at(
        `the Dockerfile is ${Math.ceil(text.length / 1024)} KiB; the parametrisation check reads at most ${MAX_DOCKERFILE_CHARS / 1024} KiB: split it or move generated content out of it`,
      ),
    ];
  }
  if (text.includes("\u0000")) {
    return [at("this is not a text file (it holds NUL bytes); point images[].dockerfile at the Dockerfile")];
  }
  const model = readDockerfile(text);
  const findings: Array<{ offset: number; message: string }> = [];
  for (const instruction of model.instructions) {
    const final = instruction.stage === "final";
    switch (instruction.keyword) {
      case "ENV":
      case "ARG":
        for (const property of instruction.properties) {
          if (property.value === null) continue;
          const expanded = property.expanded?.value;
          // A port number in a port variable is judged once, for the value the image ends with (below).
          if (PORT_NAME.test(property.name) && expanded !== undefined && isPortValue(expanded)) continue;
          const label = `${instruction.keyword} ${property.name}`;
          const declaredAddress = image.addresses.find((a) => a.env === property.name);
          if (
            declaredAddress?.default !== undefined &&
            [property.value, expanded].includes(declaredAddress.default)
          )
            continue;
          const tokens = tokenizeShell(text, property.valueFrom, property.valueTo, model.escapeChar, false);
          const scope: LiteralScope = { ports: final, addresses: true, variable: property.name };
          for (const literal of findLiterals(tokens, scope)) {
            findings.push({
              offset: literal.offset,
              message: valueMessage(literal, label, property.name, image),
            });
          }
        }
        break;
      case "EXPOSE":
        if (final) findings.push(...exposeFindings(instruction, image, model.variables));
        break;
      case "CMD":
      case "ENTRYPOINT":
      case "HEALTHCHECK":
      case "RUN":
        if (!final && instruction.keyword !== "RUN") break;
        findings.push(...commandFindings(text, model.escapeChar, instruction, image));
        break;
      default:
        break;
    }
  }
  for (const { name, port, variable } of portParameters(model.variables)) {
    const message = portVariableProblem(variable.origin.keyword, name, port, image);
    if (message) findings.push({ offset: variable.origin.offset, message });
  }
  const seen = new Set<string>();
  return findings
    .sort((a, b) => a.offset - b.offset)
    .filter((f) => {
      const key = `${f.offset}\u0000${f.message}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    })
    .map((f) => ({ file, ...model.position(f.offset), message: f.message, severity: "error" as const }));
}

function portVariableProblem(
  keyword: string,
  name: string,
  value: number,
  image: ImageParameters,
): string | undefined {
  const declared = image.ports.find((p) => p.env === name);
  if (declared?.default === value) return undefined;
  if (declared) {
    return `${keyword} ${name}=${value} differs from the default ${declared.default} declared for ${name} in ${MANIFEST}; make them the same`;
  }
  return `port parameter ${name}=${value} in ${keyword} is not declared; declare it in ${MANIFEST} under images[].ports: { name: ${portName(name)}, env: ${name}, default: ${value} }`;
}

function portName(env: string): string {
  const base = env
    .replace(PORT_NAME, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .slice(0, 15);
  return base.replace(/^-+|-+$/g, "") || "http";
}

function suggestPortEnv(value: string, image: ImageParameters): { env: string; declared: boolean } {
  const declared = image.ports.find((p) => String(p.default) === value);
  return declared ? { env: declared.env, declared: true } : { env: "HTTP_PORT", declared: false };
}

function suggestHostEnv(value: string, variable: string | undefined, image: ImageParameters): string {
  const declared = image.addresses.find((a) => a.default !== undefined && a.default.includes(value));
  if (declared) return declared.env;
  if (variable !== undefined && /_HOST$/i.test(variable)) return variable;
  if (variable !== undefined && HOST_SUFFIX.test(variable))
    return `${variable.replace(HOST_SUFFIX, "")}_HOST`;
  return "BACKEND_HOST";
}

function addressMessage(value: string, label: string, variable: string | undefined, image: ImageParameters) {
  const env = suggestHostEnv(value, variable, image);
  return `hard-coded address ${value} in ${label}; take it from a parameter (e.g. ${env}) declared under images[].addresses in ${MANIFEST}`;
}

function valueMessage(literal: Literal, label: string, variable: string, image: ImageParameters): string {
  if (literal.kind === "address" && image.addresses.some((a) => a.env === variable)) {
    return `hard-coded address ${literal.value} in ${label}; ${variable} is declared under images[].addresses in ${MANIFEST}, so the platform sets it: leave the address out of the Dockerfile (or, if every deployment uses it, make it the declared default)`;
  }
  if (literal.kind === "address") return addressMessage(literal.value, label, variable, image);
  const base = variable.replace(HOST_SUFFIX, "");
  return `hard-coded port ${literal.value} in ${label}; take it from a parameter too (e.g. ${base}_PORT), or declare ${variable} itself under images[].addresses in ${MANIFEST}`;
}

function exposeFindings(
  instruction: DockerInstruction,
  image: ImageParameters,
  variables: ReadonlyMap<string, StageVariable>,
): Array<{ offset: number; message: string }> {
  const findings: Array<{ offset: number; message: string }> = [];
  for (const arg of instruction.args) {
    if (arg.value.includes("$")) continue;
    const number = arg.value.split("/")[0]?.split("-")[0] ?? "";
    if (!isPortValue(number)) continue;
    const declared = image.ports.find((p) => String(p.default) === number);
    if (declared && variables.get(declared.env)?.value === number) continue;
    const message = declared
      ? `EXPOSE ${number} is the port ${declared.env} declared in ${MANIFEST}, but the Dockerfile does not set it: add ENV ${declared.env}=${number} (or ARG) and write EXPOSE \${${declared.env}}`
      : `hard-coded port ${number} in EXPOSE; declare it in ${MANIFEST} under images[].ports (e.g. { name: http, env: HTTP_PORT, default: ${number} }), set ENV HTTP_PORT=${number} and write EXPOSE \${HTTP_PORT}`;
    findings.push({ offset: arg.offset, message });
  }
  return findings;
}

function commandFindings(
  text: string,
  escapeChar: string,
  instruction: DockerInstruction,
  image: ImageParameters,
): Array<{ offset: number; message: string }> {
  const body = text.slice(instruction.from, instruction.to);
  const scope: LiteralScope = {
    ports: instruction.stage === "final",
    addresses: true,
    hostsFile: body.includes("/etc/hosts") || body.includes("add-host"),
  };
  const tokens = tokenizeShell(text, instruction.from, instruction.to, escapeChar, !instruction.execForm);
  const label = instruction.keyword;
  return findLiterals(tokens, scope).map((literal) => {
    if (literal.kind === "address") {
      return { offset: literal.offset, message: addressMessage(literal.value, label, undefined, image) };
    }
    const { env, declared } = suggestPortEnv(literal.value, image);
    const use = label === "HEALTHCHECK" ? `\${${env}}` : `"$${env}"`;
    const where = declared
      ? `; ${env} is already declared in ${MANIFEST}`
      : `, and declare it in ${MANIFEST} under images[].ports`;
    const exec = instruction.execForm
      ? ` (the exec form does not expand variables: run it through a shell, ["sh", "-c", "exec … \\"$${env}\\""])`
      : "";
    return {
      offset: literal.offset,
      message: `hard-coded port ${literal.value} in ${label}; read it from a parameter: ENV ${env}=${literal.value} and use ${use}${exec}${where}`,
    };
  });
}
