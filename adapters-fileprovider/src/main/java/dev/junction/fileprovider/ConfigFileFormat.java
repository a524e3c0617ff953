package dev.junction.fileprovider;

import dev.junction.domain.config.ConfigProblem;
import dev.junction.domain.config.ConfigurationException;
import dev.junction.domain.config.tree.ConfigNode;
import dev.junction.domain.config.tree.Origin;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * The configuration file formats Traefik reads, chosen by the file's extension exactly as Traefik does
 * ({@code .toml}; {@code .yaml} or {@code .yml}; case-insensitive), so a file is read the same way whether it is
 * the static configuration or a file of the file provider.
 */
public enum ConfigFileFormat {
    TOML,
    YAML;

    /** The format of {@code file} by its extension, if it is one Junction reads. */
    public static Optional<ConfigFileFormat> of(Path file) {
        String name = file.getFileName() == null ? "" : file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".toml")) {
            return Optional.of(TOML);
        }
        if (name.endsWith(".yaml") || name.endsWith(".yml")) {
            return Optional.of(YAML);
        }
        return Optional.empty();
    }

    /** Reads {@code text} in this format; {@code source} names the file in every origin. */
    public ConfigNode.MapNode read(String source, String text) {
        return this == TOML ? new TomlTreeReader().read(source, text) : new YamlTreeReader().read(source, text);
    }

    /**
     * Reads the bytes of {@code file} (UTF-8, a leading byte-order mark ignored) in the format its extension names.
     *
     * @throws ConfigurationException naming the file when the extension is not supported, the bytes are not
     *                                UTF-8, or the text does not parse
     */
    public static ConfigNode.MapNode readTree(Path file, byte[] content) {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(content, "content");
        String source = file.toString();
        ConfigFileFormat format = of(file).orElseThrow(() -> new ConfigurationException(new ConfigProblem(
                Origin.of(source), "", "unsupported file extension: expected .toml, .yaml or .yml")));
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(content))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new ConfigurationException(new ConfigProblem(Origin.of(source), "", "the file is not valid UTF-8 text"));
        }
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        return format.read(source, text);
    }
}
