// What pulumi/examples gcp-ts-k8s-ruby-on-rails-postgresql declares for its database (facts, not
// its code): a db-f1-micro PostgreSQL instance whose authorized networks admit 0.0.0.0/0, and a
// user whose password comes from stack config as a secret.
import * as gcp from "@pulumi/gcp";
import * as pulumi from "@pulumi/pulumi";

const instance = new gcp.sql.DatabaseInstance("web-db", {
    databaseVersion: "POSTGRES_9_6",
    region: "us-central1",
    settings: {
        tier: "db-f1-micro",
        ipConfiguration: { authorizedNetworks: [{ value: "0.0.0.0/0" }] },
    },
});
new gcp.sql.User("web-db-user", {
    instance: instance.name,
    name: "rails",
    password: pulumi.secret("changed-by-config"),
});
