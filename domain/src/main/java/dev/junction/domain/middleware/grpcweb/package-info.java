/** {@code grpcWeb}: browsers' gRPC-Web calls turned into gRPC for the backend, and its answers back. */
package dev.junction.domain.middleware.grpcweb;
