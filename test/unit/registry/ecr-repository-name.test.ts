import { ecrRepositoryName } from "../../../src/domain/registry/ecr-repository-name.js";
import { RegistryConfigError } from "../../../src/domain/registry/registry-config-error.js";

describe("ecrRepositoryName", () => {
  it("joins prefix, pilot and component", () => {
    expect(ecrRepositoryName("sofie/", "lmf", "mos-gateway")).toBe("sofie/lmf/mos-gateway");
    expect(ecrRepositoryName("", "lmf", "mos-gateway")).toBe("lmf/mos-gateway");
    expect(ecrRepositoryName("org/sofie/", "p1", "c.2_x")).toBe("org/sofie/p1/c.2_x");
  });

  it("names the image like the component without an extra level, other images one level down", () => {
    expect(ecrRepositoryName("sofie/", "lmf", "gateway", "gateway")).toBe("sofie/lmf/gateway");
    expect(ecrRepositoryName("sofie/", "lmf", "gateway", "sidecar")).toBe("sofie/lmf/gateway/sidecar");
  });

  it.each([
    ["a pilot with a slash", "sofie/", "lm/f", "c", undefined, /pilot name "lm\/f"/],
    ["an upper-case component", "sofie/", "lmf", "Gateway", undefined, /component name "Gateway"/],
    ["a component ending in a separator", "sofie/", "lmf", "gateway-", undefined, /component name/],
    ["a double separator", "sofie/", "lmf", "a--b", undefined, /component name "a--b"/],
    ["an empty pilot", "sofie/", "", "c", undefined, /pilot name ""/],
    ["an image with a space", "sofie/", "lmf", "c", "my image", /image name "my image"/],
    ["a prefix without a trailing slash", "sofie", "lmf", "c", undefined, /registry prefix "sofie"/],
    ["a prefix starting with a slash", "/sofie/", "lmf", "c", undefined, /registry prefix/],
    ["a prefix with an empty part", "sofie//", "lmf", "c", undefined, /registry prefix/],
    ["a unicode lookalike", "sofie/", "lmf", "gatewаy", undefined, /component name/],
  ])("refuses %s with a message naming the part", (_what, prefix, pilot, component, image, message) => {
    const run = () => ecrRepositoryName(prefix, pilot, component, image);
    expect(run).toThrow(RegistryConfigError);
    expect(run).toThrow(message);
  });

  it("refuses a name over 256 characters and says how long it is", () => {
    const component = "c".repeat(250);
    expect(() => ecrRepositoryName("sofie/", "lmf", component)).toThrow(
      /is 260 characters long; ECR allows at most 256/,
    );
  });

  it("accepts exactly 256 characters", () => {
    const name = ecrRepositoryName("sofie/", "lmf", "c".repeat(246));
    expect(name).toHaveLength(256);
  });

  it("keeps a huge hostile value out of the message", () => {
    const hostile = "X".repeat(1_000_000);
    let message = "";
    try {
      ecrRepositoryName("sofie/", "lmf", hostile);
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message.length).toBeLessThan(400);
  });
});
