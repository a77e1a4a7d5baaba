import { strict as assert } from "node:assert";
import { REDACTED, redactFailures, redactorFor, SECRET_PATHS_KEY, secretPathsOf } from "../../../provider/dynamic/secretPaths";
import { Checker } from "../../../provider/validation/checker";

const jobInputs = (secretPaths: unknown, overrides: Record<string, unknown> = {}): Record<string, unknown> => ({
  name: "payroll-2026",
  input: { prefix: "hr/salaries/" },
  operation: { workflowIds: ["w1"], timeInterval: { start: "2026-01-01T00:00:00+0800", end: 'end "quoted" \\ here' } },
  triggers: [5, 12345, true],
  [SECRET_PATHS_KEY]: secretPaths,
  ...overrides,
});

describe("secretPathsOf", () => {
  it("reads the listed paths", () => {
    assert.deepEqual(secretPathsOf(jobInputs(["name", "input.prefix"])), ["name", "input.prefix"]);
  });
  it("ignores junk: a list key that is not a list, entries that are not non-empty strings, inputs that are not objects", () => {
    assert.deepEqual(secretPathsOf(jobInputs("name")), []);
    assert.deepEqual(secretPathsOf(jobInputs({ name: true })), []);
    assert.deepEqual(secretPathsOf(jobInputs(["name", 3, null, "", { path: "input" }, ["input"], "name"])), ["name"]);
    assert.deepEqual(secretPathsOf({}), []);
    assert.deepEqual(secretPathsOf(null), []);
    assert.deepEqual(secretPathsOf("name"), []);
  });
});

describe("redactorFor", () => {
  it("hides a secret name in a progress line", () => {
    const redact = redactorFor(jobInputs(["name"]));
    assert.equal(redact("[tencent-ci] job b99e1 (payroll-2026) triggered"), `[tencent-ci] job b99e1 (${REDACTED}) triggered`);
  });

  it("hides a secret that a service error message echoes, wherever and however often it appears", () => {
    const redact = redactorFor(jobInputs(["input.prefix"]));
    const message = "InvalidArgument: prefix hr/salaries/ matches no object; check hr/salaries/ (request id 1a2b)";
    assert.equal(redact(message), `InvalidArgument: prefix ${REDACTED} matches no object; check ${REDACTED} (request id 1a2b)`);
  });

  it("hides every value below a secret path: a whole secret operation", () => {
    const redact = redactorFor(jobInputs(["operation"]));
    const text = redact('workflow w1 from 2026-01-01T00:00:00+0800 to end "quoted" \\ here');
    assert.equal(text, `workflow ${REDACTED} from ${REDACTED} to ${REDACTED}`);
  });

  it("hides the JSON-quoted form of a secret, escapes included", () => {
    const inputs = jobInputs(["operation.timeInterval.end"]);
    const text = redactorFor(inputs)(JSON.stringify({ operation: inputs.operation }));
    assert.doesNotMatch(text, /quoted/);
    assert.match(text, /"end":"\[secret\]"/);
    assert.deepEqual(JSON.parse(text), {
      operation: { workflowIds: ["w1"], timeInterval: { start: "2026-01-01T00:00:00+0800", end: REDACTED } },
    });
  });

  it("replaces the longest value first, and never a value inside a replacement already made", () => {
    const redact = redactorFor(jobInputs(["name", "triggers"], { name: "e", triggers: ["secret-e"] }));
    assert.equal(redact("the secret-e and e"), `th${REDACTED} ${REDACTED} and ${REDACTED}`);
  });

  it("hides numbers and booleans of 3 characters or more, and keeps shorter ones so messages stay readable", () => {
    const redact = redactorFor(jobInputs(["triggers"]));
    assert.equal(redact("triggers 5, 12345 and true changed"), `triggers 5, ${REDACTED} and ${REDACTED} changed`);
  });

  it("leaves values that are not secret as they are", () => {
    const redact = redactorFor(jobInputs(["name"]));
    const line = "[tencent-ci] job b99e1 over hr/salaries/ with w1 is now Success";
    assert.equal(redact(line), line);
  });

  it("leaves every text as it is with no list, a junk list, or a path that leads nowhere", () => {
    const line = "[tencent-ci] job b99e1 (payroll-2026) triggered";
    assert.equal(redactorFor(jobInputs(undefined))(line), line);
    assert.equal(redactorFor(jobInputs("name"))(line), line);
    assert.equal(redactorFor(jobInputs([42, { name: true }]))(line), line);
    assert.equal(redactorFor(jobInputs(["operation.output.bucket", "triggers[9]"]))(line), line);
  });

  it("hides the secrets of every inputs it is given, old and new", () => {
    const redact = redactorFor(jobInputs(["name"]), jobInputs(["name"], { name: "payroll-2027" }));
    assert.equal(redact("replacing payroll-2026 by payroll-2027"), `replacing ${REDACTED} by ${REDACTED}`);
  });

  it("treats characters of regular expressions in a secret as plain text", () => {
    const redact = redactorFor(jobInputs(["input.prefix"], { input: { prefix: "a.b*(c)/" } }));
    assert.equal(redact("prefix a.b*(c)/ and aXbbb(c)/"), `prefix ${REDACTED} and aXbbb(c)/`);
  });
});

