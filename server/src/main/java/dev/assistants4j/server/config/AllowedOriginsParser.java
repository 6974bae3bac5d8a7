package dev.assistants4j.server.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads {@code general_settings.allowed_origins}: the browser origins allowed to call the server, each {@code *}, an
 * exact origin ({@code scheme://host[:port]}, as browsers send it in {@code Origin}) or {@code scheme://host:*} (any
 * port). Absent means {@link ServerConfig#defaultOrigins}: every origin with a master key, this machine's without. An
 * origin is compared as browsers write it, so one with a path or a trailing slash (which would never match) is refused
 * rather than silently ignored.
 */
final class AllowedOriginsParser {

    static final String PATH = "general_settings.allowed_origins";
    private static final String EXAMPLE = "a list of origins such as [\"https://app.example.com\"], or [\"*\"]";

    private AllowedOriginsParser() {}

    /**
     * The allowed origins under {@code general} (the {@code general_settings} mapping, or null when absent); null when
     * the config does not set them ({@link ServerConfig#defaultOrigins} then applies).
     */
    static List<String> parse(JsonNode general, ConfigContext ctx) {
        if (general == null || ConfigContext.absent(general, "allowed_origins")) {
            return null;
        }
        JsonNode list = general.get("allowed_origins");
        if (!list.isArray()) {
            throw ctx.error(PATH, "must be " + EXAMPLE + ", not " + ConfigContext.describe(list));
        }
        List<String> origins = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            String path = PATH + "[" + i + "]";
            JsonNode entry = list.get(i);
            if (!entry.isTextual()) {
                throw ctx.error(path, "must be a string, not " + ConfigContext.describe(entry));
            }
            origins.add(origin(ctx.resolve(entry.textValue().trim(), path), path, ctx));
        }
        return List.copyOf(origins);
    }

    /** {@code value} as browsers write an origin (lower case, no default port), or an error naming {@code path}. */
    private static String origin(String value, String path, ConfigContext ctx) {
        if (value.equals("*")) {
            return value;
        }
        if (value.endsWith(":*")) { // any port: http://localhost:*
            String host = origin(value.substring(0, value.length() - 2), path, ctx);
            if (host.lastIndexOf(':') > host.indexOf("://") + 2 && !host.endsWith("]")) {
                throw ctx.error(path, "has two ports; write scheme://host:* for any port");
            }
            return host + ":*";
        }
        String problem = "must be * or an origin: scheme://host[:port] with no path or trailing slash, such as"
                + " https://app.example.com";
        URI uri;
        try {
            uri = new URI(value);
        } catch (URISyntaxException e) {
            throw ctx.error(path, problem);
        }
        boolean bare = uri.getRawPath() != null && uri.getRawPath().isEmpty();
        if (uri.getScheme() == null
                || uri.getHost() == null
                || uri.getRawUserInfo() != null
                || !bare
                || uri.getRawQuery() != null
                || uri.getRawFragment() != null) {
            throw ctx.error(path, problem);
        }
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        boolean defaultPort =
                (scheme.equals("http") && uri.getPort() == 80) || (scheme.equals("https") && uri.getPort() == 443);
        String port = uri.getPort() < 0 || defaultPort ? "" : ":" + uri.getPort();
        return scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + port;
    }
}
