package dev.assistants4j.sandbox;

import java.util.Locale;
import java.util.Optional;

/** Why a sandbox could not start, said from what bubblewrap (or the launch script) wrote on failing. */
final class StartFailure {

    private StartFailure() {}

    /**
     * The message for a sandbox that did not start: user namespaces are blamed only when bubblewrap says it could
     * not create one; otherwise its own words are the cause, with the user it ran as.
     *
     * @param reason the start's failure, with bubblewrap's stderr
     * @param runAs the host user bubblewrap ran as, when not the server's
     */
    static String explain(String reason, Optional<Integer> runAs) {
        String who = runAs.map(uid -> "bubblewrap (running as uid " + uid + ")").orElse("bubblewrap");
        if (namespaces(reason)) {
            return "code_interpreter: " + who + " cannot create the namespaces of a sandbox on this host (" + reason
                    + "). It needs unprivileged user namespaces (sysctl user.max_user_namespaces > 0, and"
                    + " kernel.unprivileged_userns_clone=1 or kernel.apparmor_restrict_unprivileged_userns=0 where"
                    + " those exist); in a container, allow them (e.g. a seccomp profile permitting unshare/clone with"
                    + " CLONE_NEWUSER).";
        }
        return "code_interpreter: " + who + " cannot start a sandbox: " + reason;
    }

    /** Whether bubblewrap failed to create or set up a (user) namespace. */
    static boolean namespaces(String reason) {
        String text = reason == null ? "" : reason.toLowerCase(Locale.ROOT);
        return text.contains("namespace")
                || text.contains("uid map")
                || text.contains("gid map")
                || text.contains("setgroups");
    }
}
