/** What an onboarding run did, in the words of a command reply. */
export type OnboardingOutcomeView =
  | { readonly status: "opened" | "updated" | "unchanged"; readonly number: number }
  | { readonly status: string; readonly reason: string };

export function renderOnboardingOutcome(outcome: OnboardingOutcomeView): string {
  if ("number" in outcome) {
    switch (outcome.status) {
      case "opened":
        return `Opened the onboarding pull request #${outcome.number}.`;
      case "updated":
        return `Updated the onboarding pull request #${outcome.number}.`;
      default:
        return `The onboarding pull request #${outcome.number} is open and up to date.`;
    }
  }
  return `No onboarding pull request: ${outcome.reason}.`;
}
