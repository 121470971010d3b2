// The cost model against figures worked out by hand from cost/prices.ts (us-central1, 730 h/month).

import { strict as assert } from "assert";
import { estimateMonthlyCost, formatCostTable, parseCpu, parseMemoryGib, sqlTierShape } from "../cost";
import { CostResource } from "../cost/model";
import { GCP } from "../lib/types";
import { Fixture, withProp, withProps } from "./helpers/harness";
import { UNKNOWN_NUMBER, runJob, runService, runWorkerPool, secret, secretVersion, sqlInstance } from "./helpers/fixtures";

const SECONDS = 730 * 3600; // 2,628,000 s in a month

function close(actual: number, expected: number, label = ""): void {
    assert.ok(Math.abs(actual - expected) <= 0.006, `${label} expected ${expected.toFixed(4)}, got ${actual}`);
}

function lineOf(resources: CostResource[], name: string): number {
    const line = estimateMonthlyCost(resources).lines.find((candidate) => candidate.name === name);
    assert.ok(line, `no line for ${name}`);
    return line.monthlyUsd;
}

const warmGateway: Fixture = withProp(runService("gateway"), "template.scaling.minInstanceCount", 1);
const zonalStagingSql: Fixture = withProps(sqlInstance("main"), {
    "settings.availabilityType": "ZONAL",
    "settings.backupConfiguration.pointInTimeRecoveryEnabled": false,
});
const nat: Fixture = { type: GCP.routerNat, name: "egress-nat", props: { router: "platform", natIpAllocateOption: "AUTO_ONLY", sourceSubnetworkIpRangesToNat: "ALL_SUBNETWORKS_ALL_IP_RANGES" } };
const registry: Fixture = { type: GCP.artifactRepository, name: "services", props: { repositoryId: "services", format: "DOCKER" } };

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

    describe("Cloud SQL", () => {
        it("db-f1-micro REGIONAL, 10 GB SSD, backups with PITR", () => {
            // compute 0.0105 $/h × 2 (HA) × 730 h = 15.33; storage 10 GB × 0.17 × 2 = 3.40;
            // backups (10 GB + 50% PITR logs = 15 GB) × 0.08 = 1.20. Total 19.93.
            close(lineOf([sqlInstance("main")], "main"), 15.33 + 3.4 + 1.2, "HA f1-micro");
        });

        it("db-f1-micro ZONAL, 10 GB SSD, backups without PITR", () => {
            // 0.0105 × 730 = 7.665; 10 × 0.17 = 1.70; 10 GB × 0.08 = 0.80. Total 10.165.
            close(lineOf([zonalStagingSql], "main"), 7.665 + 1.7 + 0.8, "zonal f1-micro");
        });

        it("a dedicated-core tier with a public IP and HDD", () => {
            const custom = withProps(sqlInstance("big"), {
                "settings.tier": "db-custom-2-7680",
                "settings.availabilityType": "ZONAL",
                "settings.diskType": "PD_HDD",
                "settings.diskSize": 20,
                "settings.backupConfiguration.enabled": false,
                "settings.ipConfiguration.ipv4Enabled": true,
            });
            // (2 × 0.0413 + 7.5 × 0.007) × 730 = 98.623; 20 × 0.09 = 1.80; public IP 0.01 × 730 = 7.30.
            close(lineOf([custom], "big"), (2 * 0.0413 + 7.5 * 0.007) * 730 + 1.8 + 7.3, "custom tier");
        });
    });

    describe("Cloud Run", () => {
        it("costs nothing at rest when it scales to zero", () => {
            assert.equal(lineOf([runService()], "journal"), 0);
        });

        it("bills a warm request-based instance at the idle min-instance rate", () => {
            // 1 × (1 vCPU × 0.0000025 + 0.5 GiB × 0.0000025) × 2,628,000 s = 9.855
            close(lineOf([warmGateway], "gateway"), (0.0000025 + 0.5 * 0.0000025) * SECONDS, "warm gateway");
        });

        it("bills a warm instance-based instance at the instance-based rate", () => {
            const celery = withProps(runService("celery-worker"), {
                "template.scaling.minInstanceCount": 1,
                "template.containers.0.resources": { limits: { cpu: "1", memory: "1Gi" }, cpuIdle: false },
            });
            // (1 × 0.000018 + 1 × 0.000002) × 2,628,000 = 52.56
            close(lineOf([celery], "celery-worker"), 52.56, "instance-based");
        });

        it("treats resources without cpuIdle as instance-based, as the provider does", () => {
            const fixture = withProps(runService(), { "template.scaling.minInstanceCount": 1, "template.containers.0.resources.cpuIdle": undefined });
            close(lineOf([fixture], "journal"), (0.000018 + 0.5 * 0.000002) * SECONDS, "cpuIdle unset");
        });

        it("bills a worker pool's manual instances at worker pool rates", () => {
            close(lineOf([withProp(runWorkerPool(), "scaling.manualInstanceCount", 2)], "celery-pool"), 2 * 52.56, "worker pool");
        });

        it("bills jobs from the assumed executions", () => {
            // 30 executions × 1 task × 120 s × (1 × 0.000018 + 0.5 × 0.000002) = 0.0684
            close(lineOf([runJob()], "journal-migrate"), 0.07, "job");
        });

        it("assumes the default when a count is unknown at preview, and says so", () => {
            const estimate = estimateMonthlyCost([withProp(warmGateway, "template.scaling.minInstanceCount", UNKNOWN_NUMBER)]);
            assert.equal(estimate.lines[0].monthlyUsd, 0);
            assert.match(estimate.lines[0].detail, /minInstanceCount unknown at preview, 0 assumed/);
        });
    });

    describe("other resources", () => {
        it("Secret Manager: declared versions, else the assumption", () => {
            const resources = [secret("jwt-secret"), secretVersion("jwt-secret"), secretVersion("jwt-secret"), secret("openai-api-key")];
            assert.equal(lineOf(resources, "jwt-secret"), 0.12); // 2 versions × 0.06
            assert.equal(lineOf(resources, "openai-api-key"), 0.06); // assumed 1 version
        });

        it("Cloud NAT: gateway, address and processed data", () => {
            // 2 VMs × 0.0014 × 730 = 2.044; 1 IP × 0.005 × 730 = 3.65; 10 GiB × 0.045 = 0.45
            close(lineOf([nat], "egress-nat"), 2.044 + 3.65 + 0.45, "nat");
        });

        it("Memorystore and VPC connectors", () => {
            const redis: Fixture = { type: GCP.redisInstance, name: "cache", props: { tier: "BASIC", memorySizeGb: 1 } };
            close(lineOf([redis], "cache"), 0.049 * 730, "redis basic 1 GB");
            const connector: Fixture = { type: GCP.vpcConnector, name: "conn", props: { minInstances: 2, maxInstances: 3 } };
            close(lineOf([connector], "conn"), 2 * 0.008376 * 730, "connector");
        });

        it("lists unmodelled types at 0 and leaves free ones out", () => {
            const vm: Fixture = { type: GCP.computeInstance, name: "bastion", props: { machineType: "e2-small" } };
            const grant: Fixture = { type: GCP.runServiceIamMember, name: "grant", props: {} };
            const estimate = estimateMonthlyCost([vm, grant]);
            assert.deepEqual(estimate.lines.map((line) => [line.name, line.monthlyUsd, line.modelled]), [["bastion", 0, false]]);
            assert.match(estimate.notes.join(" "), /Not modelled, priced at 0: bastion/);
        });
    });

    describe("our two sizings", () => {
        const migrations = ["agent", "journal", "habits", "movements", "practices", "users"].map((name) => runJob(`${name}-migrate`));
        const secrets = Array.from({ length: 14 }, (_, index) => secret(`secret-${index}`));

        it("staging: one zonal f1-micro, everything at zero, fits $25", () => {
            const stack = [zonalStagingSql, runService("gateway"), runService("journal"), registry, ...secrets, ...migrations];
            // 10.165 SQL + 14 × 0.06 secrets + 0.50 registry + 6 × 0.0684 jobs = 11.9154
            const estimate = estimateMonthlyCost(stack);
            close(estimate.total, 10.17 + 0.84 + 0.5 + 6 * 0.07, "staging total");
            assert.ok(estimate.total < 25);
        });

        it("production: four HA f1-micro, a warm gateway and a NAT, just under $100", () => {
            const instances = ["main", "movements", "practices", "users"].map((name) => sqlInstance(name));
            const stack = [...instances, warmGateway, runService("journal"), nat, registry, ...secrets, ...migrations];
            // 4 × 19.93 + 9.86 gateway + 6.14 NAT + 0.84 secrets + 0.50 registry + 6 × 0.07 jobs = 97.48
            const estimate = estimateMonthlyCost(stack);
            close(estimate.total, 4 * 19.93 + 9.86 + 6.14 + 0.84 + 0.5 + 6 * 0.07, "production total");
            assert.ok(estimate.total < 100);
        });
    });

    describe("formatting", () => {
        it("renders the most expensive line first, a total and the cap verdict", () => {
            const text = formatCostTable(estimateMonthlyCost([runService(), warmGateway, sqlInstance("main")]), { capUsd: 25 });
            const rows = text.split("\n");
            assert.match(rows[0], /^Resource\s+Type\s+USD\/month\s+Detail$/);
            assert.match(rows[2], /^main\s+gcp:sql\/databaseInstance:DatabaseInstance\s+19\.93\s+db-f1-micro/);
            assert.match(rows[3], /^gateway\s+.*\s9\.86\s/);
            assert.ok(rows.some((row) => /^Total\s+29\.79$/.test(row)), text);
            assert.ok(rows.some((row) => row === "Cap 25.00 USD/month: the estimate is OVER the cap (119%)."), text);
        });
    });
});
