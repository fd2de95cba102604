package com.bohe.content.search;

import org.apache.lucene.codecs.Codec;
import org.apache.lucene.codecs.KnnVectorsFormat;
import org.apache.lucene.codecs.lucene99.Lucene99HnswScalarQuantizedVectorsFormat;
import org.apache.lucene.codecs.lucene99.Lucene99HnswVectorsFormat;
import org.apache.lucene.codecs.lucene912.Lucene912Codec;

/**
 * How the article vectors are indexed: an HNSW graph over vectors scalar-quantized to 7 bits, which keeps what
 * a search reads at a quarter of the float vectors (bench/search.sh measured the quality of each choice).
 * {@code -Dcontent.vectors.bits=4} halves that again; {@code 0} keeps the floats, for the harness to compare.
 */
final class VectorFormat {

    static final int MAX_CONNECTIONS = 16;
    static final int BEAM_WIDTH = 100;

    private VectorFormat() {
    }

    static int bits() {
        return Integer.getInteger("content.vectors.bits", 7);
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
