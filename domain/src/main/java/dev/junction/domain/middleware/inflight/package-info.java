/** {@code inFlightReq}: a cap on the requests of one source being served at the same time. */
package dev.junction.domain.middleware.inflight;
