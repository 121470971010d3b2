// Whole stacks under mocks, from the real Pulumi.<stack>.yaml files: the resource inventory and
// the invariants the platform promises (internal backends, no plaintext secrets, least privilege,
// production protections, staging scale-to-zero).

import * as assert from "assert";
import { catalog } from "../catalog/catalog";
import { AnyCatalog } from "../catalog/types";
import { databaseUrlSecretKey } from "../stack/naming";
import { StackRun, runStack } from "./helpers/mocks";
import { EnvInput, at, stackRun } from "./helpers/runs";

const RUN_SERVICE = "gcp:cloudrunv2/service:Service";
const BACKENDS = ["agent", "journal", "habits", "meals", "movements", "practices", "users", "celery-worker"];

function countByType(run: StackRun): Record<string, number> {
    const counts: Record<string, number> = {};
    for (const r of run.resources) if (!r.type.startsWith("mindmirror:")) counts[r.type] = (counts[r.type] ?? 0) + 1;
    return counts;
}

const cloudRun = (run: StackRun, key: string) => run.named(`service-${key}-service`);

for (const stack of ["staging", "production"] as const) {
    describe(`stack ${stack}`, () => {
        let run: StackRun;
        before(async () => { run = await stackRun(stack); });

        it("keeps every backend internal-only with no public invoker", () => {
            for (const key of BACKENDS) {
                assert.strictEqual(cloudRun(run, key).inputs["ingress"], "INGRESS_TRAFFIC_INTERNAL_ONLY", key);
            }
            const publicMembers = run.ofType("gcp:cloudrunv2/serviceIamMember:ServiceIamMember")
                .filter((m) => m.inputs["member"] === "allUsers" || m.inputs["member"] === "allAuthenticatedUsers")
                .map((m) => m.inputs["name"]);
            // Staging's public services are behind the login (IAP) instead of open to allUsers.
            assert.deepStrictEqual(publicMembers.sort(), stack === "staging" ? [] : ["gateway", "web"]);
            assert.strictEqual(cloudRun(run, "gateway").inputs["ingress"], "INGRESS_TRAFFIC_ALL");
        });

        it("puts no secret value in any env var: secrets arrive by reference or as files", () => {
            const generated = run.ofType("random:index/randomPassword:RandomPassword").map((p) => `generated-${p.name}`);
            for (const r of [...run.ofType(RUN_SERVICE), ...run.ofType("gcp:cloudrunv2/job:Job")]) {
                const containers = (at(r.inputs, "template.containers") ?? at(r.inputs, "template.template.containers")) as { envs: EnvInput[] }[];
                for (const env of containers.flatMap((c) => c.envs)) {
                    if (env.valueSource) {
                        assert.strictEqual(env.value, undefined, `${r.name} ${env.name}`);
                        continue;
                    }
                    assert.ok(!generated.some((g) => String(env.value).includes(g)), `${r.name} ${env.name} holds a generated secret`);
                    assert.ok(!/(KEY|SECRET|PASSWORD|TOKEN)$|DATABASE_URL$/.test(env.name), `${r.name} ${env.name} looks secret but is plain`);
                }
            }
            const agentEnvs = at(cloudRun(run, "agent").inputs, "template.containers.0.envs") as EnvInput[];
            assert.deepStrictEqual(agentEnvs.find((e) => e.name === "OPENAI_API_KEY"), { name: "OPENAI_API_KEY", valueSource: { secretKeyRef: { secret: "openai-api-key", version: "latest" } } });
            assert.deepStrictEqual(agentEnvs.find((e) => e.name === "DATABASE_URL_FILE"), { name: "DATABASE_URL_FILE", value: "/secrets/agent-database-url/url" });
        });

        it("grants each service account exactly what the catalog edges imply", () => {
            const expected = new Set<string>();
            const actual = new Set<string>();
            const sa = (key: string) => `serviceAccount:${key}-run@${stack === "staging" ? "mindmirror-staging" : "mindmirror-prod"}.iam.gserviceaccount.com`;
            for (const [key, spec] of Object.entries((catalog as AnyCatalog).services)) {
                for (const secret of Object.keys(spec.secrets ?? {})) expected.add(`${sa(key)} secretAccessor ${secret}`);
                if (spec.database) expected.add(`${sa(key)} secretAccessor ${databaseUrlSecretKey(spec.database)}`);
                for (const callee of spec.calls ?? []) expected.add(`${sa(key)} invoker ${callee}`);
            }
            for (const [key, spec] of Object.entries((catalog as AnyCatalog).services)) {
                for (const publisher of spec.trigger?.publishers ?? []) expected.add(`${sa(publisher)} publisher ${spec.trigger!.topic}`);
                if (spec.trigger) expected.add(`serviceAccount:${key}-push@${stack === "staging" ? "mindmirror-staging" : "mindmirror-prod"}.iam.gserviceaccount.com invoker ${key}`);
                // Behind staging's login, IAP's agent invokes the public services for signed-in users.
                if (stack === "staging" && spec.ingress === "public") expected.add(`serviceAccount:service-100000000001@gcp-sa-iap.iam.gserviceaccount.com invoker ${key}`);
            }
            for (const m of run.ofType("gcp:secretmanager/secretIamMember:SecretIamMember")) actual.add(`${m.inputs["member"]} ${String(m.inputs["role"]).split(".").pop()} ${m.inputs["secretId"]}`);
            for (const m of run.ofType("gcp:cloudrunv2/serviceIamMember:ServiceIamMember")) {
                if (m.inputs["member"] !== "allUsers") actual.add(`${m.inputs["member"]} ${String(m.inputs["role"]).split(".").pop()} ${m.inputs["name"]}`);
            }
            for (const m of run.ofType("gcp:pubsub/topicIAMMember:TopicIAMMember")) {
                if (String(m.inputs["member"]).includes("-run@")) actual.add(`${m.inputs["member"]} ${String(m.inputs["role"]).split(".").pop()} ${m.inputs["topic"]}`);
            }
            assert.deepStrictEqual([...actual].sort(), [...expected].sort());
            // At project level a runtime identity gets only what GCP offers per project alone: writing traces.
            const projectRoles = run.ofType("gcp:projects/iAMMember:IAMMember").filter((m) => String(m.inputs["member"]).includes("-run@")).map((m) => m.inputs["role"]);
            assert.deepStrictEqual([...new Set(projectRoles)], ["roles/cloudtrace.agent"]);
        });

        it("starts each revision only after its secret grants exist", () => {
            const service = run.resources.find((r) => r.name === "service-agent-service")!;
            for (const grant of ["secret-jwt-secret-reader-agent", "secret-openai-api-key-reader-agent", "secret-qdrant-api-key-reader-agent"]) {
                assert.ok(service.dependsOn.includes(grant), `${grant} missing from ${service.dependsOn.join(", ")}`);
            }
        });

        it("gives every service startup and liveness probes on its health path and port", () => {
            for (const r of run.ofType(RUN_SERVICE)) {
                const key = r.name.replace(/^service-|-service$/g, "");
                const spec = (catalog as AnyCatalog).services[key];
                for (const probe of ["startupProbe", "livenessProbe"]) {
                    assert.deepStrictEqual(at(r.inputs, `template.containers.0.${probe}.httpGet`), { path: spec.healthPath, port: spec.port }, `${key} ${probe}`);
                }
            }
        });

        it("labels every Cloud Run service with service, env, managed-by and version", () => {
            const labels = cloudRun(run, "agent").inputs["labels"];
            assert.deepStrictEqual(labels, { app: "mindmirror", env: stack, "managed-by": "pulumi", service: "agent", version: stack === "staging" ? "main-initial" : "v0-1-0" });
        });

        it("never uses the default compute service account", () => {
            for (const r of run.ofType(RUN_SERVICE)) assert.match(String(at(r.inputs, "template.serviceAccount")), /-run@mindmirror-(staging|prod)\.iam\.gserviceaccount\.com$/);
        });

        it("keeps Cloud SQL private, encrypted and backed up", () => {
            for (const db of run.ofType("gcp:sql/databaseInstance:DatabaseInstance")) {
                assert.strictEqual(at(db.inputs, "settings.ipConfiguration.ipv4Enabled"), false);
                assert.strictEqual(at(db.inputs, "settings.ipConfiguration.sslMode"), "ENCRYPTED_ONLY");
                assert.strictEqual(at(db.inputs, "settings.backupConfiguration.enabled"), true);
                assert.strictEqual(at(db.inputs, "settings.edition"), "ENTERPRISE");
                assert.deepStrictEqual(at(db.inputs, "settings.databaseFlags"), [
                    { name: "log_min_duration_statement", value: "1000" },
                    { name: "max_connections", value: "50" },
                ]);
            }
        });

        it("declares no data source (they would need a cloud account at preview)", () => {
            // runStack's mock `call` throws on any invoke; reaching here means none was made.
            assert.ok(run.resources.length > 0);
        });
    });
}

