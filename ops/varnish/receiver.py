"""A webhook receiver for the Varnish check: verifies each delivery's Standard Webhooks signature with the secret in
SECRET_FILE, and for a content event PURGEs Varnish by the event's surrogate keys. Logs one JSON line per delivery.
Usage: receiver.py PORT SECRET_FILE VARNISH_URL LOG_FILE"""
import base64, hashlib, hmac, http.client, http.server, json, sys, time, urllib.parse

port, secret_file, varnish, log_file = int(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4]


def verified(headers, body):
    try:
        secret = open(secret_file).read().strip()
    except OSError:
        return False
    key = base64.b64decode(secret[len("whsec_"):])
    msg_id, timestamp = headers.get("webhook-id", ""), headers.get("webhook-timestamp", "0")
    if abs(time.time() - int(timestamp)) > 300:
        return False
    expected = "v1," + base64.b64encode(hmac.new(key, f"{msg_id}.{timestamp}.".encode() + body, hashlib.sha256).digest()).decode()
    return any(hmac.compare_digest(expected, given) for given in headers.get("webhook-signature", "").split(" "))


class Handler(http.server.BaseHTTPRequestHandler):
    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
        ok = verified(self.headers, body)
        entry = {"verified": ok}
        if ok:
            event = json.loads(body)
            entry.update(type=event["type"], keys=event.get("surrogateKeys", []))
            if entry["keys"]:
                target = urllib.parse.urlparse(varnish)
                connection = http.client.HTTPConnection(target.hostname, target.port, timeout=5)
                connection.request("PURGE", "/", headers={"xkey": " ".join(entry["keys"])})
                answer = connection.getresponse()
                entry["purge"] = f"{answer.status} {answer.reason}"
                connection.close()
        with open(log_file, "a") as log:
            log.write(json.dumps(entry) + "\n")
        self.send_response(204 if ok else 401)
        self.end_headers()

    def log_message(self, *args):
        pass


http.server.ThreadingHTTPServer(("127.0.0.1", port), Handler).serve_forever()
