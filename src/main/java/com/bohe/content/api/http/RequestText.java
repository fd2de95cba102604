package com.bohe.content.api.http;

import com.bohe.content.api.problem.InvalidRequestException;

import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

import jakarta.ws.rs.container.ContainerRequestContext;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Refuses, with a 400, what no URL of this API holds: a NUL byte, a malformed percent-escape, or bytes that are not
 * UTF-8, in the path or the query. PostgreSQL would refuse a NUL in a slug or a search term with an error; a
 * decoder would turn bad bytes into replacement characters and search for those.
 */
public class RequestText {

    @ServerRequestFilter(preMatching = true)
    public void check(ContainerRequestContext request) {
        URI uri = request.getUriInfo().getRequestUri();
        if (!isClean(uri.getRawPath())) {
            throw new InvalidRequestException("path", "must be UTF-8 text without NUL bytes or malformed %-escapes");
        }
        if (!isClean(uri.getRawQuery())) {
            throw new InvalidRequestException("query", "must be UTF-8 text without NUL bytes or malformed %-escapes");
        }
    }

    /** Whether a raw (still %-encoded) path or query decodes to UTF-8 text without NUL; null is clean. */
    public static boolean isClean(String raw) {
        if (raw == null || raw.indexOf('%') < 0 && raw.indexOf('\0') < 0) {
            return true;
        }
        byte[] text = raw.getBytes(StandardCharsets.UTF_8);
        ByteBuffer decoded = ByteBuffer.allocate(text.length);
        for (int i = 0; i < text.length; i++) {
            byte b = text[i];
            if (b == '%') {
                if (i + 2 >= text.length) {
                    return false;
                }
                int high = Character.digit(text[i + 1], 16);
                int low = Character.digit(text[i + 2], 16);
                if (high < 0 || low < 0) {
                    return false;
                }
                b = (byte) (high << 4 | low);
                i += 2;
            }
            if (b == 0) {
                return false;
            }
            decoded.put(b);
        }
        decoded.flip();
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(decoded);
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }
}
