# Varnish in front of the content API: caches what the API calls public, for as long as it says, and purges by the
# surrogate keys that responses carry and webhook events name (vmod xkey, Debian's varnish-modules).
#   PURGE / with "xkey: article-123 list-articles" evicts every object that names any of those keys.
# Set the backend to where the API listens; checked by ops/varnish/check.sh in CI.
vcl 4.1;

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
    return (hash);
}

sub vcl_backend_response {
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
}
