/** The names by which the engine and the schema know this package and what it serves. */

/** The plugin's package name: `tencent-ci`, as the stack config keys already are. */
export const PACKAGE_NAME = "tencent-ci";

/** Prefix of every token of the package's own module. */
export const TYPE_PREFIX = `${PACKAGE_NAME}:index:`;

/** The resource's type token. */
export const INVENTORY_TRIGGER_JOB_TOKEN = `${TYPE_PREFIX}InventoryTriggerJob`;

/** The list function's token. */
export const LIST_JOBS_TOKEN = `${TYPE_PREFIX}listInventoryTriggerJobs`;
