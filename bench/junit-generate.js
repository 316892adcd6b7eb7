// Writes a synthetic JUnit report of a given shape: many suites, 1% failing cases with Java
// stack traces, and either a lot of captured output (what makes most real reports big) or
// none, with per-case properties instead (a "plain" report: all markup, the parser's worst case).
import { createWriteStream } from "node:fs";
import { once } from "node:events";

const LOG_LINE =
  '2026-11-25T12:00:00.123Z INFO  [pool-3-thread-1] o.s.i.gateway.FlexibilityGateway - processed message id=%ID% payload={"kw":12.5,"site":"A&B <north>"}\n';

function stackTrace(i, frameCount) {
  const frames = [];
  for (let f = 0; f < frameCount; f++) {
    frames.push(`\tat eu.sofie.gateway.module${f % 7}.Handler${f}.handle(Handler${f}.java:${100 + f})`);
  }
  return `org.opentest4j.AssertionFailedError: expected: <${i}> but was: <${i + 1}>\n${frames.join("\n")}\n`;
}

function escapeText(s) {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/** Per-case properties, as pytest's `record_property` or Surefire's report entries write them. */
function properties(n, count, valueBytes) {
  const lines = [];
  const filler = "x".repeat(Math.max(0, valueBytes - 60));
  for (let p = 0; p < count; p++) {
    lines.push(
      `        <property name="sofie.metric.${p}" value="site=north-${n % 13};tariff=peak;kw=${(n % 97) / 4};run=${p};${filler}"/>\n`,
    );
  }
  return `      <properties>\n${lines.join("")}      </properties>\n`;
}

/**
 * @param {string} path where to write
 * @param {{cases: number, casesPerSuite: number, caseOutBytes: number, suiteOutBytes: number,
 *   traceFrames?: number, skippedEvery?: number, propertiesPerCase?: number, propertyBytes?: number}} shape
 */
export async function generateReport(path, shape) {
  const out = createWriteStream(path);
  let pending = "";
  const write = async (s) => {
    pending += s;
    if (pending.length > 1 << 20) {
      if (!out.write(pending)) await once(out, "drain");
      pending = "";
    }
  };
  const frames = shape.traceFrames ?? 30;
  const suites = Math.ceil(shape.cases / shape.casesPerSuite);
  const caseOut = escapeText(LOG_LINE.repeat(Math.ceil(shape.caseOutBytes / LOG_LINE.length)));
  const suiteOutLines = Math.ceil(shape.suiteOutBytes / LOG_LINE.length);
  await write('<?xml version="1.0" encoding="UTF-8"?>\n');
  await write(`<testsuites name="bench" tests="${shape.cases}">\n`);
  let n = 0;
  for (let s = 0; s < suites; s++) {
    const cls = `eu.sofie.gateway.module${s % 50}.Feature${s}Test`;
    await write(
      `  <testsuite name="${cls}" tests="${shape.casesPerSuite}" time="12.5" timestamp="2026-11-25T12:00:00">\n`,
    );
    await write(
      `    <properties><property name="java.version" value="17.0.9"/><property name="os.name" value="Linux"/></properties>\n`,
    );
    for (let c = 0; c < shape.casesPerSuite && n < shape.cases; c++, n++) {
      await write(
        `    <testcase name="should handle message ${n} &amp; reply [site=north-${n % 13}, tariff=peak]" classname="${cls}" ` +
          `file="src/test/java/eu/sofie/gateway/Feature${s}Test.java" line="${40 + c}" time="0.0${c % 10}">\n`,
      );
      if (n % 100 === 7) {
        await write(
          `      <failure message="expected: &lt;${n}&gt; but was: &lt;${n + 1}&gt;" type="org.opentest4j.AssertionFailedError">${escapeText(stackTrace(n, frames))}</failure>\n`,
        );
      } else if (shape.skippedEvery && n % shape.skippedEvery === 3) {
        await write(`      <skipped message="disabled on this platform: issue #${n % 400}"/>\n`);
      }
      if (shape.propertiesPerCase)
        await write(properties(n, shape.propertiesPerCase, shape.propertyBytes ?? 60));
      if (shape.caseOutBytes > 0) {
        if (c % 2 === 0)
          await write(`      <system-out><![CDATA[${caseOut.replace(/%ID%/g, String(n))}]]></system-out>\n`);
        else await write(`      <system-out>${caseOut.replace(/%ID%/g, String(n))}</system-out>\n`);
      }
      await write("    </testcase>\n");
    }
    if (suiteOutLines > 0) {
      await write("    <system-out><![CDATA[");
      for (let l = 0; l < suiteOutLines; l++) await write(LOG_LINE.replace("%ID%", `${s}-${l}`));
      await write("]]></system-out>\n");
    }
    await write("    <system-err/>\n  </testsuite>\n");
  }
  await write("</testsuites>\n");
  out.write(pending);
  out.end();
  await once(out, "finish");
}
