import picomatch from "picomatch";

/**
 * Whether a file is one of the JUnit reports the manifest's `junit` glob names. Paths are
 * `/`-separated and relative to the artifact's root; dot-folders match like any other.
 */
export function reportMatcher(glob: string): (path: string) => boolean {
  return picomatch(glob, { dot: true });
}
