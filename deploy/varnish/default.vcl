# Varnish 7 in front of the app instances (docs/deployment.md, "Several instances").
# The backends, the director and the purgers' ACL are in backends.vcl beside this file (one for
# docker-compose, one written by tests/cluster/ for loopback ports): this file is the same for both.
#
# What is cached is what the app marks public: a 200 with `Cache-Control: public … s-maxage=N` and
# a `Surrogate-Key` header (the app sends both only for anonymous reads of published content, see
# docs/response-cache.md). Keys are the app's: the request target as sent, and `Origin` when
# present. Requests with any `Authorization` or `Cookie` header are never looked up nor stored:
# Varnish parses no cookie, so it cannot disagree with Payload about what a credential is (the
# app's own cache answers those readers, keyed by Payload's parser). Purges come from the app
# instances only, by surrogate key (xkey).
vcl 4.1;

import directors;
import std;
import xkey;

include "backends.vcl";

sub vcl_init {
  call newsroom_backends;
}

sub vcl_recv {
  if (req.method == "PURGE") {
    if (client.ip !~ purgers) {
      return (synth(403, "Forbidden"));
    }
    if (!req.http.xkey) {
      return (synth(400, "A purge names its surrogate keys in the xkey header"));
    }
    # A hard purge: what a change names is gone, not kept for grace.
    set req.http.n-gone = xkey.purge(req.http.xkey);
    return (synth(200, "Invalidated " + req.http.n-gone + " objects"));
  }
  set req.backend_hint = cluster.backend();
  # Purge headers and the app's private mark never come from a client.
  unset req.http.xkey;
  unset req.http.x-newsroom-public;
  if (req.method != "GET" && req.method != "HEAD") {
    # Writes, GraphQL POST (the app's own cache answers public GraphQL queries), everything else.
    # A body kept in Varnish can be sent again to the other instance when the first one went away
    # before answering (a rolling restart); larger ones (uploads) are sent once.
    std.cache_req_body(2MB);
    return (pass);
  }
  if (req.http.Authorization || req.http.Cookie) {
    # A credential or a consent decision: the app decides (its parser, its keys).
    return (pass);
  }
  if (req.url ~ "^/(admin|_next/)" || req.url ~ "[?&]draft=true(&|$)") {
    return (pass);
  }
  return (hash);
}

sub vcl_hash {
  # As the app keys: the request target exactly as sent, and Origin (CORS answers differ by it).
  hash_data(req.url);
  if (req.http.Origin) {
    hash_data(req.http.Origin);
  }
  return (lookup);
}

sub vcl_backend_fetch {
  # One retry on the other instance when the first refused the connection (a rolling restart).
  if (bereq.retries > 0) {
    set bereq.backend = cluster.backend();
  }
}

sub vcl_backend_response {
  if (beresp.status != 200
      || !beresp.http.Surrogate-Key
      || beresp.http.Set-Cookie
      || beresp.http.Cache-Control !~ "(^|[,\s])public([,\s]|$)"
      || beresp.http.Cache-Control !~ "s-maxage=\d+"
      || beresp.http.Cache-Control ~ "(private|no-store|no-cache)") {
    # Not marked public by the app: never stored, and the next request goes to the app again.
    set beresp.uncacheable = true;
    set beresp.ttl = 120s;
    return (deliver);
  }
  # TTL is s-maxage (Varnish reads it); stale-while-revalidate becomes grace: an expired object
  # is served while one fetch renews it. A purge is hard (xkey.purge), so grace never keeps
  # what a change named.
  set beresp.grace = std.duration(
    regsub(beresp.http.Cache-Control, "^.*stale-while-revalidate=(\d+).*$", "\1s"), 0s);
  # Surrogate keys for xkey, plus one every object carries so that "purge everything" is a key too.
  set beresp.http.xkey = beresp.http.Surrogate-Key + " newsroom-all";
  return (deliver);
}

sub vcl_backend_error {
  # Connection refused or reset before an answer (an instance stopping): the other one answers.
  if (bereq.retries < 2) {
    return (retry);
  }
}

sub vcl_deliver {
  unset resp.http.xkey;
  if (obj.hits > 0) {
    set resp.http.X-Varnish-Cache = "HIT";
  } else {
    set resp.http.X-Varnish-Cache = "MISS";
  }
}
