// MindMirror platform: `pulumi up -s staging` or `-s production`. Everything it declares comes from
// catalog/ (what exists) and Pulumi.<stack>.yaml (how big, where); see README.md.

import { runProgram } from "./program";

export = runProgram();