describe("redactFailures", () => {
  function failuresOf(check: (checker: Checker) => void): Checker["failures"] {
    const checker = new Checker();
    check(checker);
    return checker.failures;
  }

  it("drops the value validation echoes for a secret input, and hides it in the rest of the reason", () => {
    const failures = failuresOf((c) => c.text("bad end!", "operation.timeInterval.end", { pattern: /^\d/, what: "a time" }));
    assert.match(failures[0].reason, /\(got "bad end!"\)/);
    const inputs = jobInputs(["operation.timeInterval.end"], { operation: { timeInterval: { end: "bad end!" } } });
    assert.deepEqual(redactFailures(failures, inputs), [
      { property: "operation.timeInterval.end", reason: "operation.timeInterval.end must be a time." },
    ]);
  });

  it("drops `(got 5)` for a short secret number, which the redactor keeps in other text", () => {
    const failures = [
      { property: "triggers[0]", reason: "triggers[0] must be text (got 5)." },
      { property: "operation.jobParam.crf", reason: "operation.jobParam.crf must be from 1 to 4 (got 5)." },
    ];
    assert.deepEqual(redactFailures(failures, jobInputs(["triggers[0]"])), [
      { property: "triggers[0]", reason: "triggers[0] must be text." },
      failures[1],
    ]);
  });

  it("drops the echoed value of a failure below a secret path and of one above it", () => {
    const failures = [
      { property: "operation.timeInterval.end", reason: 'operation.timeInterval.end must be a time (got "x")' },
      { property: "operation", reason: 'operation holds a bad value (got "y")' },
      { property: "operationx", reason: 'operationx is not an input (got "z")' },
    ];
    assert.deepEqual(redactFailures(failures, jobInputs(["operation.timeInterval"])), [
      { property: "operation.timeInterval.end", reason: "operation.timeInterval.end must be a time" },
      { property: "operation", reason: "operation holds a bad value" },
      failures[2],
    ]);
  });

  it("drops an echoed value that itself holds quotes and brackets", () => {
    const failures = [{ property: "name", reason: 'name must be letters (got "a\\") b").' }];
    assert.deepEqual(redactFailures(failures, jobInputs(["name"], { name: 'a\\") b' })), [
      { property: "name", reason: "name must be letters." },
    ]);
  });

  it("hides a secret that a failure about another property mentions, and keeps that failure's echoed value", () => {
    const failures = [{ property: "input.prefix", reason: 'input.prefix overlaps the output of job payroll-2026 (got "hr/")' }];
    assert.deepEqual(redactFailures(failures, jobInputs(["name"])), [
      { property: "input.prefix", reason: `input.prefix overlaps the output of job ${REDACTED} (got "hr/")` },
    ]);
  });

  it("returns failures and warnings unchanged, as copies, when nothing is secret or the list is junk", () => {
    const failures = [{ property: "name", reason: 'name must be letters (got "payroll-2026")' }];
    for (const inputs of [jobInputs(undefined), jobInputs([7]), jobInputs("name")]) {
      const redacted = redactFailures(failures, inputs);
      assert.deepEqual(redacted, failures);
      assert.notEqual(redacted[0], failures[0]);
    }
  });
});
