import type * as pulumi from "@pulumi/pulumi";

/** What `pulumi-tencent-ci/provider` exports (the same module as `../provider`, as installed). */
type Implementation = typeof import("../provider");

/**
 * The dynamic provider of `InventoryTriggerJob`, this module's only export.
 *
 * Pulumi serializes a dynamic resource's provider into state with every resource. Being a whole
 * module exported by the package (`pulumi-tencent-ci/dynamic-provider`, and under its file path, which
 * @pulumi/pulumi stores instead when the package's name also appears higher up in the project's
 * path), this object is recognised
 * by the serializer when the package is installed under node_modules and stored as a one-line
 * `require` of that module. Where it is not (a linked checkout), it is stored by value, so each
 * method `require`s its implementation at run time instead of capturing it: either way the stored
 * provider stays small and a provider fix reaches existing stacks without touching state.
 */
/* eslint-disable @typescript-eslint/no-require-imports, @typescript-eslint/require-await --
   the run-time `require` is the point (see above), and `async` turns a failing `require` into a
   rejected promise, as the framework expects of every method. The casts are erased at compile time,
   so the serialized text stays the same. */
const inventoryTriggerJobProvider: pulumi.dynamic.ResourceProvider = {
  async configure(req) {
    (require("pulumi-tencent-ci/provider") as Implementation).dynamicHandlers.configure(req.config);
  },
  async check(olds: Record<string, unknown>, news: Record<string, unknown>) {
    return (require("pulumi-tencent-ci/provider") as Implementation).dynamicHandlers.check(olds, news);
  },
  async diff(id: string, olds: Record<string, unknown>, news: Record<string, unknown>) {
    return (require("pulumi-tencent-ci/provider") as Implementation).dynamicHandlers.diff(id, olds, news);
  },
  async create(inputs: Record<string, unknown>) {
    return (require("pulumi-tencent-ci/provider") as Implementation).dynamicHandlers.create(inputs);
  },
  async read(id: string, props?: Record<string, unknown>) {
    return (require("pulumi-tencent-ci/provider") as Implementation).dynamicHandlers.read(id, props ?? {});
  },
  async update(id: string, olds: Record<string, unknown>, news: Record<string, unknown>) {
    return (require("pulumi-tencent-ci/provider") as Implementation).dynamicHandlers.update(id, olds, news);
  },
  async delete(id: string, props: Record<string, unknown>) {
    await (require("pulumi-tencent-ci/provider") as Implementation).dynamicHandlers.remove(id, props);
  },
};
/* eslint-enable @typescript-eslint/no-require-imports, @typescript-eslint/require-await */

export = inventoryTriggerJobProvider;
