// Production data hard to lose: protection per kind of data, final backups, immutable image tags,
// revocable grants, and renames that keep every cloud resource (aliases, not replacements).

import * as assert from "assert";
import { catalog } from "../catalog/catalog";
import { deployed } from "../catalog/deployed";
import { AnyCatalog } from "../catalog/types";
import { buildPlan } from "../stack/plan";
import { formerLogicalNames } from "../stack/renames";
import { parseSettings } from "../stack/settings";
import { withMap } from "./config-cases";
import { StackRun, runStack } from "./helpers/mocks";
import { renamed } from "./helpers/rename";
import { at } from "./helpers/runs";
import { stackConfig } from "./helpers/stack-config";

const INSTANCE = "gcp:sql/databaseInstance:DatabaseInstance";
const DATA = ["gcp:sql/database:Database", "gcp:sql/user:User", "random:index/randomPassword:RandomPassword"];
const SECRETS = ["gcp:secretmanager/secret:Secret", "gcp:secretmanager/secretVersion:SecretVersion"];
const DOCUMENTS = "gcp:storage/bucket:Bucket";
const GRANTS = ["gcp:secretmanager/secretIamMember:SecretIamMember", "gcp:cloudrunv2/serviceIamMember:ServiceIamMember", "gcp:pubsub/topicIAMMember:TopicIAMMember"];

function protectedTypes(run: StackRun): string[] {
    return [...new Set(run.resources.filter((r) => r.protect).map((r) => r.type))].sort();
}

describe("data safety: protection per kind of data", () => {
    let production: StackRun;
    before(async () => { production = await runStack("production"); });

    it("production protects instances, databases, users, passwords, secrets and versions, the documents bucket, and nothing else", () => {
        assert.deepStrictEqual(protectedTypes(production), [...DATA, ...SECRETS, INSTANCE, DOCUMENTS].sort());
        for (const type of [...DATA, ...SECRETS, INSTANCE, DOCUMENTS]) {
            for (const r of production.ofType(type)) assert.strictEqual(r.protect, true, r.name);
        }
    });

    it("never protects an access grant, so revoking a reader is an ordinary change", () => {
        const grants = GRANTS.flatMap((t) => production.ofType(t));
        assert.ok(grants.length > 20, `${grants.length} grants`);
        assert.deepStrictEqual(grants.filter((g) => g.protect).map((g) => g.name), []);
    });

    it("turns on Secret Manager deletion protection and Cloud SQL's final backup", () => {
        for (const s of production.ofType("gcp:secretmanager/secret:Secret")) assert.strictEqual(s.inputs["deletionProtection"], true, s.name);
        for (const db of production.ofType(INSTANCE)) {
            assert.deepStrictEqual(at(db.inputs, "settings.finalBackupConfig"), { enabled: true, retentionDays: 30 });
            assert.strictEqual(db.inputs["deletionProtection"], true);
            assert.strictEqual(at(db.inputs, "settings.deletionProtectionEnabled"), true);
        }
    });

    it("protects each kind on its own: an instance without its secrets, secrets without the instance", async () => {
        const only = async (p: Record<string, boolean>) => protectedTypes(await runStack("production", {
            config: withMap("production", "dataProtection", p),
        }));
        assert.deepStrictEqual(await only({ instances: true, databases: false, secrets: false, documents: false }), [INSTANCE]);
        assert.deepStrictEqual(await only({ instances: false, databases: false, secrets: true, documents: false }), [...SECRETS, "random:index/randomPassword:RandomPassword"].sort());
        assert.deepStrictEqual(await only({ instances: false, databases: false, secrets: false, documents: true }), [DOCUMENTS]);
    });

    it("staging keeps a final backup too (7 days) and protects nothing", async () => {
        const staging = await runStack("staging");
        assert.deepStrictEqual(protectedTypes(staging), []);
        assert.deepStrictEqual(at(staging.ofType(INSTANCE)[0].inputs, "settings.finalBackupConfig"), { enabled: true, retentionDays: 7 });
    });

    it("makes registry tags immutable (main-<sha> and v* are written once)", () => {
        assert.deepStrictEqual(production.named("registry-repository").inputs["dockerConfig"], { immutableTags: true });
    });

    it("refuses the old one-flag setting, saying where it went", () => {
        const issues = parseSettings("production", { ...stackConfig("production"), ...withMap("production", "database", { deletionProtection: true }) }).issues.items;
        assert.deepStrictEqual(issues.map((i) => `${i.path}: ${i.message}`), [
            "config mindmirror:database.deletionProtection: is no longer a setting; protection is per kind of data now: set mindmirror:dataProtection { instances, databases, secrets }.",
        ]);
    });
});

