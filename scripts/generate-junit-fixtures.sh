#!/usr/bin/env bash
# Regenerates the REAL JUnit fixtures in test/fixtures/junit/ by running each tool that can
# run on this machine over a tiny project with passing, failing, erroring and skipped tests.
# Tools are installed in a temporary directory, never as project dependencies.
# Needs: node/npm (registry access), python3-pytest (Debian package), cmake/ctest; tries Maven.
# Usage: scripts/generate-junit-fixtures.sh   (then review `git diff test/fixtures/junit`)
set -uo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
OUT="$ROOT/test/fixtures/junit"
WORK="$(mktemp -d /tmp/sofie-junit-fixtures.XXXXXX)"
trap 'rm -rf "$WORK"' EXIT
# Reports embed absolute paths, host names and timestamps; make paths stable for diffs.
STABLE=/home/ci/project
stabilise() { sed -e "s#$WORK/[a-z]*#$STABLE#g" -e "s#$(hostname)#ci-runner#g" "$1" >"$2"; echo "wrote ${2#"$ROOT"/}"; }

# ---------------------------------------------------------------- jest + jest-junit
jest() {
  local d="$WORK/jest"
  mkdir -p "$d/src" && cd "$d" || return 1
  cat >package.json <<'JSON'
{ "name": "jest-fixture", "private": true, "jest": { "testEnvironment": "node" } }
JSON
  npm install --silent --no-audit --no-fund jest@29 jest-junit@16 >/dev/null || return 1
  cat >src/calc.test.js <<'JS'
const add = (a, b) => a + b;
describe("calculator", () => {
  test("adds numbers", () => expect(add(1, 2)).toBe(3));
  test("adds negative numbers", () => expect(add(-1, -2)).toBe(-3));
  test("fails on purpose", () => expect(add(2, 2)).toBe(5));
  test("throws an error", () => { throw new TypeError("cannot read properties of undefined (reading 'kw')"); });
  test.skip("is skipped", () => {});
  test.todo("is a todo");
  describe("nested & <escaped>", () => {
    test("prints to the console", () => { console.log("captured output\nline 2"); expect(true).toBe(true); });
  });
});
JS
  cat >src/other.test.js <<'JS'
test("top-level passing test", () => expect([1, 2]).toHaveLength(2));
JS
  JEST_JUNIT_OUTPUT_DIR="$d" JEST_JUNIT_OUTPUT_NAME=junit.xml JEST_JUNIT_ADD_FILE_ATTRIBUTE=true \
    npx jest --ci --reporters=default --reporters=jest-junit >/dev/null 2>&1
  mkdir -p "$OUT/jest-junit" && stabilise junit.xml "$OUT/jest-junit/calculator.xml"
}

# ---------------------------------------------------------------- mocha: xunit and mocha-junit-reporter
mocha() {
  local d="$WORK/mocha"
  mkdir -p "$d/test" && cd "$d" || return 1
  echo '{ "name": "mocha-fixture", "private": true }' >package.json
  npm install --silent --no-audit --no-fund mocha@10 mocha-junit-reporter@2 >/dev/null || return 1
  cat >test/gateway.spec.js <<'JS'
const assert = require("node:assert");
describe("gateway", function () {
  it("accepts a message", function () { assert.strictEqual(1 + 1, 2); });
  it("rejects a bad message", function () { assert.deepStrictEqual({ kw: 1 }, { kw: 2 }); });
  it("throws", function () { throw new RangeError("port out of range: 70000"); });
  it.skip("is pending", function () {});
  it("is pending without a body");
});
describe("broken hook", function () {
  before(function () { throw new Error("cannot connect to broker"); });
  it("never runs", function () {});
});
JS
  npx mocha --reporter xunit --reporter-option output="$d/xunit.xml" >/dev/null 2>&1
  npx mocha --reporter mocha-junit-reporter --reporter-options mochaFile="$d/junit.xml" >/dev/null 2>&1
  mkdir -p "$OUT/mocha-xunit" "$OUT/mocha-junit-reporter"
  stabilise xunit.xml "$OUT/mocha-xunit/gateway.xml"
  stabilise junit.xml "$OUT/mocha-junit-reporter/gateway.xml"
}

