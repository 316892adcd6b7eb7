import { parseTime } from "../../../src/domain/junit/parse-time.js";

describe("parseTime", () => {
  it.each([
    ["1.5", 1.5],
    [" 2 ", 2],
    ["1,234.5", 1234.5],
    ["12,345,678", 12345678],
    ["0,25", 0.25],
    ["1,5", 1.5],
    ["", undefined],
    ["abc", undefined],
    ["-1", undefined],
    ["Infinity", undefined],
    ["1,2.3,4", undefined],
    [undefined, undefined],
  ])("reads %j as %j", (text, seconds) => {
    expect(parseTime(text)).toBe(seconds);
  });
});
