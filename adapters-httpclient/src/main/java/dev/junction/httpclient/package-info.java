/** The outbound adapter: forwards requests to backends with HttpClient5's async client, streaming both ways. */
package dev.junction.httpclient;
