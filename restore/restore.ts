// Restores one database of a stack to a point in time, without touching the live instance until
// the restored copy has been checked:
//   1. clone the database's Cloud SQL instance at that time into a new instance (point-in-time
//      recovery; staging, without PITR, restores a backup into the new instance instead);
//   2. check the clone: RUNNABLE, the database present, an export of it succeeds;
//   3. copy back (default): import that export into a new database `<db>_restored` on the live
//      instance, for the owner to compare and swap in a reviewed migration; or swap: point the
//      service's connection-URL secret at the clone (dedicated layout).
// Names come from the same plan the program builds (prefix, layout, renames), so the commands name
// the real resources. Dry run by default: prints the gcloud steps. `--execute` runs them.
//
//   npm run restore -- --stack production --database journal --time 2026-12-07T09:30:00Z --bucket mindmirror-prod-restore
//   npm run restore -- --stack staging --database users --backup-id 1733560000000 --bucket mindmirror-staging-restore

import { spawnSync } from "child_process";
import * as fs from "fs";
import * as yaml from "js-yaml";
import * as path from "path";
import { catalog } from "../catalog/catalog";
import { AnyCatalog } from "../catalog/types";
import { formatIssues } from "../stack/issues";
import { databaseUrlSecretKey } from "../stack/naming";
import { buildPlan } from "../stack/plan";
import { parseSettings } from "../stack/settings";

export interface RestoreRequest {
    readonly stack: string;
    /** Catalog key of the database. */
    readonly database: string;
    /** RFC 3339 UTC time to recover to (needs point-in-time recovery on the stack). */
    readonly time?: string;
    /** A backup id (`gcloud sql backups list`), for stacks without point-in-time recovery. */
    readonly backupId?: string;
    /** Bucket the instances export to and import from (their service agents need object access). */
    readonly bucket: string;
    readonly mode: "copy-back" | "swap";
    /** Suffix of the clone's name; defaults to the recovery time or backup id. */
    readonly suffix?: string;
}

export interface RestoreStep {
    readonly title: string;
    readonly command: readonly string[];
}

const RFC3339_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;

/** The gcloud steps of a restore, from the stack's config and the catalog; throws on a bad request. */
export function restoreSteps(request: RestoreRequest, config: Readonly<Record<string, string>>, source: AnyCatalog = catalog): RestoreStep[] {
    const parsed = parseSettings(request.stack, config);
    if (!parsed.settings) throw new Error(formatIssues(`Stack ${request.stack}: the config is not valid`, parsed.issues.items));
    const { plan, issues } = buildPlan(source, parsed.settings);
    if (!plan) throw new Error(formatIssues(`Stack ${request.stack}: the catalog does not fit`, issues));
    const s = plan.settings;

    const owner = plan.services.find((w) => w.database?.key === request.database);
    if (!owner?.database) throw new Error(`${JSON.stringify(request.database)} is not a database of the catalog; known: ${Object.keys(source.databases).join(", ")}.`);
    const instance = plan.instances.find((i) => i.key === owner.database!.instance)!.name;
    const dbName = owner.database.name;
    if ((request.time === undefined) === (request.backupId === undefined)) throw new Error("give exactly one of --time (point-in-time recovery) or --backup-id.");
    if (request.time !== undefined && !RFC3339_UTC.test(request.time)) throw new Error(`--time ${JSON.stringify(request.time)} is not an RFC 3339 UTC time such as 2026-12-07T09:30:00Z.`);
    if (request.time !== undefined && !s.database.pointInTimeRecovery) {
        throw new Error(`stack ${s.stack} has no point-in-time recovery (mindmirror:database.pointInTimeRecovery is false); restore a backup with --backup-id (gcloud sql backups list --instance ${instance} --project ${s.project}).`);
    }
    if (!/^[a-z0-9][a-z0-9._-]{1,220}[a-z0-9]$/.test(request.bucket)) throw new Error(`--bucket ${JSON.stringify(request.bucket)} is not a bucket name.`);
    if (request.mode === "swap" && s.database.layout === "shared") {
        throw new Error(`swap points the service at the clone, which under database.layout shared would hold every database's old data; use --mode copy-back.`);
    }

    const suffix = (request.suffix ?? (request.time ?? request.backupId!).replace(/[^0-9]/g, "").slice(0, 12)).toLowerCase();
    const clone = `${instance}-r${suffix}`.slice(0, 78).replace(/-+$/, "");
    const project = ["--project", s.project];
    const file = `gs://${request.bucket}/restore/${clone}/${dbName}.sql.gz`;
    const restored = `${dbName}_restored`;

    const steps: RestoreStep[] = request.time !== undefined
        ? [{ title: `Clone ${instance} as it was at ${request.time} into a new instance ${clone} (the live instance is not touched)`,
            command: ["gcloud", "sql", "instances", "clone", instance, clone, `--point-in-time=${request.time}`, ...project] }]
        : [
            { title: `Create an empty instance ${clone} shaped like ${instance}`,
                command: ["gcloud", "sql", "instances", "create", clone, `--database-version=${s.database.version}`, `--tier=${s.database.tier}`, `--region=${s.region}`,
                    "--edition=ENTERPRISE", "--no-assign-ip", `--network=projects/${s.project}/global/networks/${s.namePrefix}mindmirror`, ...project] },
            { title: `Restore backup ${request.backupId} of ${instance} into ${clone}`,
                command: ["gcloud", "sql", "backups", "restore", request.backupId!, `--restore-instance=${clone}`, `--backup-instance=${instance}`, ...project, "--quiet"] },
        ];
    steps.push(
        { title: `Check: ${clone} is RUNNABLE`, command: ["gcloud", "sql", "instances", "describe", clone, "--format=value(state)", ...project] },
        { title: `Check: ${clone} holds the database ${dbName}`, command: ["gcloud", "sql", "databases", "describe", dbName, `--instance=${clone}`, ...project] },
        { title: `Check: export ${dbName} from ${clone} (a readable dump is the proof, and the copy to bring back)`,
            command: ["gcloud", "sql", "export", "sql", clone, file, `--database=${dbName}`, ...project] },
    );
    if (request.mode === "copy-back") {
        steps.push(
            { title: `Create ${restored} on the live instance ${instance}, next to ${dbName}`, command: ["gcloud", "sql", "databases", "create", restored, `--instance=${instance}`, ...project] },
            { title: `Import the checked dump into ${restored} as ${owner.database.user}; then compare, and swap the tables in a reviewed migration`,
                command: ["gcloud", "sql", "import", "sql", instance, file, `--database=${restored}`, `--user=${owner.database.user}`, ...project, "--quiet"] },
        );
    } else {
        const secret = plan.secrets.find((x) => x.key === databaseUrlSecretKey(request.database))!.name;
        steps.push(
            { title: `Read the clone's private IP`, command: ["gcloud", "sql", "instances", "describe", clone, "--format=value(ipAddresses[0].ipAddress)", ...project] },
            { title: `Point ${owner.key} at the clone: a new version of ${secret} with the clone's IP (the next pulumi up restores the live URL unless the stack moves to the clone)`,
                command: ["gcloud", "secrets", "versions", "add", secret, "--data-file=-", ...project] },
        );
    }
    steps.push({ title: `When done: delete the clone ${clone} (it is not managed by Pulumi)`, command: ["gcloud", "sql", "instances", "delete", clone, ...project] });
    return steps;
}

