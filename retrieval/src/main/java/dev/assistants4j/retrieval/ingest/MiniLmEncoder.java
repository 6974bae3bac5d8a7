package dev.assistants4j.retrieval.ingest;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.nio.LongBuffer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs the BERT-style ONNX model on a batch of short texts at once (padded to the longest) and mean-pools each text's
 * token vectors over its attention mask, like sentence-transformers. The vectors are not normalised. Thread-safe (the
 * ONNX session and the tokenizer are).
 */
final class MiniLmEncoder {

    /** The model's position limit. */
    private static final int MAX_TOKENS = 512;

    private final OrtEnvironment environment;
    private final OrtSession session;
    private final HuggingFaceTokenizer tokenizer;
    private final boolean wantsTokenTypes;

    MiniLmEncoder(OrtEnvironment environment, OrtSession session, HuggingFaceTokenizer tokenizer) throws OrtException {
        this.environment = environment;
        this.session = session;
        this.tokenizer = tokenizer;
        this.wantsTokenTypes = session.getInputNames().contains("token_type_ids");
    }

    /** One pooled vector per text; each text should fit the model (at most 510 word pieces). */
    float[][] encode(List<String> texts) throws OrtException {
        Encoding[] encodings = tokenizer.batchEncode(texts, true, false);
        int rows = encodings.length;
        int columns = 1;
        for (Encoding encoding : encodings) {
            columns = Math.max(columns, Math.min(MAX_TOKENS, encoding.getIds().length));
        }
        long[] ids = new long[rows * columns];
        long[] mask = new long[rows * columns];
        long[] types = new long[rows * columns];
        for (int row = 0; row < rows; row++) {
            long[] rowIds = encodings[row].getIds();
            long[] rowTypes = encodings[row].getTypeIds();
            int length = Math.min(columns, rowIds.length);
            System.arraycopy(rowIds, 0, ids, row * columns, length);
            System.arraycopy(rowTypes, 0, types, row * columns, length);
            java.util.Arrays.fill(mask, row * columns, row * columns + length, 1L);
        }
        long[] shape = {rows, columns};
        try (OnnxTensor idsTensor = OnnxTensor.createTensor(environment, LongBuffer.wrap(ids), shape);
                OnnxTensor maskTensor = OnnxTensor.createTensor(environment, LongBuffer.wrap(mask), shape);
                OnnxTensor typesTensor = OnnxTensor.createTensor(environment, LongBuffer.wrap(types), shape)) {
            Map<String, OnnxTensor> inputs = new HashMap<>();
            inputs.put("input_ids", idsTensor);
            inputs.put("attention_mask", maskTensor);
            if (wantsTokenTypes) {
                inputs.put("token_type_ids", typesTensor);
            }
            try (OrtSession.Result result = session.run(inputs)) {
                float[][][] hidden = (float[][][]) result.get(0).getValue();
                return meanPool(hidden, mask, columns);
            }
        }
    }

    private static float[][] meanPool(float[][][] hidden, long[] mask, int columns) {
        float[][] pooled = new float[hidden.length][];
        for (int row = 0; row < hidden.length; row++) {
            int dimensions = hidden[row][0].length;
            float[] sum = new float[dimensions];
            int count = 0;
            for (int token = 0; token < columns; token++) {
                if (mask[row * columns + token] == 1) {
                    float[] vector = hidden[row][token];
                    for (int d = 0; d < dimensions; d++) {
                        sum[d] += vector[d];
                    }
                    count++;
                }
            }
            for (int d = 0; d < dimensions; d++) {
                sum[d] /= Math.max(1, count);
            }
            pooled[row] = sum;
        }
        return pooled;
    }
}
