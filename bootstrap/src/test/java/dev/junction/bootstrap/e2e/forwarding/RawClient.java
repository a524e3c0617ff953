package dev.junction.bootstrap.e2e.forwarding;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** A client on a bare socket: sends exactly the bytes a test gives it and reads the answer as it comes. */
final class RawClient {
    private RawClient() {
    }

    /** A response as read off the wire; {@code trailers} are the fields after a chunked body's last chunk. */
    record Response(String statusLine, List<String[]> headers, byte[] body, boolean closedEarly,
                    List<String> trailers) {
        int status() {
            return Integer.parseInt(statusLine.split(" ")[1]);
        }

        /** The first value of a header, case-insensitively; null when absent. */
        String header(String name) {
            for (String[] h : headers) {
                if (h[0].equalsIgnoreCase(name)) {
                    return h[1];
                }
            }
            return null;
        }

        List<String> headerNames() {
            List<String> names = new ArrayList<>();
            headers.forEach(h -> names.add(h[0].toLowerCase(Locale.ROOT)));
            return names;
        }

        String bodyText() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    static Socket connect(int port) throws IOException {
        Socket socket = new Socket(InetAddress.getLoopbackAddress(), port);
        socket.setSoTimeout(10_000);
        return socket;
    }

    /** Sends {@code request} on a new connection and reads one response (Content-Length, chunked or to EOF). */
    static Response exchange(int port, String request) throws IOException {
        try (Socket socket = connect(port)) {
            socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();
            return read(socket.getInputStream());
        }
    }

    /**
     * Sends bytes that a server should refuse, and returns the status line it answers, or null when it closes the
     * connection (or resets it) without answering. A server may close while the request is still being written.
     */
    static String statusOfRejected(int port, byte[] request) throws IOException {
        try (Socket socket = connect(port)) {
            OutputStream out = socket.getOutputStream();
            try {
                for (int off = 0; off < request.length; off += 64 * 1024) {
                    out.write(request, off, Math.min(64 * 1024, request.length - off));
                }
                out.flush();
            } catch (IOException closedWhileWriting) {
                // the server gave up on us mid-request; it may still have answered before closing
            }
            try {
                String line = readLine(socket.getInputStream());
                return line == null || line.isEmpty() ? null : line;
            } catch (SocketTimeoutException e) {
                throw new AssertionError("the server neither answered nor closed the connection within 10 s");
            } catch (IOException reset) {
                return null;
            }
        }
    }

    static Response read(InputStream in) throws IOException {
        String status = readLine(in);
        if (status == null) {
            throw new IOException("connection closed before a status line");
        }
        List<String[]> headers = new ArrayList<>();
        for (String line; (line = readLine(in)) != null && !line.isEmpty(); ) {
            int colon = line.indexOf(':');
            headers.add(new String[] {line.substring(0, colon).trim(), line.substring(colon + 1).trim()});
        }
        Response head = new Response(status, headers, new byte[0], false, List.of());
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        List<String> trailers = new ArrayList<>();
        boolean early = false;
        String length = head.header("Content-Length");
        String te = head.header("Transfer-Encoding");
        int code = head.status();
        if (code == 204 || code == 304 || (code >= 100 && code < 200)) {
            return head;
        }
        if (te != null && te.toLowerCase(Locale.ROOT).contains("chunked")) {
            early = !readChunked(in, body, trailers);
        } else if (length != null) {
            long n = Long.parseLong(length);
            byte[] buf = new byte[8192];
            while (n > 0) {
                int r = in.read(buf, 0, (int) Math.min(buf.length, n));
                if (r < 0) {
                    early = true;
                    break;
                }
                body.write(buf, 0, r);
                n -= r;
            }
        } else {
            in.transferTo(body);
        }
        return new Response(status, headers, body.toByteArray(), early, trailers);
    }

    /** Reads a chunked body and its trailer lines; false when the stream ends before the last chunk. */
    static boolean readChunked(InputStream in, ByteArrayOutputStream body, List<String> trailers) throws IOException {
        while (true) {
            String sizeLine = readLine(in);
            if (sizeLine == null) {
                return false;
            }
            int semi = sizeLine.indexOf(';');
            int size = Integer.parseInt((semi < 0 ? sizeLine : sizeLine.substring(0, semi)).trim(), 16);
            if (size == 0) {
                for (String trailer; (trailer = readLine(in)) != null; ) {
                    if (trailer.isEmpty()) {
                        return true;
                    }
                    trailers.add(trailer);
                }
                return false;
            }
            byte[] chunk = in.readNBytes(size);
            body.write(chunk);
            if (chunk.length < size || readLine(in) == null) {
                return false;
            }
        }
    }

    /** One CRLF-terminated line without its terminator; null at end of stream. */
    static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) >= 0) {
            if (b == '\n') {
                byte[] bytes = line.toByteArray();
                int len = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
                return new String(bytes, 0, len, StandardCharsets.ISO_8859_1);
            }
            line.write(b);
        }
        return line.size() == 0 ? null : line.toString(StandardCharsets.ISO_8859_1);
    }
}
