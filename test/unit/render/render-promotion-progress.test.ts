/**
 * A promotion's reply comment as it ends (done, retrying, failed for good), written to
 * test/__outputs__/promotion-progress-*.md (committed) so that reviewers read the real text.
 */
import {
  renderPromotionCopying,
  renderPromotionDone,
  renderPromotionFailed,
  renderPromotionPreparing,
  renderPromotionProgress,
  renderPromotionRetrying,
} from "../../../src/domain/render/render-promotion-progress.js";
import { liveMentions } from "../../helpers/live-mentions.js";
import { writeOutput } from "./sample-reports.js";

const SHA = "1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a";
const DIGEST = "sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
const REPOSITORY = "sofie/energy-exchange/flexibility-gateway";
const steps = [
  renderPromotionPreparing(REPOSITORY),
  renderPromotionCopying("flexibility-gateway", DIGEST, REPOSITORY),
];
const progress = (attempt: number, lines: string[]) =>
  renderPromotionProgress({ requestedBy: "alice", sha: SHA, attempt, lines });

describe("promotion progress", () => {
  it("ends with every image at its digest", () => {
    const text = progress(1, [...steps, renderPromotionDone({ "flexibility-gateway": DIGEST })]);
    writeOutput("promotion-progress-done", text);
    expect(text).toMatch(/^@alice promotion of 1a1a1a1 to the registry \(attempt 1\):\n\n- Preparing/);
    expect(text).toContain(`- ✅ Done: \`flexibility-gateway@${DIGEST}\` in the registry.`);
  });

  it("says an attempt failed and is retried, then what to do when it failed for good", () => {
    const message = "registry.sofie.example answered 503 Service Unavailable while copying blob sha256:aa…";
    const retrying = progress(1, [...steps, renderPromotionRetrying(1, message)]);
    const failed = progress(3, [
      ...steps,
      renderPromotionFailed({
        message: 'images.json names "@octocat/img", which is not in a configured CI registry',
        action:
          "push the image to a configured CI registry (SOFIE_CI_REGISTRY_HOSTS) and re-run the CI workflow",
      }),
    ]);
    writeOutput("promotion-progress-retrying", retrying);
    writeOutput("promotion-progress-failed", failed);
    expect(retrying).toContain("- ⚠️ Attempt 1 failed: registry.sofie.example answered 503");
    expect(failed).toContain("- ❌ Failed: images.json names");
    expect(failed).toContain("- What to do: push the image");
    expect(liveMentions(failed)).toEqual(["@alice"]);
  });
});
