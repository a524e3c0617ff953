/** The {@code headers} middleware: custom request and response headers, CORS, and security headers. */
package dev.junction.domain.middleware.headers;
