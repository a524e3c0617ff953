package dev.junction.domain.middleware.contenttype;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

/**
 * The media type of a body judged from its first bytes, after Go's {@code http.DetectContentType} (the WHATWG
 * sniffing rules) that Traefik's {@code contentType} middleware uses: HTML and XML markers, byte-order marks,
 * the magic numbers of common images, media, fonts and archives, then text unless a binary byte appears.
 */
final class ContentSniffer {
    private static final int LIMIT = 512;
    private static final List<String> HTML = List.of("<!DOCTYPE HTML", "<HTML", "<HEAD", "<SCRIPT", "<IFRAME", "<H1",
            "<DIV", "<FONT", "<TABLE", "<A", "<STYLE", "<TITLE", "<B", "<BODY", "<BR", "<P", "<!--");

    private record Magic(byte[] prefix, String type) {
    }

    private static final List<Magic> MAGIC = List.of(
            magic("%PDF-", "application/pdf"),
            magic("%!PS-Adobe-", "application/postscript"),
            magic("GIF87a", "image/gif"),
            magic("GIF89a", "image/gif"),
            new Magic(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'}, "image/png"),
            new Magic(new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF}, "image/jpeg"),
            magic("BM", "image/bmp"),
            new Magic(new byte[] {0, 0, 1, 0}, "image/x-icon"),
            magic("OggS\0", "application/ogg"),
            magic("ID3", "audio/mpeg"),
            new Magic(new byte[] {0x1A, 0x45, (byte) 0xDF, (byte) 0xA3}, "video/webm"),
            magic("wOFF", "font/woff"),
            magic("wOF2", "font/woff2"),
            magic("OTTO", "font/otf"),
            new Magic(new byte[] {0x1F, (byte) 0x8B, 0x08}, "application/x-gzip"),
            magic("PK\u0003\u0004", "application/zip"),
            magic("Rar!\u001A\u0007", "application/x-rar-compressed"),
            magic("\0asm", "application/wasm"));

    private ContentSniffer() {
    }

    private static Magic magic(String prefix, String type) {
        return new Magic(prefix.getBytes(StandardCharsets.ISO_8859_1), type);
    }

    static String sniff(ByteBuffer body) {
        ByteBuffer b = body.duplicate();
        byte[] data = new byte[Math.min(LIMIT, b.remaining())];
        b.get(data);
        if (starts(data, new byte[] {(byte) 0xFE, (byte) 0xFF})) {
            return "text/plain; charset=utf-16be";
        }
        if (starts(data, new byte[] {(byte) 0xFF, (byte) 0xFE})) {
            return "text/plain; charset=utf-16le";
        }
        if (starts(data, new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF})) {
            return "text/plain; charset=utf-8";
        }
        int first = 0;
        while (first < data.length && isWhitespace(data[first])) {
            first++;
        }
        String head = new String(data, first, data.length - first, StandardCharsets.ISO_8859_1)
                .toUpperCase(Locale.ROOT);
        for (String tag : HTML) {
            if (head.startsWith(tag) && head.length() > tag.length()
                    && (head.charAt(tag.length()) == ' ' || head.charAt(tag.length()) == '>')) {
                return "text/html; charset=utf-8";
            }
        }
        if (head.startsWith("<?XML")) {
            return "text/xml; charset=utf-8";
        }
        for (Magic m : MAGIC) {
            if (starts(data, m.prefix())) {
                return m.type();
            }
        }
        if (data.length >= 12 && new String(data, 0, 4, StandardCharsets.ISO_8859_1).equals("RIFF")) {
            String kind = new String(data, 8, 4, StandardCharsets.ISO_8859_1);
            if (kind.equals("WEBP")) {
                return "image/webp";
            }
            if (kind.equals("WAVE")) {
                return "audio/wave";
            }
            if (kind.equals("AVI ")) {
                return "video/avi";
            }
        }
        if (data.length >= 12 && new String(data, 4, 4, StandardCharsets.ISO_8859_1).equals("ftyp")) {
            return "video/mp4";
        }
        for (byte value : data) {
            if (isBinary(value)) {
                return "application/octet-stream";
            }
        }
        return "text/plain; charset=utf-8";
    }

    private static boolean starts(byte[] data, byte[] prefix) {
        if (data.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (data[i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private static boolean isWhitespace(byte b) {
        return b == '\t' || b == '\n' || b == 0x0C || b == '\r' || b == ' ';
    }

    private static boolean isBinary(byte b) {
        int v = b & 0xFF;
        return v <= 0x08 || v == 0x0B || (v >= 0x0E && v <= 0x1A) || (v >= 0x1C && v <= 0x1F);
    }
}
