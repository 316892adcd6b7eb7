import { levelLabel } from "../../../src/domain/render/level-label.js";
import { levelTopic } from "../../../src/domain/render/level-topic.js";
import { replaceLevelTopic } from "../../../src/domain/render/replace-level-topic.js";

describe("levelLabel", () => {
  it("names, colours and describes a level", () => {
    expect(levelLabel(2)).toEqual({
      name: "sofie-level-2",
      color: "a2d9a9",
      description: "SOFIE maturity level 2: Built and tested",
    });
    expect(levelLabel(0).description).toBe("SOFIE maturity level 0: Not connected");
    expect(levelLabel(4, "x".repeat(200)).description.length).toBeLessThanOrEqual(100);
    expect(levelLabel(99).color).toMatch(/^[0-9a-f]{6}$/);
  });
});

describe("levelTopic / replaceLevelTopic", () => {
  it("builds the topic", () => {
    expect(levelTopic(3)).toBe("sofie-level-3");
    expect(levelTopic(3, "Pilot-Level-")).toBe("pilot-level-3");
  });

  it("replaces our level topic and leaves other topics alone", () => {
    expect(replaceLevelTopic(["iot", "sofie-level-1", "sofie-level-docs", "energy"], 2)).toEqual({
      topics: ["iot", "sofie-level-docs", "energy", "sofie-level-2"],
      changed: true,
    });
  });

  it("reports no change when the topic is already right", () => {
    expect(replaceLevelTopic(["sofie-level-2", "iot"], 2)).toEqual({
      topics: ["sofie-level-2", "iot"],
      changed: false,
    });
  });

  it("refuses rather than dropping someone's topic when 20 are set", () => {
    const full = Array.from({ length: 20 }, (_, i) => `topic-${i}`);
    const result = replaceLevelTopic(full, 2);
    expect(result.changed).toBe(false);
    expect(result.topics).toEqual(full);
    expect(result.refused).toContain("GitHub's maximum is 20");
    // Our old topic frees its own slot.
    const withOurs = [...full.slice(0, 19), "sofie-level-1"];
    expect(replaceLevelTopic(withOurs, 2).topics).toEqual([...full.slice(0, 19), "sofie-level-2"]);
  });

  it("refuses an invalid topic from a bad prefix or level", () => {
    expect(replaceLevelTopic([], -1).refused).toContain("not a level");
    expect(replaceLevelTopic([], 1.5).refused).toContain("not a level");
    expect(replaceLevelTopic([], 2, "sofie level ").refused).toContain("not a valid GitHub topic");
    expect(replaceLevelTopic([], 2, "x".repeat(50)).refused).toContain("at most 50 characters");
  });
});
