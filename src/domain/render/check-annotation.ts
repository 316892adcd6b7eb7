/**
 * One check-run annotation, in the shape GitHub's "create/update a check run" API takes
 * (`output.annotations[]`). Limits: `title` ≤ 255 characters, `message` and `raw_details`
 * ≤ 64 KiB, at most 50 per request.
 */
export interface CheckAnnotation {
  readonly path: string;
  readonly start_line: number;
  readonly end_line: number;
  readonly annotation_level: "failure" | "warning" | "notice";
  readonly title?: string;
  readonly message: string;
  readonly raw_details?: string;
}