/** A step as a shell line, quoting what needs it. */
export function shellLine(step: RestoreStep): string {
    return step.command.map((a) => (/^[A-Za-z0-9_./:=@%+,-]+$/.test(a) ? a : `'${a.replace(/'/g, `'\\''`)}'`)).join(" ");
}

function stackConfigFile(stack: string): Record<string, string> {
    const doc = yaml.load(fs.readFileSync(path.join(__dirname, "..", `Pulumi.${stack}.yaml`), "utf8")) as { config?: Record<string, unknown> };
    return Object.fromEntries(Object.entries(doc.config ?? {}).map(([k, v]) => [k, typeof v === "string" ? v : JSON.stringify(v)]));
}

function main(argv: readonly string[]): number {
    const arg = (name: string) => { const i = argv.indexOf(`--${name}`); return i >= 0 ? argv[i + 1] : undefined; };
    const execute = argv.includes("--execute");
    const request: RestoreRequest = {
        stack: arg("stack") ?? "",
        database: arg("database") ?? "",
        time: arg("time"),
        backupId: arg("backup-id"),
        bucket: arg("bucket") ?? "",
        mode: arg("mode") === "swap" ? "swap" : "copy-back",
        suffix: arg("suffix"),
    };
    let steps: RestoreStep[];
    try {
        steps = restoreSteps(request, stackConfigFile(request.stack));
    } catch (e) {
        console.error(`restore: ${(e as Error).message}`);
        return 2;
    }
    console.log(execute ? "restore: running" : "restore: dry run (add --execute to run these):");
    for (const [n, step] of steps.entries()) {
        console.log(`\n# ${n + 1}. ${step.title}\n${shellLine(step)}`);
        if (!execute || step.command.includes("--data-file=-") || step.command[3] === "delete") continue;
        const run = spawnSync(step.command[0], step.command.slice(1), { stdio: "inherit" });
        if (run.status !== 0) { console.error(`restore: step ${n + 1} failed; nothing after it ran.`); return 1; }
    }
    if (execute) console.log("\nrestore: the secret-version step (swap) and the clean-up are left to the operator, as printed.");
    return 0;
}

if (require.main === module) process.exit(main(process.argv.slice(2)));
