package dev.junction.domain.config.statics;

import dev.junction.domain.net.IpRange;
import java.util.List;

/**
 * Which clients may send X-Forwarded-* headers that Junction keeps; everyone else's are stripped so a client
 * cannot spoof its address or scheme.
 */
public record ForwardedHeadersConfig(boolean insecure, List<IpRange> trustedIPs) {
    public static final ForwardedHeadersConfig NONE_TRUSTED = new ForwardedHeadersConfig(false, List.of());

    public ForwardedHeadersConfig {
        trustedIPs = List.copyOf(trustedIPs);
    }
}
