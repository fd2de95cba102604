# Varnish in front of the content API: caches what the API calls public, for as long as it says, and purges by the
# surrogate keys that responses carry and webhook events name (vmod xkey, Debian's varnish-modules).
#   PURGE / with "xkey: article-123 list-articles" evicts every object that names any of those keys.
# Set the backend to where the API listens; checked by ops/varnish/check.sh in CI.
# The API must trust this Varnish for the client's address (docs/security.md): QUARKUS_HTTP_PROXY_PROXY_ADDRESS_FORWARDING=true,
# QUARKUS_HTTP_PROXY_ALLOW_X_FORWARDED=true, QUARKUS_HTTP_PROXY_TRUSTED_PROXIES=<this Varnish's address>. When Varnish
# itself sits behind a balancer, have the balancer speak the PROXY protocol to it (varnishd -a ...,PROXY), so that
# client.ip is still the reader's.
vcl 4.1;

import std;
import xkey;

backend api {
    .host = "127.0.0.1";
    .port = "8080";
}

# Who may purge: the webhook receiver that turns events into purges runs beside Varnish.
acl purgers {
    "127.0.0.1";
    "::1";
}

sub vcl_recv {
    # The reader's address, as Varnish saw it, replaces whatever the client claimed: rate limits are per reader, not
    # per Varnish, and a forged X-Forwarded-For buys no fresh bucket. IPv6 in brackets, which the API reads whole.
    if ("" + client.ip ~ ":") {
        set req.http.X-Forwarded-For = "[" + client.ip + "]";
    } else {
        set req.http.X-Forwarded-For = client.ip;
    }
    # Every request has an id of its own, the client's when well formed: it goes to the API on a miss and comes
    # back to this client only (vcl_deliver), never stored with the object for the next reader.
    if (req.http.X-Request-Id !~ "^[A-Za-z0-9._:-]{1,64}$") {
        set req.http.X-Request-Id = "varnish-" + req.xid;
    }
    if (req.method == "PURGE") {
        if (client.ip !~ purgers) {
            return (synth(403, "Forbidden"));
        }
        if (req.http.xkey) {
            set req.http.n-gone = xkey.purge(req.http.xkey);
            return (synth(200, "Invalidated " + req.http.n-gone + " objects"));
        }
        return (purge);
    }
    if (req.method != "GET" && req.method != "HEAD") {
        return (pass);
    }
    # Anything read with a token (drafts, the operator's resources) is never served from or stored in the cache.
    if (req.http.Authorization) {
        return (pass);
    }
    # Health and metrics are the instance's own.
    if (req.url ~ "^/q/") {
        return (pass);
    }
    unset req.http.Cookie;
    # One spelling per origin (lower case, no trailing slash), and none for what is no origin: with reads open to
    # any origin the API answers "*" without Vary: Origin, so one object serves every site; with a list of origins
    # it varies by Origin, and a spelling can then not make a new object of the same origin.
    if (req.http.Origin) {
        set req.http.Origin = regsub(std.tolower(req.http.Origin), "/+$", "");
        if (req.http.Origin !~ "^https?://[a-z0-9.-]+(:[0-9]{1,5})?$") {
            unset req.http.Origin;
        }
    }
    return (hash);
}

sub vcl_backend_response {
    # The id is the request's that missed, not the object's: never stored, never served to another reader.
    unset beresp.http.X-Request-Id;
    # Only what the API calls public is kept (Varnish takes max-age and stale-while-revalidate from Cache-Control).
    if (beresp.http.Cache-Control !~ "(^|[ ,])public([ ,]|$)") {
        set beresp.uncacheable = true;
        set beresp.ttl = 120s;
        return (deliver);
    }
    # xkey indexes objects by this header; the API names the keys in Surrogate-Key.
    set beresp.http.xkey = beresp.http.Surrogate-Key;
    # stale-if-error: a copy outlives its freshness by a day, served if the API is down.
    set beresp.keep = 1d;
    return (deliver);
}

sub vcl_deliver {
    if (obj.hits > 0) {
        set resp.http.X-Cache = "HIT";
    } else {
        set resp.http.X-Cache = "MISS";
    }
    unset resp.http.xkey;
    set resp.http.X-Request-Id = req.http.X-Request-Id;
}
