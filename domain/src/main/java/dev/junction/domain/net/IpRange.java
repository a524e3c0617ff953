package dev.junction.domain.net;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Objects;

/**
 * An IPv4 or IPv6 address or CIDR block ({@code 10.0.0.0/8}, {@code ::1}, {@code 192.168.1.7}). Parsing never
 * touches DNS: a host name is rejected, not resolved.
 */
public final class IpRange {
    private final byte[] network;
    private final int prefixLength;
    private final String text;

    private IpRange(byte[] network, int prefixLength, String text) {
        this.network = network;
        this.prefixLength = prefixLength;
        this.text = text;
    }

    /** Parses an address or CIDR; throws {@link IllegalArgumentException} with a readable reason otherwise. */
    public static IpRange parse(String text) {
        Objects.requireNonNull(text, "text");
        String s = text.trim();
        int slash = s.indexOf('/');
        String address = slash < 0 ? s : s.substring(0, slash);
        byte[] bytes = literal(address);
        if (bytes == null) {
            throw new IllegalArgumentException("invalid IP address or CIDR: \"" + text + "\"");
        }
        int bits = bytes.length * 8;
        int prefix = bits;
        if (slash >= 0) {
            try {
                prefix = Integer.parseInt(s.substring(slash + 1));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("invalid CIDR prefix: \"" + text + "\"");
            }
            if (prefix < 0 || prefix > bits) {
                throw new IllegalArgumentException("invalid CIDR prefix: \"" + text + "\"");
            }
        }
        return new IpRange(mask(bytes, prefix), prefix, s);
    }

    /** The bytes of an IP literal, or null when {@code s} is not one (never resolves a name). */
    public static byte[] literal(String s) {
        if (s.isEmpty()) {
            return null;
        }
        String v = s.startsWith("[") && s.endsWith("]") ? s.substring(1, s.length() - 1) : s;
        int zone = v.indexOf('%');
        if (zone >= 0) {
            v = v.substring(0, zone);
        }
        boolean v4 = v.chars().allMatch(c -> (c >= '0' && c <= '9') || c == '.');
        boolean v6 = v.indexOf(':') >= 0 && v.chars().allMatch(c -> Character.digit(c, 16) >= 0 || c == ':' || c == '.');
        if (v4) {
            String[] parts = v.split("\\.", -1);
            if (parts.length != 4) {
                return null;
            }
            byte[] out = new byte[4];
            for (int i = 0; i < 4; i++) {
                if (parts[i].isEmpty() || parts[i].length() > 3) {
                    return null;
                }
                int n = Integer.parseInt(parts[i]);
                if (n > 255) {
                    return null;
                }
                out[i] = (byte) n;
            }
            return out;
        }
        if (v6) {
            try {
                return InetAddress.getByName(v).getAddress();
            } catch (UnknownHostException e) {
                return null;
            }
        }
        return null;
    }

    private static byte[] mask(byte[] bytes, int prefix) {
        byte[] out = bytes.clone();
        for (int i = 0; i < out.length; i++) {
            int bitsHere = Math.max(0, Math.min(8, prefix - i * 8));
            out[i] = (byte) (out[i] & (0xFF << (8 - bitsHere)));
        }
        return out;
    }

    /** The first address of the range as text ({@code 2001:db8::} for {@code 2001:db8::1/64}). */
    public String network() {
        try {
            return InetAddress.getByAddress(network).getHostAddress();
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Whether {@code address} falls in this range; an IPv4-mapped IPv6 address counts as IPv4. */
    public boolean contains(InetAddress address) {
        return address != null && contains(address.getAddress());
    }

    public boolean contains(byte[] address) {
        byte[] a = address;
        if (a.length == 16 && network.length == 4 && isV4Mapped(a)) {
            a = Arrays.copyOfRange(a, 12, 16);
        }
        if (a.length != network.length) {
            return false;
        }
        int full = prefixLength / 8;
        for (int i = 0; i < full; i++) {
            if (a[i] != network[i]) {
                return false;
            }
        }
        int rest = prefixLength % 8;
        if (rest == 0) {
            return true;
        }
        int m = 0xFF << (8 - rest);
        return (a[full] & m) == (network[full] & m);
    }

    private static boolean isV4Mapped(byte[] a) {
        for (int i = 0; i < 10; i++) {
            if (a[i] != 0) {
                return false;
            }
        }
        return a[10] == (byte) 0xFF && a[11] == (byte) 0xFF;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof IpRange r && r.prefixLength == prefixLength && Arrays.equals(r.network, network);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(network) * 31 + prefixLength;
    }

    @Override
    public String toString() {
        return text;
    }
}
