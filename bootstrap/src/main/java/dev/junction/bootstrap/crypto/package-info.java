/** The password-hash adapter: htpasswd formats verified with commons-codec, favre bcrypt and the JDK. */
package dev.junction.bootstrap.crypto;
