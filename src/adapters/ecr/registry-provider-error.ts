/**
 * A call to the registry provider (ECR) failed. The message names the call, the repository and
 * AWS's error code and message, and never a credential: callers may show it to users.
 */
export class RegistryProviderError extends Error {
  override readonly name = "RegistryProviderError";
  /** The API call, e.g. "CreateRepository". */
  readonly operation: string;
  /** The repository concerned, if the call was about one. */
  readonly repository: string | undefined;
  /** AWS's error code (e.g. "AccessDeniedException"), or the local error's name. */
  readonly code: string;
  /** The HTTP status AWS answered with, when there was an answer. */
  readonly httpStatus: number | undefined;

  constructor(operation: string, repository: string | undefined, cause: unknown) {
    const { code, message, httpStatus } = describe(cause);
    const about = repository === undefined ? "" : ` for repository "${repository}"`;
    super(`ECR ${operation}${about} failed: ${code}${message ? `: ${message}` : ""}`, { cause });
    this.operation = operation;
    this.repository = repository;
    this.code = code;
    this.httpStatus = httpStatus;
  }
}

function describe(cause: unknown): { code: string; message: string; httpStatus: number | undefined } {
  if (cause instanceof Error) {
    // An AWS service exception carries its code as `name` (and a `$fault`); a Node network error as `code`.
    const extra = cause as Error & {
      $fault?: unknown;
      code?: unknown;
      $metadata?: { httpStatusCode?: unknown };
    };
    const code = extra.$fault === undefined && typeof extra.code === "string" ? extra.code : cause.name;
    const status = extra.$metadata?.httpStatusCode;
    return {
      code,
      message: oneLine(cause.message),
      httpStatus: typeof status === "number" ? status : undefined,
    };
  }
  return { code: "UnknownError", message: oneLine(String(cause)), httpStatus: undefined };
}

// AWS messages are one sentence; cap them so a proxy's HTML error page does not flood a check run.
// Access key ids are not secrets, but have no business in a message users read.
function oneLine(text: string): string {
  const line = text
    .replace(/\b(?:AKIA|ASIA)[A-Z0-9]{12,}\b/g, "[access key id]")
    .replace(/\s+/g, " ")
    .trim();
  return line.length > 300 ? `${line.slice(0, 300)}…` : line;
}
