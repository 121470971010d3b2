// The cost model against figures worked out by hand from cost/prices.ts (us-central1, 730 h/month).

import { strict as assert } from "assert";
import { CostEstimate, estimateMonthlyCost, formatCostTable, parseCpu, parseMemoryGib, prices, sqlTierShape } from "../cost";
import { CostResource } from "../cost/model";
import { GCP } from "../lib/types";
import { Fixture, withProp, withProps } from "./helpers/harness";
import { UNKNOWN_NUMBER, UNKNOWN_STRING, functionV1, runJob, runService, runWorkerPool, secret, secretVersion, sqlInstance } from "./helpers/fixtures";

const SECONDS = 730 * 3600; // 2,628,000 s in a month
const RUNS = (730 * 3600) / 30; // alert condition runs in a month, every 30 s

function close(actual: number, expected: number, label = ""): void {
    assert.ok(Math.abs(actual - expected) <= 0.006, `${label} expected ${expected.toFixed(4)}, got ${actual}`);
}

function lineOf(resources: CostResource[], name: string, options = {}) {
    const line = estimateMonthlyCost(resources, options).lines.find((candidate) => candidate.name === name);
    assert.ok(line, `no line for ${name}`);
    return line;
}

const usdOf = (resources: CostResource[], name: string, options = {}): number => lineOf(resources, name, options).monthlyUsd;

const fixture = (type: string, name: string, props: Record<string, unknown> = {}): Fixture => ({ type, name, props });

const warmGateway: Fixture = withProp(runService("gateway"), "template.scaling.minInstanceCount", 1);
const zonalSql: Fixture = withProps(sqlInstance("main"), {
    "settings.availabilityType": "ZONAL",
    "settings.backupConfiguration.pointInTimeRecoveryEnabled": false,
});
const nat: Fixture = fixture(GCP.routerNat, "egress-nat", { router: "platform", natIpAllocateOption: "AUTO_ONLY", logConfig: { enable: true, filter: "ERRORS_ONLY" } });
const registry: Fixture = fixture(GCP.artifactRepository, "services", { repositoryId: "services", format: "DOCKER" });
const allTraffic = (service: Fixture, min: number): Fixture =>
    withProps(service, { "template.scaling.minInstanceCount": min, "template.vpcAccess": { egress: "ALL_TRAFFIC", networkInterfaces: [{ network: "vpc" }] } });

/** One alert policy with `conditions` conditions, each grouped by service over Cloud Run revisions. */
function alertPolicy(name: string, conditions = 1): Fixture {
    const condition = { displayName: "5xx", conditionPrometheusQueryLanguage: { query: 'sum by (service_name) (rate(run_googleapis_com:request_count{monitored_resource="cloud_run_revision"}[5m])) > 0.05', duration: "300s" } };
    return fixture("gcp:monitoring/alertPolicy:AlertPolicy", name, { combiner: "OR", conditions: Array.from({ length: conditions }, () => condition) });
}

