import { strict as assert } from "assert";
import { internalIngressPolicy } from "../policies/ingress";
import { GCP } from "../lib/types";
import { Fixture, named, runResourcePolicy, withProp } from "./helpers/harness";
import { PROJECT, UNKNOWN_STRING, functionV1, functionV2, runService, runV1Service, serviceIamMember } from "./helpers/fixtures";

const config = { publicServices: ["gateway", "web"], allowInternalLoadBalancer: false };
const run = (fixture: Fixture, overrides: object = {}) => runResourcePolicy(internalIngressPolicy, fixture, { ...config, ...overrides });

describe("gcp-cloudrun-internal-ingress", () => {
    describe("Cloud Run v2 services", () => {
        it("passes an internal-only service", async () => {
            const outcome = await run(runService());
            assert.deepEqual(outcome.messages, []);
            assert.deepEqual(outcome.advisories, []);
        });

        it("passes a public service listed in publicServices", async () => {
            const outcome = await run(withProp(runService("gateway"), "ingress", "INGRESS_TRAFFIC_ALL"));
            assert.deepEqual(outcome.messages, []);
        });

        it("passes an auto-named public service by its Pulumi name", async () => {
            const gateway = withProp(withProp(runService("gateway"), "name", "gateway-5f1c2e9"), "ingress", "INGRESS_TRAFFIC_ALL");
            assert.deepEqual((await run(gateway)).messages, []);
        });

        it("flags INGRESS_TRAFFIC_ALL on a service that is not public", async () => {
            const outcome = await run(withProp(runService(), "ingress", "INGRESS_TRAFFIC_ALL"));
            assert.deepEqual(outcome.messages, [
                "Cloud Run service 'journal' accepts traffic from the internet: its ingress is INGRESS_TRAFFIC_ALL. Set ingress to INGRESS_TRAFFIC_INTERNAL_ONLY, or list 'journal' in publicServices if it is meant to be public.",
            ]);
        });

        it("flags an unset ingress, which Cloud Run treats as ALL", async () => {
            const outcome = await run(withProp(runService(), "ingress", undefined));
            assert.equal(outcome.messages.length, 1);
            assert.match(outcome.messages[0], /its ingress is unset, which means INGRESS_TRAFFIC_ALL\./);
        });

        it("flags the internal load balancer setting unless the config allows it", async () => {
            const behindLb = withProp(runService(), "ingress", "INGRESS_TRAFFIC_INTERNAL_LOAD_BALANCER");
            assert.equal((await run(behindLb)).messages.length, 1);
            assert.deepEqual((await run(behindLb, { allowInternalLoadBalancer: true })).messages, []);
        });

        it("matches publicServices on the physical name, not a look-alike", async () => {
            const outcome = await run(named(withProp(withProp(runService(), "name", "gateway-admin"), "ingress", "INGRESS_TRAFFIC_ALL"), "gateway-admin"));
            assert.match(outcome.messages[0], /^Cloud Run service 'gateway-admin' accepts traffic from the internet/);
        });

        it("does not let a listed Pulumi name make a differently named service public", async () => {
            const adminConsole = withProp(withProp(withProp(runService("gateway"), "name", "admin-console"), "ingress", "INGRESS_TRAFFIC_ALL"), "invokerIamDisabled", true);
            const outcome = await run(adminConsole);
            assert.deepEqual(outcome.messages, [
                "Cloud Run service 'gateway' (admin-console) accepts traffic from the internet: its ingress is INGRESS_TRAFFIC_ALL. Set ingress to INGRESS_TRAFFIC_INTERNAL_ONLY, or list 'admin-console' in publicServices if it is meant to be public.",
                "Cloud Run service 'gateway' (admin-console) sets invokerIamDisabled, so anyone who can reach it may call it without an IAM check. Remove invokerIamDisabled, or list 'admin-console' in publicServices if it is meant to be public.",
            ]);
        });

        it("matches a location-pinned entry on the location too", async () => {
            const gateway = withProp(runService("gateway"), "ingress", "INGRESS_TRAFFIC_ALL");
            assert.deepEqual((await run(gateway, { publicServices: ["us-central1/gateway"] })).messages, []);
            assert.equal((await run(gateway, { publicServices: ["europe-west1/gateway"] })).messages.length, 1);
            assert.deepEqual((await run(gateway, { publicServices: ["projects/p1/locations/us-central1/services/gateway"] })).messages.length, 1);
            assert.deepEqual((await run(withProp(gateway, "project", "p1"), { publicServices: ["projects/p1/locations/us-central1/services/gateway"] })).messages, []);
        });

        it("accepts Identity-Aware Proxy only when the config allows it", async () => {
            const iap = withProp(withProp(runService(), "ingress", "INGRESS_TRAFFIC_ALL"), "iapEnabled", true);
            assert.equal((await run(iap)).messages.length, 1);
            assert.deepEqual((await run(iap, { allowIap: true })).messages, []);
            assert.equal((await run(withProp(iap, "iapEnabled", false), { allowIap: true })).messages.length, 1);
        });

        it("flags invokerIamDisabled on an internal service", async () => {
            const outcome = await run(withProp(runService(), "invokerIamDisabled", true));
            assert.deepEqual(outcome.messages, [
                "Cloud Run service 'journal' sets invokerIamDisabled, so anyone who can reach it may call it without an IAM check. Remove invokerIamDisabled, or list 'journal' in publicServices if it is meant to be public.",
            ]);
        });

        it("defers to an advisory when the ingress is unknown at preview", async () => {
            const outcome = await run(withProp(runService(), "ingress", UNKNOWN_STRING));
            assert.deepEqual(outcome.messages, []);
            assert.equal(outcome.advisories.length, 1);
            assert.match(outcome.advisories[0], /The ingress of Cloud Run service 'journal' is unknown at preview\./);
        });

        it("is not applicable to other resource types", async () => {
            const outcome = await run({ type: GCP.pubsubTopic, name: "t", props: {} });
            assert.ok(outcome.notApplicable);
        });
    });

    describe("Cloud Run v1 services and Cloud Functions", () => {
        it("passes internal v1 services and functions", async () => {
            assert.deepEqual((await run(runV1Service())).messages, []);
            assert.deepEqual((await run(functionV1())).messages, []);
            assert.deepEqual((await run(functionV2())).messages, []);
        });

        it("flags a v1 service without the ingress annotation", async () => {
            const outcome = await run(withProp(runV1Service(), "metadata.annotations", {}));
            assert.deepEqual(outcome.messages, [
                `Cloud Run service (v1 API) 'legacy' accepts traffic from the internet: its metadata.annotations["run.googleapis.com/ingress"] is unset, which means all. Set metadata.annotations["run.googleapis.com/ingress"] to internal, or list 'legacy' in publicServices if it is meant to be public.`,
            ]);
        });

        it("flags a 1st gen function with ingressSettings unset", async () => {
            const outcome = await run(withProp(functionV1(), "ingressSettings", undefined));
            assert.match(outcome.messages[0], /Cloud Function \(1st gen\) 'thumbnailer' accepts traffic from the internet: its ingressSettings is unset, which means ALLOW_ALL\./);
        });

        it("leaves an event-triggered 1st gen function alone: it has no URL", async () => {
            const pubsub = withProp(withProp(functionV1(), "ingressSettings", "ALLOW_ALL"), "eventTrigger", { eventType: "google.pubsub.topic.publish", resource: "projects/p/topics/t" });
            assert.deepEqual((await run(pubsub)).messages, []);
            assert.equal((await run(withProp(pubsub, "triggerHttp", true))).messages.length, 1);
        });

        it("flags a 2nd gen function with ALLOW_ALL", async () => {
            const outcome = await run(withProp(functionV2(), "serviceConfig.ingressSettings", "ALLOW_ALL"));
            assert.match(outcome.messages[0], /its serviceConfig\.ingressSettings is ALLOW_ALL\. Set serviceConfig\.ingressSettings to ALLOW_INTERNAL_ONLY,/);
        });
    });

    describe("invoker IAM", () => {
        it("passes a grant to a service account", async () => {
            assert.deepEqual((await run(serviceIamMember())).messages, []);
        });

        it("passes allUsers on a public service", async () => {
            assert.deepEqual((await run(serviceIamMember("gateway", "allUsers", "gateway-public"))).messages, []);
        });

        it("flags allUsers on an internal service (member)", async () => {
            const outcome = await run(serviceIamMember("journal", "allUsers", "journal-public"));
            assert.deepEqual(outcome.messages, [
                "'journal-public' grants roles/run.invoker to allUsers on Cloud Run service 'journal', which is not listed in publicServices, so anyone could call it. Grant the role to the calling service accounts instead, or list 'journal' in publicServices if it is meant to be public.",
            ]);
        });

        it("flags allAuthenticatedUsers in a binding, among other members", async () => {
            const binding: Fixture = {
                type: GCP.runServiceIamBinding,
                name: "journal-invokers",
                props: {
                    name: "journal",
                    role: "roles/run.invoker",
                    members: [`serviceAccount:gateway@${PROJECT}.iam.gserviceaccount.com`, "allAuthenticatedUsers"],
                },
            };
            const outcome = await run(binding);
            assert.equal(outcome.messages.length, 1);
            assert.match(outcome.messages[0], /grants roles\/run\.invoker to allAuthenticatedUsers on Cloud Run service 'journal'/);
        });

        it("flags allUsers in a service IAM policy's policyData", async () => {
            const policy: Fixture = {
                type: GCP.runServiceIamPolicy,
                name: "journal-policy",
                props: { name: "journal", policyData: JSON.stringify({ bindings: [{ role: "roles/run.invoker", members: ["allUsers"] }] }) },
            };
            assert.match((await run(policy)).messages[0], /'journal-policy' grants roles\/run\.invoker to allUsers on Cloud Run service 'journal'/);
        });

        it("flags a Cloud Run v1 IamMember, which names the service in 'service'", async () => {
            const v1: Fixture = { type: GCP.runV1IamMember, name: "legacy-public", props: { service: "legacy", role: "roles/run.invoker", member: "allUsers" } };
            assert.match((await run(v1)).messages[0], /on Cloud Run service 'legacy'/);
        });

        it("flags a function invoker grant to allUsers", async () => {
            const fn: Fixture = { type: GCP.functionV2IamMember, name: "fn-public", props: { cloudFunction: "summarizer", role: "roles/cloudfunctions.invoker", member: "allUsers" } };
            assert.match((await run(fn)).messages[0], /on Cloud Function \(2nd gen\) 'summarizer'/);
        });

        it("skips with an advisory when the target service is unknown at preview", async () => {
            const outcome = await run(withProp(serviceIamMember("journal", "allUsers", "journal-public"), "name", UNKNOWN_STRING));
            assert.deepEqual(outcome.messages, []);
            assert.equal(outcome.advisories.length, 1);
            assert.match(outcome.advisories[0], /'journal-public' grants access to allUsers on a Cloud Run service whose name is unknown at preview/);
        });

        it("passes quietly when only the member is unknown (it cannot be allUsers)", async () => {
            const outcome = await run(withProp(serviceIamMember(), "member", UNKNOWN_STRING));
            assert.deepEqual(outcome.messages, []);
            assert.deepEqual(outcome.advisories, []);
        });

        it("skips with an advisory when a policy's bindings are unknown", async () => {
            const policy: Fixture = { type: GCP.runServiceIamPolicy, name: "p", props: { name: "journal", policyData: UNKNOWN_STRING } };
            const outcome = await run(policy);
            assert.match(outcome.advisories[0], /The members granted by 'p' are unknown at preview/);
        });
    });
});
