package dev.assistants4j.bench;

import dev.assistants4j.core.search.IndexedChunk;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Chunks shaped like sentence embeddings of real documents, generated from a seed.
 *
 * <p>Vectors: {@code clusters} topic centres {@code normalise(0.42 m + u_k)} around one shared direction {@code m}
 * (text embeddings are anisotropic: unrelated texts still have a cosine of about 0.1–0.2), each file picks a topic
 * and an offset from it, each chunk adds its own noise, and the sum is normalised. With the default noise the cosine
 * of two chunks is about 0.74 within a file, 0.55 within a topic and 0.08 across topics, roughly what MiniLM gives for
 * passages of one document, of one subject and of unrelated subjects. Texts: 24 words, three of them the topic's own
 * (made-up) words, the rest common English words and words of other topics, so BM25 has a signal but a noisy one.
 *
 * <p>Files have 5 to 55 chunks (30 on average) and belong to one vector store; the first store holds {@code
 * bigShare} of the files, the others share the rest equally.
 */
final class SyntheticCorpus {

    private static final double SHARED_DIRECTION = 0.42;
    private static final double FILE_NOISE = 0.03;
    private static final double CHUNK_NOISE = 0.035;
    private static final int WORDS_PER_CHUNK = 24;
    private static final int TOPIC_WORDS = 5;
    private static final String[] COMMON =
            ("the of and to in is for that on with as by be this are from at or an it not which have has "
                            + "will can may all its more other their new also been such were these data system "
                            + "report must should each time used use year process team customer policy service "
                            + "review plan project value number section table figure result level support access "
                            + "request account product market change order total business management information "
                            + "quality staff risk control cost budget design model network user group public")
                    .split(" ");
    private static final String[] SYLLABLES = {
        "ka", "lo", "mi", "ne", "su", "ra", "to", "vi", "ze", "po", "qu", "fa", "di", "gho", "ber", "lan", "tor", "mex",
        "sil", "dun", "wyn", "cor", "plex", "tiv"
    };

    /** A file: its vector store, its id, its topic and its chunks. */
    record SyntheticFile(String vectorStoreId, String fileId, int topic, List<IndexedChunk> chunks) {}

    /** A query drawn from the chunks' distribution: a new file of an existing topic. */
    record SyntheticQuery(int topic, String text, float[] vector) {}

    private final int dims;
    private final SplittableRandom random;
    private final float[][] centres;
    private final String[][] topicWords;

    SyntheticCorpus(int dims, int clusters, long seed) {
        this.dims = dims;
        this.random = new SplittableRandom(seed);
        float[] shared = unit(gaussian(1));
        centres = new float[clusters][];
        topicWords = new String[clusters][];
        for (int k = 0; k < clusters; k++) {
            float[] u = unit(gaussian(1));
            float[] c = new float[dims];
            for (int i = 0; i < dims; i++) {
                c[i] = (float) (SHARED_DIRECTION * shared[i] + u[i]);
            }
            centres[k] = unit(c);
            topicWords[k] = new String[TOPIC_WORDS];
            for (int w = 0; w < TOPIC_WORDS; w++) {
                topicWords[k][w] = pseudoWord();
            }
        }
    }

    /** Files until {@code totalChunks} chunks, spread over {@code stores} vector stores ({@code vs_0} is the big one). */
    List<SyntheticFile> files(int totalChunks, int stores, double bigShare) {
        List<SyntheticFile> files = new ArrayList<>();
        int made = 0;
        while (made < totalChunks) {
            String store =
                    stores == 1 || random.nextDouble() < bigShare ? "vs_0" : "vs_" + (1 + random.nextInt(stores - 1));
            String fileId = "file-" + files.size();
            int topic = random.nextInt(centres.length);
            int size = Math.min(5 + random.nextInt(51), totalChunks - made);
            float[] offset = gaussian(FILE_NOISE);
            List<IndexedChunk> chunks = new ArrayList<>(size);
            for (int i = 0; i < size; i++) {
                chunks.add(new IndexedChunk(store, fileId, i, text(topic, WORDS_PER_CHUNK), vector(topic, offset)));
            }
            files.add(new SyntheticFile(store, fileId, topic, List.copyOf(chunks)));
            made += size;
        }
        return files;
    }

    /** A query about {@code topic}: two of its words and a common one, and a fresh vector of the topic. */
    SyntheticQuery query(int topic) {
        String text = topicWords[topic][random.nextInt(TOPIC_WORDS)] + " " + COMMON[random.nextInt(COMMON.length)] + " "
                + topicWords[topic][random.nextInt(TOPIC_WORDS)];
        return new SyntheticQuery(topic, text, vector(topic, gaussian(FILE_NOISE)));
    }

    private float[] vector(int topic, float[] fileOffset) {
        float[] v = gaussian(CHUNK_NOISE);
        for (int i = 0; i < dims; i++) {
            v[i] += centres[topic][i] + fileOffset[i];
        }
        return unit(v);
    }

    private String text(int topic, int words) {
        StringBuilder text = new StringBuilder();
        for (int w = 0; w < words; w++) {
            String word;
            if (w % 8 == 3) {
                word = topicWords[topic][random.nextInt(TOPIC_WORDS)];
            } else if (w % 8 == 6) {
                word = topicWords[random.nextInt(centres.length)][random.nextInt(TOPIC_WORDS)];
            } else {
                word = COMMON[random.nextInt(COMMON.length)];
            }
            text.append(w == 0 ? "" : " ").append(word);
        }
        return text.append('.').toString();
    }

    private String pseudoWord() {
        int syllables = 2 + random.nextInt(2);
        StringBuilder word = new StringBuilder();
        for (int s = 0; s < syllables; s++) {
            word.append(SYLLABLES[random.nextInt(SYLLABLES.length)]);
        }
        return word.toString();
    }

    private float[] gaussian(double sigma) {
        float[] v = new float[dims];
        for (int i = 0; i < dims; i++) {
            v[i] = (float) (random.nextGaussian() * sigma);
        }
        return v;
    }

    static float[] unit(float[] v) {
        double norm = 0;
        for (float x : v) {
            norm += (double) x * x;
        }
        float scale = (float) (1 / Math.sqrt(norm));
        float[] u = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            u[i] = v[i] * scale;
        }
        return u;
    }
}
