/**
 * The attributes of a JUnit element that the parser reads, picked out of the scanner's
 * name/value list in one pass. One instance is reused for every element.
 */
export class JunitAttributes {
  name: string | undefined;
  classname: string | undefined;
  file: string | undefined;
  line: string | undefined;
  time: string | undefined;
  status: string | undefined;
  type: string | undefined;
  message: string | undefined;

  /** Reads `count` entries of `list` (names and values alternating). */
  read(list: readonly string[], count: number): this {
    this.name = this.classname = this.file = this.line = this.time = undefined;
    this.status = this.type = this.message = undefined;
    let filepath: string | undefined;
    for (let k = 0; k < count; k += 2) {
      const value = list[k + 1];
      switch (list[k]) {
        case "name":
          this.name = value;
          break;
        case "classname":
          this.classname = value;
          break;
        case "file":
          this.file = value;
          break;
        case "filepath":
          filepath = value;
          break;
        case "line":
          this.line = value;
          break;
        case "time":
          this.time = value;
          break;
        case "status":
          this.status = value;
          break;
        case "type":
          this.type = value;
          break;
        case "message":
          this.message = value;
          break;
      }
    }
    // `file` wins over `filepath` (pytest writes `file`, some tools `filepath`).
    this.file ??= filepath;
    return this;
  }
}
