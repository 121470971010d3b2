// GitHub's side of CI, as code: one environment per CI identity with its deployment branch or tag
// policy and required reviewers, the variables the workflows read, and rulesets that keep `main`
// behind code-owner review and `v*` tags to admins. Needs a token with repository administration
// rights in GITHUB_TOKEN when run for real (`github:owner` names the owner).

import * as github from "@pulumi/github";
import * as pulumi from "@pulumi/pulumi";
import { CI_IDENTITIES, CiIdentity, ENVIRONMENT_VARIABLES } from "../components/ci-identities";

export interface Reviewers {
    /** Numeric GitHub user ids. */
    readonly users: readonly number[];
    /** Numeric GitHub team ids. */
    readonly teams: readonly number[];
}

export interface GitHubSettingsArgs {
    /** Repository name (without the owner). */
    readonly repository: string;
    readonly reviewers: Reviewers;
    /** The six variables' values for each environment. */
    readonly variables: (identity: CiIdentity) => Record<(typeof ENVIRONMENT_VARIABLES)[number], pulumi.Input<string>>;
}

/** GitHub's built-in repository role id of Admin, for ruleset bypass actors. */
export const ADMIN_REPOSITORY_ROLE_ID = 5;

export class GitHubSettings extends pulumi.ComponentResource {
    public readonly environments: ReadonlyMap<string, github.RepositoryEnvironment>;

    constructor(name: string, args: GitHubSettingsArgs, opts?: pulumi.ComponentResourceOptions) {
        super("mindmirror:bootstrap:GitHubSettings", name, {}, opts);
        const repository = args.repository;
        const environments = new Map<string, github.RepositoryEnvironment>();

        for (const identity of CI_IDENTITIES) {
            const env = identity.environment;
            const policy = identity.policy;
            const restricted = policy.branches.length + policy.tags.length > 0;
            const environment = new github.RepositoryEnvironment(`${name}-${env}`, {
                repository,
                environment: env,
                // Nobody approves their own run, and admins do not skip the rules either.
                preventSelfReview: policy.reviewers ? true : undefined,
                canAdminsBypass: false,
                reviewers: policy.reviewers ? [{ users: [...args.reviewers.users], teams: [...args.reviewers.teams] }] : undefined,
                // Unset: any branch (pull request previews); set: only the patterns below.
                deploymentBranchPolicy: restricted ? { protectedBranches: false, customBranchPolicies: true } : undefined,
            }, { parent: this });
            environments.set(env, environment);
            const after = { parent: this, dependsOn: [environment] };
            for (const branch of policy.branches) {
                new github.RepositoryEnvironmentDeploymentPolicy(`${name}-${env}-branch-${branch}`, { repository, environment: env, branchPattern: branch }, after);
            }
            for (const tag of policy.tags) {
                new github.RepositoryEnvironmentDeploymentPolicy(`${name}-${env}-tag-${tag.replace(/\*/g, "star")}`, { repository, environment: env, tagPattern: tag }, after);
            }
            const values = args.variables(identity);
            for (const variable of ENVIRONMENT_VARIABLES) {
                new github.ActionsEnvironmentVariable(`${name}-${env}-${variable}`, { repository, environment: env, variableName: variable, value: values[variable] }, after);
            }
        }

        // main: changes only through a pull request a code owner approved after its last push.
        new github.RepositoryRuleset(`${name}-main`, {
            repository,
            name: "main: code-owner review",
            target: "branch",
            enforcement: "active",
            conditions: { refName: { includes: ["~DEFAULT_BRANCH"], excludes: [] } },
            rules: {
                pullRequest: {
                    requireCodeOwnerReview: true,
                    requiredApprovingReviewCount: 1,
                    dismissStaleReviewsOnPush: true,
                    requireLastPushApproval: true,
                    requiredReviewThreadResolution: true,
                },
                deletion: true,
                nonFastForward: true,
            },
        }, { parent: this });

        // v* tags (production deploys) are created, moved or deleted by admins only.
        new github.RepositoryRuleset(`${name}-release-tags`, {
            repository,
            name: "v* tags: admins only",
            target: "tag",
            enforcement: "active",
            conditions: { refName: { includes: ["refs/tags/v*"], excludes: [] } },
            rules: { creation: true, update: true, deletion: true },
            bypassActors: [{ actorId: ADMIN_REPOSITORY_ROLE_ID, actorType: "RepositoryRole", bypassMode: "always" }],
        }, { parent: this });

        this.environments = environments;
        this.registerOutputs({ environments: [...environments.keys()] });
    }
}
