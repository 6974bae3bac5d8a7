package dev.assistants4j.retrieval.ingest;

import java.util.SplittableRandom;

/** Deterministic English-like prose for size and speed tests. */
final class SampleText {

    private static final String[] WORDS =
            ("the of and to in is that for it as was with be by on not he this are or his "
                            + "from at which but have an they you were her she there been one all we their has would when if "
                            + "so no will more can what about out up into them some time only new could these two may first "
                            + "then do any like my now over such our man me even most made after also did many before must "
                            + "through back years where much your way well down should because each just those people how too "
                            + "little state good very make world still own see men work long get here between both life being "
                            + "under never day same another know while last might us great old year off come since against go "
                            + "came right used take three system government company market report revenue customer product "
                            + "research science history water energy network computer library language database memory kitten "
                            + "garden mountain river ocean forest winter summer music painting theatre hospital medicine")
                    .split(" ");

    private SampleText() {}

    /** About {@code chars} characters of sentences in paragraphs of 4 to 8 sentences. */
    static String prose(int chars, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        StringBuilder text = new StringBuilder(chars + 200);
        while (text.length() < chars) {
            int sentences = 4 + random.nextInt(5);
            for (int s = 0; s < sentences; s++) {
                int words = 6 + random.nextInt(14);
                for (int w = 0; w < words; w++) {
                    String word = WORDS[random.nextInt(WORDS.length)];
                    text.append(w == 0 ? Character.toUpperCase(word.charAt(0)) + word.substring(1) : word);
                    text.append(w == words - 1 ? ". " : " ");
                }
            }
            text.setLength(text.length() - 1);
            text.append("\n\n");
        }
        return text.toString();
    }
}
