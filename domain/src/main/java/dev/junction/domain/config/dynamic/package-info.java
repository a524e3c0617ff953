/** The dynamic configuration: routers, middlewares and services, replaced live as providers change. */
package dev.junction.domain.config.dynamic;
