package no.arealbank.tiles;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.zip.GZIPOutputStream;

/**
 * A rendered tile: its bytes, their strong ETag, and (made on first demand) the gzip-compressed bytes.
 * An empty body means "nothing here".
 */
final class Tile {

    private final byte[] body;
    private final String etag;
    private volatile byte[] gzip;

    Tile(byte[] body) {
        this.body = body;
        this.etag = "\"" + fingerprint(body) + "\"";
    }

    byte[] body() {
        return body;
    }

    boolean empty() {
        return body.length == 0;
    }

    /** Strong ETag of the identity representation. */
    String etag() {
        return etag;
    }

    /** Strong ETag of the gzip representation (a different byte sequence needs a different strong ETag). */
    String gzipEtag() {
        return etag.substring(0, etag.length() - 1) + "-gz\"";
    }

    boolean hasGzip() {
        return gzip != null;
    }

    byte[] gzip() {
        byte[] g = gzip;
        if (g == null) {
            ByteArrayOutputStream out = new ByteArrayOutputStream(body.length / 2 + 64);
            try (GZIPOutputStream z = new GZIPOutputStream(out)) {
                z.write(body);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            g = out.toByteArray();
            gzip = g;
        }
        return g;
    }

    /** Bytes this tile holds in memory, for the cache's budget. */
    int weight() {
        byte[] g = gzip;
        return 96 + body.length + (g == null ? 0 : g.length);
    }

    /** A content fingerprint (not a security measure): equal bytes, equal ETag, across restarts and instances. */
    private static String fingerprint(byte[] bytes) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(bytes);
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest).substring(0, 22);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
