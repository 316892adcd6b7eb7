import { isPortValue } from "./port-parameters.js";
import { isIPv4, isIPv6, isLocalAddress } from "./ip-address.js";
import type { ShellToken } from "./tokenize-shell.js";

/** A hard-coded address or port found in an instruction's words. */
export interface Literal {
  readonly kind: "address" | "port";
  readonly value: string;
  /** Offset of the literal in the whole Dockerfile text. */
  readonly offset: number;
}

/** What the words being scanned are. */
export interface LiteralScope {
  readonly ports: boolean;
  readonly addresses: boolean;
  /** The variable whose value is scanned (ENV/ARG): every standalone IP in it is a host. */
  readonly variable?: string;
  /** The instruction writes host entries (`/etc/hosts`, `--add-host`): every standalone IP is a host. */
  readonly hostsFile?: boolean;
}

/** Options and keys whose value is a host: `--host`, `BROKER_ADDR=`, `-Dserver.address=`. */
const HOST_KEY =
  /(?:host|hosts|addr|address|ip|bind|listen|server|servers|broker|brokers|endpoint|url|uri|dns|nameserver|proxy|gateway|peers|seeds)$/i;
/** Keys whose value is a version or a checksum, never a host: `NODE_VERSION=1.2.3.4`. */
const VERSION_KEY = /(?:version|ver|tag|sha|sha256|digest|checksum|release|revision)$/i;
/** Options and keys whose value is a port: `--port`, `HTTP_PORT=`, `-Dserver.port=`, `--http-port`. */
const PORT_KEY = /(?:^|[^a-z])port$/i;
/** Commands whose bare arguments are hosts (`ping 10.0.0.5`, `curl 10.0.0.5`). */
const NETWORK_COMMANDS = new Set([
  "curl",
  "wget",
  "ping",
  "nc",
  "ncat",
  "netcat",
  "telnet",
  "ssh",
  "scp",
  "dig",
  "nslookup",
  "host",
  "traceroute",
  "redis-cli",
  "psql",
  "mysql",
  "mongosh",
  "mosquitto_pub",
  "mosquitto_sub",
]);
/** Commands whose `name:number` arguments are image tags or owners, not host and port. */
const NO_HOST_PORT_COMMANDS = new Set(["docker", "podman", "buildah", "skopeo", "crane", "chown", "chgrp"]);
/** Commands where `-p` is not a port (`mkdir -p`). */
const NO_DASH_P_COMMANDS = new Set(["mkdir", "cp", "install", "docker", "podman", "tar", "patch", "read"]);
/** Lowest port accepted in the bare `name:N` form, so that `redis:7` or `node:20` (image tags) are not ports. */
const MIN_BARE_PORT = 80;

/**
 * The hard-coded IP addresses and ports in `tokens`. The heuristic (see docs in
 * check-dockerfile.ts) only takes a dotted quad for an address where it stands as a host:
 * in a URL, before `:port`, after a host option or key, as a network command's argument,
 * in a variable's value, or in a hosts-file line. `1.2.3.4` alone is a version.
 */
export function findLiterals(tokens: readonly ShellToken[], scope: LiteralScope): Literal[] {
  const found: Literal[] = [];
  let command = "";
  tokens.forEach((token, index) => {
    if (token.commandStart) command = baseName(token.text);
    const previous = index > 0 && !token.commandStart ? tokens[index - 1]?.text : undefined;
    const ctx: WordContext = { command, previous, scope };
    const spans: Array<[number, number]> = [];
    if (scope.addresses) {
      for (const [start, end] of addressCandidates(token.text)) {
        const value = token.text.slice(start, end);
        if (!isLocalAddress(value) && isHost(token.text, start, end, ctx)) {
          found.push({ kind: "address", value, offset: token.offset + start });
        }
        spans.push([start, end]);
      }
    }
    if (scope.ports) {
      for (const [start, end] of portCandidates(token.text, spans, ctx)) {
        found.push({ kind: "port", value: token.text.slice(start, end), offset: token.offset + start });
      }
    }
  });
  return found;
}

interface WordContext {
  readonly command: string;
  readonly previous: string | undefined;
  readonly scope: LiteralScope;
}

function baseName(word: string): string {
  const slash = word.lastIndexOf("/");
  return (slash === -1 ? word : word.slice(slash + 1)).toLowerCase();
}

function isDigit(ch: string | undefined): boolean {
  return ch !== undefined && ch >= "0" && ch <= "9";
}

function isHex(ch: string | undefined): boolean {
  if (ch === undefined) return false;
  const lower = ch.toLowerCase();
  return isDigit(ch) || (lower >= "a" && lower <= "f");
}

function isWordChar(ch: string | undefined): boolean {
  if (ch === undefined) return false;
  const lower = ch.toLowerCase();
  return isDigit(ch) || (lower >= "a" && lower <= "z") || ch === "_";
}

/** Spans of valid IPv6 and IPv4 addresses in `word` standing on word boundaries. */
function addressCandidates(word: string): Array<[number, number]> {
  const spans: Array<[number, number]> = [];
  let i = 0;
  while (i < word.length) {
    if (!isHex(word[i]) && word[i] !== ":" && word[i] !== ".") {
      i++;
      continue;
    }
    let end = i;
    while (end < word.length && (isHex(word[end]) || word[end] === ":" || word[end] === ".")) end++;
    const before = word[i - 1];
    const after = word[end];
    const bounded = !isWordChar(before) && before !== "-" && !isWordChar(after) && after !== "-";
    if (bounded) {
      const run = word.slice(i, end);
      if (run.includes(":") && isIPv6(run)) spans.push([i, end]);
      else pushIPv4(run, i, spans);
    }
    i = end;
  }
  return spans;
}

