import { strict as assert } from "assert";
import { cloudRunV2OnlyPolicy, dedicatedServiceAccountPolicy, probesPolicy } from "../policies/cloudrun";
import { Fixture, runResourcePolicy, withProp } from "./helpers/harness";
import { UNKNOWN_ARRAY, UNKNOWN_OBJECT, UNKNOWN_STRING, functionV1, functionV2, runJob, runService, runV1Service, runWorkerPool } from "./helpers/fixtures";

describe("Cloud Run guard rails", () => {
    describe("gcp-cloudrun-dedicated-service-account", () => {
        const run = (fixture: Fixture) => runResourcePolicy(dedicatedServiceAccountPolicy, fixture);

        it("passes dedicated accounts on every workload kind", async () => {
            for (const fixture of [runService(), runJob(), runWorkerPool(), runV1Service(), functionV1(), functionV2()]) {
                assert.deepEqual((await run(fixture)).messages, [], fixture.type);
            }
        });

        it("passes an account e-mail that is unknown at preview (an account the program creates)", async () => {
            const outcome = await run(withProp(runService(), "template.serviceAccount", UNKNOWN_STRING));
            assert.deepEqual([outcome.messages, outcome.advisories], [[], []]);
        });

        it("flags a service with no service account", async () => {
            assert.deepEqual((await run(withProp(runService(), "template.serviceAccount", undefined))).messages, [
                "Cloud Run service 'journal' runs as the project's default service account because template.serviceAccount is unset. Set it to a dedicated service account with only the roles this workload needs.",
            ]);
        });

        it("flags the default compute account on a job", async () => {
            const job = withProp(runJob(), "template.template.serviceAccount", "123456789-compute@developer.gserviceaccount.com");
            assert.deepEqual((await run(job)).messages, [
                "Cloud Run job 'journal-migrate' runs as 123456789-compute@developer.gserviceaccount.com, a default service account with broad project roles. Set template.template.serviceAccount to a dedicated service account with only the roles this workload needs.",
            ]);
        });

        it("flags a worker pool and a 1st gen function on defaults", async () => {
            assert.match((await run(withProp(runWorkerPool(), "template.serviceAccount", ""))).messages[0], /Cloud Run worker pool 'celery-pool' runs as the project's default/);
            const appEngine = withProp(functionV1(), "serviceAccountEmail", "mindmirror-prod@appspot.gserviceaccount.com");
            assert.match((await run(appEngine)).messages[0], /runs as mindmirror-prod@appspot\.gserviceaccount\.com, a default service account/);
        });
    });

    describe("gcp-cloudrun-probes", () => {
        const run = (fixture: Fixture, config: object = {}) => runResourcePolicy(probesPolicy, fixture, config);

        it("passes a service with both probes, and is not applicable to jobs", async () => {
            assert.deepEqual((await run(runService())).messages, []);
            assert.ok((await run(runJob())).notApplicable);
        });

        it("flags a missing startup probe", async () => {
            assert.deepEqual((await run(withProp(runService(), "template.containers.0.startupProbe", undefined))).messages, [
                "Cloud Run service 'journal' has no startupProbe on container 'app', so only the default TCP port check decides when a new revision is ready. Add template.containers[0].startupProbe with an httpGet on the health path.",
            ]);
        });

        it("flags a missing liveness probe", async () => {
            assert.match((await run(withProp(runService(), "template.containers.0.livenessProbe", undefined))).messages[0], /has no livenessProbe on container 'app', so a hung instance keeps receiving traffic/);
        });

        it("checks only the first (serving) container, and only the probes the config requires", async () => {
            const sidecar = withProp(runService(), "template.containers.1", { name: "otel", image: "otel/collector" });
            assert.deepEqual((await run(sidecar)).messages, []);
            const noLiveness = withProp(runService(), "template.containers.0.livenessProbe", undefined);
            assert.deepEqual((await run(noLiveness, { requireLivenessProbe: false })).messages, []);
        });

        it("flags a service with no containers at all, twice", async () => {
            assert.equal((await run(withProp(runService(), "template.containers", []))).messages.length, 2);
        });

        it("defers unknown containers or probes", async () => {
            assert.match((await run(withProp(runService(), "template.containers", UNKNOWN_ARRAY))).advisories[0], /containers of Cloud Run service 'journal' are unknown/);
            assert.match((await run(withProp(runService(), "template.containers.0.startupProbe", UNKNOWN_OBJECT))).advisories[0], /The startupProbe of Cloud Run service 'journal' is unknown/);
        });
    });

    describe("gcp-cloudrun-v2-only", () => {
        const run = (fixture: Fixture, config: object = {}) => runResourcePolicy(cloudRunV2OnlyPolicy, fixture, config);

        it("is not applicable to v2 services, jobs and worker pools", async () => {
            for (const fixture of [runService(), runJob(), runWorkerPool()]) {
                assert.ok((await run(fixture)).notApplicable, fixture.type);
            }
        });

        it("passes a v1 service being migrated when the config allows it", async () => {
            assert.deepEqual((await run(runV1Service(), { allowedV1Services: ["legacy"] })).messages, []);
        });

        it("flags every v1 service, however compliant otherwise", async () => {
            assert.deepEqual((await run(runV1Service())).messages, [
                "'legacy' is a Cloud Run v1 service (gcp.cloudrun.Service). Use gcp.cloudrunv2.Service instead, whose typed ingress, scaling, probes and secret references this pack can check.",
            ]);
            assert.equal((await run(runV1Service("other"))).messages.length, 1);
            assert.equal((await run(runV1Service("legacy-2"), { allowedV1Services: ["legacy"] })).messages.length, 1);
        });
    });
});
