/** Issue, label, comment, reaction, topic and permission routes of the fake repository. */
import type { FakeGitHub, FakeRequest, FakeResponse } from "./fake-github-server.js";
import { example, type FakeIssue, type FakeRepository } from "./fake-repository.js";

const notFound: FakeResponse = {
  status: 404,
  body: { message: "Not Found", documentation_url: "https://docs.github.com/rest" },
};

export function installIssueRoutes(gh: FakeGitHub, repo: FakeRepository): void {
  const mine = (req: FakeRequest) => req.params.owner === repo.owner && req.params.repo === repo.repo;
  const obj = (method: string, path: string, status: number) =>
    example(method, path, status) as Record<string, unknown>;
  const labelBody = (name: string) => {
    const label = repo.labels.get(name);
    return {
      ...obj("GET", "/repos/o/r/labels/bug", 200),
      name,
      color: label?.color ?? "ededed",
      description: label?.description ?? null,
    };
  };
  const issueBody = (issue: FakeIssue) => ({
    ...obj("GET", "/repos/o/r/issues/1", 200),
    number: issue.number,
    title: issue.title,
    body: issue.body,
    state: issue.state,
    labels: issue.labels.map(labelBody),
    pull_request: undefined,
  });

  gh.route("GET /repos/{owner}/{repo}/issues", (req) => {
    if (!mine(req)) return notFound;
    const wanted = String(req.query.labels ?? "")
      .split(",")
      .filter(Boolean);
    const list = repo.issues.filter((i) => wanted.every((l) => i.labels.includes(l)));
    return {
      status: 200,
      body: list.map((i) => {
        const { pull_request: _p, ...body } = issueBody(i);
        return body;
      }),
    };
  });
  gh.route("GET /repos/{owner}/{repo}/issues/{issue_number}", (req) => {
    const issue = mine(req)
      ? repo.issues.find((i) => i.number === Number(req.params.issue_number))
      : undefined;
    if (!issue) return notFound;
    const { pull_request: _p, ...body } = issueBody(issue);
    return { status: 200, body };
  });
  gh.route("POST /repos/{owner}/{repo}/issues", (req) => {
    if (!mine(req)) return notFound;
    const body = req.body as { title: string; body: string; labels?: string[] };
    const issue: FakeIssue = {
      number: 1 + repo.issues.length + repo.pulls.length + 200,
      title: body.title,
      body: body.body,
      labels: body.labels ?? [],
      state: "open",
    };
    repo.issues.push(issue);
    const { pull_request: _p, ...reply } = issueBody(issue);
    return { status: 201, body: reply };
  });
  gh.route("PATCH /repos/{owner}/{repo}/issues/{issue_number}", (req) => {
    const issue = mine(req)
      ? repo.issues.find((i) => i.number === Number(req.params.issue_number))
      : undefined;
    if (!issue) return notFound;
    const body = req.body as { title?: string; body?: string; labels?: string[] };
    if (body.title !== undefined) issue.title = body.title;
    if (body.body !== undefined) issue.body = body.body;
    if (body.labels !== undefined) issue.labels = body.labels;
    const { pull_request: _p, ...reply } = issueBody(issue);
    return { status: 200, body: reply };
  });

  gh.route("GET /repos/{owner}/{repo}/labels/{name}", (req) =>
    mine(req) && repo.labels.has(req.params.name ?? "")
      ? { status: 200, body: labelBody(req.params.name ?? "") }
      : notFound,
  );
  gh.route("POST /repos/{owner}/{repo}/labels", (req) => {
    if (!mine(req)) return notFound;
    const body = req.body as { name: string; color: string; description?: string };
    repo.labels.set(body.name, { name: body.name, color: body.color, description: body.description ?? null });
    return { status: 201, body: labelBody(body.name) };
  });
  gh.route("PATCH /repos/{owner}/{repo}/labels/{name}", (req) => {
    const label = mine(req) ? repo.labels.get(req.params.name ?? "") : undefined;
    if (!label) return notFound;
    const body = req.body as { color?: string; description?: string };
    repo.labels.set(label.name, { ...label, ...body });
    return { status: 200, body: labelBody(label.name) };
  });

  gh.route("POST /repos/{owner}/{repo}/issues/{issue_number}/comments", (req) => {
    if (!mine(req)) return notFound;
    const id = 70000 + repo.comments.length;
    repo.comments.push({
      id,
      issue: Number(req.params.issue_number),
      body: (req.body as { body: string }).body,
    });
    return {
      status: 201,
      body: {
        ...obj("POST", "/repos/o/r/issues/1/comments", 201),
        id,
        body: (req.body as { body: string }).body,
      },
    };
  });
  gh.route("PATCH /repos/{owner}/{repo}/issues/comments/{comment_id}", (req) => {
    const comment = mine(req) ? repo.comments.find((c) => c.id === Number(req.params.comment_id)) : undefined;
    if (!comment) return notFound;
    comment.body = (req.body as { body: string }).body;
    repo.commentEdits.push({ id: comment.id, body: comment.body });
    return {
      status: 200,
      body: { ...obj("PATCH", "/repos/o/r/issues/comments/1", 200), id: comment.id, body: comment.body },
    };
  });
  gh.route("POST /repos/{owner}/{repo}/issues/comments/{comment_id}/reactions", (req) => {
    if (!mine(req)) return notFound;
    const content = (req.body as { content: string }).content;
    repo.reactions.push({ comment: Number(req.params.comment_id), content });
    return { status: 201, body: { ...obj("POST", "/repos/o/r/issues/comments/1/reactions", 201), content } };
  });

  gh.route("GET /repos/{owner}/{repo}/topics", (req) =>
    mine(req) ? { status: 200, body: { names: repo.topics } } : notFound,
  );
  gh.route("PUT /repos/{owner}/{repo}/topics", (req) => {
    if (!mine(req)) return notFound;
    repo.topics = (req.body as { names: string[] }).names;
    return { status: 200, body: { names: repo.topics } };
  });

  gh.route("GET /repos/{owner}/{repo}/collaborators/{username}/permission", (req) => {
    if (!mine(req)) return notFound;
    const role = repo.roles.get(req.params.username ?? "") ?? "read";
    const permission = role === "maintain" ? "write" : role === "triage" ? "read" : role;
    return {
      status: 200,
      body: { ...obj("GET", "/repos/o/r/collaborators/u/permission", 200), permission, role_name: role },
    };
  });
}
