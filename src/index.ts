import type { ApplicationFunction } from "probot";

const app: ApplicationFunction = (probot) => {
  probot.log.info("SOFIE Integration Bot loaded");
};

export default app;
