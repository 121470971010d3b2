// Least privilege for CI, across the bootstrap (CI project and both stack projects) and both
// platform stacks, under mocks: no binding trusts more than one environment's subject, no CI account
// holds a role that raises its own rights, a previewer reaches only its own stack, and the deployer
// holds exactly the grants the resource types of its stack need.

import * as assert from "assert";
import { CI_IDENTITIES, CI_PROJECT } from "../components/ci-identities";
import { runCiBootstrap } from "../bootstrap/ci-program";
import { CUSTOM_ROLES, PLATFORM_RESOURCE_TYPES, RUNTIME_PROJECT_ROLES, SELF_ESCALATING_ROLES, deployerGrants } from "../bootstrap/deployer-roles";
import { BootstrapArgs, runBootstrap } from "../bootstrap/program";
import { STACKS, StackName } from "../policy-pack/conventions";
import { BootstrapRun, runBootstrapUnderMocks } from "./helpers/bootstrap-run";
import { stackRun } from "./helpers/runs";
import { CI_ARGS, STAGING_ARGS } from "./helpers/bootstrap-args";

type Run = BootstrapRun<Record<string, unknown>>;

const PROJECT_OF: Record<StackName, string> = { staging: "mindmirror-staging", production: "mindmirror-prod" };
const argsFor = (stack: StackName): BootstrapArgs => ({ ...STAGING_ARGS, env: stack, project: PROJECT_OF[stack] });

/** Permissions that let a holder act as, mint tokens for, or re-trust an identity, or change project IAM or roles. */
const ESCALATING_PERMISSIONS = [
    /^resourcemanager\.projects\.setIamPolicy$/, /^iam\.serviceAccounts\.(actAs|getAccessToken|getOpenIdToken|signBlob|signJwt|implicitDelegation)$/,
    /^iam\.serviceAccountKeys\./, /^iam\.workloadIdentityPool/, /^iam\.roles\.(create|update|delete|undelete)$/,
    /^billing\.accounts\.setIamPolicy$/,
];

const IAM_TYPES = /IAMMember|IamMember|IAMBinding|IamBinding|IAMPolicy|IamPolicy/;
const ciMember = (m: unknown) => typeof m === "string" && m.endsWith(`@${CI_PROJECT}.iam.gserviceaccount.com`);
const accountOf = (m: unknown) => String(m).replace(/^serviceAccount:/, "").split("@")[0];

