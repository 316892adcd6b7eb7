import { SaxesParser, type SaxesTagPlain } from "saxes";
import { detach } from "./detach.js";
import { JunitParseError } from "./junit-parse-error.js";
import type { JunitLimits } from "./junit-limits.js";
import { parseTime } from "./parse-time.js";
import { TextCapture, cut } from "./text-capture.js";
import { toFault, type CaseDraft, type FaultDraft, type Mutable } from "./case-draft.js";
import type { CaseOutcome, TestCase, TestReport } from "./test-results.js";

// What an open element is to us. Everything we do not read is IGNORED, and so is all it holds.
const SUITES = 0;
const SUITE = 1;
const CASE = 2;
const FAULT = 3;
const SKIPPED = 4;
const RERUN = 5;
const TRACE = 6;
const IGNORED = 7;

const DOCTYPE_REFUSED =
  "DOCTYPE/entity declarations are not allowed in JUnit reports; remove the <!DOCTYPE ...>";

interface SuiteDraft {
  name: string;
  file?: string;
  time?: number;
  cases: TestCase[];
  suites: SuiteDraft[];
}

/** Plain-language reasons for the saxes errors people actually hit. */
function explain(saxesMessage: string): string {
  const message = saxesMessage.replace(/^\d+:\d+: /, "").replace(/\.$/, "");
  if (message === "undefined entity")
    return "undefined entity: only &amp; &lt; &gt; &quot; &apos; and numeric character references are allowed";
  if (message === "disallowed character") return "disallowed character (a control character or binary data)";
  if (message === "text data outside of root node") return "text outside the root element: not an XML report";
  return message;
}

/**
 * The JUnit state machine over a saxes stream. It keeps per case only names, times and
 * outcome, and text only for faults (cut at the limit); `system-out`/`system-err` and
 * properties are skipped without building anything (saxes' text handler is switched on
 * only inside elements whose text is kept, so it does not even accumulate skipped text).
 */
export class JunitStreamParser {
  private readonly sax = new SaxesParser<{ xmlns: false; position: true }>({ xmlns: false, position: true });
  private readonly kinds: number[] = [];
  private readonly names: string[] = [];
  private readonly openLines: number[] = [];
  private readonly captures: (TextCapture | undefined)[] = [];
  private readonly suiteStack: SuiteDraft[] = [];
  private readonly topSuites: SuiteDraft[] = [];
  private looseCases: SuiteDraft | undefined;
  private rootName = "";
  private lastClosed = "";
  private lastClassname: [string | undefined, string | undefined] = [undefined, undefined];
  private current: CaseDraft | undefined;
  private capture: TextCapture | undefined;
  private caseCount = 0;
  private sawContent = false;
  private readonly onText = (text: string): void => this.capture?.append(text);

  constructor(
    private readonly file: string,
    private readonly limits: JunitLimits,
  ) {
    this.sax.on("error", (err) => this.handleSaxError(err));
    this.sax.on("doctype", () => this.fail(DOCTYPE_REFUSED));
    this.sax.on("opentag", (tag) => this.open(tag));
    this.sax.on("closetag", () => this.close());
    this.sax.on("cdata", (text) => this.capture?.append(text));
  }

  /** Feeds decoded text. Throws `JunitParseError` at the first problem. */
  write(text: string): void {
    if (!this.sawContent && /\S/.test(text)) this.sawContent = true;
    this.sax.write(text);
  }

  /** Ends the input and returns the report. */
  end(): TestReport {
    this.sax.close();
    return { file: this.file, suites: this.topSuites };
  }

  /** Throws a `JunitParseError` at the current position. */
  fail(reason: string, line = this.sax.line, column = this.sax.column): never {
    throw new JunitParseError(this.file, line, Math.max(column, 1), reason);
  }

  private handleSaxError(err: Error): never {
    const message = explain(err.message);
    const top = this.kinds.length - 1;
    if (message.startsWith("unclosed tag")) {
      this.fail(
        `unclosed tag <${this.names[top]}>: the file ends before it is closed (truncated report?)`,
        this.openLines[top],
        1,
      );
    }
    if (message === "document must contain a root element") {
      this.fail(this.sawContent ? "no root element" : "empty file: no XML content");
    }
    // saxes reports a mismatch after popping the element left open.
    if (message === "unexpected close tag")
      this.fail(`close tag does not match the open <${this.lastClosed}>`);
    this.fail(message);
  }

  private open(tag: SaxesTagPlain): void {
    const depth = this.kinds.length;
    const parent = depth === 0 ? -1 : this.kinds[depth - 1]!;
    let kind = IGNORED;
    let capture: TextCapture | undefined;
    if (depth >= this.limits.maxDepth) {
      this.fail(`elements nested deeper than ${this.limits.maxDepth} levels (limit maxDepth)`);
    }
    if (parent !== IGNORED) {
      const name = tag.name;
      const attrs = tag.attributes;
      if (parent === -1) {
        if (name === "testsuites") {
          kind = SUITES;
          this.rootName = this.name(attrs.name) ?? "";
        } else if (name === "testsuite") kind = this.openSuite(attrs, undefined);
        else this.fail(`not a JUnit report: root element <${name}>, expected <testsuites> or <testsuite>`);
      } else if (parent === SUITES || parent === SUITE) {
        if (name === "testsuite")
          kind = this.openSuite(attrs, parent === SUITE ? this.suiteStack.at(-1) : undefined);
        else if (name === "testcase")
          kind = this.openCase(attrs, parent === SUITE ? this.suiteStack.at(-1)! : this.loose());
      } else if (parent === CASE) {
        [kind, capture] = this.openCaseChild(name, attrs);
      } else if (parent === RERUN && name === "stackTrace") {
        kind = TRACE;
        capture = this.captures[depth - 1];
      }
    }
    this.kinds.push(kind);
    this.names.push(tag.name);
    this.openLines.push(this.sax.line);
    this.captures.push(capture);
    this.setCapture(capture);
  }

