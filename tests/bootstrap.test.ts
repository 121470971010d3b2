// The bootstrap program (bootstrap/) under mocks. Stack projects: state bucket hardening, the
// secrets key, protect, APIs, the outputs the platform's stacks are initialised with, and the
// bindings of the stack's CI accounts. CI project: the trust, the accounts, GitHub's side.

import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import * as yaml from "js-yaml";
import { CI_IDENTITIES, CI_PROJECT, ENVIRONMENT_VARIABLES } from "../components/ci-identities";
import { PLATFORM_APIS } from "../components/project-apis";
import { CiBootstrapArgs, runCiBootstrap, validateCiBootstrapArgs } from "../bootstrap/ci-program";
import { BOOTSTRAP_APIS, BootstrapArgs, KEY_ROTATION_PERIOD, runBootstrap, validateBootstrapArgs } from "../bootstrap/program";
import { CI_ARGS, STAGING_ARGS } from "./helpers/bootstrap-args";
import { BootstrapRun, MOCK_CI_PROJECT_NUMBER, runBootstrapUnderMocks } from "./helpers/bootstrap-run";

type Run = BootstrapRun<Record<string, unknown>>;

const BOOTSTRAP_DIR = path.join(__dirname, "..", "bootstrap");
const stackFile = (name: string) => (yaml.load(fs.readFileSync(path.join(BOOTSTRAP_DIR, `Pulumi.${name}.yaml`), "utf8")) as { config: Record<string, unknown> }).config;