describe("cost model", () => {
    describe("units", () => {
        it("parses Cloud Run quantities", () => {
            assert.equal(parseCpu("1"), 1);
            assert.equal(parseCpu("1000m"), 1);
            assert.equal(parseCpu("0.5"), 0.5);
            assert.equal(parseMemoryGib("512Mi"), 0.5);
            assert.equal(parseMemoryGib("2Gi"), 2);
            close(parseMemoryGib("1G") ?? 0, 1e9 / 2 ** 30);
            assert.equal(parseMemoryGib("lots"), undefined);
        });

        it("reads Cloud SQL tier shapes", () => {
            assert.deepEqual(sqlTierShape("db-custom-2-7680"), { vcpu: 2, memoryGb: 7.5 });
            assert.deepEqual(sqlTierShape("db-n1-standard-1"), { vcpu: 1, memoryGb: 3.75 });
            assert.equal(sqlTierShape("db-f1-micro"), undefined);
        });
    });

    describe("the price table", () => {
        it("names a source, a read date, a region and a verification for every price", () => {
            const all = prices.allPrices();
            assert.ok(all.length > 60, `only ${all.length} prices`);
            for (const { key, price } of all) {
                assert.match(price.source.title, /\S/, key);
                assert.match(price.source.url, /^https:\/\//, key);
                assert.match(price.source.read, /^\d{4}-\d{2}-\d{2}$/, key);
                assert.match(price.region, /\S/, key);
                assert.ok(price.verification === "verified" || price.verification === "unverified", key);
            }
        });
    });

    describe("Cloud SQL", () => {
        it("db-f1-micro REGIONAL, 10 GB SSD, backups; PITR logs in Cloud Storage cost nothing", () => {
            // 0.0105 $/h × 2 × 730 = 15.33; 10 GB × 0.17 × 2 = 3.40; backups 10 GB × 0.08 = 0.80.
            const line = lineOf([sqlInstance("main")], "main");
            close(line.monthlyUsd, 15.33 + 3.4 + 0.8, "HA f1-micro");
            assert.match(line.detail, /PITR logs in Cloud Storage \(no charge\) = \$0\.00/);
            assert.equal(line.unverifiedUsd, 0);
        });

        it("db-f1-micro ZONAL without PITR", () => {
            close(usdOf([zonalSql], "main"), 7.665 + 1.7 + 0.8, "zonal f1-micro");
        });

        it("a dedicated-core tier with a public IP and HDD (HDD price unverified)", () => {
            const custom = withProps(sqlInstance("big"), {
                "settings.tier": "db-custom-2-7680",
                "settings.availabilityType": "ZONAL",
                "settings.diskType": "PD_HDD",
                "settings.diskSize": 20,
                "settings.backupConfiguration.enabled": false,
                "settings.ipConfiguration.ipv4Enabled": true,
            });
            const line = lineOf([custom], "big");
            // (2 × 0.0413 + 7.5 × 0.007) × 730 = 98.623; 20 × 0.09 = 1.80; public IP 0.01 × 730 = 7.30.
            close(line.monthlyUsd, (2 * 0.0413 + 7.5 * 0.007) * 730 + 1.8 + 7.3, "custom tier");
            close(line.unverifiedUsd, 1.8, "HDD is the unverified part");
        });

        it("an instance outside us-central1 is priced, but on unverified ground", () => {
            const line = lineOf([withProp(zonalSql, "region", "europe-west3")], "main");
            close(line.unverifiedUsd, line.monthlyUsd, "all of it");
        });

        it("a tier it cannot price is unpriced, and an unknown tier waits for `pulumi up`", () => {
            assert.equal(lineOf([withProp(sqlInstance("x"), "settings.tier", "db-perf-optimized-X-9")], "x").status, "unpriced");
            assert.equal(lineOf([withProp(sqlInstance("x"), "settings.tier", UNKNOWN_STRING)], "x").status, "unknown");
        });
    });

    describe("Cloud Run", () => {
        it("costs nothing at rest when it scales to zero", () => {
            const line = lineOf([runService()], "journal");
            assert.equal(line.monthlyUsd, 0);
            assert.equal(line.status, "priced");
        });

        it("bills a warm request-based instance at the idle min-instance rate (unverified)", () => {
            // 1 × (1 vCPU × 0.0000025 + 0.5 GiB × 0.0000025) × 2,628,000 s = 9.855
            const line = lineOf([warmGateway], "gateway");
            close(line.monthlyUsd, (0.0000025 + 0.5 * 0.0000025) * SECONDS, "warm gateway");
            close(line.unverifiedUsd, line.monthlyUsd, "idle rates are unverified");
        });

        it("bills a warm instance-based instance at the instance-based rate", () => {
            const celery = withProps(runService("celery-worker"), {
                "template.scaling.minInstanceCount": 1,
                "template.containers.0.resources": { limits: { cpu: "1", memory: "1Gi" }, cpuIdle: false },
            });
            // CPU 0.000018 × 2,628,000 = 47.30 (verified); memory 0.000002 × 2,628,000 = 5.26 (unverified)
            const line = lineOf([celery], "celery-worker");
            close(line.monthlyUsd, 52.56, "instance-based");
            close(line.unverifiedUsd, 5.26, "memory part");
        });

        it("treats resources without cpuIdle as instance-based, as the provider does", () => {
            const f = withProps(runService(), { "template.scaling.minInstanceCount": 1, "template.containers.0.resources.cpuIdle": undefined });
            close(usdOf([f], "journal"), (0.000018 + 0.5 * 0.000002) * SECONDS, "cpuIdle unset");
        });

        it("bills a worker pool's manual instances and jobs from the assumed executions", () => {
            close(usdOf([withProp(runWorkerPool(), "scaling.manualInstanceCount", 2)], "celery-pool"), 2 * 52.56, "worker pool");
            // 30 executions × 1 task × 120 s × (1 × 0.000018 + 0.5 × 0.000002) = 0.0684
            close(usdOf([runJob()], "journal-migrate"), 0.07, "job");
        });

        it("assumes the default when a count is unknown at preview, and says so", () => {
            const line = lineOf([withProp(warmGateway, "template.scaling.minInstanceCount", UNKNOWN_NUMBER)], "gateway");
            assert.equal(line.monthlyUsd, 0);
            assert.match(line.detail, /minInstanceCount unknown at preview, 0 assumed/);
        });

        it("1st gen functions: $0 when they scale to zero, unpriced with min instances", () => {
            assert.equal(lineOf([functionV1()], "thumbnailer").status, "priced");
            assert.equal(lineOf([withProp(functionV1(), "minInstances", 2)], "thumbnailer").status, "unpriced");
        });
    });

    describe("alerting", () => {
        it("bills each condition and the time series its runs return", () => {
            const services = ["a", "b", "c"].map((name) => runService(name));
            // 2 conditions × 1.50 + 2 × 3 series (one per service) × 87,600 runs / 1e6 × 0.35 = 3.18
            close(usdOf([...services, alertPolicy("errors", 2)], "errors"), 2 * 1.5 + ((2 * 3 * RUNS) / 1e6) * 0.35, "two conditions");
        });

        it("counts one series for a condition reduced to a single series", () => {
            const reduced = fixture("gcp:monitoring/alertPolicy:AlertPolicy", "total", {
                conditions: [{ conditionThreshold: { filter: 'resource.type = "cloud_run_revision"', aggregations: [{ crossSeriesReducer: "REDUCE_SUM" }] } }],
            });
            close(usdOf([runService("a"), runService("b"), reduced], "total"), 1.5 + (RUNS / 1e6) * 0.35, "reduced");
        });

        it("80 single-condition policies cost $120 in conditions alone", () => {
            const estimate = estimateMonthlyCost(Array.from({ length: 80 }, (_, i) => alertPolicy(`policy-${i}`)));
            close(estimate.total, 80 * (1.5 + (RUNS / 1e6) * 0.35), "80 policies");
        });
    });

    describe("uptime checks", () => {
        const check = (name: string) => fixture(GCP.uptimeCheck, name, { period: "300s", httpCheck: { path: "/health" } });

        it("are free within the stack's share of the allowance", () => {
            // 6 checkers × 8,760 runs = 52,560 executions each.
            const line = lineOf([check("a"), check("b")], "a");
            assert.equal(line.monthlyUsd, 0);
            assert.match(line.detail, /52560 executions\/month; 105120 for the stack/);
        });

        it("bill the executions beyond it, split across checks", () => {
            // 105,120 − 100,000 free = 5,120 paid × 0.30/1000 = 1.536, half each.
            close(usdOf([check("a"), check("b")], "a", { uptimeFreeExecutions: 100_000 }), 0.768, "paid executions");
        });
    });

    describe("Cloud NAT", () => {
        it("bills the instances that use it, its IPs, data and logs", () => {
            const stack = [nat, allTraffic(runService("gateway"), 1), allTraffic(runService("agent"), 2), withProp(runService("users"), "template.scaling.minInstanceCount", 5)];
            // 3 always-on instances routing all traffic × 0.0014 × 730 = 3.066; 1 IP × 0.005 × 730 = 3.65;
            // 10 GiB × 0.045 = 0.45; 0.1 GiB of logs × 0.25 = 0.025. The users service keeps its traffic out of the VPC.
            close(usdOf(stack, "egress-nat"), 3.066 + 3.65 + 0.45 + 0.025, "nat");
        });

        it("costs only its IP, data and logs when everything scales to zero", () => {
            close(usdOf([nat, allTraffic(runService("agent"), 0)], "egress-nat"), 3.65 + 0.45 + 0.025, "nat at rest");
        });
    });

    describe("Memorystore, secrets and the rest", () => {
        it("prices Memorystore by tier and capacity band", () => {
            const redis = (tier: string, gb: number) => fixture(GCP.redisInstance, "cache", { tier, memorySizeGb: gb });
            close(usdOf([redis("BASIC", 1)], "cache"), 35.77, "basic M1"); // Infracost golden: $35.77
            close(usdOf([redis("STANDARD_HA", 5)], "cache"), 197.1, "standard M2"); // golden: $197.10
            close(usdOf([redis("STANDARD_HA", 45)], "cache"), 1149.75, "standard M4"); // golden: $1,149.75
        });

        it("Secret Manager: declared versions, else the assumption", () => {
            const resources = [secret("jwt-secret"), secretVersion("jwt-secret"), secretVersion("jwt-secret"), secret("openai-api-key")];
            assert.equal(usdOf(resources, "jwt-secret"), 0.12);
            assert.equal(usdOf(resources, "openai-api-key"), 0.06);
        });

        it("Pub/Sub: throughput and retained messages", () => {
            const topic = fixture(GCP.pubsubTopic, "tasks", { messageRetentionDuration: "604800s" });
            const subscription = fixture(GCP.pubsubSubscription, "push", { retainAckedMessages: true });
            // 1 GiB / 1024 × $40 = 0.039; 0.1 GiB × 0.27 = 0.027
            close(usdOf([topic], "tasks"), 40 / 1024 + 0.027, "topic");
            close(usdOf([subscription], "push"), 40 / 1024 + 0.027, "subscription");
        });

        it("forwarding rules: the first five share one charge, each further one has its own", () => {
            const rules = Array.from({ length: 7 }, (_, i) => fixture("gcp:compute/globalForwardingRule:GlobalForwardingRule", `rule-${i}`, { ipAddress: "lb-ip" }));
            // 0.025 × 730 = 18.25 for the first five, + 2 × 0.01 × 730 = 14.60, spread over 7 rules.
            close(estimateMonthlyCost(rules).total, 18.25 + 14.6, "7 rules");
            close(usdOf([rules[0]], "rule-0"), 18.25, "one rule");
        });

        it("external addresses: free on a forwarding rule, billed when unused; internal ones are free", () => {
            const address = fixture("gcp:compute/globalAddress:GlobalAddress", "lb-ip", { name: "lb-ip", addressType: "EXTERNAL" });
            const rule = fixture("gcp:compute/globalForwardingRule:GlobalForwardingRule", "https", { ipAddress: "projects/p/global/addresses/lb-ip" });
            assert.equal(usdOf([address, rule], "lb-ip"), 0);
            close(usdOf([address], "lb-ip"), 7.3, "unused static IP");
            const internal = fixture("gcp:compute/globalAddress:GlobalAddress", "psa", { purpose: "VPC_PEERING", addressType: "INTERNAL" });
            assert.deepEqual(estimateMonthlyCost([internal]).lines.filter((line) => line.name === "psa"), []);
        });

        it("Cloud Armor: policy, rules and requests (unverified prices)", () => {
            const armor = fixture("gcp:compute/securityPolicy:SecurityPolicy", "edge", { rules: [{ priority: 1000 }, { priority: 2147483647 }] });
            const line = lineOf([armor], "edge");
            close(line.monthlyUsd, 5 + 2 + 0.75, "armor");
            close(line.unverifiedUsd, line.monthlyUsd, "all unverified");
        });

        it("Compute Engine: machine, boot disk and external IP; disks by type", () => {
            const bastion = fixture(GCP.computeInstance, "bastion", {
                machineType: "e2-medium", zone: "us-central1-a",
                bootDisk: { initializeParams: { size: 20, type: "pd-ssd" } },
                networkInterfaces: [{ network: "vpc", accessConfigs: [{}] }],
            });
            // 0.033505 × 730 = 24.46; 20 × 0.17 = 3.40; 0.005 × 730 = 3.65
            close(usdOf([bastion], "bastion"), 24.459 + 3.4 + 3.65, "bastion");
            close(usdOf([fixture(GCP.computeDisk, "data", { type: "pd-standard", size: 100, zone: "us-central1-a" })], "data"), 4, "disk");
            assert.equal(lineOf([withProp(bastion, "machineType", "a3-megagpu-8g")], "bastion").status, "unpriced");
        });

        it("GKE: the cluster fee and the nodes of its pools", () => {
            const cluster = fixture("gcp:container/cluster:Cluster", "gke", { location: "us-central1-a", removeDefaultNodePool: true, initialNodeCount: 1 });
            const pool = fixture("gcp:container/nodePool:NodePool", "pool", { location: "us-central1-a", nodeCount: 2, nodeConfig: { machineType: "e2-medium", diskSizeGb: 50, diskType: "pd-standard" } });
            close(usdOf([cluster], "gke"), 73, "cluster fee");
            // 2 × 0.033505 × 730 = 48.92; 2 × 50 GB × 0.04 = 4.00
            close(usdOf([pool], "pool"), 48.917 + 4, "node pool");
            // Infracost golden, zonal cluster with its default pool: 3 × e2-medium ($73.38 for 2,190 h) + 300 GB pd-standard ($12).
            const zonal = fixture("gcp:container/cluster:Cluster", "zonal", { location: "us-central1-a", nodeConfig: { diskType: "pd-standard" } });
            close(usdOf([zonal], "zonal"), 73 + 73.38 + 12, "golden zonal cluster");
        });

        it("Spanner, Cloud Scheduler, KMS, DNS, buckets", () => {
            close(usdOf([fixture("gcp:spanner/instance:Instance", "sp", { config: "regional-us-central1", processingUnits: 100 })], "sp"), 0.1 * 0.9 * 730 + 0.3, "spanner");
            const jobs = Array.from({ length: 5 }, (_, i) => fixture("gcp:cloudscheduler/job:Job", `job-${i}`));
            close(estimateMonthlyCost(jobs).total, 0.2, "5 jobs, 3 free"); // + logging line at $0
            close(usdOf([fixture(GCP.kmsCryptoKey, "key")], "key"), 0.06, "kms");
            close(usdOf([fixture(GCP.dnsManagedZone, "zone")], "zone"), 0.2, "dns");
            close(usdOf([fixture(GCP.storageBucket, "docs", { location: "US" })], "docs", { storageGbPerBucket: 150 }), 3.9, "golden multi-region bucket");
        });

        it("APIs: free to enable, except container scanning and Cloud Trace beyond its free spans", () => {
            const api = (service: string) => fixture("gcp:projects/service:Service", service, { service });
            const estimate = estimateMonthlyCost([api("run.googleapis.com"), api("containerscanning.googleapis.com"), api("cloudtrace.googleapis.com")], { traceSpansPerMonth: 3_500_000 });
            close(estimate.lines.find((l) => l.name === "containerscanning.googleapis.com")?.monthlyUsd ?? -1, 40 * 0.26, "40 images scanned");
            close(estimate.lines.find((l) => l.name === "cloudtrace.googleapis.com")?.monthlyUsd ?? -1, 0.2, "1 M spans beyond 2.5 M");
            assert.ok(estimate.free.some((group) => group.types.includes("gcp:projects/service:Service")));
        });

        it("logs: the project's volume beyond the free 50 GiB, retention beyond 30 days", () => {
            const estimate = estimateMonthlyCost([runService()], { logGibPerMonth: 70 });
            close(estimate.lines.find((line) => line.name === "cloud-logging")?.monthlyUsd ?? -1, 10, "20 GiB × $0.50");
            const bucket = fixture("gcp:logging/projectBucketConfig:ProjectBucketConfig", "default", { bucketId: "_Default", retentionDays: 90 });
            close(usdOf([bucket], "default", { logGibPerMonth: 30 }), 0.6, "60 GiB retained × $0.01");
        });
    });

    describe("nothing silently free", () => {
        it("files free types in a class with their reason, and lists billable types it cannot price", () => {
            const gke = fixture("gcp:container/cluster:Cluster", "gke", { location: "us-central1", nodeConfig: { machineType: "a2-highgpu-1g" } });
            const unknownType = fixture("gcp:bigquery/reservation:Reservation", "slots", { slotCapacity: 100 });
            const awsBucket = fixture("aws:s3/bucket:Bucket", "logs");
            const grant = fixture(GCP.runServiceIamMember, "grant");
            const component = fixture("mindmirror:platform:Service", "svc");
            const estimate = estimateMonthlyCost([gke, unknownType, awsBucket, grant, component]);
            const unpriced = estimate.lines.filter((line) => line.status === "unpriced").map((line) => [line.name, line.monthlyUsd]);
            assert.deepEqual(unpriced, [["gke", 0], ["slots", 0], ["logs", 0]]);
            assert.deepEqual(estimate.free.map((group) => [group.reason, group.types]).sort(), [
                ["IAM grants have no charge", ["gcp:cloudrunv2/serviceIamMember:ServiceIamMember"]],
                ["component resources group other resources and cost nothing themselves", ["mindmirror:platform:Service"]],
            ]);
            const text = formatCostTable(estimate);
            assert.match(text, /Unpriced \(3, the total is not a bound\): gke \(gcp:container\/cluster:Cluster\), slots \(gcp:bigquery\/reservation:Reservation\), logs \(aws:s3\/bucket:Bucket\)\./);
            assert.match(text, /1 × IAM grants have no charge \[gcp:cloudrunv2\/serviceIamMember:ServiceIamMember\]/);
        });

        it("a subnet with flow logs is not free", () => {
            const subnet = fixture("gcp:compute/subnetwork:Subnetwork", "run", { logConfig: { aggregationInterval: "INTERVAL_5_SEC" } });
            assert.equal(lineOf([subnet], "run").status, "unpriced");
            assert.deepEqual(estimateMonthlyCost([withProp(subnet, "logConfig", undefined)]).free.map((group) => group.reason), ["a subnet without flow logs has no charge"]);
        });
    });

    describe("our two sizings", () => {
        const migrations = ["agent", "journal", "habits", "movements", "practices", "users"].map((name) => runJob(`${name}-migrate`));
        const secrets = Array.from({ length: 10 }, (_, index) => secret(`secret-${index}`));

        function total(estimate: CostEstimate): number {
            return estimate.total;
        }

        it("staging: one zonal f1-micro, a NAT at rest, three alert signals", () => {
            const stack = [zonalSql, runService("gateway"), allTraffic(runService("celery-worker"), 0), nat, registry, ...secrets, ...migrations, alertPolicy("a"), alertPolicy("b"), alertPolicy("c")];
            // 10.165 SQL + NAT (3.65 + 0.45 + 0.025) + 10 × 0.06 + 0.50 + 6 × 0.0684 + 3 × (1.50 + 2 series, one per service)
            const alerts = 3 * (1.5 + ((2 * RUNS) / 1e6) * 0.35);
            close(total(estimateMonthlyCost(stack)), 10.165 + 4.125 + 0.6 + 0.5 + 6 * 0.0684 + alerts, "staging total");
        });

        it("production: one HA f1-micro with PITR, a warm gateway through the NAT, eight alert signals", () => {
            const stack = [sqlInstance("shared"), allTraffic(warmGateway, 1), nat, registry, ...secrets, ...migrations, ...Array.from({ length: 8 }, (_, i) => alertPolicy(`signal-${i}`))];
            const estimate = estimateMonthlyCost(stack);
            // 19.53 SQL + 9.86 gateway + NAT (1.02 + 3.65 + 0.45 + 0.025) + 0.60 + 0.50 + 0.41 + 8 × (1.50 + 1 series)
            const alerts = 8 * (1.5 + (RUNS / 1e6) * 0.35);
            close(estimate.total, 19.53 + 9.855 + 1.022 + 4.125 + 0.6 + 0.5 + 6 * 0.0684 + alerts, "production total");
            // The warm gateway's idle rates, and the jobs' memory (30 × 120 s × 0.5 GiB × 0.000002 each).
            close(estimate.unverifiedUsd, 9.855 + 6 * 0.0036, "unverified part");
        });
    });

    describe("formatting", () => {
        it("renders the most expensive line first, a total, the cap verdict and the unverified share", () => {
            const text = formatCostTable(estimateMonthlyCost([runService(), warmGateway, sqlInstance("main")]), { capUsd: 25 });
            const rows = text.split("\n");
            assert.match(rows[0], /^Resource\s+Type\s+USD\/month\s+Detail$/);
            assert.match(rows[2], /^main\s+gcp:sql\/databaseInstance:DatabaseInstance\s+19\.53\s+db-f1-micro/);
            assert.match(rows[3], /^gateway\s+.*\s9\.86\s/);
            assert.ok(rows.some((row) => /^Total\s+29\.39$/.test(row)), text);
            assert.ok(rows.includes("Cap 25.00 USD/month: the estimate is OVER the cap (118%)."), text);
            assert.ok(rows.includes("Resting on unverified prices: 9.86 USD of 29.39 (33.5%)."), text);
            assert.ok(rows.includes("Unpriced: none."), text);
        });
    });
});
