package dev.assistants4j.sandbox;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Where this process's cgroups are, read from {@code /proc/self/mountinfo} (the cgroup file systems mounted) and
 * {@code /proc/self/cgroup} (this process's group in each hierarchy). Immutable.
 *
 * @param mountinfo the lines of {@code /proc/self/mountinfo}
 * @param cgroups the lines of {@code /proc/self/cgroup} ({@code id:controllers:path}; {@code 0::path} for v2)
 */
record CgroupHost(List<String> mountinfo, List<String> cgroups) {

    /** This process's. */
    static CgroupHost current() {
        try {
            return new CgroupHost(
                    Files.readAllLines(Path.of("/proc/self/mountinfo")),
                    Files.readAllLines(Path.of("/proc/self/cgroup")));
        } catch (IOException e) {
            return new CgroupHost(List.of(), List.of());
        }
    }

    /** This process's cgroup directory in the unified (v2) hierarchy, when one is mounted. */
    Optional<Path> v2() {
        return group("").flatMap(path -> mount("cgroup2", null).map(m -> m.locate(path)));
    }

    /** This process's cgroup directory in the v1 hierarchy of {@code controller}, when one is mounted. */
    Optional<Path> v1(String controller) {
        return group(controller).flatMap(path -> mount("cgroup", controller).map(m -> m.locate(path)));
    }

    /** The path of this process's group in the hierarchy of {@code controller} ({@code ""}: v2's). */
    private Optional<String> group(String controller) {
        for (String line : cgroups) {
            String[] parts = line.split(":", 3);
            if (parts.length < 3) continue;
            boolean match = controller.isEmpty()
                    ? parts[0].equals("0") && parts[1].isEmpty()
                    : Arrays.asList(parts[1].split(",")).contains(controller);
            if (match) return Optional.of(parts[2]);
        }
        return Optional.empty();
    }

    /** A mount of {@code type} (with {@code controller} among its options, for v1). */
    private Optional<Mount> mount(String type, String controller) {
        for (String line : mountinfo) {
            List<String> fields = Arrays.asList(line.split(" "));
            int dash = fields.indexOf("-");
            if (dash < 0 || fields.size() < dash + 4 || !fields.get(dash + 1).equals(type)) continue;
            List<String> options = Arrays.asList(fields.get(dash + 3).split(","));
            if (controller == null || options.contains(controller)) {
                return Optional.of(new Mount(unescape(fields.get(3)), Path.of(unescape(fields.get(4)))));
            }
        }
        return Optional.empty();
    }

    private static String unescape(String field) {
        return field.replace("\\040", " ")
                .replace("\\011", "\t")
                .replace("\\012", "\n")
                .replace("\\134", "\\");
    }

    /** A mounted hierarchy: the group at its root, and where it is mounted. */
    private record Mount(String root, Path point) {

        /** The directory of the group {@code path} (a path in the hierarchy), below this mount. */
        Path locate(String path) {
            String relative = path;
            if (!root.equals("/") && (path.equals(root) || path.startsWith(root + "/"))) {
                relative = path.substring(root.length());
            }
            List<String> names = new ArrayList<>(Arrays.asList(relative.split("/")));
            names.removeIf(String::isEmpty);
            Path dir = point;
            for (String name : names) dir = dir.resolve(name);
            return dir;
        }
    }
}
