/**
 * Builds a Markdown document from whole parts within a length budget. Parts are measured before
 * they are added, so the document is never cut inside a code fence or an HTML tag, and joined
 * once at the end, so building stays linear however many parts are offered.
 */
export class SummaryBuilder {
  private readonly parts: string[] = [];
  private size = 0;

  constructor(
    private readonly max: number,
    private readonly separator = "\n\n",
  ) {}

  /** Code units used so far, separators included. */
  get length(): number {
    return this.size;
  }

  /** Code units still free. */
  get remaining(): number {
    return this.max - this.size;
  }

  /** What adding `part` would cost. */
  cost(part: string): number {
    return part.length + (this.parts.length > 0 ? this.separator.length : 0);
  }

  /** Adds `part` if it fits and says whether it did. */
  tryAdd(part: string): boolean {
    const cost = this.cost(part);
    if (this.size + cost > this.max) return false;
    this.parts.push(part);
    this.size += cost;
    return true;
  }

  toString(): string {
    return this.parts.join(this.separator);
  }
}
