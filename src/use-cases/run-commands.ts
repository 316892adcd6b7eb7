import { POLICY_PATH } from "../domain/names.js";
import { COMMANDS, findCommand, type CommandAudience } from "../domain/commands/commands.js";
import { parseCommands } from "../domain/commands/parse-commands.js";
import type { MaturityEvaluation } from "../domain/maturity/maturity-evaluation.js";
import { inlineCode } from "../domain/render/code-block.js";
import {
  renderCommandReply,
  renderHelpTable,
  renderPendingReply,
  renderStatusReply,
} from "../domain/render/render-command-reply.js";
import type { AccessControl, RepositoryRole } from "../ports/access-control.js";
import type { IssueTracker } from "../ports/issue-tracker.js";
import type { RepositoryRef } from "../ports/repository-ref.js";

export interface CommentInput {
  readonly repo: RepositoryRef;
  readonly issueNumber: number;
  readonly commentId: number;
  readonly body: string;
  readonly author: string;
  /** `User`, `Bot` or `Organization`, as GitHub says. */
  readonly authorType: string;
  /** True when the repository has a manifest or a record in the store. */
  readonly onboarded: boolean;
}

/** What a command did, for the reply and the audit log. */
export interface ActionResult {
  readonly outcome: "done" | "refused" | "unavailable";
  readonly message: string;
  /** Digests and the like, for the audit log. */
  readonly details?: unknown;
}

export interface CommandDeps {
  readonly issues: IssueTracker;
  readonly access: AccessControl;
  /** The maintainers team of the organisation policy (`@org/team`), if it names one. */
  readonly maintainersTeam?: string;
  /** Asks GitHub, now, whether the user is an active member of the maintainers team. */
  readonly isMaintainer: (username: string) => Promise<boolean>;
  /** `/promote [target]`: queue a promotion, or say what is missing. `replyId` is the comment to report progress in. */
  readonly promote: (
    target: string | undefined,
    context: { actor: string; replyId: number },
  ) => Promise<ActionResult>;
  /** `/retry`: queues the component's promotions that failed for good again; how many. */
  readonly retryFailedPromotions: () => Promise<number>;
  /** `/hold` and `/unhold`. */
  readonly setHold: (hold: boolean) => Promise<ActionResult>;
  /** Records one command in the audit log. */
  readonly audit: (entry: {
    command: string;
    actor: string;
    outcome: string;
    message: string;
    details?: unknown;
  }) => Promise<void>;
  /** Re-evaluates the component from fresh evidence; undefined when there is nothing to evaluate. */
  readonly evaluate: () => Promise<MaturityEvaluation | undefined>;
  /** Queues the onboarding job, which opens (or re-opens) the onboarding pull request and reports in `replyId`. */
  readonly onboard: (context: { actor: string; replyId: number }) => Promise<ActionResult>;
}

export type CommandsOutcome =
  | { readonly status: "ignored"; readonly reason: string }
  | { readonly status: "answered"; readonly replyId: number; readonly results: readonly CommandResult[] };

export interface CommandResult {
  readonly command: string;
  readonly outcome: "done" | "refused" | "unavailable" | "invalid";
  readonly message: string;
  readonly details?: unknown;
}

const WRITE_ROLES: readonly RepositoryRole[] = ["admin", "maintain", "write"];

/**
 * The comment-command framework: parse, acknowledge with a reaction, check who may, run,
 * reply once with every outcome. Bots are ignored; so are repositories that are not
 * onboarded, except for `/onboard` and `/help`.
 */
export async function runCommands(deps: CommandDeps, input: CommentInput): Promise<CommandsOutcome> {
  if (input.authorType === "Bot" || input.author.endsWith("[bot]"))
    return { status: "ignored", reason: "comment by a bot" };
  const parsed = parseCommands(input.body);
  const commands = parsed.commands.filter(
    (c) => input.onboarded || c.name === "onboard" || c.name === "help",
  );
  if (commands.length === 0 && (parsed.errors.length === 0 || !input.onboarded)) {
    return { status: "ignored", reason: "no command" };
  }
  await deps.issues.react(input.repo, input.commentId, "eyes");
  // The reply exists before the commands run, so that a promotion can report its progress in it.
  const pending = commands.map((c) => `/${[c.name, ...c.args].join(" ")}`);
  const replyId = await deps.issues.comment(
    input.repo,
    input.issueNumber,
    renderPendingReply(input.author, pending),
  );

  const results: CommandResult[] = parsed.errors.map((error) => ({
    command: error.text,
    outcome: "invalid",
    message: error.message,
  }));
  for (const result of results) {
    await deps.audit({
      command: result.command.slice(0, 200),
      actor: input.author,
      outcome: "invalid",
      message: result.message,
    });
  }
  for (const command of commands) {
    const text = ["/" + command.name, ...command.args].join(" ");
    const info = findCommand(command.name);
    if (!info) continue;
    const refusal = await refuse(deps, input, info.audience);
    const result: CommandResult = refusal
      ? { command: text, outcome: "refused", message: refusal }
      : { command: text, ...(await run(deps, command.name, command.args, { actor: input.author, replyId })) };
    results.push(result);
    await deps.audit({
      command: text,
      actor: input.author,
      outcome: result.outcome,
      message: result.message.slice(0, 2000),
      ...(result.details === undefined ? {} : { details: result.details }),
    });
  }
  await deps.issues.updateComment(input.repo, replyId, renderCommandReply(input.author, results));
  return { status: "answered", replyId, results };
}

async function refuse(
  deps: CommandDeps,
  input: CommentInput,
  audience: CommandAudience,
): Promise<string | undefined> {
  if (audience === "anyone" || audience === "commenters") return undefined;
  if (audience === "maintainers") {
    if (!deps.maintainersTeam) {
      return `no maintainers team is named in the organisation policy (\`maintainers:\` in \`${POLICY_PATH}\`), so nobody may run this yet`;
    }
    return (await deps.isMaintainer(input.author))
      ? undefined
      : // The team is named, never mentioned: anyone may comment, so a mention would let anyone ping it.
        `only active members of ${inlineCode(deps.maintainersTeam.replace(/^@/, ""))} (the integration maintainers) may run this, and you are not one. Ask a maintainer to comment it.`;
  }
  const role = await deps.access.roleOf(input.repo, input.author);
  return WRITE_ROLES.includes(role)
    ? undefined
    : `this needs write access to the repository, and you have ${role} access`;
}

async function run(
  deps: CommandDeps,
  name: string,
  args: readonly string[],
  context: { actor: string; replyId: number },
): Promise<Omit<CommandResult, "command">> {
  switch (name) {
    case "promote":
      return deps.promote(args[0], context);
    case "hold":
      return deps.setHold(true);
    case "unhold":
      return deps.setHold(false);
    case "help":
      return { outcome: "done", message: renderHelpTable(COMMANDS) };
    case "status":
    case "retry": {
      const retried = name === "retry" ? await deps.retryFailedPromotions() : 0;
      return { outcome: "done", message: renderStatusReply(await deps.evaluate(), retried) };
    }
    case "onboard":
      return deps.onboard(context);
    default:
      return {
        outcome: "unavailable",
        message: `\`/${name}\` is not available yet: deployments to staging and production arrive with the deployment milestone.`,
      };
  }
}
