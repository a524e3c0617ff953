/** {@code rateLimit}: token buckets per request source, delaying requests a little before refusing them. */
package dev.junction.domain.middleware.ratelimit;
