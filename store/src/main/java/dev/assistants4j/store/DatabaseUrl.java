package dev.assistants4j.store;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a PostgreSQL database is, as users write it: {@code postgresql://USER[:PASSWORD]@HOST[:PORT]/DB[?PARAMS]}
 * (also {@code postgres://}, the form of LiteLLM's {@code DATABASE_URL} and of every managed PostgreSQL), or a JDBC URL
 * {@code jdbc:postgresql://…}. Parameters such as {@code sslmode=require} pass to the driver.
 *
 * @param jdbcUrl the driver's URL, without the user and password
 * @param user empty when the URL names none (the driver then takes the system user, or the JDBC URL's {@code user})
 * @param password empty when the URL holds none
 */
public record DatabaseUrl(String jdbcUrl, Optional<String> user, Optional<String> password) {

    private static final Pattern URL =
            Pattern.compile("(?i)postgres(?:ql)?://(?:([^:@/]*)(?::([^@/]*))?@)?([^/?]+)(/[^?]*)?(\\?.*)?");

    public DatabaseUrl {
        Objects.requireNonNull(jdbcUrl, "jdbcUrl");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(password, "password");
    }

    /**
     * Reads a URL in either form.
     *
     * @throws IllegalArgumentException naming what is wrong (the password left out of the message)
     */
    public static DatabaseUrl parse(String url) {
        String trimmed = Objects.requireNonNull(url, "url").strip();
        if (trimmed.toLowerCase(Locale.ROOT).startsWith("jdbc:postgresql:")) {
            return new DatabaseUrl(trimmed, Optional.empty(), Optional.empty());
        }
        Matcher m = URL.matcher(trimmed);
        if (!m.matches()) {
            throw new IllegalArgumentException("Unsupported database URL '" + redact(trimmed)
                    + "': use postgresql://USER@HOST:PORT/DB (or a jdbc:postgresql:// URL)");
        }
        String path = m.group(4) == null ? "/" : m.group(4);
        String query = m.group(5) == null ? "" : m.group(5);
        return new DatabaseUrl(
                "jdbc:postgresql://" + m.group(3) + path + query,
                Optional.ofNullable(m.group(1)).filter(s -> !s.isEmpty()).map(DatabaseUrl::decode),
                Optional.ofNullable(m.group(2)).map(DatabaseUrl::decode));
    }

    /** The URL to show in logs and messages: the JDBC URL and user, never the password. */
    public String display() {
        return user.map(u -> u + " at ").orElse("") + redact(jdbcUrl);
    }

    /** {@code url} with any password in it replaced by {@code ***}. */
    static String redact(String url) {
        return url.replaceAll("(://[^:@/]*:)[^@/]*@", "$1***@").replaceAll("(?i)(password=)[^&]*", "$1***");
    }

    private static String decode(String part) {
        return URLDecoder.decode(part.replace("+", "%2B"), StandardCharsets.UTF_8);
    }
}
