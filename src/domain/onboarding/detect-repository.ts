import { describeDockerfile } from "../dockerfile/describe-dockerfile.js";
import { detectTestSetup } from "./detect-test-setup.js";
import { isDockerfile, MAX_FILES_TO_READ } from "./files-to-read.js";
import type { DetectedImage, RepoFacts } from "./repo-facts.js";
import { toDnsLabel } from "./to-dns-label.js";

/** What the caller knows of a repository: its tree and the few files it fetched. */
export interface RepositorySnapshot {
  /** Every path in the default branch's tree. */
  readonly files: readonly string[];
  /** Contents of the files {@link FILES_TO_READ} named (those the caller could read). */
  readonly readText: Readonly<Record<string, string>>;
  readonly defaultBranch: string;
  readonly repoName: string;
  readonly org: string;
}

/** ENV names that look like a host the image talks to. */
const HOST_VARIABLE = /_(?:HOST|HOSTNAME|ADDR|ADDRESS|URL|URI|ENDPOINT)$/;
const PORT_VARIABLE = /(?:^|_)PORT$/;
/** What the manifest accepts as an environment variable name. */
const ENV_NAME = /^[A-Z_][A-Z0-9_]*$/;

/**
 * The facts the onboarding PR is prefilled from: every Dockerfile (as an image, built in
 * its folder, with its EXPOSEd ports and host-like ENVs as parameters) and the unit-test
 * setup. Pure: reads only what it is given.
 */
export function detectRepository(input: RepositorySnapshot): RepoFacts {
  const component = toDnsLabel(input.repoName, "component");
  const dockerfiles = input.files.filter(isDockerfile).sort().slice(0, MAX_FILES_TO_READ);
  const names = imageNames(dockerfiles, component);
  const images = dockerfiles.map((dockerfile, index): DetectedImage => {
    const slash = dockerfile.lastIndexOf("/");
    const text = input.readText[dockerfile];
    return {
      name: names[index] ?? component,
      dockerfile,
      context: slash === -1 ? "." : dockerfile.slice(0, slash),
      ...parameters(text),
    };
  });
  return {
    org: input.org,
    repoName: input.repoName,
    component,
    pilot: toDnsLabel(input.org, "pilot"),
    branch: input.defaultBranch,
    images,
    tests: detectTestSetup(input.files, input.readText),
  };
}

/** Image names: the component for a root `Dockerfile`, else the folder or the `Dockerfile.<x>` part; unique. */
function imageNames(dockerfiles: readonly string[], component: string): string[] {
  const used = new Set<string>();
  return dockerfiles.map((path) => {
    const parts = path.split("/");
    const base = parts.pop() ?? "";
    const lower = base.toLowerCase();
    const variant = lower.startsWith("dockerfile.")
      ? base.slice("dockerfile.".length)
      : lower.endsWith(".dockerfile")
        ? base.slice(0, -".dockerfile".length)
        : "";
    const folder = parts[parts.length - 1] ?? "";
    const wanted = [variant || folder || component, [...parts, variant].filter(Boolean).join("-"), path];
    for (const candidate of wanted) {
      const name = ociName(candidate);
      if (name && !used.has(name)) {
        used.add(name);
        return name;
      }
    }
    let n = 2;
    while (used.has(`${component}-${n}`)) n++;
    used.add(`${component}-${n}`);
    return `${component}-${n}`;
  });
}

function ociName(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+/, "")
    .replace(/-+$/, "")
    .slice(0, 128)
    .replace(/-+$/, "");
}

/**
 * The ports and addresses an image is prefilled with: its EXPOSEd ports, then the other
 * port variables the Dockerfile check wants declared, then its host-like variables (with
 * their value as the default, unless it is built from other variables or is an IP address:
 * declaring a fixed IP as the default would wave it through the check).
 */
function parameters(text: string | undefined): Pick<DetectedImage, "ports" | "addresses"> {
  if (text === undefined) return { ports: [], addresses: [] };
  const description = describeDockerfile(text);
  const taken = new Set(description.variables.map((v) => v.name));
  const envs = new Set<string>();
  const names = new Set<string>();
  const ports: Array<DetectedImage["ports"][number]> = [];
  const add = (env: string, port: number) => {
    envs.add(env);
    let name = portName(env, port);
    if (names.has(name)) name = `port-${port}`;
    names.add(name);
    ports.push({ name, env, default: port });
  };
  for (const { port, env } of description.exposedPorts) {
    const free = (candidate: string) => !envs.has(candidate) && !taken.has(candidate);
    let chosen =
      env !== undefined && ENV_NAME.test(env) ? env : free("HTTP_PORT") ? "HTTP_PORT" : `PORT_${port}`;
    if (envs.has(chosen)) chosen = `PORT_${port}`;
    if (!envs.has(chosen)) add(chosen, port);
  }
  for (const { name, port } of description.portVariables) {
    if (ENV_NAME.test(name) && !envs.has(name)) add(name, port);
  }
  const addresses = description.variables
    .filter(({ name }) => ENV_NAME.test(name) && HOST_VARIABLE.test(name) && !envs.has(name))
    .map(({ name, value, fromVariables, hardCodedAddress }) => {
      envs.add(name);
      return value !== "" && !fromVariables && !hardCodedAddress
        ? { env: name, default: value }
        : { env: name };
    });
  return { ports, addresses };
}

function portName(env: string, port: number): string {
  if (env === "PORT" || env === "HTTP_PORT") return "http";
  const base = env
    .replace(PORT_VARIABLE, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 15)
    .replace(/-+$/, "");
  return base === "" || /^port-\d+$/.test(env.toLowerCase().replace(/_/g, "-")) ? `port-${port}` : base;
}
