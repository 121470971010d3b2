// The optional features, each on and off under mocks with the real stack files: the documents
// bucket, warm instances and their off-hours schedule, the login (IAP) in front of the public
// services, operator database access through IAP, and the HTTPS edge.

import * as assert from "assert";
import { catalog } from "../catalog/catalog";
import { parseSettings } from "../stack/settings";
import { buildPlan } from "../stack/plan";
import { warmShare } from "../components/scheduled-scaling";
import { StackRun, runStack, valueOf } from "./helpers/mocks";
import { stackConfig } from "./helpers/stack-config";
import { EnvInput, at, stackRun } from "./helpers/runs";

const BUCKET = "gcp:storage/bucket:Bucket";
const BUCKET_IAM = "gcp:storage/bucketIAMMember:BucketIAMMember";

const envsOf = (run: StackRun, key: string) => at(run.named(`service-${key}-service`).inputs, "template.containers.0.envs") as EnvInput[];
const envValue = (run: StackRun, key: string, name: string) => envsOf(run, key).find((e) => e.name === name)?.value;
const json = (value: unknown) => JSON.stringify(value);

/** The stack's settings with some feature keys replaced, and the issues they raise. */
function featureIssues(stack: "staging" | "production", config: Record<string, string>): string[] {
    const parsed = parseSettings(stack, { ...stackConfig(stack), ...config });
    if (!parsed.settings) return parsed.issues.items.map((i) => `${i.path}: ${i.message}`);
    return buildPlan(catalog, parsed.settings).issues.map((i) => `${i.path}: ${i.message}`);
}

describe("feature: documents bucket", function () {
    this.timeout(180_000);
    for (const stack of ["staging", "production"] as const) {
        it(`${stack}: one private, versioned bucket with a lifecycle, protected like the stack's other data`, async () => {
            const run = await stackRun(stack);
            const buckets = run.ofType(BUCKET);
            assert.strictEqual(buckets.length, 1);
            const b = buckets[0].inputs;
            const project = stack === "staging" ? "mindmirror-staging" : "mindmirror-prod";
            assert.deepStrictEqual(
                [b["name"], b["location"], b["uniformBucketLevelAccess"], b["publicAccessPrevention"], at(b, "versioning.enabled")],
                [`${project}-documents`, "US-CENTRAL1", true, "enforced", true],
            );
            assert.deepStrictEqual((b["lifecycleRules"] as { action: { type: string }; condition: Record<string, unknown> }[]).map((r) => [r.action.type, r.condition]), [
                ["Delete", { numNewerVersions: 5, withState: "ARCHIVED" }],
                ["Delete", { daysSinceNoncurrentTime: 30, withState: "ARCHIVED" }],
                ["AbortIncompleteMultipartUpload", { age: 7 }],
            ]);
            assert.strictEqual(buckets[0].protect, stack === "production");
            assert.strictEqual(b["forceDestroy"], stack === "staging");
        });

        it(`${stack}: object access per catalog edge on the bucket alone, the name as DOCUMENTS_BUCKET`, async () => {
            const run = await stackRun(stack);
            const project = stack === "staging" ? "mindmirror-staging" : "mindmirror-prod";
            const grants = run.ofType(BUCKET_IAM).map((g) => [g.inputs["bucket"], g.inputs["role"], g.inputs["member"]]).sort();
            assert.deepStrictEqual(grants, [
                [`${project}-documents`, "roles/storage.objectUser", `serviceAccount:agent-run@${project}.iam.gserviceaccount.com`],
                [`${project}-documents`, "roles/storage.objectViewer", `serviceAccount:celery-worker-run@${project}.iam.gserviceaccount.com`],
            ]);
            const projectGrants = run.ofType("gcp:projects/iAMMember:IAMMember").map((m) => String(m.inputs["role"]));
            assert.ok(!projectGrants.some((r) => r.startsWith("roles/storage.")), "no project-wide storage role");
            assert.strictEqual(envValue(run, "agent", "DOCUMENTS_BUCKET"), `${project}-documents`);
            assert.strictEqual(envValue(run, "celery-worker", "DOCUMENTS_BUCKET"), `${project}-documents`);
            assert.strictEqual(envValue(run, "gateway", "DOCUMENTS_BUCKET"), undefined);
            // The revision waits for its grant, as for its secrets.
            assert.ok(run.named("service-agent-service").dependsOn.includes("documents-writer-agent"));
        });
    }

    it("off with documents.enabled false: no bucket, no grant, no env, no storage API", async () => {
        const run = await runStack("staging", { config: { "mindmirror:documents": json({ enabled: false }) } });
        assert.deepStrictEqual([run.ofType(BUCKET).length, run.ofType(BUCKET_IAM).length], [0, 0]);
        assert.strictEqual(envValue(run, "agent", "DOCUMENTS_BUCKET"), undefined);
        assert.ok(!run.ofType("gcp:projects/service:Service").some((s) => s.inputs["service"] === "storage.googleapis.com"));
    });

    it("reports bad settings by name", () => {
        assert.deepStrictEqual(featureIssues("staging", { "mindmirror:documents": json({ enabled: "yes", keepVersions: 0, retention: 3 }) }), [
            "config mindmirror:documents.retention: is not a setting of mindmirror:documents; known: enabled, keepVersions, noncurrentDays.",
            "config mindmirror:documents.enabled: \"yes\" is not a boolean (true or false).",
            "config mindmirror:documents.keepVersions: 0 is not a whole number from 1 to 100.",
        ]);
    });
});

