// What pulumi/examples gcp-ts-gke-hello-world declares on Google Cloud (facts, not its code): a
// GKE cluster whose default pool is removed, and a separately managed pool of two preemptible
// n1-standard-1 nodes. (The Kubernetes objects it then deploys are not Google Cloud resources.)
import * as gcp from "@pulumi/gcp";

const cluster = new gcp.container.Cluster("helloworld", {
    location: "us-central1-a",
    initialNodeCount: 1,
    removeDefaultNodePool: true,
    deletionProtection: false,
});
new gcp.container.NodePool("primary-node-pool", {
    cluster: cluster.name,
    location: cluster.location,
    initialNodeCount: 2,
    nodeConfig: {
        preemptible: true,
        machineType: "n1-standard-1",
        oauthScopes: [
            "https://www.googleapis.com/auth/compute",
            "https://www.googleapis.com/auth/devstorage.read_only",
            "https://www.googleapis.com/auth/logging.write",
            "https://www.googleapis.com/auth/monitoring",
        ],
    },
    management: { autoRepair: true },
});
