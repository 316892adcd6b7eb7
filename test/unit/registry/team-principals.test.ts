import { RegistryConfigError } from "../../../src/domain/registry/registry-config-error.js";
import { teamPrincipals } from "../../../src/domain/registry/team-principals.js";

const readers = {
  "@sofie-iot/flexibility-team": [
    "arn:aws:iam::210987654321:role/flexibility-ci",
    "arn:aws:iam::210987654321:role/flexibility-dev",
    "arn:aws:iam::210987654321:role/flexibility-ci",
  ],
  "@sofie-iot/empty-team": [],
};

describe("teamPrincipals", () => {
  it("gives the team's principals, sorted and once each", () => {
    expect(teamPrincipals(readers, "@sofie-iot/flexibility-team")).toEqual([
      "arn:aws:iam::210987654321:role/flexibility-ci",
      "arn:aws:iam::210987654321:role/flexibility-dev",
    ]);
  });

  it("matches the team case-insensitively, as GitHub does", () => {
    expect(teamPrincipals(readers, "@Sofie-IoT/Flexibility-Team")).toHaveLength(2);
  });

  it("gives none for a team listed with an empty list", () => {
    expect(teamPrincipals(readers, "@sofie-iot/empty-team")).toEqual([]);
  });

  it("says which key to add for a team that is not in the map", () => {
    const run = () => teamPrincipals(readers, "@sofie-iot/newcomers");
    expect(run).toThrow(RegistryConfigError);
    expect(run).toThrow(
      /add the key "@sofie-iot\/newcomers" under registry.readers in .github\/sofie-integration.yml/,
    );
  });

  it("does not find inherited object keys", () => {
    expect(() => teamPrincipals({}, "constructor")).toThrow(RegistryConfigError);
    expect(() => teamPrincipals({}, "__proto__")).toThrow(RegistryConfigError);
  });
});
