/**
 * The component, organisation policy and principals of the promotion end-to-end test
 * (test/e2e/promotion.e2e.test.ts): a component repository at level 2 and an organisation
 * whose policy has a maintainers team and a registry section.
 */
export const OWNER = "sofie-iot";
export const NAME = "flexibility-gateway";
export const CI_REPOSITORY = `${OWNER}/${NAME}`;
export const ECR_REPOSITORY = "sofie/energy-exchange/flexibility-gateway";
export const INSTALLATION = { id: 4242, node_id: "MDIzOkludGVncmF0aW9uSW5zdGFsbGF0aW9uNDI0Mg==" };
export const MAINTAINER = "alice";
export const OUTSIDER = "mallory";
export const WRITER = "arn:aws:iam::123456789012:role/sofie-maintainers";
export const DEVELOPER = "arn:aws:iam::210987654321:role/flexibility-developers";
export const SHA1 = "1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a";
export const SHA2 = "2b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2b";
export const SHA3 = "3c3c3c3c3c3c3c3c3c3c3c3c3c3c3c3c3c3c3c3c";
export const PULL = ["ecr:BatchCheckLayerAvailability", "ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer"];
export const PUSH = [
  "ecr:InitiateLayerUpload",
  "ecr:UploadLayerPart",
  "ecr:CompleteLayerUpload",
  "ecr:PutImage",
];

export const MANIFEST = `component: ${NAME}
pilot: energy-exchange
branch: main
ci: { workflow: sofie-ci.yml, artifact: sofie-results }
junit: "reports/**/*.xml"
images:
  - name: ${NAME}
    dockerfile: Dockerfile
    context: .
    tags: ["{sha}", "{branch}", "latest"]
    ports: [{ name: http, env: PORT, default: 3000 }]
    addresses: [{ env: BROKER_HOST }]
developers: "@sofie-iot/flexibility-team"
`;
export const POLICY = `maintainers: "@sofie-iot/lmf-maintainers"
registry:
  account: "123456789012"
  region: eu-west-1
  prefix: "sofie/"
  writers: ["${WRITER}"]
  readers:
    "@sofie-iot/flexibility-team": ["${DEVELOPER}"]
`;
export const DOCKERFILE = `FROM node:20-slim
WORKDIR /app
ENV PORT=3000
ENV BROKER_HOST=broker
COPY . .
EXPOSE 3000
CMD ["node", "src/index.js"]
`;
export const PASSING = `<testsuites><testsuite name="gateway" tests="2">
<testcase classname="gateway" name="starts"/><testcase classname="gateway" name="stops"/>
</testsuite></testsuites>`;
