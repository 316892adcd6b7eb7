/** Collects text up to a limit, remembering whether anything was cut. */
export class TextCapture {
  text = "";
  truncated = false;

  constructor(private readonly limit: number) {}

  append(chunk: string): void {
    const room = this.limit - this.text.length;
    if (chunk.length <= room) {
      this.text += chunk;
    } else {
      if (room > 0) this.text += chunk.slice(0, room);
      this.truncated = true;
    }
  }
}

/** `value` cut at `limit` characters; the flag says whether it was cut. */
export function cut(value: string, limit: number): [string, boolean] {
  return value.length <= limit ? [value, false] : [value.slice(0, limit), true];
}