const SCHEDULER_JOB = "gcp:cloudscheduler/job:Job";
const minOf = (run: StackRun, key: string) => at(run.named(`service-${key}-service`).inputs, "template.scaling.minInstanceCount");
const REQUEST_SERVING = ["agent", "journal", "habits", "meals", "movements", "practices", "users", "gateway", "web"];

describe("decision: warm instances (cold starts)", function () {
    this.timeout(180_000);
    it("production keeps the gateway warm by config, every other service scales to zero", async () => {
        const run = await stackRun("production");
        for (const key of [...REQUEST_SERVING, "celery-worker"]) assert.strictEqual(minOf(run, key), key === "gateway" ? 1 : 0, key);
        assert.strictEqual(run.named("service-gateway-service").inputs["scaling"], undefined, "no service-level minimum without the schedule");
        assert.strictEqual(run.ofType(SCHEDULER_JOB).length, 0);
    });

    it("one switch warms every request-serving service; an empty list lets the gateway go cold", async () => {
        const all = await runStack("production", { config: { "mindmirror:warmInstances": json({ services: REQUEST_SERVING }) } });
        for (const key of REQUEST_SERVING) assert.strictEqual(minOf(all, key), 1, key);
        assert.strictEqual(minOf(all, "celery-worker"), 0);
        const none = await runStack("production", { config: { "mindmirror:warmInstances": json({ services: [] }) } });
        assert.strictEqual(minOf(none, "gateway"), 0);
    });

    it("reports a service that is not in the catalog, and a warm service forced to 0", () => {
        assert.deepStrictEqual(featureIssues("production", {
            "mindmirror:warmInstances": json({ services: ["gatway", "web"] }),
            "mindmirror:services": json({ deletionProtection: true, overrides: { web: { min: 0 } } }),
        }), [
            "config mindmirror:services.overrides.web.min: is 0, but web is listed in mindmirror:warmInstances.services; remove one of them.",
            "config mindmirror:warmInstances.services: \"gatway\" is not a service in the catalog; known: agent, journal, habits, meals, movements, practices, users, gateway, web, celery-worker.",
        ]);
    });
});

