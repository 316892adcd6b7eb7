import { findLiterals } from "./find-literals.js";
import { isPortValue, portParameters } from "./port-parameters.js";
import { MAX_DOCKERFILE_CHARS, readDockerfile, type DockerInstruction } from "./read-dockerfile.js";
import { tokenizeShell } from "./tokenize-shell.js";

/** What onboarding prefills from the image a Dockerfile builds (its final stage). */
export interface DockerfileDescription {
  /**
   * Ports of EXPOSE, in order, as the builder expands them; `env` when the port is written
   * `$NAME`, `${NAME}` or `${NAME:-8080}`, or when a port variable of that name holds it.
   */
  readonly exposedPorts: readonly { readonly port: number; readonly env?: string }[];
  /** The port parameters the parametrisation check wants declared ({@link portParameters}). */
  readonly portVariables: readonly { readonly name: string; readonly port: number }[];
  /** ENV and ARG values the final stage ends with, expanded, in the order they were last set. */
  readonly variables: readonly DescribedVariable[];
}

export interface DescribedVariable {
  readonly name: string;
  readonly value: string;
  /** The value is built from other variables (`http://${BROKER_HOST}:1883`). */
  readonly fromVariables: boolean;
  /** The value holds an IP address the parametrisation check calls hard-coded. */
  readonly hardCodedAddress: boolean;
}

const EMPTY: DockerfileDescription = { exposedPorts: [], portVariables: [], variables: [] };
/** `$NAME`, `${NAME}` or `${NAME:-default}` alone: the port comes from that variable. */
const REFERENCE = /^\$(?:([A-Za-z_][A-Za-z0-9_]*)|\{([A-Za-z_][A-Za-z0-9_]*)(?::?-[^}]*)?\})$/;

/** Reads the exposed ports and variables of a Dockerfile; nothing for binary or oversized text. */
export function describeDockerfile(text: string): DockerfileDescription {
  if (text.length > MAX_DOCKERFILE_CHARS || text.includes("\u0000")) return EMPTY;
  const model = readDockerfile(text);
  const portVariables = portParameters(model.variables).map(({ name, port }) => ({ name, port }));
  const exposed: Array<{ port: number; env?: string }> = [];
  for (const instruction of model.instructions) {
    if (instruction.keyword !== "EXPOSE" || instruction.stage !== "final") continue;
    for (const arg of instruction.args) {
      const port = exposedPort(arg, portVariables);
      if (port && !exposed.some((e) => e.port === port.port)) exposed.push(port);
    }
  }
  const variables = [...model.variables].flatMap(([name, variable]) =>
    variable.value === undefined
      ? []
      : [
          {
            name,
            value: variable.value,
            fromVariables: variable.names.length > 0,
            hardCodedAddress: holdsAddress(name, variable.value),
          },
        ],
  );
  return { exposedPorts: exposed, portVariables, variables };
}

function exposedPort(
  arg: DockerInstruction["args"][number],
  portVariables: readonly { readonly name: string; readonly port: number }[],
): { port: number; env?: string } | undefined {
  const expanded = arg.expanded?.value.split("/")[0]?.split("-")[0];
  const port = toPort(expanded ?? "");
  if (port === undefined) return undefined;
  const reference = REFERENCE.exec(arg.value.split("/")[0] ?? "");
  const env = reference?.[1] ?? reference?.[2];
  if (env !== undefined) return { port, env };
  const named = portVariables.find((variable) => variable.port === port);
  return named ? { port, env: named.name } : { port };
}

function toPort(text: string): number | undefined {
  return isPortValue(text) ? Number(text) : undefined;
}

/** Whether the check would call an IP address in this value hard-coded (loopback and any-address are fine). */
function holdsAddress(name: string, value: string): boolean {
  const tokens = tokenizeShell(value, 0, value.length, "\\", false);
  return findLiterals(tokens, { ports: false, addresses: true, variable: name }).some(
    (l) => l.kind === "address",
  );
}
