import { readEnv } from "../../../src/config/env.js";

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
