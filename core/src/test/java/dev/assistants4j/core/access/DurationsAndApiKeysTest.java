package dev.assistants4j.core.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** LiteLLM's duration texts, and keys as LiteLLM makes, hashes and shows them. */
class DurationsAndApiKeysTest {

    @Test
    void litellm_durations_parse_to_their_lengths() {
        assertThat(Durations.parse("30s")).isEqualTo(Duration.ofSeconds(30));
        assertThat(Durations.parse("30m")).isEqualTo(Duration.ofMinutes(30));
        assertThat(Durations.parse("30h")).isEqualTo(Duration.ofHours(30));
        assertThat(Durations.parse("30d")).isEqualTo(Duration.ofDays(30));
        assertThat(Durations.parse("2w")).isEqualTo(Duration.ofDays(14));
        assertThat(Durations.parse("1mo")).isEqualTo(Duration.ofDays(30));
        for (String bad : new String[] {"", "30", "d", "-1d", "0s", "1y", "30 days", "1.5h"}) {
            assertThatThrownBy(() -> Durations.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void keys_are_random_base62_after_sk_and_stored_as_their_sha256() {
        Set<String> keys = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            String key = ApiKeys.generate();
            assertThat(key).matches("sk-[0-9A-Za-z]{43}");
            keys.add(key);
        }
        String key = ApiKeys.generate();

        assertThat(keys).hasSize(1000);
        assertThat(ApiKeys.hash("abc")).isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        assertThat(ApiKeys.tokenOf(key)).isEqualTo(ApiKeys.hash(key));
        assertThat(ApiKeys.tokenOf(ApiKeys.hash(key))).isEqualTo(ApiKeys.hash(key));
        assertThat(ApiKeys.keyName(key)).isEqualTo("sk-..." + key.substring(key.length() - 4));
    }
}
