// Who CI is: the GitHub environments the workflows run in, and the one service account each
// environment may impersonate. Pure data, shared by the bootstrap (which creates the accounts,
// their trust and their grants) and the platform (which grants its deployer actAs on the runtime
// accounts it deploys, by email). The contract between lanes: the deployer of stack S trusts
// exactly `repo:<owner>/<repo>:environment:S`, the previewer of S `…:environment:preview-S`, the
// scanner `…:environment:vulnerability-report`.

import { StackName } from "../policy-pack/conventions";

/**
 * The GCP project that holds the CI trust (Workload Identity pool and provider) and every CI
 * service account. It is neither stack's project, so a deployer that may manage service accounts
 * in its stack's project can never reach its own account, its trust or another CI account.
 * `bootstrap/Pulumi.mindmirror-ci.yaml` must name it (tests/bootstrap.test.ts checks).
 */
export const CI_PROJECT = "mindmirror-ci";

/** The Workload Identity pool and provider ids in CI_PROJECT. */
export const CI_POOL_ID = "github-actions";
export const CI_PROVIDER_ID = "github";

export type CiRole = "deployer" | "previewer" | "scanner";

/** How a GitHub environment lets a run in: which refs, and whether a reviewer must approve it. */
export interface EnvironmentPolicy {
    /** Deployment branch or tag patterns; empty: any branch (pull request previews). */
    readonly branches: readonly string[];
    readonly tags: readonly string[];
    /** A required reviewer approves each run (and may not approve their own). */
    readonly reviewers: boolean;
}

export interface CiIdentity {
    readonly role: CiRole;
    /** The platform stack whose project the account works in. */
    readonly stack: StackName;
    /** Service account id in CI_PROJECT. */
    readonly accountId: string;
    /** The one GitHub environment whose jobs may impersonate the account. */
    readonly environment: string;
    readonly policy: EnvironmentPolicy;
    /** One line: what a run with this identity does. */
    readonly purpose: string;
}

const MAIN: EnvironmentPolicy = { branches: ["main"], tags: [], reviewers: false };

/** Every CI identity, one per role and stack (the scanner reads production's images). */
export const CI_IDENTITIES: readonly CiIdentity[] = [
    { role: "deployer", stack: "staging", accountId: "deployer-staging", environment: "staging", policy: MAIN, purpose: "`pulumi up` of staging after a merge to main" },
    { role: "deployer", stack: "production", accountId: "deployer-production", environment: "production", policy: { branches: [], tags: ["v*"], reviewers: true }, purpose: "`pulumi up` of production for a `v*` tag, after a reviewer approves" },
    { role: "previewer", stack: "staging", accountId: "previewer-staging", environment: "preview-staging", policy: { branches: [], tags: [], reviewers: false }, purpose: "`pulumi preview` of staging on any pull request" },
    { role: "previewer", stack: "production", accountId: "previewer-production", environment: "preview-production", policy: { branches: [], tags: [], reviewers: true }, purpose: "`pulumi preview` of production on a pull request, after a reviewer approves" },
    { role: "scanner", stack: "production", accountId: "scanner", environment: "vulnerability-report", policy: MAIN, purpose: "the scheduled vulnerability scan of production's images, from main" },
];

/** The variables every environment carries (the workflows read them as `vars.*`). */
export const ENVIRONMENT_VARIABLES = [
    "GCP_WORKLOAD_IDENTITY_PROVIDER", "GCP_SERVICE_ACCOUNT", "GCP_PROJECT", "GCP_REGION", "PULUMI_BACKEND_URL", "PULUMI_STACK",
] as const;

export function ciAccountEmail(accountId: string, ciProject: string = CI_PROJECT): string {
    return `${accountId}@${ciProject}.iam.gserviceaccount.com`;
}

/** The CI identity of one role for one stack; throws when there is none. */
export function ciIdentity(role: CiRole, stack: StackName): CiIdentity {
    const found = CI_IDENTITIES.find((i) => i.role === role && i.stack === stack);
    if (!found) throw new Error(`no ${role} identity for stack ${stack}`);
    return found;
}

/** The `sub` claim GitHub puts in the OIDC token of a job that runs in this environment. */
export function environmentSubject(repository: string, environment: string): string {
    return `repo:${repository}:environment:${environment}`;
}

/** The state bucket of a stack's project (created by the bootstrap). */
export function stateBucketName(project: string): string {
    return `${project}-pulumi-state`;
}