describe("stack inventory", () => {
    it("staging: one shared database instance, no HA, everything scales to zero", async () => {
        const run = await stackRun("staging");
        const counts = countByType(run);
        assert.deepStrictEqual({
            services: counts[RUN_SERVICE], jobs: counts["gcp:cloudrunv2/job:Job"], instances: counts["gcp:sql/databaseInstance:DatabaseInstance"],
            databases: counts["gcp:sql/database:Database"], users: counts["gcp:sql/user:User"], secrets: counts["gcp:secretmanager/secret:Secret"],
            versions: counts["gcp:secretmanager/secretVersion:SecretVersion"], accessors: counts["gcp:secretmanager/secretIamMember:SecretIamMember"],
            invokers: counts["gcp:cloudrunv2/serviceIamMember:ServiceIamMember"], policies: counts["gcp:monitoring/alertPolicy:AlertPolicy"],
            uptime: counts["gcp:monitoring/uptimeCheckConfig:UptimeCheckConfig"], accounts: counts["gcp:serviceaccount/account:Account"],
            budgets: counts["gcp:billing/budget:Budget"], apis: counts["gcp:projects/service:Service"], nat: counts["gcp:compute/routerNat:RouterNat"],
            redis: counts["gcp:redis/instance:Instance"],
        }, {
            services: 10, jobs: 6, instances: 1, databases: 6, users: 6, secrets: 10,
            // jwt (generated) + 6 connection URLs; external keys have no version until operators set them.
            versions: 7, accessors: 20,
            // 7 gateway->backend + web->gateway + worker->agent + 2 IAP agent (login) + 1 push identity.
            invokers: 12,
            // One policy per signal staging pays for: 5xx ratio, database connections, SLO fast burn;
            // uptime checkers cannot pass the login, so there is no check to alert on.
            policies: 3, uptime: undefined,
            // 10 runtime + 1 push (CI accounts live in the bootstrap's CI project).
            // APIs: the platform's 15, Cloud Trace and Error Reporting (no container scanning in staging),
            // storage (the documents bucket) and IAP (the login).
            accounts: 11, budgets: 1, apis: 19, nat: 1, redis: undefined,
        });
        const db = run.ofType("gcp:sql/databaseInstance:DatabaseInstance")[0];
        assert.strictEqual(at(db.inputs, "settings.availabilityType"), "ZONAL");
        assert.strictEqual(at(db.inputs, "settings.backupConfiguration.pointInTimeRecoveryEnabled"), false);
        for (const r of run.ofType(RUN_SERVICE)) {
            assert.strictEqual(at(r.inputs, "template.scaling.minInstanceCount"), 0, r.name);
            assert.strictEqual(r.inputs["deletionProtection"], false, r.name);
        }
        assert.ok(run.resources.every((r) => !r.protect), "staging protects nothing, so it can be torn down");
    });

    it("production: one HA instance with PITR holding every database, a warm gateway, protection on", async () => {
        const run = await stackRun("production");
        const instances = run.ofType("gcp:sql/databaseInstance:DatabaseInstance");
        assert.deepStrictEqual(instances.map((i) => i.inputs["name"]).sort(), ["shared-pg"]);
        assert.deepStrictEqual(run.ofType("gcp:sql/user:User").map((u) => u.inputs["name"]).sort(), ["agent", "habits", "journal", "movements", "practices", "users"]);
        for (const db of instances) {
            assert.strictEqual(at(db.inputs, "settings.availabilityType"), "REGIONAL");
            assert.strictEqual(at(db.inputs, "settings.backupConfiguration.pointInTimeRecoveryEnabled"), true);
            assert.strictEqual(at(db.inputs, "settings.backupConfiguration.transactionLogRetentionDays"), 7);
            assert.strictEqual(at(db.inputs, "settings.backupConfiguration.backupRetentionSettings.retainedBackups"), 30);
            assert.strictEqual(db.inputs["deletionProtection"], true);
            assert.strictEqual(at(db.inputs, "settings.deletionProtectionEnabled"), true);
            assert.strictEqual(db.protect, true, `${db.name} must be protected`);
        }
        for (const type of ["gcp:sql/database:Database", "gcp:sql/user:User", "gcp:secretmanager/secret:Secret", "gcp:secretmanager/secretVersion:SecretVersion", "random:index/randomPassword:RandomPassword"]) {
            for (const r of run.ofType(type)) assert.strictEqual(r.protect, true, `${r.name} must be protected`);
        }
        // One policy per signal: 5xx, latency, instances, uptime, four on Cloud SQL, SLO burn rate
        // (fast and slow conditions in one policy) and application errors from logs.
        assert.strictEqual(run.ofType("gcp:monitoring/alertPolicy:AlertPolicy").length, 10);
        const minInstances = Object.fromEntries(run.ofType(RUN_SERVICE).map((r) => [r.inputs["name"], at(r.inputs, "template.scaling.minInstanceCount")]));
        assert.strictEqual(minInstances["gateway"], 1);
        assert.deepStrictEqual(Object.entries(minInstances).filter(([k]) => k !== "gateway").map(([, v]) => v), Array(9).fill(0));
        for (const r of [...run.ofType(RUN_SERVICE), ...run.ofType("gcp:cloudrunv2/job:Job")]) assert.strictEqual(r.inputs["deletionProtection"], true, r.name);
        for (const grant of run.ofType("gcp:serviceaccount/iAMMember:IAMMember")) {
            assert.strictEqual(grant.inputs["member"], "serviceAccount:deployer-production@mindmirror-ci.iam.gserviceaccount.com", grant.name);
        }
    });
});

describe("URN and name stability", () => {
    it("gives every resource the same logical and physical names when the catalog is reordered", async () => {
        const reversed = (o: Record<string, unknown>) => Object.fromEntries(Object.entries(o).reverse());
        const source = catalog as AnyCatalog;
        const shuffled = {
            ...source,
            services: reversed(source.services),
            databases: reversed(source.databases),
            secrets: reversed(source.secrets),
        } as AnyCatalog;
        const identity = (run: StackRun) => run.resources.map((r) => `${r.type}::${r.parent ?? ""}::${r.name}::${String(r.inputs["name"] ?? r.inputs["secretId"] ?? r.inputs["accountId"] ?? "")}`).sort();
        const before = identity(await stackRun("production"));
        const after = identity(await runStack("production", { catalog: shuffled }));
        assert.deepStrictEqual(after, before);
    });
});
