package com.bohe.content.search;

import org.apache.lucene.codecs.Codec;
import org.apache.lucene.codecs.KnnVectorsFormat;
import org.apache.lucene.codecs.lucene99.Lucene99HnswScalarQuantizedVectorsFormat;
import org.apache.lucene.codecs.lucene99.Lucene99HnswVectorsFormat;
import org.apache.lucene.codecs.lucene912.Lucene912Codec;

/**
 * How the article vectors are indexed: an HNSW graph over vectors scalar-quantized to 4 bits, so that the graph
 * search reads an eighth of the float vectors. At 100,000 articles (bench/search.sh --size=100000) dense
 * Recall@10 was 0.564 with floats, 0.564 with 7 bits and 0.562 with 4 bits; 26 MB of quantized vectors instead of
 * 205 MB. {@code -Dcontent.vectors.bits=7} or {@code 0} (floats) are there for the harness to compare.
 */
final class VectorFormat {

    static final int MAX_CONNECTIONS = 16;
    static final int BEAM_WIDTH = 100;

    private VectorFormat() {
    }

    static int bits() {
        return Integer.getInteger("content.vectors.bits", 4);
    }

    static KnnVectorsFormat format() {
        int bits = bits();
        if (bits == 0) {
            return new Lucene99HnswVectorsFormat(MAX_CONNECTIONS, BEAM_WIDTH);
        }
        return new Lucene99HnswScalarQuantizedVectorsFormat(MAX_CONNECTIONS, BEAM_WIDTH, 1, bits, bits == 4, null, null);
    }

    static Codec codec() {
        KnnVectorsFormat format = format();
        return new Lucene912Codec() {
            @Override
            public KnnVectorsFormat getKnnVectorsFormatForField(String field) {
                return format;
            }
        };
    }
}
