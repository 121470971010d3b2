// The deployer's foothold in the platform: actAs (roles/iam.serviceAccountUser) on each runtime or
// push account it deploys, granted on that account only. The deployer itself, its trust and every
// other CI identity live in the bootstrap (bootstrap/, CI project); this program never grants a CI
// account anything on the project (tests/stacks.test.ts checks).

import * as gcp from "@pulumi/gcp";
import * as pulumi from "@pulumi/pulumi";
import { StackName } from "../policy-pack/conventions";
import { ciAccountEmail, ciIdentity } from "./ci-identities";

export interface DeployIdentityArgs {
    readonly stack: StackName;
}

export class DeployIdentity extends pulumi.ComponentResource {
    /** The deployer of this stack (created by the bootstrap in the CI project). */
    public readonly deployerEmail: string;
    public readonly deployerMember: string;
    private readonly grants = new Map<string, gcp.serviceaccount.IAMMember>();

    constructor(private readonly name: string, args: DeployIdentityArgs, opts?: pulumi.ComponentResourceOptions) {
        super("mindmirror:platform:DeployIdentity", name, {}, opts);
        this.deployerEmail = ciAccountEmail(ciIdentity("deployer", args.stack).accountId);
        this.deployerMember = `serviceAccount:${this.deployerEmail}`;
        this.registerOutputs({ deployer: this.deployerEmail });
    }

    /** Lets the deployer attach this account to what it deploys (a Cloud Run service, job, or push subscription). */
    allowActAs(key: string, account: gcp.serviceaccount.Account): gcp.serviceaccount.IAMMember {
        const existing = this.grants.get(key);
        if (existing) return existing;
        const grant = new gcp.serviceaccount.IAMMember(`${this.name}-act-as-${key}`, {
            serviceAccountId: account.name,
            role: "roles/iam.serviceAccountUser",
            member: this.deployerMember,
        }, { parent: this });
        this.grants.set(key, grant);
        return grant;
    }
}
