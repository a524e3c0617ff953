/** Network values: IP addresses and ranges, parsed without name resolution. */
package dev.junction.domain.net;
