// Each component's resources and their settings, read from a staging or production run.

import * as assert from "assert";
import * as pulumi from "@pulumi/pulumi";
import { Secret } from "../components/secret";
import { StackRun, runStack, secretInput, valueOf } from "./helpers/mocks";
import { EnvInput, at, stackRun } from "./helpers/runs";

describe("components", () => {
    let staging: StackRun;
    let production: StackRun;
    before(async () => {
        staging = await stackRun("staging");
        production = await stackRun("production");
    });

    describe("Service", () => {
        it("sends a caller of internal services through the VPC subnet with all traffic", () => {
            const gateway = staging.named("service-gateway-service");
            assert.deepStrictEqual(at(gateway.inputs, "template.vpcAccess"), {
                egress: "ALL_TRAFFIC",
                networkInterfaces: [{ network: "network-vpc-id", subnetwork: "network-subnet-id", tags: ["gateway"] }],
            });
            assert.strictEqual(at(staging.named("service-web-service").inputs, "template.vpcAccess"), undefined);
            assert.strictEqual(at(staging.named("service-agent-service").inputs, "template.vpcAccess.egress"), "PRIVATE_RANGES_ONLY");
        });

        it("sizes the container from the catalog: limits, cpu idle, startup boost, concurrency, timeout", () => {
            const worker = production.named("service-celery-worker-service");
            assert.deepStrictEqual(at(worker.inputs, "template.containers.0.resources"), { limits: { cpu: "1", memory: "1Gi" }, cpuIdle: false, startupCpuBoost: true });
            assert.strictEqual(at(worker.inputs, "template.maxInstanceRequestConcurrency"), 4);
            assert.strictEqual(at(worker.inputs, "template.timeout"), "600s");
            assert.deepStrictEqual(at(worker.inputs, "template.containers.0.ports"), { name: "http1", containerPort: 8080 });
        });

        it("mounts file secrets as volumes at /secrets/<secret> and tells the app where", () => {
            const meals = staging.named("service-meals-service");
            assert.deepStrictEqual(at(meals.inputs, "template.volumes"), [
                { name: "secret-jwt-secret", secret: { secret: "jwt-secret", items: [{ path: "value", version: "latest" }] } },
                { name: "secret-supabase-service-role-key", secret: { secret: "supabase-service-role-key", items: [{ path: "value", version: "latest" }] } },
            ]);
            assert.deepStrictEqual(at(meals.inputs, "template.containers.0.volumeMounts"), [
                { name: "secret-jwt-secret", mountPath: "/secrets/jwt-secret" },
                { name: "secret-supabase-service-role-key", mountPath: "/secrets/supabase-service-role-key" },
            ]);
            const envs = at(meals.inputs, "template.containers.0.envs") as EnvInput[];
            assert.deepStrictEqual(envs.filter((e) => e.name.endsWith("_FILE")), [
                { name: "JWT_SECRET_FILE", value: "/secrets/jwt-secret/value" },
                { name: "SUPABASE_SERVICE_ROLE_KEY_FILE", value: "/secrets/supabase-service-role-key/value" },
            ]);
        });

        it("gives a caller its callees' URLs and a publisher its topic", () => {
            const envs = at(staging.named("service-journal-service").inputs, "template.containers.0.envs") as EnvInput[];
            assert.deepStrictEqual(envs.find((e) => e.name === "CELERY_TASKS_TOPIC"), { name: "CELERY_TASKS_TOPIC", value: "projects/mindmirror-staging/topics/celery-tasks" });
            const web = at(staging.named("service-web-service").inputs, "template.containers.0.envs") as EnvInput[];
            assert.deepStrictEqual(web.find((e) => e.name === "GATEWAY_URL"), { name: "GATEWAY_URL", value: "https://gateway-mock-uc.a.run.app" });
        });

        it("runs migrations as a job with the service's image, identity, secrets and network", () => {
            const job = production.named("service-agent-migrate-job");
            const service = production.named("service-agent-service");
            assert.strictEqual(job.inputs["name"], "agent-migrate");
            assert.strictEqual(at(job.inputs, "template.template.containers.0.image"), at(service.inputs, "template.containers.0.image"));
            assert.strictEqual(at(job.inputs, "template.template.serviceAccount"), at(service.inputs, "template.serviceAccount"));
            assert.deepStrictEqual(at(job.inputs, "template.template.volumes"), at(service.inputs, "template.volumes"));
            assert.deepStrictEqual(at(job.inputs, "template.template.vpcAccess"), at(service.inputs, "template.vpcAccess"));
            assert.deepStrictEqual([at(job.inputs, "template.template.timeout"), at(job.inputs, "template.template.maxRetries")], ["600s", 3]);
            assert.deepStrictEqual([at(job.inputs, "template.template.containers.0.commands"), at(job.inputs, "template.template.containers.0.args")], [["alembic"], ["upgrade", "head"]]);
            assert.ok(!staging.resources.some((r) => r.name === "service-meals-migrate-job"), "meals has no migrations");
        });
    });

    describe("Database", () => {
        it("stores each connection URL, built from its generated password, as a secret version", () => {
            const version = staging.named("database-shared-agent-url-version");
            // Reaches the engine as a secret, so the state stores it encrypted.
            assert.deepStrictEqual(version.inputs["secretData"], secretInput("postgresql://agent:generated-database-shared-agent-password-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx@10.99.0.3:5432/agent?sslmode=require"));
            assert.strictEqual(version.inputs["deletionPolicy"], "DISABLE");
            const user = staging.named("database-shared-agent-user");
            assert.deepStrictEqual([user.inputs["name"], user.inputs["instance"], user.inputs["deletionPolicy"]], ["agent", "shared-pg", "ABANDON"]);
        });

        it("keeps a maintenance window, query insights without client addresses, and autoresize", () => {
            const db = production.named("database-shared-instance");
            assert.deepStrictEqual(at(db.inputs, "settings.maintenanceWindow"), { day: 7, hour: 3, updateTrack: "stable" });
            assert.deepStrictEqual(at(db.inputs, "settings.insightsConfig"), { queryInsightsEnabled: true, queryStringLength: 4500, recordApplicationTags: true, recordClientAddress: false });
            assert.deepStrictEqual([at(db.inputs, "settings.diskAutoresize"), at(db.inputs, "settings.diskAutoresizeLimit")], [true, 100]);
            assert.strictEqual(at(db.inputs, "settings.ipConfiguration.privateNetwork"), "network-vpc-id");
            const component = production.named("database-shared");
            assert.ok(component.dependsOn.includes("network-private-services"), "waits for the private services peering");
            assert.strictEqual(db.parent, "database-shared");
        });
    });

    describe("Secret", () => {
        it("holds generated values as Pulumi secrets", async () => {
            await runStack("staging");
            const secret = new Secret("test-secret", { project: "p", secretId: "s", description: "d", labels: {}, generate: { length: 12 } });
            assert.ok(secret.version);
            assert.strictEqual(await pulumi.isSecret(pulumi.output(secret.version.secretData)), true);
        });

        it("creates an external secret with no version unless the stack config sets it", async () => {
            assert.ok(!staging.resources.some((r) => r.name === "secret-openai-api-key-version"));
            const run = await runStack("staging", { secrets: { "mindmirror:openaiApiKey": "from-config" } });
            assert.deepStrictEqual(run.named("secret-openai-api-key-version").inputs["secretData"], secretInput("from-config"));
        });

        it("replicates automatically and carries the standard labels", () => {
            const secret = staging.named("secret-jwt-secret-secret");
            assert.deepStrictEqual(secret.inputs["replication"], { auto: {} });
            assert.deepStrictEqual(secret.inputs["labels"], { app: "mindmirror", env: "staging", "managed-by": "pulumi", component: "secret" });
        });
    });

    describe("shared parts", () => {
        it("Network: Private Google Access, a private services peering that destroy abandons, NAT only when needed", () => {
            assert.strictEqual(staging.named("network-subnet").inputs["privateIpGoogleAccess"], true);
            assert.strictEqual(staging.named("network-private-services").inputs["deletionPolicy"], "ABANDON");
            assert.strictEqual(staging.named("network-private-services-range").inputs["purpose"], "VPC_PEERING");
            assert.strictEqual(staging.named("network-nat").inputs["sourceSubnetworkIpRangesToNat"], "LIST_OF_SUBNETWORKS");
        });

        it("Registry: deletes untagged after 30 days, keeps the last 10 and every release tag", () => {
            assert.deepStrictEqual(staging.named("registry-repository").inputs["cleanupPolicies"], [
                { id: "delete-untagged", action: "DELETE", condition: { tagState: "UNTAGGED", olderThan: "2592000s" } },
                { id: "keep-recent", action: "KEEP", mostRecentVersions: { keepCount: 10 } },
                { id: "keep-releases", action: "KEEP", condition: { tagState: "TAGGED", tagPrefixes: ["v"] } },
            ]);
        });

        it("Budget: the stack's amount with 50/75/90/100 % actual and 100 % forecast", () => {
            const budget = production.named("budget-budget");
            assert.deepStrictEqual(budget.inputs["amount"], { specifiedAmount: { currencyCode: "USD", units: "100" } });
            assert.deepStrictEqual(budget.inputs["thresholdRules"], [
                { thresholdPercent: 0.5, spendBasis: "CURRENT_SPEND" },
                { thresholdPercent: 0.75, spendBasis: "CURRENT_SPEND" },
                { thresholdPercent: 0.9, spendBasis: "CURRENT_SPEND" },
                { thresholdPercent: 1, spendBasis: "CURRENT_SPEND" },
                { thresholdPercent: 1, spendBasis: "FORECASTED_SPEND" },
            ]);
            assert.deepStrictEqual(at(budget.inputs, "budgetFilter.projects"), ["projects/100000000002"]);
            assert.strictEqual(at(budget.inputs, "allUpdatesRule.pubsubTopic"), "projects/mindmirror-prod/topics/billing-budget-alerts");
        });

        it("DeployIdentity: only actAs for this stack's deployer, on each runtime and push account, nothing on the project", () => {
            const grants = staging.ofType("gcp:serviceaccount/iAMMember:IAMMember");
            const accounts = staging.ofType("gcp:serviceaccount/account:Account");
            assert.strictEqual(grants.length, accounts.length, "one actAs grant per account the stack deploys");
            for (const g of grants) {
                assert.strictEqual(g.inputs["role"], "roles/iam.serviceAccountUser", g.name);
                assert.strictEqual(g.inputs["member"], "serviceAccount:deployer-staging@mindmirror-ci.iam.gserviceaccount.com", g.name);
                assert.strictEqual(g.parent, "deploy-identity", g.name);
            }
            assert.strictEqual(staging.ofType("gcp:iam/workloadIdentityPool:WorkloadIdentityPool").length, 0, "the trust lives in the bootstrap");
            const roles = staging.ofType("gcp:projects/iAMMember:IAMMember").map((m) => String(m.inputs["role"]));
            assert.ok(!roles.some((r) => ["roles/owner", "roles/editor", "roles/viewer"].includes(r)), "no primitive roles");
        });

        it("Alerts: an uptime check on each public service's health path, one policy covering them all", () => {
            // Production: staging's public services are behind the login, which checkers cannot pass.
            const uptime = production.named("alerts-uptime-gateway");
            assert.deepStrictEqual(uptime.inputs["monitoredResource"], { type: "uptime_url", labels: { project_id: "mindmirror-prod", host: "gateway-mock-uc.a.run.app" } });
            assert.strictEqual(at(uptime.inputs, "httpCheck.path"), "/healthcheck");
            const failing = production.named("alerts-uptime-failing");
            assert.match(String(at(failing.inputs, "conditions.0.conditionThreshold.filter")), /metric\.labels\.check_id = one_of\("alerts-uptime-gateway-id", "alerts-uptime-web-id"\)$/);
            assert.deepStrictEqual(at(failing.inputs, "conditions.0.conditionThreshold.aggregations.0.groupByFields"), ["resource.label.host", "metric.label.check_id"]);
            assert.strictEqual(at(failing.inputs, "documentation.subject"), "${resource.label.host}: health check failing");
            const errors = staging.named("alerts-services-5xx-ratio");
            assert.deepStrictEqual(errors.inputs["notificationChannels"], ["projects/mindmirror-staging/notificationChannels/alert-channels-email-platform-staging@mindmirror.app"]);
        });

        it("Redis: off by default, private with AUTH and TLS when a stack turns it on", async () => {
            assert.strictEqual(staging.ofType("gcp:redis/instance:Instance").length, 0);
            const run = await runStack("staging", { config: { "mindmirror:redis": JSON.stringify({ enabled: true }) } });
            const redis = run.named("redis-instance");
            assert.deepStrictEqual([redis.inputs["connectMode"], redis.inputs["authEnabled"], redis.inputs["transitEncryptionMode"], redis.inputs["tier"]], ["PRIVATE_SERVICE_ACCESS", true, "SERVER_AUTHENTICATION", "BASIC"]);
            const envs = at(run.named("service-agent-service").inputs, "template.containers.0.envs") as EnvInput[];
            assert.deepStrictEqual(envs.filter((e) => e.name.startsWith("REDIS_")).map((e) => [e.name, e.value]), [["REDIS_HOST", "10.99.1.4"], ["REDIS_PORT", "6378"], ["REDIS_AUTH_FILE", "/secrets/redis-auth/value"]]);
        });
    });

    it("exports the stack outputs users need", async () => {
        const run = await stackRun("production");
        assert.strictEqual(await valueOf(run.outputs.gatewayUrl), "https://gateway-mock-uc.a.run.app");
        assert.deepStrictEqual(Object.keys(run.outputs.migrationJobs).sort(), ["agent", "habits", "journal", "movements", "practices", "users"]);
        assert.strictEqual(await valueOf(run.outputs.databaseConnectionNames["shared"]), "mindmirror-prod:us-central1:shared-pg");
    });
});
