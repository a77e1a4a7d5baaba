// The tencent-ci-jobs policy pack, the `main` of policy/package.json that the CLI runs.
//
// It requires the compiled policies by the package's name, `pulumi-tencent-ci/policy`, rather than
// by a path, so that it runs unchanged wherever the folder is: in this checkout (the package links
// to itself in node_modules), inside an installed package (node_modules/pulumi-tencent-ci/policy,
// where the name resolves to that package), and as a pack of its own, packed with `npm pack` by
// `pulumi policy publish` and installed with the dependencies its package.json declares.
"use strict";
const { PolicyPack } = require("@pulumi/policy");
const { PACK_DESCRIPTION, PACK_NAME, policies } = require("pulumi-tencent-ci/policy");

new PolicyPack(PACK_NAME, { description: PACK_DESCRIPTION, policies });
