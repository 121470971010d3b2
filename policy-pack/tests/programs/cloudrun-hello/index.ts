// What pulumi/examples gcp-ts-cloudrun declares (facts, not its code): a prebuilt hello container
// and a custom one as Cloud Run services through the v1 API, each opened to allUsers.
import * as gcp from "@pulumi/gcp";

const location = "us-central1";

const hello = new gcp.cloudrun.Service("hello", {
    location,
    template: { spec: { containers: [{ image: "gcr.io/cloudrun/hello" }] } },
});
new gcp.cloudrun.IamMember("hello-everyone", { service: hello.name, location, role: "roles/run.invoker", member: "allUsers" });

const ruby = new gcp.cloudrun.Service("ruby", {
    location,
    template: {
        spec: {
            containers: [{ image: "gcr.io/example-project/ruby-app:v1.0.0", resources: { limits: { memory: "1Gi" } }, ports: [{ containerPort: 8080 }] }],
            containerConcurrency: 50,
        },
    },
});
new gcp.cloudrun.IamMember("ruby-everyone", { service: ruby.name, location, role: "roles/run.invoker", member: "allUsers" });