  private close(): void {
    const kind = this.kinds.pop();
    this.lastClosed = this.names.pop() ?? "";
    this.openLines.pop();
    this.captures.pop();
    if (kind === SUITE) this.suiteStack.pop();
    else if (kind === CASE) this.closeCase();
    this.setCapture(this.captures.at(-1));
  }

  private setCapture(capture: TextCapture | undefined): void {
    if (capture === this.capture) return;
    if (capture === undefined) this.sax.off("text");
    else if (this.capture === undefined) this.sax.on("text", this.onText);
    this.capture = capture;
  }

  private name(value: string | undefined): string | undefined {
    return value === undefined ? undefined : detach(cut(value, this.limits.maxNameLength)[0]);
  }

  private openSuite(attrs: Record<string, string>, parent: SuiteDraft | undefined): number {
    const suite: SuiteDraft = { name: this.name(attrs.name) ?? "" } as SuiteDraft;
    const file = this.name(attrs.file ?? attrs.filepath);
    if (file !== undefined) suite.file = file;
    const time = parseTime(attrs.time);
    if (time !== undefined) suite.time = time;
    suite.cases = [];
    suite.suites = [];
    (parent === undefined ? this.topSuites : parent.suites).push(suite);
    this.suiteStack.push(suite);
    return SUITE;
  }

  /** Cases written straight under `<testsuites>` (some tools do) go to one suite named after the root. */
  private loose(): SuiteDraft {
    if (this.looseCases === undefined) {
      this.looseCases = { name: this.rootName, cases: [], suites: [] };
      this.topSuites.push(this.looseCases);
    }
    return this.looseCases;
  }

  private openCase(attrs: Record<string, string>, suite: SuiteDraft): number {
    if (++this.caseCount > this.limits.maxCases) {
      this.fail(`more than ${this.limits.maxCases} test cases (limit maxCases)`);
    }
    const base = { name: this.name(attrs.name) ?? "" } as Mutable<TestCase>;
    // Cases of one class share the string instead of each holding a copy.
    if (attrs.classname !== this.lastClassname[0])
      this.lastClassname = [attrs.classname, this.name(attrs.classname)];
    const classname = this.lastClassname[1];
    if (classname !== undefined) base.classname = classname;
    const file = this.name(attrs.file ?? attrs.filepath);
    if (file !== undefined) base.file = file;
    const line = attrs.line === undefined ? NaN : Number(attrs.line);
    if (Number.isInteger(line) && line > 0) base.line = line;
    const time = parseTime(attrs.time);
    if (time !== undefined) base.time = time;
    // CTest and Bazel mark tests that never ran with a status and no <skipped> child.
    const status = attrs.status;
    const notRun = status === "disabled" || status === "notrun" || status === "skipped";
    this.current = { base, skipped: notRun, flakyRuns: 0 };
    this.suiteStack.push(suite);
    return CASE;
  }

  private fault(kind: "failure" | "error", attrs: Record<string, string>): FaultDraft {
    const draft: FaultDraft = { kind, messageCut: false, body: new TextCapture(this.limits.maxFaultText) };
    if (attrs.type !== undefined) draft.type = this.name(attrs.type)!;
    if (attrs.message !== undefined) {
      const [message, messageCut] = cut(attrs.message, this.limits.maxFaultText);
      draft.message = detach(message);
      draft.messageCut = messageCut;
    }
    return draft;
  }

  private openCaseChild(name: string, attrs: Record<string, string>): [number, TextCapture | undefined] {
    const c = this.current!;
    switch (name) {
      case "failure":
      case "error": {
        if (c[name] !== undefined) return [IGNORED, undefined]; // keep the first of each
        const draft = (c[name] = this.fault(name, attrs));
        return [FAULT, draft.body];
      }
      case "rerunFailure":
      case "rerunError": {
        if (c[name] !== undefined) return [IGNORED, undefined];
        const draft = (c[name] = this.fault(name === "rerunFailure" ? "failure" : "error", attrs));
        return [RERUN, draft.body];
      }
      case "flakyFailure":
      case "flakyError":
        c.flakyRuns++;
        return [IGNORED, undefined];
      case "skipped":
        c.skipped = true;
        if (attrs.message !== undefined) {
          c.skipMessage = detach(cut(attrs.message, this.limits.maxSkipMessage)[0]);
          return [SKIPPED, undefined];
        }
        c.skipBody ??= new TextCapture(this.limits.maxSkipMessage);
        return [SKIPPED, c.skipBody];
      default:
        return [IGNORED, undefined];
    }
  }

  private closeCase(): void {
    const c = this.current!;
    this.current = undefined;
    const suite = this.suiteStack.pop()!;
    const draft = c.failure ?? c.error ?? c.rerunFailure ?? c.rerunError;
    let outcome: CaseOutcome = "passed";
    if (draft !== undefined) outcome = draft.kind === "failure" ? "failed" : "error";
    else if (c.skipped) outcome = "skipped";
    const testCase = c.base;
    testCase.outcome = outcome;
    if (draft !== undefined) testCase.fault = toFault(draft);
    if (outcome === "skipped") {
      const message = c.skipMessage ?? detach(c.skipBody?.text.trim() ?? "");
      if (message) testCase.skipMessage = message;
    }
    if (c.flakyRuns > 0) testCase.flakyRuns = c.flakyRuns;
    suite.cases.push(testCase);
  }
}
