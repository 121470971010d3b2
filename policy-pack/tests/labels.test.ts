import { strict as assert } from "assert";
import { requiredLabelsPolicy } from "../policies/labels";
import { GCP } from "../lib/types";
import { Fixture, runResourcePolicy, withProp } from "./helpers/harness";
import { UNKNOWN_OBJECT, runService, secret, sqlInstance } from "./helpers/fixtures";

const run = (fixture: Fixture, config: object = {}) => runResourcePolicy(requiredLabelsPolicy, fixture, config);

describe("gcp-required-labels", () => {
    it("passes labelled resources, and Cloud SQL user labels", async () => {
        assert.deepEqual((await run(runService())).messages, []);
        assert.deepEqual((await run(secret())).messages, []);
        assert.deepEqual((await run(sqlInstance())).messages, []);
    });

    it("counts the provider's defaultLabels (object or JSON string) on top-level labels", async () => {
        const bare = withProp(runService(), "labels", { service: "journal" });
        const defaults = { app: "mindmirror", env: "staging", "managed-by": "pulumi" };
        assert.deepEqual((await run({ ...bare, providerProps: { project: "p", defaultLabels: defaults } })).messages, []);
        assert.deepEqual((await run({ ...bare, providerProps: { project: "p", defaultLabels: JSON.stringify(defaults) } })).messages, []);
    });

    it("is not applicable to types without labels", async () => {
        assert.ok((await run({ type: GCP.runServiceIamMember, name: "x", props: {} })).notApplicable);
    });

    it("flags missing labels", async () => {
        assert.deepEqual((await run(withProp(runService(), "labels", { app: "mindmirror" }))).messages, [
            "'journal' (gcp:cloudrunv2/service:Service) is missing the required labels 'env' and 'managed-by' in labels. Add them so its cost and ownership can be traced.",
        ]);
    });

    it("flags Cloud SQL without settings.userLabels, even with provider default labels", async () => {
        const unlabelled = { ...withProp(sqlInstance(), "settings.userLabels", undefined), providerProps: { defaultLabels: { app: "a", env: "staging", "managed-by": "pulumi" } } };
        assert.match((await run(unlabelled)).messages[0], /is missing the required labels 'app', 'env' and 'managed-by' in settings\.userLabels/);
    });

    it("flags a value outside the allowed set", async () => {
        assert.deepEqual((await run(withProp(secret(), "labels.env", "dev"))).messages, [
            "'jwt-secret' has label env='dev', which is not one of 'staging' and 'production'. Set it to the right value.",
        ]);
    });

    it("uses the configured required labels", async () => {
        const outcome = await run(runService(), { requiredLabels: ["app", "owner"], allowedValues: {} });
        assert.match(outcome.messages[0], /missing the required label 'owner' in labels/);
    });

    it("defers unknown labels", async () => {
        const outcome = await run(withProp(runService(), "labels", UNKNOWN_OBJECT));
        assert.deepEqual(outcome.messages, []);
        assert.match(outcome.advisories[0], /The labels of 'journal' are unknown at preview/);
    });
});
