import { toFault, type CaseDraft, type FaultDraft, type Mutable } from "./case-draft.js";
import { detach } from "./detach.js";
import { JunitAttributes } from "./junit-attributes.js";
import type { JunitLimits } from "./junit-limits.js";
import { parseTime } from "./parse-time.js";
import type { CaseOutcome, TestCase, TestReport } from "./test-results.js";
import { TextCapture, cut } from "./text-capture.js";
import { CAPTURE_TEXT, IGNORE_TEXT, LENIENT_TEXT, XmlScanner, type XmlHandler } from "./xml-scanner.js";

// What an element is to us. Text is read only in FAULT, RERUN, TRACE and SKIPPED (without message).
const SUITES = 0;
const SUITE = 1;
const CASE = 2;
const FAULT = 3;
const SKIPPED = 4;
const RERUN = 5;
const TRACE = 6;
const FLAKY = 7;
const OUTPUT = 8;
const IGNORED = 9;

/** Every name compared with below, so that the scanner hands back these very strings. */
const KNOWN_NAMES = [
  "testsuites",
  "testsuite",
  "testcase",
  "failure",
  "error",
  "skipped",
  "rerunFailure",
  "rerunError",
  "flakyFailure",
  "flakyError",
  "stackTrace",
  "system-out",
  "system-err",
  "properties",
  "property",
  "name",
  "classname",
  "file",
  "filepath",
  "line",
  "time",
  "status",
  "type",
  "message",
  "value",
];

type FaultName = "failure" | "error" | "rerunFailure" | "rerunError";

interface SuiteDraft {
  name: string;
  file?: string;
  time?: number;
  cases: TestCase[];
  suites: SuiteDraft[];
}

/**
 * The JUnit reading over the XML scanner. It keeps per case only names, times and outcome,
 * and text only for faults (cut at the limit); `system-out`/`system-err` and properties
 * are scanned without keeping anything.
 *
 * Every `<testcase>` is a test wherever it stands, even inside another `<testcase>` (some
 * generated reports nest them): it goes to the nearest enclosing `<testsuite>`, in the
 * order the cases open, and its outcome comes from its own direct children only.
 */
export class JunitStreamParser implements XmlHandler {
  private readonly scanner: XmlScanner;
  private readonly kinds: number[] = [];
  private readonly captures: (TextCapture | undefined)[] = [];
  private readonly suiteStack: SuiteDraft[] = [];
  private readonly caseStack: CaseDraft[] = [];
  private readonly topSuites: SuiteDraft[] = [];
  private looseCases: SuiteDraft | undefined;
  private rootName = "";
  private readonly attrs = new JunitAttributes();
  /** The last `classname` read, and the string the cases hold for it. */
  private classnameRead: string | undefined;
  private classname: string | undefined;
  private caseCount = 0;
  private kind = IGNORED;
  private faultName: FaultName = "failure";
  capture: TextCapture | undefined;

  /** @param strictOutput check captured output as strictly as any text (no control characters) */
  constructor(
    file: string,
    private readonly limits: JunitLimits,
    private readonly strictOutput = false,
  ) {
    this.scanner = new XmlScanner(this, {
      file,
      maxDepth: limits.maxDepth,
      maxNameLength: limits.maxNameLength,
      maxValueLength: Math.max(limits.maxFaultText, limits.maxNameLength, limits.maxSkipMessage) + 1,
      knownNames: KNOWN_NAMES,
    });
  }

  /** Feeds UTF-8 bytes. Throws `JunitParseError` at the first problem. */
  write(bytes: Uint8Array): void {
    this.scanner.push(bytes);
  }

  /** Ends the input and returns the report. */
  end(file: string): TestReport {
    this.scanner.end();
    return { file, suites: this.topSuites };
  }

  /** Throws a `JunitParseError` where the input stands. */
  fail(reason: string): never {
    this.scanner.failHere(reason);
  }

  startTag(name: string): boolean {
    const depth = this.kinds.length;
    let kind = IGNORED;
    if (depth === 0) {
      if (name === "testsuites") kind = SUITES;
      else if (name === "testsuite") kind = SUITE;
      else
        this.scanner.failAtTag(
          `not a JUnit report: root element <${name}>, expected <testsuites> or <testsuite>`,
        );
    } else if (name === "testsuite") kind = SUITE;
    else if (name === "testcase") kind = CASE;
    else {
      const parent = this.kinds[depth - 1];
      if (parent === CASE) {
        kind = caseChildKind(name);
        if (kind === FAULT || kind === RERUN) this.faultName = name as FaultName;
      } else if (parent === RERUN && name === "stackTrace") kind = TRACE;
      if (kind === IGNORED && (name === "system-out" || name === "system-err")) kind = OUTPUT;
    }
    this.kind = kind;
    return kind <= RERUN;
  }

  openTag(attributes: readonly string[], count: number): number {
    let kind = this.kind;
    let capture: TextCapture | undefined;
    const attrs = kind <= RERUN ? this.attrs.read(attributes, count) : this.attrs;
    switch (kind) {
      case SUITES:
        this.rootName = this.name(attrs.name) ?? "";
        break;
      case SUITE:
        this.openSuite(attrs);
        break;
      case CASE:
        this.openCase(attrs);
        break;
      case FAULT:
      case RERUN:
        capture = this.openFault(attrs);
        if (capture === undefined) kind = IGNORED;
        break;
      case SKIPPED:
        capture = this.openSkipped(attrs.message);
        break;
      case TRACE:
        capture = this.captures.at(-1);
        break;
      case FLAKY:
        this.caseStack.at(-1)!.flakyRuns++;
        break;
    }
    this.kinds.push(kind);
    this.captures.push(capture);
    this.capture = capture;
    if (capture !== undefined) return CAPTURE_TEXT;
    return kind === OUTPUT && !this.strictOutput ? LENIENT_TEXT : IGNORE_TEXT;
  }

