import {
  ANNOTATION_TEXT_BYTES,
  ANNOTATION_TITLE_LIMIT,
  GITHUB_TEXT_LIMIT,
  MAX_ANNOTATIONS,
} from "../limits.js";
import type { CheckAnnotation } from "./check-annotation.js";
import { cutText, cutUtf8 } from "./cut-text.js";

/** What a check run shows: title, Markdown summary and text, annotations. */
export interface CheckRunOutput {
  readonly title: string;
  readonly summary: string;
  readonly text?: string;
  readonly annotations?: readonly CheckAnnotation[];
}

/** The output as GitHub takes it, and whether anything had to be cut. */
export interface FittedCheckRunOutput {
  readonly title: string;
  readonly summary: string;
  readonly text?: string;
  readonly annotations: readonly CheckAnnotation[];
  readonly truncated: boolean;
}

const CUT_NOTE = "\n\n_…cut to fit GitHub's size limit._";

/**
 * `output` within GitHub's limits: summary and text each within {@link GITHUB_TEXT_LIMIT}
 * characters (renderers stay within it; this is the guard for those that cannot know), at most
 * {@link MAX_ANNOTATIONS} annotations, each with its title and texts cut to their limits.
 */
export function fitCheckOutput(output: CheckRunOutput): FittedCheckRunOutput {
  const all = output.annotations ?? [];
  const annotations = all.slice(0, MAX_ANNOTATIONS).map(fitAnnotation);
  const summary = fitText(output.summary);
  const text = output.text === undefined ? undefined : fitText(output.text);
  const truncated = all.length > annotations.length || summary !== output.summary || text !== output.text;
  return {
    title: output.title,
    summary,
    ...(text === undefined ? {} : { text }),
    annotations,
    truncated,
  };
}

/** An annotation with its title within {@link ANNOTATION_TITLE_LIMIT} characters and its texts within {@link ANNOTATION_TEXT_BYTES} bytes. */
export function fitAnnotation(annotation: CheckAnnotation): CheckAnnotation {
  const { title, raw_details: details } = annotation;
  return {
    ...annotation,
    ...(title === undefined ? {} : { title: cutText(title, ANNOTATION_TITLE_LIMIT) }),
    message: cutUtf8(annotation.message, ANNOTATION_TEXT_BYTES),
    ...(details === undefined ? {} : { raw_details: cutUtf8(details, ANNOTATION_TEXT_BYTES) }),
  };
}

function fitText(text: string): string {
  if (text.length <= GITHUB_TEXT_LIMIT) return text;
  return cutText(text, GITHUB_TEXT_LIMIT - CUT_NOTE.length) + CUT_NOTE;
}
