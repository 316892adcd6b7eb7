import { MAX_ANNOTATIONS } from "../limits.js";
import { locateFailure, type LocateOptions, type RepoPaths } from "../junit/locate-failure.js";
import type { TestReport } from "../junit/test-results.js";
import type { CheckAnnotation } from "./check-annotation.js";
import { fitAnnotation } from "./fit-check-output.js";
import { stripControl } from "./markdown-escape.js";
import { neutralizeMentions } from "./neutralize-mentions.js";
import { failureEntries } from "./suite-rows.js";

export interface BuildAnnotationsOptions extends LocateOptions {
  /** Stop after this many annotations (each 50 costs a request). Default: {@link MAX_ANNOTATIONS}. */
  readonly maxAnnotations?: number;
}

/**
 * One `failure` annotation per failing or erroring case that can be placed at a file and line of
 * the repository (see `locateFailure`); cases that cannot be placed are left to the summary.
 * Title, message and raw details are cut to GitHub's limits.
 */
export function buildAnnotations(
  reports: readonly TestReport[],
  repoPaths: RepoPaths,
  options: BuildAnnotationsOptions = {},
): CheckAnnotation[] {
  const max = options.maxAnnotations ?? MAX_ANNOTATIONS;
  const annotations: CheckAnnotation[] = [];
  for (const { path: suitePath, testCase } of failureEntries(reports)) {
    if (annotations.length >= max) break;
    const location = locateFailure(testCase, repoPaths, options);
    if (!location) continue;
    const fault = testCase.fault;
    const verb = testCase.outcome === "error" ? "errored" : "failed";
    // Title and message are prose (mentions broken, as in the summary); raw_details is a trace, kept verbatim.
    const title = neutralizeMentions(
      stripControl([...suitePath, testCase.name].join(" › ")).replace(/\n/g, " "),
    );
    const message = neutralizeMentions(stripControl(fault?.message?.trim() || `${testCase.name} ${verb}`));
    const annotation: CheckAnnotation = {
      path: location.path,
      start_line: location.line,
      end_line: location.line,
      annotation_level: "failure",
      title: `${title} ${verb}`,
      message: fault?.type ? `${neutralizeMentions(fault.type)}: ${message}` : message,
      ...(fault?.details?.trim() ? { raw_details: stripControl(fault.details) } : {}),
    };
    annotations.push(fitAnnotation(annotation));
  }
  return annotations;
}