/** IPv4 inside a hex/colon run: the run itself, or its tail after `:` (`host:10.0.0.5`). */
function pushIPv4(run: string, at: number, spans: Array<[number, number]>): void {
  const colon = run.lastIndexOf(":");
  const tail = colon === -1 ? run : run.slice(colon + 1);
  if (isIPv4(tail) && colon === -1) spans.push([at, at + run.length]);
  const head = colon === -1 ? "" : run.slice(0, colon);
  if (colon !== -1 && isIPv4(head) && !head.includes(":")) spans.push([at, at + colon]);
}

function isHost(word: string, start: number, end: number, ctx: WordContext): boolean {
  if (endsWithAt(word, start, "://") || endsWithAt(word, start, "@") || endsWithAt(word, start, "["))
    return true;
  if (word[end] === ":" && isDigit(word[end + 1])) return true;
  if (word[end] === "/" && isCidr(word, end + 1) && word[start - 1] !== "/") return true;
  if (word[start - 1] === "=") {
    if ("=!<>~".includes(word[start - 2] ?? " ")) return false; // `pkg==1.2.3.4`, `pkg>=1.2.3.4`
    const key = keyBefore(word, start - 1);
    const bare = key.replace(/^-+/, "");
    if (VERSION_KEY.test(bare)) return false;
    return HOST_KEY.test(bare) || key.startsWith("-");
  }
  const standalone = start === 0 && (end === word.length || word[end] === ":");
  if (!standalone) return false;
  if (ctx.scope.variable !== undefined) return !VERSION_KEY.test(ctx.scope.variable);
  if (ctx.scope.hostsFile) return true;
  if (ctx.previous !== undefined && isHostOption(ctx.previous)) return true;
  return NETWORK_COMMANDS.has(ctx.command) && ctx.previous !== undefined;
}

/** Whether `word[0, at)` ends with `suffix`, without copying the prefix (words may be long). */
function endsWithAt(word: string, at: number, suffix: string): boolean {
  return at >= suffix.length && word.startsWith(suffix, at - suffix.length);
}

/** The key before the `=` at `equals`: the run of name characters (and leading dashes) ending there. */
function keyBefore(word: string, equals: number): string {
  let start = equals;
  while (start > 0 && (isWordChar(word[start - 1]) || word[start - 1] === "." || word[start - 1] === "-"))
    start--;
  return word.slice(start, equals);
}

function isCidr(word: string, from: number): boolean {
  let end = from;
  while (end < word.length && isDigit(word[end])) end++;
  return end > from && end - from <= 3 && end === word.length;
}

function isHostOption(word: string): boolean {
  if (word === "-h") return true;
  return word.startsWith("--") && HOST_KEY.test(word.slice(2));
}

/** Spans of port numbers in `word`: `host:port`, `--port=N`, `PORT=N`, or `N` after `--port`/`-p`. */
function portCandidates(
  word: string,
  addresses: Array<[number, number]>,
  ctx: WordContext,
): Array<[number, number]> {
  const spans: Array<[number, number]> = [];
  if (isPortValue(word) && ctx.previous !== undefined && isPortOption(ctx.previous, ctx.command)) {
    spans.push([0, word.length]);
    return spans;
  }
  const equals = word.indexOf("=");
  if (equals > 0 && word[equals + 1] !== "=" && PORT_KEY.test(word.slice(0, equals).replace(/^-+/, ""))) {
    const value = word.slice(equals + 1);
    if (isPortValue(value)) spans.push([equals + 1, word.length]);
    return spans;
  }
  if (NO_HOST_PORT_COMMANDS.has(ctx.command)) return spans;
  // Colons inside an IPv6 address are not `host:port`; both lists are in order, so one pointer walks them.
  const ipv6 = addresses.filter(([start, end]) => word.slice(start, end).includes(":"));
  let next = 0;
  let colon = word.indexOf(":");
  while (colon !== -1) {
    while (next < ipv6.length && (ipv6[next]?.[1] ?? 0) <= colon) next++;
    const inside = next < ipv6.length && (ipv6[next]?.[0] ?? colon) < colon;
    const span = inside ? undefined : hostPort(word, colon);
    if (span) spans.push(span);
    colon = word.indexOf(":", colon + 1);
  }
  return spans;
}

function isPortOption(word: string, command: string): boolean {
  if (word === "-p") return !NO_DASH_P_COMMANDS.has(command);
  return word.startsWith("-") && PORT_KEY.test(word.replace(/^-+/, ""));
}

/** The port after the colon at `colon`, when what precedes it is a host (or nothing: `:8080`). */
function hostPort(word: string, colon: number): [number, number] | undefined {
  let end = colon + 1;
  while (end < word.length && isDigit(word[end])) end++;
  const port = word.slice(colon + 1, end);
  if (!isPortValue(port)) return undefined;
  const after = word[end];
  if (after !== undefined && (isWordChar(after) || after === "." || after === "-" || after === ":"))
    return undefined;
  if (word[colon - 1] === "]") return [colon + 1, end];
  let start = colon;
  while (start > 0 && (isWordChar(word[start - 1]) || word[start - 1] === "." || word[start - 1] === "-"))
    start--;
  const host = word.slice(start, colon);
  if (host === "") return start === 0 || word[start - 1] === "=" ? [colon + 1, end] : undefined;
  if (isIPv4(host) || endsWithAt(word, start, "://") || endsWithAt(word, start, "@")) return [colon + 1, end];
  if (![...host].some((ch) => ch.toLowerCase() !== ch.toUpperCase())) return undefined; // `10:30`, `1000:1000`
  if (/^(?:sha\d*|md5)$/i.test(host)) return undefined;
  return Number(port) >= MIN_BARE_PORT ? [colon + 1, end] : undefined;
}
