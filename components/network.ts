// The VPC the platform's private traffic uses: one regional subnet with Private Google Access for
// Direct VPC egress (no connector VMs to pay for), the private services range and peering that
// give Cloud SQL and Memorystore private IPs, and a Cloud NAT only when a service needs it.

import * as gcp from "@pulumi/gcp";
import * as pulumi from "@pulumi/pulumi";

export interface NetworkArgs {
    readonly project: string;
    readonly region: string;
    readonly prefix: string;
    /** Primary range of the Cloud Run subnet. */
    readonly subnetCidr: string;
    /** Size of the range reserved for Google-managed services (Cloud SQL, Memorystore). */
    readonly privateServicesPrefixLength: number;
    /** Cloud NAT for services that send all traffic to the VPC and still call the internet. */
    readonly nat: boolean;
}

export class Network extends pulumi.ComponentResource {
    public readonly network: gcp.compute.Network;
    public readonly subnet: gcp.compute.Subnetwork;
    /** Cloud SQL and Memorystore must wait for this peering. */
    public readonly privateServices: gcp.servicenetworking.Connection;
    public readonly nat?: gcp.compute.RouterNat;

    constructor(name: string, args: NetworkArgs, opts?: pulumi.ComponentResourceOptions) {
        super("mindmirror:platform:Network", name, {}, opts);

        this.network = new gcp.compute.Network(`${name}-vpc`, {
            project: args.project,
            name: `${args.prefix}mindmirror`,
            description: "MindMirror platform VPC: Cloud Run egress, Cloud SQL and Memorystore private IPs.",
            autoCreateSubnetworks: false,
            routingMode: "REGIONAL",
        }, { parent: this });

        this.subnet = new gcp.compute.Subnetwork(`${name}-subnet`, {
            project: args.project,
            region: args.region,
            name: `${args.prefix}run-${args.region}`,
            network: this.network.id,
            ipCidrRange: args.subnetCidr,
            // Services sending all traffic to the VPC still reach Google APIs (and *.run.app) privately.
            privateIpGoogleAccess: true,
        }, { parent: this });

        const range = new gcp.compute.GlobalAddress(`${name}-private-services-range`, {
            project: args.project,
            name: `${args.prefix}google-managed-services`,
            purpose: "VPC_PEERING",
            addressType: "INTERNAL",
            prefixLength: args.privateServicesPrefixLength,
            network: this.network.id,
        }, { parent: this });

        this.privateServices = new gcp.servicenetworking.Connection(`${name}-private-services`, {
            network: this.network.id,
            service: "servicenetworking.googleapis.com",
            reservedPeeringRanges: [range.name],
            // The peering cannot be deleted while Cloud SQL still holds addresses; abandon it instead of failing destroy.
            deletionPolicy: "ABANDON",
        }, { parent: this });

        if (args.nat) {
            const router = new gcp.compute.Router(`${name}-router`, {
                project: args.project,
                region: args.region,
                name: `${args.prefix}mindmirror-${args.region}`,
                network: this.network.id,
            }, { parent: this });
            this.nat = new gcp.compute.RouterNat(`${name}-nat`, {
                project: args.project,
                region: args.region,
                name: `${args.prefix}mindmirror-egress`,
                router: router.name,
                natIpAllocateOption: "AUTO_ONLY",
                sourceSubnetworkIpRangesToNat: "LIST_OF_SUBNETWORKS",
                subnetworks: [{ name: this.subnet.id, sourceIpRangesToNats: ["ALL_IP_RANGES"] }],
                logConfig: { enable: true, filter: "ERRORS_ONLY" },
            }, { parent: this });
        }

        this.registerOutputs({ network: this.network.id, subnet: this.subnet.id });
    }
}