describe("bootstrap of a stack's project", () => {
    let run: Run;
    before(async () => { run = await runBootstrapUnderMocks("mindmirror-staging", () => runBootstrap(STAGING_ARGS)); });

    it("creates one hardened, versioned, protected state bucket", () => {
        const [bucket, ...rest] = run.ofType("gcp:storage/bucket:Bucket");
        assert.strictEqual(rest.length, 0);
        assert.strictEqual(bucket.name, "state-bucket");
        assert.strictEqual(bucket.protect, true);
        assert.strictEqual(bucket.parent, "state");
        const i = bucket.inputs;
        assert.strictEqual(i["name"], "mindmirror-staging-pulumi-state");
        assert.strictEqual(i["location"], "us-central1");
        assert.deepStrictEqual(i["versioning"], { enabled: true });
        assert.strictEqual(i["uniformBucketLevelAccess"], true);
        assert.strictEqual(i["publicAccessPrevention"], "enforced");
        assert.strictEqual(i["forceDestroy"], false);
        assert.deepStrictEqual(i["labels"], { app: "mindmirror", env: "staging", "managed-by": "pulumi-bootstrap" });
        assert.deepStrictEqual(i["lifecycleRules"], [{ action: { type: "Delete" }, condition: { numNewerVersions: 7, daysSinceNoncurrentTime: 30, withState: "ARCHIVED" } }]);
    });

    it("creates a protected key ring and a protected key rotated every 90 days", () => {
        const ring = run.named("secrets-ring");
        const key = run.named("secrets-key");
        assert.strictEqual(ring.type, "gcp:kms/keyRing:KeyRing");
        assert.strictEqual(key.type, "gcp:kms/cryptoKey:CryptoKey");
        assert.strictEqual(ring.protect, true);
        assert.strictEqual(key.protect, true);
        assert.strictEqual(KEY_ROTATION_PERIOD, "7776000s");
        assert.strictEqual(key.inputs["rotationPeriod"], "7776000s");
        assert.strictEqual(key.inputs["purpose"], "ENCRYPT_DECRYPT");
        assert.strictEqual(ring.inputs["location"], "us-central1");
    });

    it("exports the backend URL and the gcpkms secrets provider", () => {
        assert.strictEqual(run.outputs["stateBucketUrl"], "gs://mindmirror-staging-pulumi-state");
        assert.strictEqual(run.outputs["secretsProvider"], "gcpkms://projects/mindmirror-staging/locations/us-central1/keyRings/pulumi/cryptoKeys/stack-secrets");
    });

    it("enables the platform's APIs plus Cloud KMS and Cloud Storage, never disabling them on destroy", () => {
        const services = run.ofType("gcp:projects/service:Service");
        const expected = [...new Set([...PLATFORM_APIS, ...BOOTSTRAP_APIS])].sort();
        assert.deepStrictEqual(services.map((s) => s.inputs["service"]).sort(), expected);
        assert.ok(expected.includes("cloudkms.googleapis.com") && expected.includes("storage.googleapis.com"));
        for (const s of services) {
            assert.strictEqual(s.inputs["disableOnDestroy"], false, s.name);
            assert.strictEqual(s.parent, "apis", s.name);
        }
    });

    it("gives the deployer read-write and the previewer read-only on this stack's state objects, encrypt/decrypt and decrypt on the key", () => {
        const bucketRoles = run.ofType("gcp:storage/bucketIAMMember:BucketIAMMember").map((m) => `${m.inputs["member"]} ${m.inputs["role"]}`).sort();
        assert.deepStrictEqual(bucketRoles, [
            "serviceAccount:deployer-staging@mindmirror-ci.iam.gserviceaccount.com roles/storage.objectUser",
            "serviceAccount:previewer-staging@mindmirror-ci.iam.gserviceaccount.com roles/storage.objectViewer",
        ]);
        for (const m of run.ofType("gcp:storage/bucketIAMMember:BucketIAMMember")) {
            const expression = String((m.inputs["condition"] as { expression: string }).expression);
            assert.match(expression, /objects\/\.pulumi\/stacks\/mindmirror\/staging\.json'\)/, m.name);
            assert.ok(!expression.includes("production"), m.name);
        }
        const keyRoles = run.ofType("gcp:kms/cryptoKeyIAMMember:CryptoKeyIAMMember").map((m) => `${m.inputs["member"]} ${m.inputs["role"]}`).sort();
        assert.deepStrictEqual(keyRoles, [
            "serviceAccount:deployer-staging@mindmirror-ci.iam.gserviceaccount.com roles/cloudkms.cryptoKeyEncrypterDecrypter",
            "serviceAccount:previewer-staging@mindmirror-ci.iam.gserviceaccount.com roles/cloudkms.cryptoKeyDecrypter",
        ]);
    });

    it("gives the previewer nothing on the project, and the deployer Costs Manager on the billing account", () => {
        const projectMembers = new Set(run.ofType("gcp:projects/iAMMember:IAMMember").map((m) => m.inputs["member"]));
        assert.deepStrictEqual([...projectMembers], ["serviceAccount:deployer-staging@mindmirror-ci.iam.gserviceaccount.com"]);
        const billing = run.ofType("gcp:billing/accountIamMember:AccountIamMember");
        assert.deepStrictEqual(billing.map((b) => [b.inputs["billingAccountId"], b.inputs["role"], b.inputs["member"]]), [
            ["000000-000000-000000", "roles/billing.costsManager", "serviceAccount:deployer-staging@mindmirror-ci.iam.gserviceaccount.com"],
        ]);
    });

    it("defines the custom roles before granting them, and strips Editor from the default accounts", () => {
        const roles = run.ofType("gcp:projects/iAMCustomRole:IAMCustomRole");
        assert.deepStrictEqual(roles.map((r) => r.inputs["roleId"]).sort(), ["mindmirrorRuntimeAccounts", "mindmirrorSecrets"]);
        for (const grant of run.ofType("gcp:projects/iAMMember:IAMMember").filter((m) => String(m.inputs["role"]).startsWith("projects/"))) {
            const roleId = String(grant.inputs["role"]).split("/").pop();
            assert.ok(grant.dependsOn.includes(`ci-access-role-${roleId}`), `${grant.name} depends on its custom role`);
            assert.match(String(grant.inputs["role"]), /^projects\/mindmirror-staging\/roles\//);
        }
        const defaults = run.ofType("gcp:projects/defaultServiceAccounts:DefaultServiceAccounts");
        assert.deepStrictEqual(defaults.map((d) => d.inputs["action"]), ["DEPRIVILEGE"]);
    });

    it("groups resources into one component per concept", () => {
        const components = run.resources.filter((r) => r.type.startsWith("mindmirror:bootstrap:")).map((r) => `${r.type} ${r.name}`).sort();
        assert.deepStrictEqual(components, [
            "mindmirror:bootstrap:CiAccess ci-access",
            "mindmirror:bootstrap:ProjectServices apis",
            "mindmirror:bootstrap:SecretsKey secrets",
            "mindmirror:bootstrap:StateBucket state",
        ]);
        for (const r of run.resources.filter((x) => x.type.startsWith("gcp:"))) assert.ok(r.parent, `${r.name} has a parent`);
    });

    it("keeps the default of 10 noncurrent versions", async () => {
        const bare = await runBootstrapUnderMocks("mindmirror-staging", () => runBootstrap({ ...STAGING_ARGS, noncurrentVersions: undefined }));
        const rules = bare.named("state-bucket").inputs["lifecycleRules"] as { condition: { numNewerVersions: number } }[];
        assert.strictEqual(rules[0].condition.numNewerVersions, 10);
    });

    it("keeps replaced production state 90 days at least, staging 30, whatever the version count", async () => {
        const prod = await runBootstrapUnderMocks("mindmirror-prod", () => runBootstrap({ ...STAGING_ARGS, env: "production", project: "mindmirror-prod", noncurrentVersions: 30 }));
        const rules = prod.named("state-bucket").inputs["lifecycleRules"] as { condition: Record<string, unknown> }[];
        assert.deepStrictEqual(rules[0].condition, { numNewerVersions: 30, daysSinceNoncurrentTime: 90, withState: "ARCHIVED" });
        assert.deepStrictEqual(validateBootstrapArgs({ ...STAGING_ARGS, noncurrentDays: 0 }), ["noncurrentDays: 0 must be a positive integer"]);
    });

    it("reports every bad argument at once before declaring anything", () => {
        const issues = validateBootstrapArgs({ ...STAGING_ARGS, project: "X", env: "Prod" as never, noncurrentVersions: 0, billingAccount: "123" });
        assert.strictEqual(issues.length, 4, issues.join("\n"));
        assert.throws(() => runBootstrap({ ...STAGING_ARGS, ciProject: "mindmirror-staging" }), /CI accounts must not live in the stack's own project/);
    });

    it("the committed stack files name a platform stack, the CI project and a billing account", () => {
        for (const [file, env] of [["mindmirror-staging", "staging"], ["mindmirror-prod", "production"]] as const) {
            const c = stackFile(file);
            assert.strictEqual(c["bootstrap:env"], env, file);
            assert.strictEqual(c["bootstrap:ciProject"], CI_PROJECT, file);
            const args: BootstrapArgs = {
                project: String(c["gcp:project"]), env, bucketLocation: String(c["bootstrap:bucketLocation"]), kmsLocation: String(c["bootstrap:kmsLocation"]),
                noncurrentVersions: Number(c["bootstrap:noncurrentVersions"]), billingAccount: String(c["bootstrap:billingAccount"]), ciProject: String(c["bootstrap:ciProject"]),
            };
            assert.deepStrictEqual(validateBootstrapArgs(args), [], file);
        }
    });
});

describe("bootstrap of the CI project", () => {
    let run: Run;
    before(async () => { run = await runBootstrapUnderMocks("mindmirror-ci", () => runCiBootstrap(CI_ARGS)); });

    it("a provider whose condition pins the numeric repository id, the owner's id and the name", () => {
        const provider = run.named("ci-provider");
        assert.strictEqual(provider.inputs["attributeCondition"],
            "assertion.repository_id == '900000001' && assertion.repository_owner_id == '900000002' && assertion.repository == 'mindmirror/mindmirror'");
        assert.deepStrictEqual(provider.inputs["oidc"], { issuerUri: "https://token.actions.githubusercontent.com" });
        assert.strictEqual((provider.inputs["attributeMapping"] as Record<string, string>)["google.subject"], "assertion.sub");
        assert.strictEqual(run.named("ci-pool").protect, true);
    });

    it("one account per CI identity, each impersonable by exactly one environment's subject", () => {
        const accounts = run.ofType("gcp:serviceaccount/account:Account");
        assert.deepStrictEqual(accounts.map((a) => a.inputs["accountId"]).sort(), ["deployer-production", "deployer-staging", "previewer-production", "previewer-staging", "scanner"]);
        const wif = run.ofType("gcp:serviceaccount/iAMMember:IAMMember");
        assert.strictEqual(wif.length, CI_IDENTITIES.length);
        const byAccount = Object.fromEntries(wif.map((w) => [String(w.inputs["serviceAccountId"]).split("/").pop()!.split("@")[0], w]));
        for (const identity of CI_IDENTITIES) {
            const w = byAccount[identity.accountId];
            assert.strictEqual(w.inputs["role"], "roles/iam.workloadIdentityUser");
            assert.strictEqual(w.inputs["member"],
                `principal://iam.googleapis.com/projects/${MOCK_CI_PROJECT_NUMBER}/locations/global/workloadIdentityPools/github-actions/subject/repo:mindmirror/mindmirror:environment:${identity.environment}`);
        }
        assert.deepStrictEqual(run.outputs["serviceAccounts"], Object.fromEntries(CI_IDENTITIES.map((i) => [i.accountId, `${i.accountId}@mindmirror-ci.iam.gserviceaccount.com`])));
    });

    it("declares the five environments of the contract with their policies and reviewers", () => {
        const envs = Object.fromEntries(run.ofType("github:index/repositoryEnvironment:RepositoryEnvironment").map((e) => [e.inputs["environment"], e.inputs]));
        assert.deepStrictEqual(Object.keys(envs).sort(), ["preview-production", "preview-staging", "production", "staging", "vulnerability-report"]);
        for (const env of ["production", "preview-production"]) {
            assert.deepStrictEqual(envs[env]["reviewers"], [{ users: [11], teams: [22] }], env);
            assert.strictEqual(envs[env]["preventSelfReview"], true, env);
        }
        for (const env of ["staging", "preview-staging", "vulnerability-report"]) assert.strictEqual(envs[env]["reviewers"], undefined, env);
        assert.strictEqual(envs["preview-staging"]["deploymentBranchPolicy"], undefined, "any pull request branch");
        assert.strictEqual(envs["preview-production"]["deploymentBranchPolicy"], undefined, "any pull request branch, behind reviewers");
        for (const env of Object.values(envs) as Record<string, unknown>[]) assert.strictEqual(env["canAdminsBypass"], false);
        const policies = run.ofType("github:index/repositoryEnvironmentDeploymentPolicy:RepositoryEnvironmentDeploymentPolicy")
            .map((p) => `${p.inputs["environment"]} ${p.inputs["branchPattern"] ?? ""}${p.inputs["tagPattern"] ? `tag:${p.inputs["tagPattern"]}` : ""}`).sort();
        assert.deepStrictEqual(policies, ["production tag:v*", "staging main", "vulnerability-report main"]);
        for (const env of ["staging", "production", "vulnerability-report"]) {
            assert.deepStrictEqual(envs[env]["deploymentBranchPolicy"], { protectedBranches: false, customBranchPolicies: true }, env);
        }
    });

    it("sets the six variables of the contract in every environment, from the trust and the stacks' projects", () => {
        const vars = run.ofType("github:index/actionsEnvironmentVariable:ActionsEnvironmentVariable");
        assert.strictEqual(vars.length, ENVIRONMENT_VARIABLES.length * CI_IDENTITIES.length);
        const get = (env: string, name: string) => vars.find((v) => v.inputs["environment"] === env && v.inputs["variableName"] === name)?.inputs["value"];
        assert.strictEqual(get("staging", "GCP_SERVICE_ACCOUNT"), "deployer-staging@mindmirror-ci.iam.gserviceaccount.com");
        assert.strictEqual(get("preview-production", "GCP_SERVICE_ACCOUNT"), "previewer-production@mindmirror-ci.iam.gserviceaccount.com");
        assert.strictEqual(get("production", "GCP_PROJECT"), "mindmirror-prod");
        assert.strictEqual(get("preview-staging", "PULUMI_BACKEND_URL"), "gs://mindmirror-staging-pulumi-state");
        assert.strictEqual(get("vulnerability-report", "PULUMI_STACK"), "production");
        assert.strictEqual(get("staging", "GCP_REGION"), "us-central1");
        assert.strictEqual(get("staging", "GCP_WORKLOAD_IDENTITY_PROVIDER"), `projects/${MOCK_CI_PROJECT_NUMBER}/locations/global/workloadIdentityPools/github-actions/providers/github`);
    });

    it("keeps main behind code-owner review and v* tags to admins", () => {
        const main = run.named("github-main").inputs;
        assert.strictEqual(main["enforcement"], "active");
        assert.deepStrictEqual(main["conditions"], { refName: { includes: ["~DEFAULT_BRANCH"], excludes: [] } });
        const rules = main["rules"] as { pullRequest: Record<string, unknown>; nonFastForward: boolean; deletion: boolean };
        assert.strictEqual(rules.pullRequest["requireCodeOwnerReview"], true);
        assert.strictEqual(rules.pullRequest["requireLastPushApproval"], true);
        assert.ok(Number(rules.pullRequest["requiredApprovingReviewCount"]) >= 1);
        assert.strictEqual(main["bypassActors"], undefined, "nobody bypasses review on main");
        const tags = run.named("github-release-tags").inputs;
        assert.deepStrictEqual(tags["conditions"], { refName: { includes: ["refs/tags/v*"], excludes: [] } });
    });

    it("reports every bad argument at once, and the committed CI stack file is valid", () => {
        const issues = validateCiBootstrapArgs({ ...CI_ARGS, project: "other-project", github: { ...CI_ARGS.github, repositoryId: 0, reviewers: { users: [], teams: [] } } });
        assert.strictEqual(issues.length, 3, issues.join("\n"));
        const c = stackFile("mindmirror-ci");
        assert.strictEqual(c["gcp:project"], CI_PROJECT);
        assert.strictEqual(c["bootstrap:kind"], "ci");
        const args: CiBootstrapArgs = { project: String(c["gcp:project"]), github: c["bootstrap:github"] as CiBootstrapArgs["github"], stacks: c["bootstrap:stacks"] as CiBootstrapArgs["stacks"] };
        assert.deepStrictEqual(validateCiBootstrapArgs(args), []);
        assert.strictEqual(args.stacks.staging.project, stackFile("mindmirror-staging")["gcp:project"]);
        assert.strictEqual(args.stacks.production.project, stackFile("mindmirror-prod")["gcp:project"]);
    });
});