# ---------------------------------------------------------------- pytest --junitxml (xunit2 and xunit1)
pytest() {
  local d="$WORK/pytest"
  mkdir -p "$d" && cd "$d" || return 1
  cat >test_meter.py <<'PY'
import pytest

def test_reads_meter():
    assert 1 + 1 == 2

def test_wrong_reading():
    assert {"kw": 1} == {"kw": 2}

@pytest.fixture
def broker():
    raise ConnectionError("cannot connect to broker <mqtt://broker:1883>")

def test_needs_broker(broker):
    pass

@pytest.mark.skip(reason="no hardware in CI")
def test_hardware():
    pass

@pytest.mark.xfail(reason="known bug #12")
def test_known_bug():
    assert False

def test_prints():
    print("captured stdout & <tags>")

@pytest.mark.parametrize("kw", [1, 2])
def test_param(kw):
    assert kw > 0
PY
  /usr/bin/python3 -m pytest -q -p no:cacheprovider --junitxml="$d/xunit2.xml" >/dev/null 2>&1
  /usr/bin/python3 -m pytest -q -p no:cacheprovider -o junit_family=xunit1 --junitxml="$d/xunit1.xml" >/dev/null 2>&1
  mkdir -p "$OUT/pytest"
  stabilise xunit2.xml "$OUT/pytest/xunit2.xml"
  stabilise xunit1.xml "$OUT/pytest/xunit1-file-line.xml"
}

# ---------------------------------------------------------------- CTest --output-junit
ctest_() {
  local d="$WORK/ctest"
  mkdir -p "$d/build" && cd "$d" || return 1
  cat >CMakeLists.txt <<'CMAKE'
cmake_minimum_required(VERSION 3.21)
project(ctest_fixture NONE)
enable_testing()
add_test(NAME passes COMMAND sh -c "echo ok")
add_test(NAME fails COMMAND sh -c "echo 'expected 1, got 2' >&2; exit 1")
add_test(NAME skips COMMAND sh -c "echo 'no GPU'; exit 77")
set_tests_properties(skips PROPERTIES SKIP_RETURN_CODE 77)
add_test(NAME missing_command COMMAND does-not-exist-xyz)
add_test(NAME disabled COMMAND sh -c "exit 0")
set_tests_properties(disabled PROPERTIES DISABLED TRUE)
CMAKE
  cd build && cmake .. >/dev/null && ctest --output-junit "$d/ctest.xml" >/dev/null 2>&1
  mkdir -p "$OUT/ctest" && stabilise "$d/ctest.xml" "$OUT/ctest/ctest.xml"
}

# ---------------------------------------------------------------- Maven Surefire (needs Maven Central)
surefire() {
  local d="$WORK/maven"
  mkdir -p "$d/src/test/java/eu/sofie" && cd "$d" || return 1
  cat >pom.xml <<'POM'
<project xmlns="http://maven.apache.org/POM/4.0.0"><modelVersion>4.0.0</modelVersion>
<groupId>eu.sofie</groupId><artifactId>fixture</artifactId><version>1</version>
<properties><maven.compiler.release>17</maven.compiler.release></properties>
<dependencies><dependency><groupId>junit</groupId><artifactId>junit</artifactId><version>4.13.2</version><scope>test</scope></dependency></dependencies>
</project>
POM
  cat >src/test/java/eu/sofie/GatewayTest.java <<'JAVA'
package eu.sofie;
import org.junit.*;
public class GatewayTest {
  @Test public void passes() {}
  @Test public void fails() { Assert.assertEquals(1, 2); }
  @Test public void errors() { throw new IllegalStateException("boom"); }
  @Ignore("later") @Test public void skipped() {}
}
JAVA
  timeout 120 mvn -q -B test -Dmaven.test.failure.ignore=true >/dev/null 2>&1 || { echo "surefire: Maven could not run (no Maven Central?); keeping the hand-written example"; return 0; }
  mkdir -p "$OUT/surefire" && stabilise target/surefire-reports/TEST-eu.sofie.GatewayTest.xml "$OUT/surefire/GatewayTest.xml"
}

for tool in jest mocha pytest ctest_ surefire; do
  (set -e; "$tool") || echo "$tool: failed to generate (see above)" >&2
done