describe("decision: scheduled scaling outside working hours (Cloud Scheduler)", function () {
    this.timeout(180_000);
    let run: StackRun;
    before(async () => {
        run = await runStack("production", { config: { "mindmirror:warmInstances": json({ services: ["gateway"], offHours: {} }) } });
    });

    it("on: a lower and a raise job PATCH the gateway's service-level minimum, with defaults", () => {
        const jobs = run.ofType(SCHEDULER_JOB).map((j) => j.inputs);
        assert.deepStrictEqual(jobs.map((j) => [j["name"], j["schedule"], j["timeZone"], at(j, "httpTarget.httpMethod"), JSON.parse(Buffer.from(String(at(j, "httpTarget.body")), "base64").toString())]), [
            ["gateway-lower-min", "0 20 * * *", "Europe/Berlin", "PATCH", { scaling: { minInstanceCount: 0 } }],
            ["gateway-raise-min", "0 7 * * 1-5", "Europe/Berlin", "PATCH", { scaling: { minInstanceCount: 1 } }],
        ]);
        assert.strictEqual(at(jobs[0], "httpTarget.uri"), "https://run.googleapis.com/v2/projects/mindmirror-prod/locations/us-central1/services/gateway?updateMask=scaling.minInstanceCount");
        assert.strictEqual(at(jobs[0], "httpTarget.oauthToken.serviceAccountEmail"), "warm-scheduler@mindmirror-prod.iam.gserviceaccount.com");
    });

    it("on: the minimum moves to the service level (the revision's is 0), owned by the schedule", () => {
        const gateway = run.named("service-gateway-service");
        assert.deepStrictEqual([minOf(run, "gateway"), at(gateway.inputs, "scaling.minInstanceCount")], [0, 1]);
    });

    it("on: the scheduler's account may update the warm services only, and act as their runtime accounts", () => {
        const sa = "serviceAccount:warm-scheduler@mindmirror-prod.iam.gserviceaccount.com";
        const runGrants = run.ofType("gcp:cloudrunv2/serviceIamMember:ServiceIamMember").filter((g) => g.inputs["member"] === sa);
        assert.deepStrictEqual(runGrants.map((g) => [g.inputs["name"], g.inputs["role"]]), [["gateway", "roles/run.developer"]]);
        const actAs = run.ofType("gcp:serviceaccount/iAMMember:IAMMember").filter((g) => g.inputs["member"] === sa);
        assert.deepStrictEqual(actAs.map((g) => [g.inputs["serviceAccountId"], g.inputs["role"]]), [
            ["projects/mindmirror-prod/serviceAccounts/gateway-run@mindmirror-prod.iam.gserviceaccount.com", "roles/iam.serviceAccountUser"],
        ]);
        assert.ok(!run.ofType("gcp:projects/iAMMember:IAMMember").some((g) => g.inputs["member"] === sa), "nothing project-wide");
    });

    it("the default schedule keeps a service warm 65 of 168 hours a week", () => {
        assert.strictEqual(Math.round(warmShare("0 20 * * *", "0 7 * * 1-5") * 168), 65);
        assert.strictEqual(warmShare("0 0 * * *", "0 0 * * *"), 0);
    });
});

describe("decision: Redis", function () {
    this.timeout(180_000);
    it("off: agent and celery-worker are told to cache in memory; on: they get the Redis host", async () => {
        const off = await stackRun("production");
        assert.strictEqual(envValue(off, "agent", "CACHE_BACKEND"), "memory");
        assert.strictEqual(envValue(off, "agent", "REDIS_HOST"), undefined);
        assert.strictEqual(off.ofType("gcp:redis/instance:Instance").length, 0);
        const on = await runStack("production", { config: { "mindmirror:redis": json({ enabled: true }) } });
        assert.deepStrictEqual([envValue(on, "agent", "CACHE_BACKEND"), envValue(on, "agent", "REDIS_HOST")], ["redis", "10.99.1.4"]);
        assert.strictEqual(envValue(on, "gateway", "CACHE_BACKEND"), undefined);
    });
});

const RUN_IAM = "gcp:cloudrunv2/serviceIamMember:ServiceIamMember";
const IAP_IAM = "gcp:iap/webCloudRunServiceIamMember:WebCloudRunServiceIamMember";

