import { buildLifecyclePolicy } from "../../../src/domain/registry/build-lifecycle-policy.js";
import { RegistryConfigError } from "../../../src/domain/registry/registry-config-error.js";

describe("buildLifecyclePolicy", () => {
  it("expires untagged images first, then keeps the last N of all images", () => {
    expect(JSON.parse(buildLifecyclePolicy({ keepLast: 30, untaggedDays: 14 }))).toEqual({
      rules: [
        {
          rulePriority: 1,
          description: "Expire untagged images 14 days after their push",
          selection: {
            tagStatus: "untagged",
            countType: "sinceImagePushed",
            countUnit: "days",
            countNumber: 14,
          },
          action: { type: "expire" },
        },
        {
          rulePriority: 2,
          description: "Keep the last 30 images",
          selection: { tagStatus: "any", countType: "imageCountMoreThan", countNumber: 30 },
          action: { type: "expire" },
        },
      ],
    });
  });

  it("gives the same text for the same settings", () => {
    expect(buildLifecyclePolicy({ keepLast: 5, untaggedDays: 1 })).toBe(
      buildLifecyclePolicy({ untaggedDays: 1, keepLast: 5 }),
    );
  });

  it("puts the tagStatus any rule last, as ECR requires", () => {
    const { rules } = JSON.parse(buildLifecyclePolicy({ keepLast: 1, untaggedDays: 1 })) as {
      rules: { rulePriority: number; selection: { tagStatus: string } }[];
    };
    const any = rules.find((rule) => rule.selection.tagStatus === "any");
    expect(any?.rulePriority).toBe(Math.max(...rules.map((rule) => rule.rulePriority)));
  });

  it.each([0, -1, 1.5, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 31])(
    "refuses %p with the key to fix",
    (bad) => {
      expect(() => buildLifecyclePolicy({ keepLast: bad, untaggedDays: 1 })).toThrow(RegistryConfigError);
      expect(() => buildLifecyclePolicy({ keepLast: bad, untaggedDays: 1 })).toThrow(
        /registry.lifecycle.keepLast/,
      );
      expect(() => buildLifecyclePolicy({ keepLast: 1, untaggedDays: bad })).toThrow(
        /registry.lifecycle.untaggedDays/,
      );
    },
  );
});
