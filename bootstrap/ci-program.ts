// The bootstrap of the CI project, as a function of typed arguments (index.ts reads
// Pulumi.mindmirror-ci.yaml): the Workload Identity pool and provider, one service account per CI
// identity with its one trusted environment (ci-trust.ts), and GitHub's environments, variables and
// rulesets (github-settings.ts). Run by an operator with local state, before the stacks' bootstraps.

import * as pulumi from "@pulumi/pulumi";
import { CI_PROJECT, ciAccountEmail, stateBucketName } from "../components/ci-identities";
import { STACKS, StackName } from "../policy-pack/conventions";
import { CiTrust } from "./ci-trust";
import { GitHubSettings, Reviewers } from "./github-settings";
import { formatProblems } from "./program";

export interface CiBootstrapArgs {
    /** Must be CI_PROJECT: the platform grants its deployer by an email in that project. */
    readonly project: string;
    readonly github: {
        readonly owner: string;
        readonly repository: string;
        readonly repositoryId: number;
        readonly ownerId: number;
        readonly reviewers: Reviewers;
    };
    /** Each platform stack's project and region (the environments' GCP_PROJECT and GCP_REGION). */
    readonly stacks: Readonly<Record<StackName, { readonly project: string; readonly region: string }>>;
}

export interface CiBootstrapOutputs {
    readonly workloadIdentityProvider: pulumi.Output<string>;
    readonly serviceAccounts: Record<string, string>;
}

const NAME = /^[A-Za-z0-9_.-]{1,100}$/;
const PROJECT = /^[a-z][a-z0-9-]{4,28}[a-z0-9]$/;

/** Every problem with the arguments, at once (empty when they are fine). */
export function validateCiBootstrapArgs(args: CiBootstrapArgs): string[] {
    const issues: string[] = [];
    if (args.project !== CI_PROJECT) issues.push(`project: "${args.project}" must be ${CI_PROJECT} (CI_PROJECT in components/ci-identities.ts, which the platform grants by)`);
    const gh = args.github;
    if (!NAME.test(gh.owner ?? "")) issues.push(`github.owner: "${gh.owner}" is not a GitHub owner`);
    if (!NAME.test(gh.repository ?? "")) issues.push(`github.repository: "${gh.repository}" is not a repository name (without the owner)`);
    for (const key of ["repositoryId", "ownerId"] as const) {
        if (!Number.isInteger(gh[key]) || gh[key] <= 0) issues.push(`github.${key}: ${JSON.stringify(gh[key])} must be GitHub's numeric id (gh api repos/<owner>/<repo> --jq .id / .owner.id)`);
    }
    const reviewers = [...(gh.reviewers?.users ?? []), ...(gh.reviewers?.teams ?? [])];
    if (reviewers.length === 0) issues.push("github.reviewers: production and preview-production need at least one user or team id");
    if (reviewers.some((id) => !Number.isInteger(id) || id <= 0)) issues.push("github.reviewers: ids must be positive integers");
    for (const stack of STACKS) {
        const s = args.stacks?.[stack];
        if (!s || !PROJECT.test(s.project ?? "")) issues.push(`stacks.${stack}.project: required, a GCP project id`);
        else if (s.project === args.project) issues.push(`stacks.${stack}.project: must not be the CI project`);
        if (!s?.region) issues.push(`stacks.${stack}.region: required`);
    }
    return issues;
}

export function runCiBootstrap(args: CiBootstrapArgs): CiBootstrapOutputs {
    const issues = validateCiBootstrapArgs(args);
    if (issues.length > 0) throw new pulumi.RunError(formatProblems("CI bootstrap config is not valid", issues));
    const gh = args.github;
    const trust = new CiTrust("ci", {
        project: args.project,
        repository: { fullName: `${gh.owner}/${gh.repository}`, repositoryId: gh.repositoryId, ownerId: gh.ownerId },
    });
    new GitHubSettings("github", {
        repository: gh.repository,
        reviewers: gh.reviewers,
        variables: (identity) => {
            const stack = args.stacks[identity.stack];
            return {
                GCP_WORKLOAD_IDENTITY_PROVIDER: trust.provider.name,
                GCP_SERVICE_ACCOUNT: trust.accounts.get(identity.accountId)!.email,
                GCP_PROJECT: stack.project,
                GCP_REGION: stack.region,
                PULUMI_BACKEND_URL: `gs://${stateBucketName(stack.project)}`,
                PULUMI_STACK: identity.stack,
            };
        },
    });
    return {
        workloadIdentityProvider: trust.provider.name,
        serviceAccounts: Object.fromEntries([...trust.accounts.keys()].map((id) => [id, ciAccountEmail(id, args.project)])),
    };
}
