import type * as pulumi from "@pulumi/pulumi";

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
const inventoryTriggerJobProvider: pulumi.dynamic.ResourceProvider = {
  async configure(req) {
    require("pulumi-tencent-ci/provider").dynamicHandlers.configure(req.config);
  },
  async check(olds, news) {
    return require("pulumi-tencent-ci/provider").dynamicHandlers.check(olds, news);
  },
  async diff(id, olds, news) {
    return require("pulumi-tencent-ci/provider").dynamicHandlers.diff(id, olds, news);
  },
  async create(inputs) {
    return require("pulumi-tencent-ci/provider").dynamicHandlers.create(inputs);
  },
  async read(id, props) {
    return require("pulumi-tencent-ci/provider").dynamicHandlers.read(id, props ?? {});
  },
  async update(id, olds, news) {
    return require("pulumi-tencent-ci/provider").dynamicHandlers.update(id, olds, news);
  },
  async delete(id, props) {
    await require("pulumi-tencent-ci/provider").dynamicHandlers.remove(id, props);
  },
};

export = inventoryTriggerJobProvider;
