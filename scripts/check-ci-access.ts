// Checks exported Pulumi state (`pulumi stack export`) of the bootstrap and platform stacks for the
// CI invariants the unit tests check under mocks, on what the real engine recorded:
//   - every roles/iam.workloadIdentityUser binding names one exact subject (principal://…/subject/…),
//     never a principalSet;
//   - every Workload Identity provider's condition pins assertion.repository_id;
//   - no project-level grant of a self-escalating role without a modifiedGrantsByRole condition;
//   - no project-level grant to a CI account in a platform stack.
// Usage: ts-node scripts/check-ci-access.ts --platform <export.json>... --bootstrap <export.json>...
// Prints one line of figures; exits 1 with each problem named.

import * as fs from "fs";
import { CI_PROJECT } from "../components/ci-identities";
import { SELF_ESCALATING_ROLES } from "../bootstrap/deployer-roles";

interface StateResource { type: string; urn: string; inputs?: Record<string, unknown> }
interface Export { deployment: { resources?: StateResource[] } }

const SUBJECT = /^principal:\/\/iam\.googleapis\.com\/projects\/\d+\/locations\/global\/workloadIdentityPools\/[a-z0-9-]+\/subject\/repo:[^/:\s]+\/[^/:\s]+:environment:[A-Za-z0-9_.-]+$/;
const PROJECT_GRANT = /^gcp:projects\/iAM(Member|Binding|Policy):/;

export interface Figures { resources: number; wif: number; providers: number; projectGrants: number; escalatingConditioned: number; problems: string[] }

export function check(platform: readonly Export[], bootstrap: readonly Export[]): Figures {
    const f: Figures = { resources: 0, wif: 0, providers: 0, projectGrants: 0, escalatingConditioned: 0, problems: [] };
    const visit = (exp: Export, isPlatform: boolean) => {
        for (const r of exp.deployment.resources ?? []) {
            if (r.type.startsWith("pulumi:")) continue;
            f.resources++;
            const inputs = r.inputs ?? {};
            const name = r.urn.split("::").pop();
            if (JSON.stringify(inputs).includes("principalSet://")) f.problems.push(`${name}: names a principalSet`);
            if (inputs["role"] === "roles/iam.workloadIdentityUser") {
                f.wif++;
                const members = inputs["members"] ?? [inputs["member"]];
                if (!Array.isArray(members) || members.length !== 1 || !SUBJECT.test(String(members[0]))) f.problems.push(`${name}: workloadIdentityUser for ${JSON.stringify(members)}, not one exact subject`);
            }
            if (r.type === "gcp:iam/workloadIdentityPoolProvider:WorkloadIdentityPoolProvider") {
                f.providers++;
                if (!/assertion\.repository_id == '\d+'/.test(String(inputs["attributeCondition"] ?? ""))) f.problems.push(`${name}: the provider's condition does not pin repository_id`);
            }
            if (PROJECT_GRANT.test(r.type)) {
                f.projectGrants++;
                const role = String(inputs["role"] ?? "");
                const condition = String((inputs["condition"] as { expression?: string } | undefined)?.expression ?? "");
                if (SELF_ESCALATING_ROLES.includes(role)) {
                    if (/modifiedGrantsByRole/.test(condition)) f.escalatingConditioned++;
                    else f.problems.push(`${name}: ${role} on the project without a modifiedGrantsByRole condition`);
                }
                if (isPlatform && String(inputs["member"] ?? "").includes(`@${CI_PROJECT}.iam.gserviceaccount.com`)) f.problems.push(`${name}: the platform grants a CI account ${role} on the project`);
            }
        }
    };
    for (const exp of platform) visit(exp, true);
    for (const exp of bootstrap) visit(exp, false);
    return f;
}

if (require.main === module) {
    const platform: Export[] = [];
    const bootstrap: Export[] = [];
    let into = platform;
    for (const arg of process.argv.slice(2)) {
        if (arg === "--platform") into = platform;
        else if (arg === "--bootstrap") into = bootstrap;
        else into.push(JSON.parse(fs.readFileSync(arg, "utf8")) as Export);
    }
    const f = check(platform, bootstrap);
    for (const p of f.problems) console.error(`  ${p}`);
    console.log(`${platform.length + bootstrap.length} exports, ${f.resources} resources: ${f.wif} workloadIdentityUser bindings (exact subjects), ${f.providers} provider(s) pinning repository_id, ${f.projectGrants} project grants (${f.escalatingConditioned} self-escalating, all conditioned), ${f.problems.length} problems`);
    process.exit(f.problems.length === 0 && f.wif > 0 && f.providers > 0 ? 0 : 1);
}
