import assert from "node:assert/strict";
import { CodecError } from "../../../provider/codec/codecError";
import { buildXml, parseXml } from "../../../provider/codec/xml";
import { decodeEntities, escapeText } from "../../../provider/codec/xmlText";

describe("xml", () => {
  it("parses leaves as untouched strings, numbers and spaces included", () => {
    assert.deepEqual(parseXml("<R><Id>0012</Id><Level>1</Level><Flag>true</Flag><Text> a b </Text></R>"), {
      root: "R",
      node: { Id: "0012", Level: "1", Flag: "true", Text: " a b " },
    });
  });

  it("parses an empty element, self-closed or not, as empty text", () => {
    assert.deepEqual(parseXml("<R><A/><B></B></R>").node, { A: "", B: "" });
  });

  it("parses CDATA as text", () => {
    assert.deepEqual(parseXml("<R><A><![CDATA[a<b&c]]></A></R>").node, { A: "a<b&c" });
  });

  it("reports where a document is not well-formed", () => {
    assert.throws(
      () => parseXml("<R>\n<A></B></R>"),
      (error: unknown) => error instanceof CodecError && error.message.includes("line 2"),
    );
  });

  it("escapes the five markup characters and carriage returns", () => {
    assert.equal(escapeText(`<&>"'\r`), "&lt;&amp;&gt;&quot;&apos;&#13;");
  });

  it("builds what it parses back, for text with every escaped character and Chinese", () => {
    const text = `<a href="x">&amp; 'q' ]]> 中文\r\n`;
    assert.deepEqual(parseXml(buildXml("R", { T: text })).node, { T: text });
  });

  it("refuses to build a list of lists", () => {
    assert.throws(() => buildXml("R", { A: [["x"]] }), CodecError);
  });

  it("refuses a lone surrogate, which no XML document can carry", () => {
    assert.throws(() => buildXml("R", { A: "\uD800" }), CodecError);
  });
});

describe("decodeEntities", () => {
  it("decodes the predefined entities and numeric references in one pass, never twice", () => {
    assert.equal(decodeEntities("a &amp;#34; b"), "a &#34; b");
    assert.equal(decodeEntities("&#34;q&#34; &lt;tag&gt; &apos;s&apos; &quot;"), '"q" <tag> \'s\' "');
    assert.equal(decodeEntities("&#x4E2D;&#25991;"), "中文");
  });

  it("leaves names XML does not define and impossible code points as written", () => {
    assert.equal(decodeEntities("&nbsp;&copy;"), "&nbsp;&copy;");
    assert.equal(decodeEntities("&#xD800;&#1114112;"), "&#xD800;&#1114112;");
  });

  it("is what the parser applies to element text", () => {
    const { node } = parseXml("<R><A>x &amp;#34; &#34;y&#34;</A></R>");
    assert.deepEqual(node, { A: 'x &#34; "y"' });
  });
});
