// What pulumi/examples gcp-ts-serverless-raw declares (facts, not its code): a bucket holding two
// source archives, and two 1st gen functions with HTTP triggers and 128 MB, no instance limit.
import * as gcp from "@pulumi/gcp";
import * as pulumi from "@pulumi/pulumi";

const bucket = new gcp.storage.Bucket("bucket", { location: "US" });

for (const [name, runtime, entryPoint] of [["python", "python37", "handler"], ["go", "go111", "Handler"]]) {
    const archive = new gcp.storage.BucketObject(`${name}-zip`, {
        bucket: bucket.name,
        source: new pulumi.asset.AssetArchive({ "main.txt": new pulumi.asset.StringAsset(`${name} function source`) }),
    });
    new gcp.cloudfunctions.Function(`${name}-func`, {
        sourceArchiveBucket: bucket.name,
        sourceArchiveObject: archive.name,
        runtime,
        entryPoint,
        triggerHttp: true,
        availableMemoryMb: 128,
    });
}
