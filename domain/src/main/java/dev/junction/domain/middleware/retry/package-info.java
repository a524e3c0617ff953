/** {@code retry}: sending a request again, to the next server, when its backend could not be reached. */
package dev.junction.domain.middleware.retry;
