/**
 * The provider's configuration as the engine sends it to `CheckConfig`, `DiffConfig` and
 * `Configure`: the `tencent-ci:*` stack config keys without their namespace (`secretId`,
 * `endpoint`), secrets possibly wrapped, and the engine's own `version`. The handlers read it
 * through the same getter as the dynamic provider's config, keyed `tencent-ci:<key>`, so the
 * `TENCENTCLOUD_*` fallbacks are those of `resolveSettings`.
 */
import { isPlainObject } from "../values";
import { SETTING_SOURCES } from "./lifecycle";
import { PACKAGE_NAME } from "./tokens";
import { revealSecrets } from "./propertyValues";

/** What the handlers' `configure` reads. */
export interface ConfigGetter {
  get(key: string): string | undefined;
}

/**
 * A getter over the provider's inputs (`ConfigureRequest.args`) or, from an engine that sends only
 * the older `variables` map (`tencent-ci:config:secretId`), over that. Numbers and booleans a YAML
 * config gives unquoted are read as their text, as stack config always was.
 */
export function configGetter(args: Record<string, unknown> | undefined, variables: ReadonlyMap<string, string>): ConfigGetter {
  const plain = args === undefined ? undefined : revealSecrets(args).value;
  return {
    get(key) {
      const name = key.startsWith(`${PACKAGE_NAME}:`) ? key.slice(PACKAGE_NAME.length + 1) : key;
      if (plain !== undefined && isPlainObject(plain)) return asText(plain[name]);
      return variables.get(`${PACKAGE_NAME}:config:${name}`);
    },
  };
}

function asText(value: unknown): string | undefined {
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  return undefined;
}

/** The setting keys, without namespace, whose change `DiffConfig` reports. */
export const SETTING_KEYS: readonly string[] = Object.values(SETTING_SOURCES).map((source) => source.config.slice(PACKAGE_NAME.length + 1));

/**
 * The settings that differ between two sets of provider inputs. A change of credentials or endpoint
 * never replaces the provider: a replaced provider would replace every job, and a job is a run.
 */
export function changedSettings(olds: Record<string, unknown>, news: Record<string, unknown>): string[] {
  const before = revealSecrets(olds).value;
  const after = revealSecrets(news).value;
  return SETTING_KEYS.filter((key) => asText(before[key]) !== asText(after[key]));
}
