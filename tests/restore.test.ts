// The restore runbook (restore/restore.ts) in dry-run: the gcloud steps it would run, named from the
// same plan as the program, and what it refuses.

import * as assert from "assert";
import { execFileSync } from "child_process";
import * as path from "path";
import { catalog } from "../catalog/catalog";
import { AnyCatalog } from "../catalog/types";
import { RestoreRequest, restoreSteps, shellLine } from "../restore/restore";
import { renamed } from "./helpers/rename";
import { stackConfig } from "./helpers/stack-config";

const PROD: RestoreRequest = { stack: "production", database: "journal", time: "2026-12-07T09:30:00Z", bucket: "mindmirror-prod-restore", mode: "copy-back" };
const lines = (r: RestoreRequest, source: AnyCatalog = catalog) => restoreSteps(r, stackConfig(r.stack), source).map(shellLine);

describe("restore runbook (dry run)", () => {
    it("production: clones the shared instance at a point in time, checks it, and copies the database back beside the live one", () => {
        assert.deepStrictEqual(lines(PROD), [
            "gcloud sql instances clone shared-pg shared-pg-r202612070930 --point-in-time=2026-12-07T09:30:00Z --project mindmirror-prod",
            "gcloud sql instances describe shared-pg-r202612070930 '--format=value(state)' --project mindmirror-prod",
            "gcloud sql databases describe journal --instance=shared-pg-r202612070930 --project mindmirror-prod",
            "gcloud sql export sql shared-pg-r202612070930 gs://mindmirror-prod-restore/restore/shared-pg-r202612070930/journal.sql.gz --database=journal --project mindmirror-prod",
            "gcloud sql databases create journal_restored --instance=shared-pg --project mindmirror-prod",
            "gcloud sql import sql shared-pg gs://mindmirror-prod-restore/restore/shared-pg-r202612070930/journal.sql.gz --database=journal_restored --user=journal --project mindmirror-prod --quiet",
            "gcloud sql instances delete shared-pg-r202612070930 --project mindmirror-prod",
        ]);
    });

    it("staging (no PITR) restores a backup into a new instance, and refuses a time", () => {
        const staging: RestoreRequest = { ...PROD, stack: "staging", time: undefined, backupId: "1733560000000", bucket: "mindmirror-staging-restore" };
        const out = lines(staging);
        assert.strictEqual(out[1], "gcloud sql backups restore 1733560000000 --restore-instance=shared-pg-r173356000000 --backup-instance=shared-pg --project mindmirror-staging --quiet");
        assert.throws(() => lines({ ...staging, backupId: undefined, time: PROD.time }), /stack staging has no point-in-time recovery .*restore a backup with --backup-id/);
    });

    it("names the renamed database's real resources", () => {
        const out = lines({ ...PROD, database: "diary" }, renamed(catalog, "databases", "journal", "diary"));
        assert.ok(out.includes("gcloud sql databases describe journal --instance=shared-pg-r202612070930 --project mindmirror-prod"), out.join("\n"));
    });

    it("refuses an unknown database, a local time, and swap on a shared instance", () => {
        assert.throws(() => lines({ ...PROD, database: "jornal" }), /"jornal" is not a database of the catalog/);
        assert.throws(() => lines({ ...PROD, time: "2026-12-07 09:30" }), /is not an RFC 3339 UTC time/);
        assert.throws(() => lines({ ...PROD, mode: "swap" }), /under database.layout shared would hold every database's old data; use --mode copy-back/);
    });

    it("prints the steps from the command line without running them", () => {
        const root = path.join(__dirname, "..");
        const out = execFileSync(process.execPath, [require.resolve("ts-node/dist/bin"), "--transpile-only", "restore/restore.ts",
            "--stack", "production", "--database", "journal", "--time", PROD.time!, "--bucket", PROD.bucket!], { cwd: root, encoding: "utf8" });
        assert.match(out, /^restore: dry run \(add --execute to run these\):\n\n# 1\. Clone shared-pg as it was at 2026-12-07T09:30:00Z/);
        assert.strictEqual((out.match(/^gcloud /gm) ?? []).length, 7);
    });
});
