/**
 * The comment commands (SPEC "Commands" plus `/onboard`): one table that the parser
 * validates against and that `/help` and the status issue print.
 */

export type CommandName =
  "promote" | "rollback" | "hold" | "unhold" | "status" | "retry" | "help" | "onboard";

/** Who may run a command; checked against the GitHub API when the command arrives. */
export type CommandAudience = "maintainers" | "write" | "commenters" | "anyone";

export interface CommandInfo {
  readonly name: CommandName;
  /** How it is written, for tables: "/promote [registry|staging|production]". */
  readonly command: string;
  /** Every valid form, for error messages. */
  readonly usage: readonly string[];
  /** Arguments it accepts: none, an optional one, or a required one, from `targets`. */
  readonly argument: "none" | "optional" | "required";
  readonly targets: readonly string[];
  readonly audience: CommandAudience;
  /** Who may, for people. */
  readonly who: string;
  readonly effect: string;
}

const MAINTAINERS = "maintainers team";

export const COMMANDS: readonly CommandInfo[] = [
  {
    name: "promote",
    command: "/promote [registry|staging|production]",
    usage: ["/promote", "/promote registry", "/promote staging", "/promote production"],
    argument: "optional",
    targets: ["registry", "staging", "production"],
    audience: "maintainers",
    who: MAINTAINERS,
    effect:
      "take the component to the next level whose gate is a maintainer (3, 4 or 6), or to the named target, if all lower requirements hold; else reply with what is missing",
  },
  {
    name: "rollback",
    command: "/rollback staging|production",
    usage: ["/rollback staging", "/rollback production"],
    argument: "required",
    targets: ["staging", "production"],
    audience: "maintainers",
    who: MAINTAINERS,
    effect: "roll back to the previous digest",
  },
  {
    name: "hold",
    command: "/hold",
    usage: ["/hold"],
    argument: "none",
    targets: [],
    audience: "maintainers",
    who: MAINTAINERS,
    effect: "freeze automatic promotions",
  },
  {
    name: "unhold",
    command: "/unhold",
    usage: ["/unhold"],
    argument: "none",
    targets: [],
    audience: "maintainers",
    who: MAINTAINERS,
    effect: "release automatic promotions",
  },
  {
    name: "status",
    command: "/status",
    usage: ["/status"],
    argument: "none",
    targets: [],
    audience: "commenters",
    who: "anyone who can comment",
    effect: "re-evaluate and reply with the level and checklist",
  },
  {
    name: "retry",
    command: "/retry",
    usage: ["/retry"],
    argument: "none",
    targets: [],
    audience: "write",
    who: "anyone with write access",
    effect: "re-run the evaluation or a failed promotion",
  },
  {
    name: "onboard",
    command: "/onboard",
    usage: ["/onboard"],
    argument: "none",
    targets: [],
    audience: "write",
    who: "anyone with write access",
    effect: "re-open onboarding (a new onboarding PR) after the onboarding PR was closed unmerged",
  },
  {
    name: "help",
    command: "/help",
    usage: ["/help"],
    argument: "none",
    targets: [],
    audience: "anyone",
    who: "anyone",
    effect: "reply with this command list",
  },
];

/** The command called `name` (lowercase), if there is one. */
export function findCommand(name: string): CommandInfo | undefined {
  return COMMANDS.find((c) => c.name === name);
}
