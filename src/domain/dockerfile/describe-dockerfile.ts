import { MAX_DOCKERFILE_CHARS, readDockerfile } from "./read-dockerfile.js";

/** What onboarding prefills from a Dockerfile's final stage. */
export interface DockerfileDescription {
  /** Ports of EXPOSE, in order; `env` when the port is written `${NAME}` or set by a variable of that name. */
  readonly exposedPorts: readonly { readonly port: number; readonly env?: string }[];
  /** ENV and ARG values of the final stage (and the global ARGs), in order, last value wins. */
  readonly variables: readonly { readonly name: string; readonly value: string }[];
}

const EMPTY: DockerfileDescription = { exposedPorts: [], variables: [] };
const PORT_NAME = /(?:^|_)PORT$/i;

/** Reads the exposed ports and variables of a Dockerfile; nothing for binary or oversized text. */
export function describeDockerfile(text: string): DockerfileDescription {
  if (text.length > MAX_DOCKERFILE_CHARS || text.includes("\u0000")) return EMPTY;
  const model = readDockerfile(text);
  const values = new Map<string, string>();
  const exposed: Array<{ port: number; env?: string }> = [];
  for (const instruction of model.instructions) {
    if (instruction.stage === "build") continue;
    if (instruction.keyword === "ENV" || instruction.keyword === "ARG") {
      for (const property of instruction.properties) {
        if (property.value !== null) {
          values.delete(property.name); // re-insert so the order is that of the last assignment
          values.set(property.name, property.value);
        }
      }
    }
    if (instruction.keyword !== "EXPOSE" || instruction.stage !== "final") continue;
    for (const arg of instruction.args) {
      const port = exposedPort(arg.value, values);
      if (port && !exposed.some((e) => e.port === port.port)) exposed.push(port);
    }
  }
  return {
    exposedPorts: exposed,
    variables: [...values].map(([name, value]) => ({ name, value })),
  };
}

function exposedPort(
  arg: string,
  values: ReadonlyMap<string, string>,
): { port: number; env?: string } | undefined {
  const bare = arg.split("/")[0] ?? "";
  const reference = /^\$\{?([A-Za-z_][A-Za-z0-9_]*)(?::-(\d{1,5}))?\}?$/.exec(bare);
  if (reference) {
    const env = reference[1] ?? "";
    const port = toPort(values.get(env) ?? reference[2] ?? "");
    return port === undefined ? undefined : { port, env };
  }
  const port = toPort(bare.split("-")[0] ?? "");
  if (port === undefined) return undefined;
  const named = [...values].find(([name, value]) => PORT_NAME.test(name) && value === String(port));
  return named ? { port, env: named[0] } : { port };
}

function toPort(text: string): number | undefined {
  if (!/^[1-9]\d{0,4}$/.test(text)) return undefined;
  const port = Number(text);
  return port <= 65535 ? port : undefined;
}
