/**
 * What the plugin folder's `main` names: the function `cmd/run-plugin` of @pulumi/pulumi calls after
 * loading it (see main.ts).
 */
import { main } from "./main";

export = main;
