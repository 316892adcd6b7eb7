import { RegistryError, type CopyImageInput } from "../../ports/image-registry.js";
import { isDigest } from "./is-digest.js";

// The distribution spec's grammar for repository names and tags.
const REPOSITORY = /^[a-z0-9]+(?:(?:\.|_|__|-+)[a-z0-9]+)*(?:\/[a-z0-9]+(?:(?:\.|_|__|-+)[a-z0-9]+)*)*$/;
const TAG = /^[\w][\w.-]{0,127}$/;

/** Refuses, before any request, names that are not valid in the distribution API (they end up in URL paths). */
export function validateCopyInput(input: CopyImageInput): void {
  const problems: string[] = [];
  const hostOf = (url: string): string => {
    try {
      const parsed = new URL(url);
      if (parsed.protocol !== "http:" && parsed.protocol !== "https:") problems.push(`${url} is not http(s)`);
      return parsed.host;
    } catch {
      problems.push(`registry URL "${url}" is not a URL (expected e.g. https://registry.example.com)`);
      return url;
    }
  };
  const sourceHost = hostOf(input.source.endpoint.url);
  hostOf(input.target.endpoint.url);
  for (const name of [input.source.repository, input.target.repository, input.mountFrom]) {
    if (name !== undefined && !REPOSITORY.test(name))
      problems.push(
        `repository "${name}" is not a valid name (lowercase path components like "pilot/component")`,
      );
  }
  const ref = input.source.reference;
  if (!(ref.includes(":") ? isDigest(ref) : TAG.test(ref)))
    problems.push(`reference "${ref}" is neither a tag nor a sha256 digest`);
  for (const tag of input.target.tags)
    if (!TAG.test(tag))
      problems.push(`target tag "${tag}" is not a valid tag (letters, digits, _ . -, up to 128)`);
  if (problems.length > 0)
    throw new RegistryError(
      `copying ${sourceHost}/${input.source.repository}:${ref}: ${problems.join("; ")}`,
      {
        host: sourceHost,
        repository: input.source.repository,
        step: "validating input",
        transient: false,
      },
    );
}
