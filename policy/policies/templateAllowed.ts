import type { ValidationFailure } from "pulumi-tencent-ci/provider";
import { stringList } from "../config";
import { jobPolicy } from "../jobPolicy";
import { isPlainObject } from "../props";

/** Settings of {@link templateAllowed}. */
export interface TemplateAllowedConfig {
  /** Templates jobs may use; unset lets every template pass. */
  allowedTemplateIds?: string[];
  /** With `allowedTemplateIds` set, also let processing parameters given inline instead of a template pass. */
  allowInlineParameters: boolean;
}

const PROPERTY = "operation.jobParam";
const TEMPLATE_KEYS = ["templateId", "transcodeTemplateId", "watermarkTemplateId"];
/** JobParam entries that accompany a template rather than replace one. */
const NOT_INLINE = new Set([...TEMPLATE_KEYS, "digitalWatermark"]);

/**
 * `template-allowed` (advisory): every template a job uses is in `allowedTemplateIds`, when that is
 * configured; inline processing parameters would bypass that list, so they fail too unless
 * `allowInlineParameters` is set.
 */
export const templateAllowed = jobPolicy<TemplateAllowedConfig>({
  name: "template-allowed",
  description: "Jobs may only use the templates listed in allowedTemplateIds, and no inline processing parameters unless allowed.",
  enforcementLevel: "advisory",
  configSchema: {
    properties: {
      allowedTemplateIds: stringList(
        "Template ids (templateId, transcodeTemplateId, watermarkTemplateId) jobs may use. Unset: any template.",
      ),
      allowInlineParameters: {
        type: "boolean",
        default: false,
        description: "With allowedTemplateIds set, let jobs give processing parameters inline instead of through a template.",
      },
    },
  },
  check: (job, { allowedTemplateIds, allowInlineParameters }) => {
    const jobParam = isPlainObject(job.operation) ? job.operation.jobParam : undefined;
    if (allowedTemplateIds === undefined || !isPlainObject(jobParam)) return [];
    const failures: ValidationFailure[] = [];
    const judge = (value: unknown, property: string) => {
      if (typeof value === "string" && !allowedTemplateIds.includes(value)) {
        failures.push({ property, reason: `${property} is template ${value}, which is not in allowedTemplateIds.` });
      }
    };
    for (const key of TEMPLATE_KEYS) {
      const value = jobParam[key];
      if (Array.isArray(value)) value.forEach((id, index) => judge(id, `${PROPERTY}.${key}[${index}]`));
      else judge(value, `${PROPERTY}.${key}`);
    }
    if (!allowInlineParameters) {
      for (const key of Object.keys(jobParam).filter((k) => !NOT_INLINE.has(k) && jobParam[k] !== undefined && jobParam[k] !== null)) {
        failures.push({
          property: `${PROPERTY}.${key}`,
          reason: `${PROPERTY}.${key} gives processing parameters inline, which allowedTemplateIds cannot vouch for; use a listed template, or set allowInlineParameters.`,
        });
      }
    }
    return failures;
  },
});