  closeTag(): void {
    const kind = this.kinds.pop();
    this.captures.pop();
    if (kind === SUITE) this.suiteStack.pop();
    else if (kind === CASE) this.closeCase(this.caseStack.pop()!);
  }

  /** A name, class name, path or type, cut at the limit. */
  private name(value: string | undefined): string | undefined {
    const max = this.limits.maxNameLength;
    return value === undefined || value.length <= max ? value : cut(value, max)[0];
  }

  private openSuite(attrs: JunitAttributes): void {
    const suite: SuiteDraft = { name: this.name(attrs.name) ?? "" } as SuiteDraft;
    const file = this.name(attrs.file);
    if (file !== undefined) suite.file = file;
    const time = parseTime(attrs.time);
    if (time !== undefined) suite.time = time;
    suite.cases = [];
    suite.suites = [];
    const parent = this.suiteStack.at(-1);
    (parent === undefined ? this.topSuites : parent.suites).push(suite);
    this.suiteStack.push(suite);
  }

  /** Cases outside any `<testsuite>` (some tools write them under `<testsuites>`) go to one suite named after the root. */
  private loose(): SuiteDraft {
    if (this.looseCases === undefined) {
      this.looseCases = { name: this.rootName, cases: [], suites: [] };
      this.topSuites.push(this.looseCases);
    }
    return this.looseCases;
  }

  private openCase(attrs: JunitAttributes): void {
    if (++this.caseCount > this.limits.maxCases) {
      this.scanner.failAtTag(`more than ${this.limits.maxCases} test cases (limit maxCases)`);
    }
    const base = { name: this.name(attrs.name) ?? "" } as Mutable<TestCase>;
    // Cases of one class share the string instead of each holding a copy.
    if (attrs.classname !== this.classnameRead) {
      this.classnameRead = attrs.classname;
      this.classname = this.name(attrs.classname);
    }
    if (this.classname !== undefined) base.classname = this.classname;
    const file = this.name(attrs.file);
    if (file !== undefined) base.file = file;
    const line = attrs.line === undefined ? NaN : Number(attrs.line);
    if (Number.isInteger(line) && line > 0) base.line = line;
    const time = parseTime(attrs.time);
    if (time !== undefined) base.time = time;
    // CTest and Bazel mark tests that never ran with a status and no <skipped> child.
    const status = attrs.status;
    const notRun = status === "disabled" || status === "notrun" || status === "skipped";
    this.caseStack.push({ base, skipped: notRun, flakyRuns: 0 });
    // Listed where it opens, so that cases nested in a case keep the report's order.
    (this.suiteStack.at(-1) ?? this.loose()).cases.push(base);
  }

  /** The capture of a failure, error or rerun element, or undefined when the case already has one (the first is kept). */
  private openFault(attrs: JunitAttributes): TextCapture | undefined {
    const c = this.caseStack.at(-1)!;
    const name = this.faultName;
    if (c[name] !== undefined) return undefined;
    const draft: FaultDraft = {
      kind: name === "failure" || name === "rerunFailure" ? "failure" : "error",
      messageCut: false,
      body: new TextCapture(this.limits.maxFaultText),
    };
    const type = this.name(attrs.type);
    if (type !== undefined) draft.type = type;
    if (attrs.message !== undefined) {
      const [text, messageCut] = cut(attrs.message, this.limits.maxFaultText);
      draft.message = detach(text);
      draft.messageCut = messageCut;
    }
    c[name] = draft;
    return draft.body;
  }

  private openSkipped(message: string | undefined): TextCapture | undefined {
    const c = this.caseStack.at(-1)!;
    c.skipped = true;
    if (message !== undefined) {
      c.skipMessage = cut(message, this.limits.maxSkipMessage)[0];
      return undefined;
    }
    return (c.skipBody ??= new TextCapture(this.limits.maxSkipMessage));
  }

  private closeCase(c: CaseDraft): void {
    const draft = c.failure ?? c.error ?? c.rerunFailure ?? c.rerunError;
    let outcome: CaseOutcome = "passed";
    if (draft !== undefined) outcome = draft.kind === "failure" ? "failed" : "error";
    else if (c.skipped) outcome = "skipped";
    const testCase = c.base;
    testCase.outcome = outcome;
    if (draft !== undefined) testCase.fault = toFault(draft);
    if (outcome === "skipped") {
      const message = c.skipMessage ?? c.skipBody?.read()[0].trim() ?? "";
      if (message) testCase.skipMessage = detach(message);
    }
    if (c.flakyRuns > 0) testCase.flakyRuns = c.flakyRuns;
  }
}

function caseChildKind(name: string): number {
  switch (name) {
    case "failure":
    case "error":
      return FAULT;
    case "rerunFailure":
    case "rerunError":
      return RERUN;
    case "flakyFailure":
    case "flakyError":
      return FLAKY;
    case "skipped":
      return SKIPPED;
    default:
      return IGNORED;
  }
}
