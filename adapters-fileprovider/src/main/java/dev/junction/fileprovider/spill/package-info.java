/** Bodies buffered in memory up to a limit and in temporary files beyond it. */
package dev.junction.fileprovider.spill;
