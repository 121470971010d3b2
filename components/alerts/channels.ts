// Where alerts go: one email channel per address from stack config, plus Slack when configured.

import * as gcp from "@pulumi/gcp";
import * as pulumi from "@pulumi/pulumi";
import { Labels } from "../labels";

export interface ChannelsArgs {
    readonly project: string;
    readonly emails: readonly string[];
    /** Slack channel (e.g. #alerts) and the app's OAuth token, a Pulumi secret. */
    readonly slack?: { readonly channel: string; readonly authToken: pulumi.Input<string> };
    readonly labels: Labels;
}

export class AlertChannels extends pulumi.ComponentResource {
    /** Channel ids, for alert policies and budgets. */
    public readonly ids: pulumi.Output<string>[];

    constructor(name: string, args: ChannelsArgs, opts?: pulumi.ComponentResourceOptions) {
        super("mindmirror:platform:AlertChannels", name, {}, opts);

        const channels = [...args.emails].sort().map((email) => new gcp.monitoring.NotificationChannel(`${name}-email-${email}`, {
            project: args.project,
            displayName: `Email ${email}`,
            type: "email",
            labels: { email_address: email },
            userLabels: { ...args.labels },
        }, { parent: this }));
        if (args.slack) {
            channels.push(new gcp.monitoring.NotificationChannel(`${name}-slack`, {
                project: args.project,
                displayName: `Slack ${args.slack.channel}`,
                type: "slack",
                labels: { channel_name: args.slack.channel },
                sensitiveLabels: { authToken: pulumi.secret(args.slack.authToken) },
                userLabels: { ...args.labels },
            }, { parent: this }));
        }
        this.ids = channels.map((c) => c.name);

        this.registerOutputs({ ids: this.ids });
    }
}