describe("feature: staging behind a login (Identity-Aware Proxy on Cloud Run)", function () {
    this.timeout(180_000);
    it("staging: gateway and web have IAP on, no allUsers invoker, the IAP agent as their only outside invoker", async () => {
        const run = await stackRun("staging");
        for (const key of ["gateway", "web"]) {
            const svc = run.named(`service-${key}-service`).inputs;
            assert.deepStrictEqual([svc["iapEnabled"], svc["ingress"]], [true, "INGRESS_TRAFFIC_ALL"], key);
        }
        const members = run.ofType(RUN_IAM).filter((g) => ["gateway", "web"].includes(String(g.inputs["name"]))).map((g) => `${g.inputs["name"]} ${g.inputs["member"]}`).sort();
        assert.deepStrictEqual(members, [
            "gateway serviceAccount:service-100000000001@gcp-sa-iap.iam.gserviceaccount.com",
            "gateway serviceAccount:web-run@mindmirror-staging.iam.gserviceaccount.com",
            "web serviceAccount:service-100000000001@gcp-sa-iap.iam.gserviceaccount.com",
        ]);
        for (const key of ["agent", "celery-worker"]) assert.strictEqual(run.named(`service-${key}-service`).inputs["iapEnabled"], undefined, key);
    });

    it("staging: the group from config, and the public service's callers, may pass IAP; nobody else", async () => {
        const run = await stackRun("staging");
        const grants = run.ofType(IAP_IAM).map((g) => `${g.inputs["cloudRunServiceName"]} ${g.inputs["role"]} ${g.inputs["member"]}`).sort();
        assert.deepStrictEqual(grants, [
            "gateway roles/iap.httpsResourceAccessor group:mindmirror-team@mindmirror.app",
            "gateway roles/iap.httpsResourceAccessor serviceAccount:web-run@mindmirror-staging.iam.gserviceaccount.com",
            "web roles/iap.httpsResourceAccessor group:mindmirror-team@mindmirror.app",
        ]);
        assert.ok(run.ofType("gcp:projects/service:Service").some((s) => s.inputs["service"] === "iap.googleapis.com"));
        assert.strictEqual(run.ofType("gcp:monitoring/uptimeCheckConfig:UptimeCheckConfig").length, 0, "checkers cannot sign in");
    });

    it("production stays public: allUsers invoker, no IAP, uptime checks on both", async () => {
        const run = await stackRun("production");
        assert.strictEqual(run.named("service-gateway-service").inputs["iapEnabled"], undefined);
        assert.deepStrictEqual(run.ofType(RUN_IAM).filter((g) => g.inputs["member"] === "allUsers").map((g) => g.inputs["name"]).sort(), ["gateway", "web"]);
        assert.strictEqual(run.ofType(IAP_IAM).length, 0);
        assert.strictEqual(run.ofType("gcp:monitoring/uptimeCheckConfig:UptimeCheckConfig").length, 2);
    });

    it("one switch: staging with login.enabled false is public again, with its uptime checks", async () => {
        const run = await runStack("staging", { config: { "mindmirror:login": json({ enabled: false }) } });
        assert.deepStrictEqual(run.ofType(RUN_IAM).filter((g) => g.inputs["member"] === "allUsers").map((g) => g.inputs["name"]).sort(), ["gateway", "web"]);
        assert.deepStrictEqual([run.ofType(IAP_IAM).length, run.ofType("gcp:monitoring/uptimeCheckConfig:UptimeCheckConfig").length], [0, 2]);
    });

    it("reports a login with nobody allowed, and a member that is not an IAM member", () => {
        assert.deepStrictEqual(featureIssues("production", { "mindmirror:login": json({ enabled: true, members: ["team@mindmirror.app"] }) }), [
            "config mindmirror:login.members[0]: \"team@mindmirror.app\" is not an IAM member such as group:team@example.com.",
        ]);
        assert.deepStrictEqual(featureIssues("production", { "mindmirror:login": json({ enabled: true }) }), [
            "config mindmirror:login.members: is empty; with the login on, name who may sign in (e.g. group:team@example.com).",
        ]);
    });
});

