import * as assert from "assert";
import { runStack } from "./helpers/mocks";

describe("smoke", () => {
    it("runs staging", async () => {
        const run = await runStack("staging");
        const counts: Record<string, number> = {};
        for (const r of run.resources) counts[r.type] = (counts[r.type] ?? 0) + 1;
        console.log(counts);
        assert.ok(run.resources.length > 50);
    });
});
