// Operator access to the private databases: one small VM with no public IP and no service account,
// reachable only through Identity-Aware Proxy TCP forwarding (a firewall rule admits IAP's range on
// port 22 to this VM alone). Operators sign in with OS Login and forward a local port to a Cloud
// SQL private IP over SSH; nothing on the VM holds a credential. Off unless the stack turns it on.

import * as gcp from "@pulumi/gcp";
import * as pulumi from "@pulumi/pulumi";
import { Labels } from "./labels";
import { memberKey } from "./service";

export interface OperatorAccessArgs {
    readonly project: string;
    /** Zone of the VM, e.g. us-central1-a. */
    readonly zone: string;
    readonly name: string;
    /** @default "e2-micro" */
    readonly machineType?: string;
    readonly network: pulumi.Input<string>;
    readonly subnetwork: pulumi.Input<string>;
    /** IAM members who may open the tunnel and log in. */
    readonly members: readonly string[];
    readonly labels: Labels;
}

/** The range IAP's TCP forwarding connects from (Google's documented source range). */
export const IAP_TCP_RANGE = "35.235.240.0/20";
const TAG = "operator-access";

export class OperatorAccess extends pulumi.ComponentResource {
    public readonly instance: gcp.compute.Instance;
    public readonly firewall: gcp.compute.Firewall;

    constructor(name: string, args: OperatorAccessArgs, opts?: pulumi.ComponentResourceOptions) {
        super("mindmirror:platform:OperatorAccess", name, {}, opts);
        if (args.members.length === 0) throw new Error("OperatorAccess: members is empty; name who may open the tunnel.");

        this.instance = new gcp.compute.Instance(`${name}-vm`, {
            project: args.project,
            zone: args.zone,
            name: args.name,
            description: "Operator access to private Cloud SQL through IAP TCP forwarding; no public IP, no service account.",
            machineType: args.machineType ?? "e2-micro",
            bootDisk: { initializeParams: { image: "debian-cloud/debian-12", size: 10, type: "pd-balanced" } },
            // No accessConfigs: no external IP. No serviceAccount: the VM can call no Google API.
            networkInterfaces: [{ network: args.network, subnetwork: args.subnetwork }],
            shieldedInstanceConfig: { enableSecureBoot: true, enableVtpm: true, enableIntegrityMonitoring: true },
            metadata: { "enable-oslogin": "TRUE", "block-project-ssh-keys": "TRUE" },
            tags: [TAG],
            labels: { ...args.labels },
            allowStoppingForUpdate: true,
        }, { parent: this });

        this.firewall = new gcp.compute.Firewall(`${name}-iap-ssh`, {
            project: args.project,
            name: `${args.name}-iap-ssh`,
            description: "SSH from Identity-Aware Proxy's TCP forwarding range to the operator-access VM only.",
            network: args.network,
            direction: "INGRESS",
            sourceRanges: [IAP_TCP_RANGE],
            targetTags: [TAG],
            allows: [{ protocol: "tcp", ports: ["22"] }],
        }, { parent: this });

        for (const member of args.members) {
            const key = memberKey(member);
            new gcp.iap.TunnelInstanceIAMMember(`${name}-tunnel-${key}`, {
                project: args.project,
                zone: args.zone,
                instance: this.instance.name,
                role: "roles/iap.tunnelResourceAccessor",
                member,
            }, { parent: this });
            new gcp.compute.InstanceIAMMember(`${name}-login-${key}`, {
                project: args.project,
                zone: args.zone,
                instanceName: this.instance.name,
                role: "roles/compute.osLogin",
                member,
            }, { parent: this });
        }
        this.registerOutputs({ instance: this.instance.name });
    }
}

/** The command that forwards local port 5432 to a database's private IP through the VM. */
export function tunnelCommand(vm: string, zone: string, project: string, privateIp: string): string {
    return `gcloud compute ssh ${vm} --project ${project} --zone ${zone} --tunnel-through-iap -- -N -L 5432:${privateIp}:5432`;
}