describe("feature: operator database access through IAP", function () {
    this.timeout(180_000);
    const on = { "mindmirror:operatorAccess": json({ enabled: true, members: ["group:platform-operators@mindmirror.app"] }) };

    it("off by default in both stacks: no VM, no firewall rule, no tunnel output", async () => {
        for (const stack of ["staging", "production"] as const) {
            const run = await stackRun(stack);
            assert.deepStrictEqual([run.ofType("gcp:compute/instance:Instance").length, run.ofType("gcp:compute/firewall:Firewall").length], [0, 0], stack);
            assert.deepStrictEqual(Object.keys(run.outputs.operatorTunnels), []);
        }
    });

    it("on: a shielded e2-micro with no public IP and no service account, OS Login only", async () => {
        const run = await runStack("production", { config: on });
        const vm = run.named("operator-access-vm").inputs;
        assert.deepStrictEqual([vm["name"], vm["zone"], vm["machineType"]], ["operator-access", "us-central1-a", "e2-micro"]);
        assert.deepStrictEqual(at(vm, "networkInterfaces.0.accessConfigs"), undefined, "no external IP");
        assert.strictEqual(vm["serviceAccount"], undefined, "no identity on the VM");
        assert.deepStrictEqual(vm["metadata"], { "enable-oslogin": "TRUE", "block-project-ssh-keys": "TRUE" });
        assert.strictEqual(at(vm, "shieldedInstanceConfig.enableSecureBoot"), true);
    });

    it("on: SSH only from IAP's forwarding range, to this VM only; tunnel and login granted on the VM to the members", async () => {
        const run = await runStack("production", { config: on });
        const fw = run.named("operator-access-iap-ssh").inputs;
        assert.deepStrictEqual([fw["direction"], fw["sourceRanges"], fw["targetTags"], fw["allows"]], ["INGRESS", ["35.235.240.0/20"], ["operator-access"], [{ protocol: "tcp", ports: ["22"] }]]);
        const tunnel = run.named("operator-access-tunnel-group-platform-operators-mindmirror-app").inputs;
        assert.deepStrictEqual([tunnel["instance"], tunnel["role"], tunnel["member"]], ["operator-access", "roles/iap.tunnelResourceAccessor", "group:platform-operators@mindmirror.app"]);
        const login = run.named("operator-access-login-group-platform-operators-mindmirror-app").inputs;
        assert.deepStrictEqual([login["instanceName"], login["role"]], ["operator-access", "roles/compute.osLogin"]);
        assert.ok(!run.ofType("gcp:projects/iAMMember:IAMMember").some((m) => String(m.inputs["member"]).includes("platform-operators")), "nothing project-wide");
    });

    it("on: the stack exports the tunnel command to each database instance", async () => {
        const run = await runStack("production", { config: on });
        assert.strictEqual(await valueOf(run.outputs.operatorTunnels["shared"]),
            "gcloud compute ssh operator-access --project mindmirror-prod --zone us-central1-a --tunnel-through-iap -- -N -L 5432:10.99.0.3:5432");
    });

    it("reports operator access with nobody allowed", () => {
        assert.deepStrictEqual(featureIssues("staging", { "mindmirror:operatorAccess": json({ enabled: true, zone: "z" }) }), [
            "config mindmirror:operatorAccess.zone: \"z\" is not a zone letter (a to f) in the stack's region.",
        ]);
        assert.deepStrictEqual(featureIssues("staging", { "mindmirror:operatorAccess": json({ enabled: true }) }), [
            "config mindmirror:operatorAccess.members: is empty; with operator access on, name who may open the tunnel (e.g. group:operators@example.com).",
        ]);
    });
});

