package dev.junction.bootstrap;

import com.google.inject.AbstractModule;
import dev.junction.bootstrap.crypto.CryptPasswordHashes;
import dev.junction.domain.auth.PasswordHashes;

/** Password hashes are verified with commons-codec (MD5-crypt) and favre bcrypt. */
public final class CryptoModule extends AbstractModule {
    @Override
    protected void configure() {
        bind(PasswordHashes.class).to(CryptPasswordHashes.class);
    }
}
