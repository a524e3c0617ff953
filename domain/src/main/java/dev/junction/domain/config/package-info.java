/** Configuration values shared by the static and dynamic models: problems, durations. */
package dev.junction.domain.config;
