// bootstrap/README.md's access table is generated from what the bootstrap grants: a stale table fails here.

import * as assert from "assert";
import * as fs from "fs";
import { README, accessTable, withAccessTable } from "../scripts/access-table";

describe("bootstrap README access table", () => {
    it("is the one generated from the CI identities and their bindings (run `npm run access-table` after changing them)", () => {
        const readme = fs.readFileSync(README, "utf8");
        assert.strictEqual(readme, withAccessTable(readme), "bootstrap/README.md's access table is stale: run `npm run access-table`");
    });

    it("names every identity once, with its environment, and the previewers' read-only grants", () => {
        const table = accessTable();
        for (const id of ["deployer-staging", "deployer-production", "previewer-staging", "previewer-production", "scanner"]) {
            assert.strictEqual(table.split("\n").filter((l) => l.startsWith(`| \`${id}@`)).length, 1, id);
        }
        const previewer = table.split("\n").find((l) => l.startsWith("| `previewer-production@"))!;
        assert.match(previewer, /environment `preview-production` \(any branch \(pull requests\); a required reviewer approves each run/);
        assert.match(previewer, /`roles\/storage\.objectViewer` on the state bucket if `production-state-read-only`/);
        assert.ok(!previewer.includes("roles/storage.objectUser"));
    });
});