/** Every cloud resource as GCP identifies it: type and the inputs that name it (not the logical name). */
function physical(run: StackRun): string[] {
    const naming = ["name", "secretId", "accountId", "repositoryId", "instance", "member", "role", "topic", "serviceAccountId"];
    return run.resources
        .filter((r) => !r.type.startsWith("mindmirror:"))
        .map((r) => `${r.type} ${naming.filter((k) => r.inputs[k] !== undefined).map((k) => `${k}=${JSON.stringify(r.inputs[k])}`).join(" ")}`)
        .sort();
}

function renameConfig(stack: "staging" | "production", from: string, to: string): Record<string, string> {
    const tags = JSON.parse(stackConfig(stack)["mindmirror:imageTags"]) as Record<string, string>;
    return { "mindmirror:imageTags": JSON.stringify(Object.fromEntries(Object.entries(tags).map(([k, v]) => [k === from ? to : k, v]))) };
}

describe("data safety: renames keep the cloud resources", () => {
    let before_: StackRun;
    before(async () => { before_ = await runStack("production"); });

    const cases: Array<[kind: "services" | "databases" | "secrets", from: string, to: string]> = [
        ["services", "meals", "nutrition"],
        ["databases", "users", "accounts"],
        ["secrets", "jwt-secret", "jwt-signing-key"],
    ];
    for (const [kind, from, to] of cases) {
        it(`${kind}: ${from} -> ${to} with formerly keeps every physical name, and every moved logical name has an alias`, async () => {
            const after = await runStack("production", {
                catalog: renamed(catalog, kind, from, to),
                config: kind === "services" ? renameConfig("production", from, to) : {},
            });
            assert.deepStrictEqual(physical(after), physical(before_));
            const oldNames = new Set(before_.resources.map((r) => r.name));
            const renames = buildPlan(renamed(catalog, kind, from, to), parseSettings("production", { ...stackConfig("production"), ...(kind === "services" ? renameConfig("production", from, to) : {}) }).settings!).plan!.renames;
            const unmatched = after.resources.filter((r) => !oldNames.has(r.name) && !formerLogicalNames(renames, r.name).some((n) => oldNames.has(n)));
            assert.deepStrictEqual(unmatched.map((r) => r.name), []);
            assert.ok(after.resources.some((r) => !oldNames.has(r.name)), "something was renamed");
        });

        it(`${kind}: ${from} -> ${to} without formerly is refused, with the line to add`, async () => {
            await assert.rejects(
                runStack("production", { catalog: renamed(catalog, kind, from, to, false), config: kind === "services" ? renameConfig("production", from, to) : {} }),
                (e: Error) => {
                    assert.ok(e.message.includes(`${kind}.${from}: is deployed (catalog/deployed.ts) but no catalog entry has this key or says it was renamed from it`), e.message);
                    assert.ok(e.message.includes(`add to the new entry: ${kind}: { ${to}: { ..., formerly: ["${from}"] } }`), e.message);
                    return true;
                },
            );
        });
    }

    it("names the databases of a rename without formerly: new, empty database", () => {
        const settings = parseSettings("staging", stackConfig("staging")).settings!;
        const issues = buildPlan(renamed(catalog, "databases", "users", "accounts", false), settings).issues.map((i) => `${i.path}: ${i.message}`);
        assert.deepStrictEqual(issues, [
            `databases.users: is deployed (catalog/deployed.ts) but no catalog entry has this key or says it was renamed from it, so its cloud resources would be deleted and the service pointed at a new, empty database. If you renamed it, add to the new entry: databases: { accounts: { ..., formerly: ["users"] } }. If you mean to delete it, remove "users" from deployed.databases in catalog/deployed.ts.`,
        ]);
    });

    it("refuses a formerly that names a live key or one claimed twice", () => {
        const settings = parseSettings("staging", stackConfig("staging")).settings!;
        const copy = JSON.parse(JSON.stringify(catalog)) as AnyCatalog & { databases: Record<string, { instance: string; formerly?: string[] }> };
        copy.databases["journal"].formerly = ["habits"];
        copy.databases["agent"].formerly = ["old"];
        copy.databases["movements"].formerly = ["old"];
        const issues = buildPlan(copy, settings).issues.map((i) => `${i.path}: ${i.message}`);
        assert.deepStrictEqual(issues, [
            `databases.journal.formerly: "habits" is still a key of databases; an entry cannot have been renamed from a key that exists.`,
            `databases.movements.formerly: "old" is also claimed by databases.agent; one deployed entry can become only one new entry.`,
        ]);
    });

    it("applies the record only to the catalog it records: one with none of its services (scale tests) has nothing deployed", () => {
        const settings = parseSettings("staging", stackConfig("staging")).settings!;
        const synthetic = JSON.parse(JSON.stringify(catalog)) as AnyCatalog;
        const rekey = <T>(o: Record<string, T>) => Object.fromEntries(Object.entries(o).map(([k, v]) => [`x-${k}`, v]));
        const services = Object.fromEntries(Object.entries(rekey(synthetic.services)).map(([k, v]) => [k, { ...v, calls: v.calls?.map((c) => `x-${c}`), trigger: v.trigger && { ...v.trigger, publishers: v.trigger.publishers.map((p) => `x-${p}`) } }]));
        const other = { ...synthetic, services } as AnyCatalog;
        const issues = buildPlan(other, settings).issues.map((i) => i.message);
        assert.ok(!issues.some((m) => m.includes("catalog/deployed.ts")), issues.join("\n"));
    });

    it("records exactly the catalog's keys as deployed", () => {
        assert.deepStrictEqual(deployed.services, Object.keys(catalog.services));
        assert.deepStrictEqual(deployed.databases, Object.keys(catalog.databases));
        assert.deepStrictEqual(deployed.secrets, Object.keys(catalog.secrets));
    });
});

