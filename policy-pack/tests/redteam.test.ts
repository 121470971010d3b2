// The red-team suite: every case in tests/redteam/cases.ts through its policy, counted per class.
// A case fails the run when the pack misses a bypass or flags a precision case, unless the case is
// a documented known miss (then it fails when the miss is fixed, so the count stays true).

import { strict as assert } from "assert";
import { budgetCapsPolicy } from "../policies/budget";
import { runResourcePolicy, runStackPolicy } from "./helpers/harness";
import { CASES, Case, CaseClass } from "./redteam/cases";

type Result = "caught" | "missed" | "clean" | "false positive";

const counts = new Map<CaseClass, Record<Result, number>>();

function count(kind: CaseClass, result: Result): void {
    const row = counts.get(kind) ?? { caught: 0, missed: 0, clean: 0, "false positive": 0 };
    row[result]++;
    counts.set(kind, row);
}

async function reported(testCase: Case): Promise<string[]> {
    const outcome = "stack" in testCase
        ? await runStackPolicy(budgetCapsPolicy, testCase.stack, testCase.config)
        : await runResourcePolicy(testCase.policy, testCase.fixture, testCase.config);
    return outcome.messages;
}

describe("red team", () => {
    it("has at least 80 cases, each class with bypasses and precision cases", () => {
        assert.ok(CASES.length >= 80, `${CASES.length} cases`);
        for (const kind of ["ingress", "secrets", "iam", "budget"] as const) {
            assert.ok(CASES.some((c) => c.class === kind && c.expect === "caught"), kind);
            assert.ok(CASES.some((c) => c.class === kind && c.expect === "clean"), kind);
        }
    });

    for (const testCase of CASES) {
        it(`${testCase.class}: ${testCase.title} (${testCase.expect}${testCase.knownMiss ? ", known miss" : ""})`, async () => {
            const messages = await reported(testCase);
            const flagged = messages.length > 0;
            const result: Result = testCase.expect === "caught" ? (flagged ? "caught" : "missed") : flagged ? "false positive" : "clean";
            count(testCase.class, result);
            const wrong = result === "missed" || result === "false positive";
            if (testCase.knownMiss) {
                assert.ok(wrong, `known miss now handled (${result}): remove knownMiss`);
            } else {
                assert.ok(!wrong, `${result}: ${messages.join(" | ")}`);
            }
        });
    }

    after(() => {
        const rows = [...counts.entries()].map(([kind, row]) => `| ${kind} | ${row.caught} | ${row.missed} | ${row.clean} | ${row["false positive"]} |`);
        const total = [...counts.values()].reduce((sum, row) => sum + row.caught + row.missed + row.clean + row["false positive"], 0);
        if (process.env.REDTEAM_REPORT !== "0") {
            console.log(`\nRed team, ${total} cases:\n| class | caught | missed | clean | false positive |\n|---|---:|---:|---:|---:|\n${rows.join("\n")}`);
        }
    });
});
