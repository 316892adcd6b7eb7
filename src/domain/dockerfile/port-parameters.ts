import { MAX_PORT } from "../limits.js";
import type { StageVariable } from "./resolve-stages.js";

/** Variable names that hold a port: `PORT`, `HTTP_PORT`, `metrics_port`. */
export const PORT_NAME = /(?:^|_)PORT$/i;

/** A port number as written: 1 to {@link MAX_PORT}, no sign, no leading zero. */
export function isPortValue(text: string): boolean {
  if (text.length < 1 || text.length > 5 || text[0] === "0") return false;
  for (const ch of text) if (ch < "0" || ch > "9") return false;
  return Number(text) <= MAX_PORT;
}

/** A port the final image is given through a variable. */
export interface PortParameter {
  readonly name: string;
  readonly port: number;
  readonly variable: StageVariable;
}

/**
 * The port parameters of an image: the final stage's variables named like a port whose
 * value is a port number, except a variable whose only use is to feed another port
 * variable the same number (`ARG APP_PORT=8080` + `ENV PORT=${APP_PORT}`: PORT is the
 * parameter). The parametrisation check wants each declared under `images[].ports`, and
 * onboarding prefills exactly these, so the two agree.
 */
export function portParameters(variables: ReadonlyMap<string, StageVariable>): PortParameter[] {
  const candidates = [...variables].filter(
    ([name, variable]) => PORT_NAME.test(name) && variable.value !== undefined && isPortValue(variable.value),
  );
  // "NAME\0value" of every variable some other port variable takes the same number from.
  const fed = new Set<string>();
  for (const [name, variable] of candidates) {
    for (const used of variable.names) if (used !== name) fed.add(`${used}\u0000${variable.value}`);
  }
  return candidates
    .filter(([name, variable]) => !fed.has(`${name}\u0000${variable.value}`))
    .map(([name, variable]) => ({ name, port: Number(variable.value), variable }));
}
