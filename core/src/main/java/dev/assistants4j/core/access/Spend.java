package dev.assistants4j.core.access;

/**
 * What keys and teams have spent, in US dollars, as the admin API shows it ({@code spend}). The spend log fills it;
 * until it is wired, {@link #NONE} answers 0.0. Implementations are thread-safe.
 */
public interface Spend {

    /** Nothing recorded: everything has spent 0.0. */
    Spend NONE = new Spend() {
        @Override
        public double ofKey(String keyId) {
            return 0.0;
        }

        @Override
        public double ofTeam(String teamId) {
            return 0.0;
        }
    };

    /** The spend of the key with stable id {@code keyId} in its current budget period. */
    double ofKey(String keyId);

    /** The spend of all keys of the team in its current budget period. */
    double ofTeam(String teamId);
}
