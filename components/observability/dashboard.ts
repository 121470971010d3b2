// The stack's one dashboard, generated from the catalog (dashboard-layout.ts): a service, an
// instance or an SLO added to the catalog adds its tiles at the next `pulumi up`.

import * as gcp from "@pulumi/gcp";
import * as pulumi from "@pulumi/pulumi";
import { DashboardSpec, buildDashboard } from "./dashboard-layout";

export class Dashboard extends pulumi.ComponentResource {
    public readonly dashboard: gcp.monitoring.Dashboard;
    /** Tiles on the dashboard. */
    public readonly tileCount: number;

    constructor(name: string, args: DashboardSpec, opts?: pulumi.ComponentResourceOptions) {
        super("mindmirror:platform:Dashboard", name, {}, opts);
        const body = buildDashboard(args);
        this.tileCount = body.mosaicLayout.tiles.length;
        this.dashboard = new gcp.monitoring.Dashboard(`${name}-stack`, {
            project: args.project,
            dashboardJson: JSON.stringify(body),
        }, { parent: this });
        this.registerOutputs({ tileCount: this.tileCount });
    }
}
