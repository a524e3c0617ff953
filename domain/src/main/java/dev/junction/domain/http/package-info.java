/** The HTTP exchange as the domain sees it: a request to route and transform, and a way to answer it. */
package dev.junction.domain.http;
