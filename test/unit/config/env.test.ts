import { DEFAULT_WEBHOOK_MAX_BYTES, readEnv } from "../../../src/config/env.js";

describe("SOFIE_WEBHOOK_MAX_BYTES", () => {
  const read = (value?: string) =>
    readEnv(value === undefined ? {} : { SOFIE_WEBHOOK_MAX_BYTES: value }).webhookMaxBytes;

  it("defaults to 32 MiB, above GitHub's 25 MB payload cap", () => {
    expect(read()).toBe(DEFAULT_WEBHOOK_MAX_BYTES);
    expect(DEFAULT_WEBHOOK_MAX_BYTES).toBe(33_554_432);
    expect(DEFAULT_WEBHOOK_MAX_BYTES).toBeGreaterThan(25_000_000);
    expect(read("  ")).toBe(DEFAULT_WEBHOOK_MAX_BYTES);
  });

  it.each([
    ["33554432", 33_554_432],
    ["32MiB", 33_554_432],
    ["32 mib", 33_554_432],
    ["30MB", 30_000_000],
    ["512KiB", 524_288],
    ["1GiB", 1_073_741_824],
    ["65536", 65_536],
  ])("reads %s as %i bytes", (value, bytes) => {
    expect(read(value)).toBe(bytes);
  });

  it.each(["abc", "-1", "1.5MiB", "32M", "32 MiB extra", "0", "65535", "2GiB", "1e9"])(
    "refuses %s, naming the variable, the range and the default",
    (value) => {
      expect(() => read(value)).toThrow(
        `SOFIE_WEBHOOK_MAX_BYTES must be a size from 64KiB to 1GiB, in bytes or with a unit (KiB, MiB, GiB, KB, MB, GB), not "${value}" (default 32MiB = 33554432 bytes; GitHub sends up to 25 MB)`,
      );
    },
  );
});

describe("readEnv: SOFIE_JOB_LEASE_SECONDS", () => {
  it("defaults to 30 s and takes whole seconds from 3 to 3600", () => {
    expect(readEnv({}).jobLeaseMs).toBe(30_000);
    expect(readEnv({ SOFIE_JOB_LEASE_SECONDS: " 5 " }).jobLeaseMs).toBe(5_000);
    expect(readEnv({ SOFIE_JOB_LEASE_SECONDS: "3600" }).jobLeaseMs).toBe(3_600_000);
  });

  it.each(["0", "2", "3601", "1.5", "thirty", "-10"])(
    "refuses %p with a message that names the variable and the range",
    (value) => {
      expect(() => readEnv({ SOFIE_JOB_LEASE_SECONDS: value })).toThrow(
        `SOFIE_JOB_LEASE_SECONDS must be a whole number of seconds from 3 to 3600, not "${value}" (default 30)`,
      );
    },
  );
});