describe("plan: names GCP keeps unique, after normalisation", () => {
    const settings = () => parseSettings("staging", stackConfig("staging")).settings!;
    const mutate = (change: (c: Record<string, Record<string, Record<string, unknown>>>) => void) => {
        const copy = JSON.parse(JSON.stringify(catalog)) as Record<string, Record<string, Record<string, unknown>>>;
        change(copy);
        return copy as unknown as AnyCatalog;
    };

    it("refuses two databases that become one PostgreSQL name", () => {
        const source = mutate((c) => {
            c.databases["meal-plans"] = { instance: "main" };
            c.databases["meal_plans"] = { instance: "main" };
            c.services["meals"].database = "meal-plans";
            c.services["web"].database = "meal_plans";
        });
        const issues = buildPlan(source, settings(), { ...deployed }).issues.map((i) => `${i.path}: ${i.message}`);
        assert.deepStrictEqual(issues, [`databases.meal-plans: databases.meal-plans and databases.meal_plans get the same PostgreSQL database name (hyphens become underscores) "meal_plans", which must be unique; rename one.`]);
    });

    it("refuses a trigger topic named like the budget's topic", () => {
        const budget = buildPlan(mutate((c) => { (c.services["celery-worker"].trigger as { topic: string }).topic = "billing-budget-alerts"; }), settings()).issues.map((i) => `${i.path}: ${i.message}`);
        assert.deepStrictEqual(budget, [`services.celery-worker.trigger.topic: services.celery-worker.trigger.topic and the billing budget's topic get the same Pub/Sub topic name "billing-budget-alerts", which must be unique; rename one.`]);
    });
});
