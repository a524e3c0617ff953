/** Shared rate-limit buckets in Redis, through Lettuce's asynchronous client. */
package dev.junction.httpclient.redis;
