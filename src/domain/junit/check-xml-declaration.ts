const EXAMPLE = '<?xml version="1.0" encoding="UTF-8"?>';
const ORDER = ["version", "encoding", "standalone"];

function checkValue(name: string, value: string): string | undefined {
  if (name === "version" && !/^1\.[0-9]+$/.test(value)) {
    return `unsupported XML version "${value}" in the XML declaration: write version="1.0"`;
  }
  if (name === "encoding" && !/^[A-Za-z][A-Za-z0-9._-]*$/.test(value)) {
    return (
      `invalid encoding name "${value}" in the XML declaration: an encoding name is letters, digits, ` +
      `'.', '_' and '-', starting with a letter, such as "UTF-8"`
    );
  }
  if (name === "standalone" && value !== "yes" && value !== "no") {
    return `standalone="${value}" in the XML declaration: it must be "yes" or "no"`;
  }
  return undefined;
}

/**
 * Checks the body of an XML declaration (what follows `<?xml` up to `?>`): `version`, then
 * optionally `encoding` and `standalone`, in that order, each `name="value"`.
 *
 * @returns undefined when it is right, else the index in `body` of the problem and what it is
 */
export function checkXmlDeclaration(body: string): [index: number, reason: string] | undefined {
  const space = /[ \t\r\n]*/y;
  let at = 0;
  let next = 0; // index in ORDER of the first name still allowed
  for (;;) {
    space.lastIndex = at;
    space.exec(body);
    const spaced = space.lastIndex > at;
    at = space.lastIndex;
    if (at >= body.length) break;
    const name = /[A-Za-z:_][A-Za-z0-9:_.-]*/y;
    name.lastIndex = at;
    const found = name.exec(body)?.[0] ?? body.slice(at, at + 1);
    const position = ORDER.indexOf(found);
    if (position < next || (next === 0 && position !== 0)) {
      const expected = next === 0 ? `version="1.0"` : ORDER.slice(next).join(" or ");
      const what = position >= 0 ? `"${found}" repeated or out of order` : `unexpected "${found}"`;
      return [at, `${what} in the XML declaration: expected ${expected}, as in ${EXAMPLE}`];
    }
    if (!spaced) return [at, `a space is needed before "${found}" in the XML declaration`];
    at += found.length;
    space.lastIndex = at;
    space.exec(body);
    at = space.lastIndex;
    if (body[at] !== "=") return [at, `expected = after "${found}" in the XML declaration, as in ${EXAMPLE}`];
    space.lastIndex = at + 1;
    space.exec(body);
    at = space.lastIndex;
    const quote = body[at];
    if (quote !== '"' && quote !== "'") {
      return [at, `the value of "${found}" in the XML declaration must be in quotes, as in ${EXAMPLE}`];
    }
    const close = body.indexOf(quote, at + 1);
    if (close < 0) return [at, `the value of "${found}" in the XML declaration has no closing quote`];
    const problem = checkValue(found, body.slice(at + 1, close));
    if (problem !== undefined) return [at + 1, problem];
    at = close + 1;
    next = position + 1;
  }
  if (next === 0) return [at, `the XML declaration must give the version, as in ${EXAMPLE}`];
  return undefined;
}
