import { strict as assert } from "assert";
import {
    noPrimitiveRolesPolicy,
    noProjectSecretAccessorPolicy,
    noPublicMembersPolicy,
    noServiceAccountKeysPolicy,
    wifAttributeConditionPolicy,
} from "../policies/iam";
import { GCP } from "../lib/types";
import { Fixture, runResourcePolicy, withProp } from "./helpers/harness";
import { PROJECT, UNKNOWN_ARRAY, UNKNOWN_STRING, projectIamMember, serviceIamMember, wifProvider } from "./helpers/fixtures";

const ci = `serviceAccount:ci@${PROJECT}.iam.gserviceaccount.com`;

describe("IAM guard rails", () => {
    describe("gcp-iam-no-primitive-roles", () => {
        const run = (fixture: Fixture) => runResourcePolicy(noPrimitiveRolesPolicy, fixture);

        it("passes predefined roles on projects and resources", async () => {
            assert.deepEqual((await run(projectIamMember("roles/run.admin"))).messages, []);
            assert.deepEqual((await run(serviceIamMember())).messages, []);
        });

        it("flags roles/editor on the project (member)", async () => {
            assert.deepEqual((await run(projectIamMember("roles/editor"))).messages, [
                `'ci-role' grants the primitive role roles/editor on the project to '${ci}', which covers every service there. Grant predefined roles limited to what it needs instead.`,
            ]);
        });

        it("flags roles/owner in a folder binding, listing every member", async () => {
            const binding: Fixture = { type: "gcp:folder/iAMBinding:IAMBinding", name: "owners", props: { folder: "folders/1", role: "roles/owner", members: ["user:a@x.io", "user:b@x.io"] } };
            assert.match((await run(binding)).messages[0], /grants the primitive role roles\/owner on the folder to 'user:a@x\.io' and 'user:b@x\.io'.*what they need/);
        });

        it("flags roles/viewer inside a project IAM policy and on a resource-level grant", async () => {
            const policy: Fixture = {
                type: "gcp:projects/iAMPolicy:IAMPolicy",
                name: "project-policy",
                props: { project: PROJECT, policyData: JSON.stringify({ bindings: [{ role: "roles/viewer", members: ["group:all@x.io"] }, { role: "roles/run.invoker", members: [ci] }] }) },
            };
            assert.equal((await run(policy)).messages.length, 1);
            const onBucket: Fixture = { type: "gcp:storage/bucketIAMMember:BucketIAMMember", name: "bucket-editor", props: { bucket: "b", role: "roles/editor", member: ci } };
            assert.match((await run(onBucket)).messages[0], /roles\/editor on the resource/);
        });

        it("defers an unknown role or member list", async () => {
            assert.match((await run(projectIamMember(UNKNOWN_STRING))).advisories[0], /The role granted by 'ci-role' is unknown at preview/);
            const binding: Fixture = { type: "gcp:projects/iAMBinding:IAMBinding", name: "b", props: { role: "roles/editor", members: UNKNOWN_ARRAY } };
            assert.match((await run(binding)).advisories[0], /The grants of 'b' are unknown at preview/);
        });
    });

    describe("gcp-iam-no-project-secret-accessor", () => {
        const run = (fixture: Fixture) => runResourcePolicy(noProjectSecretAccessorPolicy, fixture);
        const accessor = "roles/secretmanager.secretAccessor";

        it("passes a per-secret grant (not applicable) and other project roles", async () => {
            const perSecret: Fixture = { type: "gcp:secretmanager/secretIamMember:SecretIamMember", name: "s", props: { secretId: "jwt-secret", role: accessor, member: ci } };
            assert.ok((await run(perSecret)).notApplicable);
            assert.deepEqual((await run(projectIamMember("roles/cloudsql.client"))).messages, []);
        });

        it("flags the project-level accessor (member)", async () => {
            assert.deepEqual((await run(projectIamMember(accessor))).messages, [
                `'ci-role' grants roles/secretmanager.secretAccessor on the project to '${ci}', which reaches every secret there. Grant it on each secret that is needed instead (gcp.secretmanager.SecretIamMember).`,
            ]);
        });

        it("flags it in a project binding and in an organization policy", async () => {
            const binding: Fixture = { type: "gcp:projects/iAMBinding:IAMBinding", name: "b", props: { project: PROJECT, role: accessor, members: [ci] } };
            assert.equal((await run(binding)).messages.length, 1);
            const policy: Fixture = { type: "gcp:organizations/iAMPolicy:IAMPolicy", name: "org", props: { orgId: "1", policyData: JSON.stringify({ bindings: [{ role: accessor, members: [ci] }] }) } };
            assert.match((await run(policy)).messages[0], /on the organization/);
        });
    });

    describe("gcp-iam-no-service-account-keys", () => {
        const run = (fixture: Fixture, config: object = {}) => runResourcePolicy(noServiceAccountKeysPolicy, fixture, config);
        const key: Fixture = { type: GCP.serviceAccountKey, name: "ci-key", props: { serviceAccountId: "ci" } };

        it("is not applicable to service accounts, and allows documented exceptions", async () => {
            assert.ok((await run({ type: "gcp:serviceaccount/account:Account", name: "ci", props: { accountId: "ci" } })).notApplicable);
            assert.deepEqual((await run(key, { allowedKeys: ["ci-*"] })).messages, []);
        });

        it("flags every key", async () => {
            assert.deepEqual((await run(key)).messages, [
                "'ci-key' creates a service account key, a long-lived credential that ends up in state and can leak. Use Workload Identity Federation for CI and the attached service account for workloads instead.",
            ]);
            assert.equal((await run({ ...key, name: "other" })).messages.length, 1);
            assert.equal((await run(withProp(key, "publicKeyType", "TYPE_X509_PEM_FILE"))).messages.length, 1);
        });
    });

    describe("gcp-iam-wif-attribute-condition", () => {
        const run = (fixture: Fixture, config: object = {}) => runResourcePolicy(wifAttributeConditionPolicy, fixture, config);

        it("passes a pinned condition, including required attributes", async () => {
            assert.deepEqual((await run(wifProvider())).messages, []);
            assert.deepEqual((await run(wifProvider(), { requiredConditionAttributes: ["assertion.repository"] })).messages, []);
        });

        it("flags a missing condition", async () => {
            assert.deepEqual((await run(withProp(wifProvider(), "attributeCondition", undefined))).messages, [
                "Workload identity pool provider 'github' has no attributeCondition, so any repository on GitHub can obtain credentials. Set attributeCondition to pin the repository (assertion.repository_id, or assertion.repository as owner/name), for example assertion.repository == 'owner/repo'.",
            ]);
        });

        it("flags a blank condition and one missing a required attribute", async () => {
            assert.equal((await run(withProp(wifProvider(), "attributeCondition", "   "))).messages.length, 1);
            const weak = withProp(wifProvider(), "attributeCondition", "assertion.repository_owner == 'mindmirror'");
            const messages = (await run(weak, { requiredConditionAttributes: ["assertion.ref"] })).messages;
            assert.match(messages[0], /trusts GitHub with an attributeCondition that does not pin the repository/);
            assert.match(messages[1], /does not mention 'assertion\.ref'/);
        });

        it("pins per issuer: GitHub by repository, Pulumi Cloud by organization and project", async () => {
            const pulumiCloud = withProp(wifProvider("pulumi"), "oidc.issuerUri", "https://api.pulumi.com/oidc");
            assert.match((await run(pulumiCloud)).messages[0], /trusts Pulumi Cloud with an attributeCondition that does not pin the organization and project/);
            const pinned = withProp(pulumiCloud, "attributeCondition", "assertion.sub.startsWith('pulumi:deploy:org:mindmirror:project:platform:')");
            assert.deepEqual((await run(pinned)).messages, []);
            for (const condition of ["true", "assertion.repository == 'mindmirror/platform' || true", "assertion.repository_owner == 'mindmirror'", "assertion.repository == 'platform'"]) {
                assert.equal((await run(withProp(wifProvider(), "attributeCondition", condition))).messages.length, 1, condition);
            }
            for (const condition of ["assertion.repository_id == '123456'", "attribute.repository == 'mindmirror/platform' && assertion.ref == 'refs/heads/main'"]) {
                assert.deepEqual((await run(withProp(wifProvider(), "attributeCondition", condition))).messages, [], condition);
            }
        });
    });

    describe("gcp-iam-no-public-members", () => {
        const run = (fixture: Fixture, config: object = {}) => runResourcePolicy(noPublicMembersPolicy, fixture, config);
        const publicBucket: Fixture = { type: "gcp:storage/bucketIAMMember:BucketIAMMember", name: "assets-public", props: { bucket: "assets", role: "roles/storage.objectViewer", member: "allUsers" } };

        it("leaves Cloud Run invokers to the ingress policy and passes private grants", async () => {
            assert.ok((await run(serviceIamMember("journal", "allUsers"))).notApplicable);
            assert.deepEqual((await run(withProp(publicBucket, "member", ci))).messages, []);
            assert.deepEqual((await run(publicBucket, { allowedResources: ["assets-*"] })).messages, []);
        });

        it("flags allUsers on a bucket", async () => {
            assert.deepEqual((await run(publicBucket)).messages, [
                "'assets-public' grants roles/storage.objectViewer on the resource to allUsers, which makes it available to anyone on the internet. Grant it to specific principals, or list 'assets-public' in allowedResources if it is meant to be public.",
            ]);
        });

        it("flags allAuthenticatedUsers on a secret and on the project", async () => {
            const onSecret: Fixture = { type: "gcp:secretmanager/secretIamBinding:SecretIamBinding", name: "s", props: { role: "roles/secretmanager.secretAccessor", members: ["allAuthenticatedUsers"] } };
            assert.match((await run(onSecret)).messages[0], /to allAuthenticatedUsers, which makes it available to anyone with a Google account/);
            assert.match((await run(projectIamMember("roles/browser", "allUsers"))).messages[0], /on the project to allUsers/);
        });
    });
});