describe("CI identities: least privilege", () => {
    let ci: Run;
    const stacks = {} as Record<StackName, Run>;
    before(async () => {
        ci = await runBootstrapUnderMocks("mindmirror-ci", () => runCiBootstrap(CI_ARGS));
        for (const stack of STACKS) stacks[stack] = await runBootstrapUnderMocks(`bootstrap-${stack}`, () => runBootstrap(argsFor(stack)));
    });

    const everyBinding = (run: { resources: readonly { type: string; name: string; inputs: Record<string, unknown> }[] }) =>
        run.resources.filter((r) => IAM_TYPES.test(r.type));

    it("every workloadIdentityUser binding names exactly one environment's subject; no principalSet anywhere", async () => {
        // Platform runs one at a time: the mock harness records into one list.
        const runs: { resources: readonly { type: string; name: string; inputs: Record<string, unknown> }[] }[] = [ci, ...STACKS.map((s) => stacks[s])];
        for (const stack of STACKS) runs.push(await stackRun(stack));
        let wif = 0;
        for (const run of runs) {
            for (const r of run.resources) {
                assert.ok(!JSON.stringify(r.inputs).includes("principalSet://"), `${r.type} ${r.name} names a principalSet`);
                if (r.inputs["role"] !== "roles/iam.workloadIdentityUser") continue;
                wif++;
                assert.match(String(r.inputs["member"]), /^principal:\/\/iam\.googleapis\.com\/projects\/\d+\/locations\/global\/workloadIdentityPools\/github-actions\/subject\/repo:mindmirror\/mindmirror:environment:[a-z-]+$/, r.name);
            }
        }
        assert.strictEqual(wif, CI_IDENTITIES.length, "one binding per CI identity, all in the CI project");
        const provider = ci.named("ci-provider");
        assert.match(String(provider.inputs["attributeCondition"]), /assertion\.repository_id == '\d+'/);
        assert.match(String(provider.inputs["attributeCondition"]), /assertion\.repository_owner_id == '\d+'/);
    });

    it("no CI account holds a self-escalating role unconditioned, and custom roles carry no escalating permission", () => {
        for (const stack of STACKS) {
            for (const b of everyBinding(stacks[stack])) {
                const role = String(b.inputs["role"]);
                if (!SELF_ESCALATING_ROLES.includes(role)) continue;
                const expression = String((b.inputs["condition"] as { expression?: string } | undefined)?.expression ?? "");
                const only = /modifiedGrantsByRole', \[\]\)\.hasOnly\(\[([^\]]*)\]\)$/.exec(expression);
                assert.ok(only, `${stack}: ${b.name} holds ${role} without a modifiedGrantsByRole condition`);
                const grantable = only[1].split(",").map((s) => s.trim().replace(/'/g, ""));
                assert.ok(grantable.every((r) => (RUNTIME_PROJECT_ROLES as readonly string[]).includes(r)), `${b.name} may grant ${grantable.join(", ")}`);
                assert.ok(grantable.every((r) => !SELF_ESCALATING_ROLES.includes(r)), `${b.name} may grant a self-escalating role`);
            }
            for (const role of stacks[stack].ofType("gcp:projects/iAMCustomRole:IAMCustomRole")) {
                const bad = (role.inputs["permissions"] as string[]).filter((p) => ESCALATING_PERMISSIONS.some((re) => re.test(p)));
                assert.deepStrictEqual(bad, [], `${role.inputs["roleId"]} carries ${bad.join(", ")}`);
            }
        }
        for (const role of CUSTOM_ROLES) assert.ok(!role.permissions.some((p) => ESCALATING_PERMISSIONS.some((re) => re.test(p))), role.roleId);
        // In the CI project nobody is granted anything but the environment trust on its own account.
        for (const b of everyBinding(ci)) assert.strictEqual(b.inputs["role"], "roles/iam.workloadIdentityUser", b.name);
    });

    it("a previewer (and every CI account) reaches only its own stack's project, state objects and key", () => {
        for (const stack of STACKS) {
            const own = new Set(CI_IDENTITIES.filter((i) => i.stack === stack).map((i) => i.accountId));
            const other = STACKS.find((s) => s !== stack)!;
            for (const b of everyBinding(stacks[stack])) {
                assert.ok(ciMember(String(b.inputs["member"]).replace(/^serviceAccount:/, "")), `${b.name}: only CI accounts are granted here`);
                assert.ok(own.has(accountOf(b.inputs["member"])), `${stack}'s bootstrap grants ${b.inputs["member"]}, an account of another stack`);
                if (b.inputs["project"] !== undefined) assert.strictEqual(b.inputs["project"], PROJECT_OF[stack], b.name);
                const expression = String((b.inputs["condition"] as { expression?: string } | undefined)?.expression ?? "");
                assert.ok(!expression.includes(PROJECT_OF[other]) && !expression.includes(`/${other}`), `${b.name}'s condition names ${other}`);
            }
            const previewer = everyBinding(stacks[stack]).filter((b) => accountOf(b.inputs["member"]) === `previewer-${stack}`);
            assert.deepStrictEqual(previewer.map((b) => `${b.type} ${b.inputs["role"]}`).sort(), [
                "gcp:kms/cryptoKeyIAMMember:CryptoKeyIAMMember roles/cloudkms.cryptoKeyDecrypter",
                "gcp:storage/bucketIAMMember:BucketIAMMember roles/storage.objectViewer",
            ]);
            const state = previewer.find((b) => b.type.startsWith("gcp:storage/"))!;
            assert.match(String((state.inputs["condition"] as { expression: string }).expression), new RegExp(`stacks/mindmirror/${stack}\\.json`));
        }
    });

    // Both stacks' deployers hold the grants of every type either stack declares (staging's login
    // adds IAP grants, production's uptime checks a monitoring type), so a switch in one stack's
    // config never needs a bootstrap change first.
    it("PLATFORM_RESOURCE_TYPES is exactly the types the two stacks declare", async () => {
        const declared = new Set<string>();
        for (const stack of STACKS) {
            const platform = await stackRun(stack);
            const types = new Set(platform.resources.map((r) => r.type).filter((t) => !t.startsWith("mindmirror:")));
            const missing = [...types].filter((t) => !PLATFORM_RESOURCE_TYPES.includes(t)).sort();
            assert.deepStrictEqual(missing, [], `${stack} declares types PLATFORM_RESOURCE_TYPES (bootstrap/deployer-roles.ts) does not list: add them, with a grant in GRANTS_BY_TYPE if new`);
            for (const t of types) declared.add(t);
        }
        const extra = PLATFORM_RESOURCE_TYPES.filter((t) => !declared.has(t));
        assert.deepStrictEqual(extra, [], "PLATFORM_RESOURCE_TYPES lists types neither stack declares: remove them");
    });

    for (const stack of STACKS) {
        it(`${stack}: the deployer holds exactly the grants the platform's resource types need`, () => {
            const needed = deployerGrants(PLATFORM_RESOURCE_TYPES).map((g) => `${g.scope === "billing-account" ? "billing" : "project"} ${g.role}${g.condition ? " (conditioned)" : ""}`).sort();
            const held = everyBinding(stacks[stack])
                .filter((b) => accountOf(b.inputs["member"]) === `deployer-${stack}`)
                .filter((b) => b.type === "gcp:projects/iAMMember:IAMMember" || b.type === "gcp:billing/accountIamMember:AccountIamMember")
                .map((b) => `${b.type.startsWith("gcp:billing") ? "billing" : "project"} ${String(b.inputs["role"]).replace(/^projects\/[^/]+\/roles\//, "")}${b.inputs["condition"] ? " (conditioned)" : ""}`)
                .sort();
            assert.deepStrictEqual(held, needed);
        });
    }

    it("the platform grants no CI account anything on the project, and actAs only on its own runtime accounts", async () => {
        for (const stack of STACKS) {
            const run = await stackRun(stack);
            for (const r of run.ofType("gcp:projects/iAMMember:IAMMember")) {
                assert.ok(!String(r.inputs["member"]).includes(`@${CI_PROJECT}.`), `${stack}: ${r.name} grants a CI account ${r.inputs["role"]} on the project`);
            }
            const accounts = new Set(run.ofType("gcp:serviceaccount/account:Account").map((a) => `projects/${PROJECT_OF[stack]}/serviceAccounts/${a.inputs["accountId"]}@${PROJECT_OF[stack]}.iam.gserviceaccount.com`));
            for (const r of run.ofType("gcp:serviceaccount/iAMMember:IAMMember")) {
                assert.ok(accounts.has(String(r.inputs["serviceAccountId"])), `${r.name} is on an account this stack does not own`);
                assert.strictEqual(r.inputs["member"], `serviceAccount:deployer-${stack}@${CI_PROJECT}.iam.gserviceaccount.com`, r.name);
            }
        }
    });
});