describe("feature: the HTTPS edge (load balancer, Cloud Armor, CDN)", function () {
    this.timeout(180_000);
    const on = { "mindmirror:edge": json({ enabled: true, domain: "mindmirror.app", deniedRegions: ["KP"] }) };

    it("off in both stacks: no load balancer, public services keep ingress all", async () => {
        for (const stack of ["staging", "production"] as const) {
            const run = await stackRun(stack);
            assert.deepStrictEqual([run.ofType("gcp:compute/globalForwardingRule:GlobalForwardingRule").length, run.ofType("gcp:compute/securityPolicy:SecurityPolicy").length], [0, 0], stack);
            assert.strictEqual(run.named("service-web-service").inputs["ingress"], "INGRESS_TRAFFIC_ALL");
        }
    });

    it("on: a serverless NEG and backend per public service, each on its host, under one managed certificate", async () => {
        const run = await runStack("production", { config: on });
        const negs = run.ofType("gcp:compute/regionNetworkEndpointGroup:RegionNetworkEndpointGroup").map((n) => [n.inputs["name"], n.inputs["networkEndpointType"], at(n.inputs, "cloudRun.service")]);
        assert.deepStrictEqual(negs, [["mindmirror-edge-gateway", "SERVERLESS", "gateway"], ["mindmirror-edge-web", "SERVERLESS", "web"]]);
        assert.deepStrictEqual(at(run.named("edge-cert").inputs, "managed.domains"), ["gateway.mindmirror.app", "web.mindmirror.app"]);
        assert.deepStrictEqual((run.named("edge-urls").inputs["hostRules"] as { hosts: string[] }[]).map((h) => h.hosts[0]), ["gateway.mindmirror.app", "web.mindmirror.app"]);
        const rules = run.ofType("gcp:compute/globalForwardingRule:GlobalForwardingRule").map((r) => [r.inputs["portRange"], r.inputs["ipAddress"]]).sort();
        assert.deepStrictEqual(rules, [["443", "projects/mindmirror-prod/global/addresses/mindmirror-edge-ip"], ["80", "projects/mindmirror-prod/global/addresses/mindmirror-edge-ip"]]);
        assert.deepStrictEqual(at(run.named("edge-redirect").inputs, "defaultUrlRedirect.httpsRedirect"), true);
    });

    it("on: CDN caches the web app's static assets only; the API is never cached", async () => {
        const run = await runStack("production", { config: on });
        const web = run.named("edge-web-backend").inputs;
        assert.deepStrictEqual([web["enableCdn"], at(web, "cdnPolicy.cacheMode")], [true, "CACHE_ALL_STATIC"]);
        assert.deepStrictEqual([run.named("edge-gateway-backend").inputs["enableCdn"], run.named("edge-gateway-backend").inputs["cdnPolicy"]], [false, undefined]);
    });

    it("on: Cloud Armor rate-limits per IP, applies the WAF rule sets, denies the configured regions, allows the rest", async () => {
        const run = await runStack("production", { config: on });
        const rules = run.named("edge-armor").inputs["rules"] as { priority: number; action: string; match: { expr?: { expression: string } } }[];
        assert.deepStrictEqual(rules.map((r) => [r.priority, r.action]), [[1000, "throttle"], [2000, "deny(403)"], [3000, "deny(403)"], [2147483647, "allow"]]);
        assert.strictEqual(at(rules[0], "rateLimitOptions.rateLimitThreshold.count"), 600);
        assert.match(String(rules[1].match.expr?.expression), /evaluatePreconfiguredWaf\('sqli-v33-stable'\) \|\| evaluatePreconfiguredWaf\('xss-v33-stable'\)/);
        assert.strictEqual(rules[2].match.expr?.expression, "origin.region_code == 'KP'");
    });

    it("on: the public services accept the load balancer only, still invoked by allUsers through it; uptime checks the edge hosts", async () => {
        const run = await runStack("production", { config: on });
        for (const key of ["gateway", "web"]) assert.strictEqual(run.named(`service-${key}-service`).inputs["ingress"], "INGRESS_TRAFFIC_INTERNAL_LOAD_BALANCER", key);
        assert.strictEqual(run.named("service-agent-service").inputs["ingress"], "INGRESS_TRAFFIC_INTERNAL_ONLY");
        assert.deepStrictEqual(at(run.named("alerts-uptime-web").inputs, "monitoredResource.labels.host"), "web.mindmirror.app");
    });

    it("reports an edge without a domain, a CDN on a backend, and the edge with the login", () => {
        assert.deepStrictEqual(featureIssues("staging", { "mindmirror:edge": json({ enabled: true, cdn: ["agent"] }) }), [
            "config mindmirror:edge.domain: is missing; the edge's managed certificate needs the domain its services are served under (e.g. mindmirror.app).",
            "config mindmirror:edge.enabled: cannot be combined with the login in one stack (IAP cannot be on both the load balancer and Cloud Run); turn one of them off.",
        ]);
        assert.deepStrictEqual(featureIssues("production", { "mindmirror:edge": json({ enabled: true, domain: "mindmirror.app", cdn: ["agent"] }) }), [
            "config mindmirror:edge.cdn: \"agent\" is not a public service of the catalog; Cloud CDN sits in front of public services only.",
        ]);
    });
});

describe("README: the cost of each switch (run `npm run cost -- --readme` after a change)", function () {
    this.timeout(300_000);
    it("carries the current figures of every switch in both stacks", async () => {
        const fs = await import("fs");
        const { README_FILES, stackEstimate } = await import("../scripts/cost");
        const { SWITCHES_BEGIN, SWITCHES_END, switchFigures, switchTable } = await import("../scripts/switches");
        const { replaceBetween } = await import("../scripts/markers");
        const baseline = { staging: (await stackEstimate("staging")).total, production: (await stackEstimate("production")).total };
        const readme = fs.readFileSync(README_FILES.root, "utf8");
        assert.strictEqual(replaceBetween(readme, SWITCHES_BEGIN, SWITCHES_END, switchTable(await switchFigures(baseline)), "README.md"), readme);
    });
});
