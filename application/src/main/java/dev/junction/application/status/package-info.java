/** The runtime status of every configured object: enabled, warning or disabled, with its errors. */
package dev.junction.application.status;
