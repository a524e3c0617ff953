/** Load-balancing algorithms: which backend server takes the next request. */
package dev.junction.domain.balancing;
