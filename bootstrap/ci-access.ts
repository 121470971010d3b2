// What the CI accounts of one stack may do in that stack's project: the bindings of access.ts
// (state objects, secrets key, project roles, billing account), the custom roles they name, and
// the default service accounts stripped of Editor (the deployer manages service-account IAM in this
// project, so no account in it may be worth more than a runtime account).

import * as gcp from "@pulumi/gcp";
import * as pulumi from "@pulumi/pulumi";
import { ciAccountEmail } from "../components/ci-identities";
import { Binding } from "./access";
import { CUSTOM_ROLES } from "./deployer-roles";

export interface CiAccessArgs {
    readonly project: string;
    readonly ciProject: string;
    readonly bindings: readonly Binding[];
    readonly bucket: pulumi.Input<string>;
    readonly cryptoKeyId: pulumi.Input<string>;
    /** Billing account id (XXXXXX-XXXXXX-XXXXXX) of the stack's budget. */
    readonly billingAccount: string;
}

export class CiAccess extends pulumi.ComponentResource {
    constructor(name: string, args: CiAccessArgs, opts?: pulumi.ComponentResourceOptions) {
        super("mindmirror:bootstrap:CiAccess", name, {}, opts);
        const { project } = args;

        const roles = new Map<string, gcp.projects.IAMCustomRole>();
        for (const role of CUSTOM_ROLES) {
            if (!args.bindings.some((b) => b.custom && b.role === role.roleId)) continue;
            roles.set(role.roleId, new gcp.projects.IAMCustomRole(`${name}-role-${role.roleId}`, {
                project,
                roleId: role.roleId,
                title: role.title,
                description: role.description,
                permissions: [...role.permissions],
                stage: "GA",
            }, { parent: this }));
        }

        // The default compute and App Engine accounts get Editor when their API is enabled; the
        // deployer may set IAM on accounts in this project, so they must not be worth more than a
        // runtime account. DEPRIVILEGE removes Editor and leaves the accounts in place.
        new gcp.projects.DefaultServiceAccounts(`${name}-default-accounts`, {
            project,
            action: "DEPRIVILEGE",
            restorePolicy: "REVERT_AND_IGNORE_FAILURE",
        }, { parent: this });

        for (const b of args.bindings) {
            const member = `serviceAccount:${ciAccountEmail(b.identity.accountId, args.ciProject)}`;
            // The custom role's full name, known in advance; dependsOn orders the grant after the role.
            const role = b.custom ? `projects/${project}/roles/${b.role}` : b.role;
            const condition = b.condition ? { title: b.condition.title, expression: b.condition.expression } : undefined;
            const id = `${name}-${b.identity.accountId}-${b.role.replace(/^roles\//, "")}`;
            const resourceOpts = { parent: this, dependsOn: b.custom ? [roles.get(b.role)!] : [] };
            switch (b.target) {
                case "project":
                    new gcp.projects.IAMMember(id, { project, role, member, condition }, resourceOpts);
                    break;
                case "state bucket":
                    new gcp.storage.BucketIAMMember(id, { bucket: args.bucket, role, member, condition }, resourceOpts);
                    break;
                case "secrets key":
                    new gcp.kms.CryptoKeyIAMMember(id, { cryptoKeyId: args.cryptoKeyId, role, member, condition }, resourceOpts);
                    break;
                case "billing account":
                    new gcp.billing.AccountIamMember(id, { billingAccountId: args.billingAccount, role, member, condition }, resourceOpts);
                    break;
            }
        }
        this.registerOutputs({});
    }
}
