import { ecrRepositoryTags } from "../../../src/domain/registry/ecr-repository-tags.js";

describe("ecrRepositoryTags", () => {
  it("tags the repository with its origin and the bot", () => {
    expect(
      ecrRepositoryTags({ repository: "sofie-iot/mos-gateway", pilot: "lmf", component: "mos-gateway" }),
    ).toEqual({
      Component: "mos-gateway",
      ManagedBy: "sofie-integration-bot",
      Pilot: "lmf",
      Repository: "sofie-iot/mos-gateway",
    });
  });

  it("replaces characters ECR refuses and cuts long values", () => {
    const tags = ecrRepositoryTags({
      repository: "o/r<script>",
      pilot: "p\u0000q",
      component: "c".repeat(300),
    });
    expect(tags.Repository).toBe("o/r_script_");
    expect(tags.Pilot).toBe("p_q");
    expect(tags.Component).toHaveLength(256);
  });
});
