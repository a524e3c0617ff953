/** Builds the {@code basicAuth} middleware from its configuration: users lists, htpasswd files, hash parsing. */
package dev.junction.application.auth;
