import { detach } from "./detach.js";
import type { TextCapture } from "./text-capture.js";
import type { CaseFault, TestCase } from "./test-results.js";

/** The model's readonly types, writable while a case is being read. */
export type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** A `<failure>`/`<error>` (or Surefire rerun) being read. */
export interface FaultDraft {
  kind: "failure" | "error";
  type?: string;
  message?: string;
  messageCut: boolean;
  body: TextCapture;
}

/** A `<testcase>` being read: what its children said so far. */
export interface CaseDraft {
  base: Mutable<TestCase>;
  failure?: FaultDraft;
  error?: FaultDraft;
  rerunFailure?: FaultDraft;
  rerunError?: FaultDraft;
  skipped: boolean;
  skipMessage?: string;
  skipBody?: TextCapture;
  flakyRuns: number;
}

/** The fault as the model holds it: text detached from the input and trimmed. */
export function toFault(draft: FaultDraft): CaseFault {
  const fault: Mutable<CaseFault> = { kind: draft.kind } as Mutable<CaseFault>;
  if (draft.type !== undefined) fault.type = draft.type;
  if (draft.message !== undefined) fault.message = draft.message;
  const [text, cut] = draft.body.read();
  const details = detach(text.trim());
  if (details !== "") fault.details = details;
  fault.truncated = draft.messageCut || cut;
  return fault;
}
